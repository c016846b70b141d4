/**
 * WeChat's user-privacy protection flow (隐私保护指引, issue 12 item 7).
 *
 * WeChat blocks the APIs its privacy rules cover (photo pick, camera and
 * scan, saving to the album, …) until the person has agreed to the
 * mini-program's privacy guide, and then calls the one listener registered
 * with `wx.onNeedPrivacyAuthorization`. `installPrivacyListener()` (app.ts)
 * registers it; the listener only records the pending request, and the page's
 * PrivacyPrompt (in PageShell) shows our popup and answers it: 同意 is a
 * `<Button open-type="agreePrivacyAuthorization">` (WeChat only accepts
 * agreement through that button), 不同意 resolves `disagree` and the API
 * call that asked fails.
 *
 * We also ask first ourselves, before the first photo pick, scan and
 * subscription request: `requirePrivacy()` (wx.requirePrivacyAuthorize:
 * answers at once when already agreed). A subscription request must run in
 * the tap itself, so `requestSubscription()` only waits for the prompt when
 * agreement is still needed (known from `getPrivacySetting` at start), and
 * then the 同意 tap carries it.
 *
 * In the browser build there is no WeChat privacy API: nothing is asked.
 */
import Taro from '@tarojs/taro'

/** The id of our 同意 button (WeChat reports it back as `buttonId`). */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

interface PrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, info: { referrer: string }) => void) => void
  requirePrivacyAuthorize?: (option: { success?: () => void; fail?: (e: unknown) => void }) => void
  getPrivacySetting?: (option: { success?: (r: { needAuthorization: boolean; privacyContractName?: string }) => void; fail?: () => void }) => void
  openPrivacyContract?: (option: { fail?: () => void }) => void
}

/**
 * WeChat's privacy API, or an empty object where there is none: the browser
 * build's Taro has stand-ins that only fail ("not supported"), so only the
 * mini-program uses them.
 */
const api = (): PrivacyApi => (process.env.TARO_ENV === 'weapp' ? (Taro as unknown as PrivacyApi) : {})

let pending: Resolve | null = null
/** Whether WeChat still needs the person's agreement (null: not known yet). */
let needsAgreement: boolean | null = null
const listeners = new Set<(open: boolean) => void>()

function notify(): void {
  for (const l of listeners) l(pending !== null)
}

/**
 * Registers the app's one `onNeedPrivacyAuthorization` listener and learns
 * whether agreement is still needed. Call once at app start (app.ts); a no-op
 * where WeChat's privacy API is missing (browser build, old base library).
 */
export function installPrivacyListener(): void {
  const wx = api()
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return
  wx.onNeedPrivacyAuthorization((resolve) => {
    // A second request while the popup is open: answer the older one first.
    if (pending) pending({ event: 'disagree' })
    pending = resolve
    notify()
  })
  wx.getPrivacySetting?.({
    success: (r) => {
      needsAgreement = r.needAuthorization
    }
  })
}

/** Whether the privacy popup should be on screen. */
export function privacyPromptOpen(): boolean {
  return pending !== null
}

/** Subscribes to the popup's open state; returns the unsubscribe function. */
export function onPrivacyPrompt(listener: (open: boolean) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The popup is on screen: tells WeChat (required once it is shown). */
export function privacyPromptShown(): void {
  pending?.({ event: 'exposureAuthorization' })
}

/** 同意 was tapped (the agreePrivacyAuthorization button's event): the waiting API call goes on. */
export function agreePrivacy(): void {
  const resolve = pending
  pending = null
  needsAgreement = false
  resolve?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })
  notify()
}

/** 不同意 was tapped: the waiting API call fails; WeChat asks again next time. */
export function declinePrivacy(): void {
  const resolve = pending
  pending = null
  resolve?.({ event: 'disagree' })
  notify()
}

/**
 * Makes sure the person has agreed to the privacy guide before a photo pick,
 * scan or album save: true when agreed (at once if agreed before), false
 * when they declined. True where WeChat has no privacy API.
 */
export function requirePrivacy(): Promise<boolean> {
  const wx = api()
  if (typeof wx.requirePrivacyAuthorize !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => {
    wx.requirePrivacyAuthorize!({
      success: () => {
        needsAgreement = false
        resolve(true)
      },
      fail: () => resolve(false)
    })
  })
}

/**
 * `requestSubscribeMessage` after the privacy agreement: at once (inside the
 * person's tap, as WeChat requires) when agreement is not needed, else after
 * the popup's 同意. Answers WeChat's per-template result (`accept`, `reject`,
 * …); rejects like requestSubscribeMessage, or with `privacy declined`.
 */
export async function requestSubscription(tmplIds: string[]): Promise<Record<string, string>> {
  if (needsAgreement === true && !(await requirePrivacy())) throw new Error('privacy declined')
  return (await Taro.requestSubscribeMessage({ tmplIds } as never)) as unknown as Record<string, string>
}

/** Opens WeChat's own view of our privacy guide (as filed on the 公众平台); false where unavailable. */
export function openPrivacyContract(): boolean {
  const wx = api()
  if (typeof wx.openPrivacyContract !== 'function') return false
  wx.openPrivacyContract({})
  return true
}

/** For tests: forget pending requests and what was learnt. */
export function resetPrivacyForTests(): void {
  pending = null
  needsAgreement = null
  listeners.clear()
}

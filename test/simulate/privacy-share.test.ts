/**
 * The compiled mini-program (dist/weapp) in miniprogram-simulate (issue 12
 * item 7): the app registers WeChat's privacy listener at start and answers
 * it from its own popup (shown → exposureAuthorization, WeChat's agree event
 * on the agreement button → agree with that button's id). Before the first
 * scan, subscription request and photo pick the app asks WeChat
 * (requirePrivacyAuthorize), so the popup comes first and 不同意 stops the
 * API call; after 同意 it goes on. The share handlers of topics, activities,
 * studios, announcements and the solved board hand WeChat cards that open
 * their page, with a title and a picture.
 */
import { formatBeijing } from '../../src/core/time'
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

type Answer = { event: string; buttonId?: string }
type Options = { success?: (r?: unknown) => void; fail?: (e: unknown) => void; complete?: (r?: unknown) => void }
let listener: ((resolve: (a: Answer) => void, info: { referrer: string }) => void) | undefined
/** The privacy-covered API calls WeChat received, in order. */
const apiCalls: string[] = []
/** Whether the person agreed (WeChat keeps it; it asks through the listener until then). */
let agreed = false

/** A privacy-covered API: recorded, then it fails as a cancelled pick would (nothing more to do in this test). */
const covered = (api: string) => (o: Options = {}) => {
  apiCalls.push(api)
  const err = { errMsg: `${api}:fail cancel` }
  o.fail?.(err)
  o.complete?.(err)
}

const wx = {
  onNeedPrivacyAuthorization: (l: typeof listener) => {
    listener = l
  },
  getPrivacySetting: (o: { success?: (r: { needAuthorization: boolean }) => void }) => o.success?.({ needAuthorization: true }),
  // WeChat's own behaviour: agreed -> at once; else through the app's listener, answered by its popup
  requirePrivacyAuthorize: (o: Options = {}) => {
    apiCalls.push('requirePrivacyAuthorize')
    if (agreed) return o.success?.()
    listener!(
      (a) => {
        if (a.event === 'agree') {
          agreed = true
          o.success?.()
        } else if (a.event === 'disagree') o.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
      },
      { referrer: '' }
    )
  },
  scanCode: covered('scanCode'),
  chooseImage: covered('chooseImage'),
  requestSubscribeMessage: covered('requestSubscribeMessage')
}

const app = useWeappWithCloud('public', { wx })

type Node = { dom: HTMLElement; _exparserNode: unknown }

/** miniprogram-simulate loads a page definition once per file: each route is rendered once and kept. */
const rendered = new Map<string, Rendered>()
function pageAt(route: string, query: Record<string, string> = {}): Rendered {
  if (!rendered.has(route)) rendered.set(route, renderPage(route, query) as unknown as Rendered)
  return rendered.get(route)!
}
type Rendered = { dom: HTMLElement; instance: Record<string, any>; querySelector(selector: string): Node | null; querySelectorAll(selector: string): Node[] }

/** Fires a WeChat event on a compiled node through the component framework (as test/simulate/proposal.test.ts). */
function fire(node: Node, name: string, detail: Record<string, unknown> = {}): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(node._exparserNode, exparser.Event.create(name, detail, { bubbles: true, capturePhase: true, composed: true }))
}

/** The compiled button whose text is `text`, once it is enabled (e.g. the photo button waits for the caller's identity). */
async function button(page: Rendered, text: string | RegExp): Promise<Node> {
  let found: Node | undefined
  await until(
    () =>
      Boolean(
        (found = page
          .querySelectorAll('.nut-button')
          .find((n) => !/disabled/.test(n.dom.className) && (typeof text === 'string' ? n.dom.textContent?.trim() === text : text.test((n.dom.textContent ?? '').trim()))))
      ),
    () => `${page.querySelectorAll('.nut-button').map((n) => `${n.dom.className}: ${n.dom.textContent}`).join(' | ')}`,
    // a function's first call in this file bundles it (the photo button waits for user.me)
    90000
  )
  return found!
}

/** Taps 不同意 / 同意 on the app's privacy popup once it is on screen. */
async function answerPrompt(page: Rendered, agree: boolean): Promise<void> {
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('隐私保护提示'), () => text().slice(0, 300))
  if (agree) {
    const g = global as unknown as { CustomEvent: unknown; window: { CustomEvent: unknown } }
    const nodeCustomEvent = g.CustomEvent
    g.CustomEvent = g.window.CustomEvent
    try {
      const agreeButton = (page as unknown as { querySelector(s: string): { dispatchEvent(name: string, o?: unknown): void } }).querySelector('#privacy-agree')
      agreeButton.dispatchEvent('agreeprivacyauthorization', { detail: {} })
    } finally {
      g.CustomEvent = nodeCustomEvent
    }
  } else {
    let no: Node | null = null
    await until(() => Boolean((no = page.querySelector('.privacy-prompt__no'))), () => text().slice(0, 300))
    fire(no!, 'tap')
  }
  await until(() => !text().includes('隐私保护提示'), () => text().slice(0, 300))
}

const HOUR = 3600_000
let activityId = ''
/** A public activity whose check-in is open now, with the public persona signed up. */
async function openActivity(): Promise<string> {
  const invoke = async (openid: string, action: string, payload: Record<string, unknown>) => {
    const fn = action.split('.')[0]
    const { result } = await app.emulator.invoke<{ ok: boolean; data: { id: string }; error?: unknown }>(fn, { action, payload, requestId: `privacy-${action}-${Date.now()}` }, { openid })
    if (!result.ok) throw new Error(`${action}: ${JSON.stringify(result.error)}`)
    return result.data
  }
  const bj = (ms: number) => formatBeijing(new Date(Date.now() + ms))
  const a = await invoke('oDemoStaff00000000000000001', 'activity.create', {
    title: '社区议事厅开放日', type: 'studio_activity', place: '县政协机关一楼', startAt: bj(0.2 * HOUR), endAt: bj(2 * HOUR), signupDeadline: bj(0.1 * HOUR), capacity: 30, audience: 'public', publish: true
  })
  await invoke(app.openid, 'activity.signup', { id: a.id })
  return a.id
}

// First: a subscription request asks only while WeChat still needs the agreement (known at start), i.e. before any 同意.
test('before the first subscription request (附议 asks for topic notices): the privacy popup first', async () => {
  apiCalls.length = 0
  const page = pageAt('pages/topic/index', { id: 'topic-agate' })
  fire(await button(page, '附议'), 'tap')
  await answerPrompt(page, false)
  expect(apiCalls[0]).toBe('requirePrivacyAuthorize')
  expect(apiCalls).not.toContain('requestSubscribeMessage')
})

test('WeChat asks for the privacy agreement: the popup shows, and 同意 answers agree with our button', async () => {
  const page = pageAt('pages/privacy/index')
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('我们收集的信息'), () => text().slice(0, 300))
  expect(listener).toBeDefined()
  expect(text()).not.toContain('隐私保护提示')

  const answers: Answer[] = []
  listener!((a) => answers.push(a), { referrer: 'pages/opinion/index' })
  await until(() => text().includes('隐私保护提示'), () => text().slice(0, 300))
  await until(() => answers.length > 0, () => JSON.stringify(answers))
  expect(answers[0]).toEqual({ event: 'exposureAuthorization' })

  const agree = (page as unknown as { querySelector(s: string): { dispatchEvent(name: string, o?: unknown): void } | null }).querySelector('#privacy-agree')
  expect(agree).toBeTruthy()
  // j-component builds custom events with the global CustomEvent: it must be jsdom's (Node has its own).
  const g = global as unknown as { CustomEvent: unknown; window: { CustomEvent: unknown } }
  const nodeCustomEvent = g.CustomEvent
  g.CustomEvent = g.window.CustomEvent
  agree!.dispatchEvent('agreeprivacyauthorization', { detail: {} })
  await until(() => answers.some((a) => a.event === 'agree'), () => JSON.stringify(answers)).finally(() => {
    g.CustomEvent = nodeCustomEvent
  })
  expect(answers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
  await until(() => !text().includes('隐私保护提示'), () => text().slice(0, 300))
})

test('before the first scan: the privacy popup, and 不同意 means no scan', async () => {
  apiCalls.length = 0
  activityId = await openActivity()
  const page = pageAt('pages/activity/detail/index', { id: activityId })
  fire(await button(page, '扫码签到'), 'tap')
  await answerPrompt(page, false)
  expect(apiCalls).toEqual(['requirePrivacyAuthorize'])
  expect(apiCalls).not.toContain('scanCode')
})

test('before the first photo pick: the privacy popup; 不同意 picks nothing, 同意 opens the album', async () => {
  apiCalls.length = 0
  const page = pageAt('pages/consultation/propose/index')
  fire(await button(page, /^添加图片/), 'tap')
  await answerPrompt(page, false)
  expect(apiCalls).toEqual(['requirePrivacyAuthorize'])

  fire(await button(page, /^添加图片/), 'tap')
  await answerPrompt(page, true)
  await until(() => apiCalls.includes('chooseImage'), () => JSON.stringify(apiCalls))
  expect(apiCalls).toEqual(['requirePrivacyAuthorize', 'requirePrivacyAuthorize', 'chooseImage'])
  // agreed once: the next pick goes straight on (WeChat answers at once)
  fire(await button(page, /^添加图片/), 'tap')
  await until(() => apiCalls.filter((c) => c === 'chooseImage').length === 2, () => JSON.stringify(apiCalls))
  expect(page.dom.textContent).not.toContain('隐私保护提示')
})

test('a topic page shares a card that opens that topic, with its title and the share picture', async () => {
  const page = pageAt('pages/topic/index', { id: 'topic-agate' })
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('提升玛瑙产业发展水平'), () => text().slice(0, 300))
  const instance = page.instance as { onShareAppMessage?: (o: unknown) => Record<string, string>; onShareTimeline?: () => Record<string, string> }
  expect(typeof instance.onShareAppMessage).toBe('function')
  await until(() => instance.onShareAppMessage!({ from: 'menu' })?.title?.includes('玛瑙') ?? false, () => JSON.stringify(instance.onShareAppMessage!({ from: 'menu' })))
  expect(instance.onShareAppMessage!({ from: 'menu' })).toEqual({ title: '协商议题：提升玛瑙产业发展水平', path: '/pages/topic/index?id=topic-agate', imageUrl: '/assets/share/default.png' })
  expect(instance.onShareTimeline!()).toEqual({ title: '协商议题：提升玛瑙产业发展水平', query: 'id=topic-agate', imageUrl: '/assets/share/default.png' })
})

test('the solved board shares itself, and the share picture is in the package', async () => {
  const page = pageAt('pages/consultation/solved/index')
  const instance = page.instance as { onShareAppMessage?: (o: unknown) => Record<string, string> }
  await until(() => Boolean(instance.onShareAppMessage?.({ from: 'menu' })?.path), () => String(instance.onShareAppMessage))
  expect(instance.onShareAppMessage!({ from: 'menu' })).toMatchObject({ path: '/pages/consultation/solved/index', title: expect.stringContaining('问题解决榜') })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require('fs') as typeof import('fs')
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const path = require('path') as typeof import('path')
  expect(fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'weapp', 'assets', 'share', 'default.png'))).toBe(true)
})

type ShareInstance = { onShareAppMessage?: (o: unknown) => Record<string, string>; onShareTimeline?: () => Record<string, string> }

/** Waits until the page's card has its loaded title, then answers both forms of the card. */
async function cards(page: Rendered, titled: (title: string) => boolean) {
  const instance = page.instance as ShareInstance
  expect(typeof instance.onShareAppMessage).toBe('function')
  expect(typeof instance.onShareTimeline).toBe('function')
  await until(() => titled(instance.onShareAppMessage!({ from: 'menu' })?.title ?? ''), () => JSON.stringify(instance.onShareAppMessage!({ from: 'menu' })))
  return { friend: instance.onShareAppMessage!({ from: 'menu' }), timeline: instance.onShareTimeline!() }
}

async function publicData<T>(fn: string, action: string, payload: Record<string, unknown>): Promise<T> {
  const { result } = await app.emulator.invoke<{ ok: boolean; data: T }>(fn, { action, payload }, { openid: app.openid })
  if (!result.ok) throw new Error(`${action} failed`)
  return result.data
}

test('an activity page shares a card that opens that activity: its Beijing day and title, the share picture', async () => {
  const page = pageAt('pages/activity/detail/index', { id: activityId })
  const day = formatBeijing(new Date(Date.now() + 0.2 * HOUR), 'M月D日')
  const { friend, timeline } = await cards(page, (t) => t.includes('社区议事厅开放日'))
  expect(friend).toEqual({ title: `${day} 社区议事厅开放日`, path: `/pages/activity/detail/index?id=${activityId}`, imageUrl: '/assets/share/default.png' })
  expect(timeline).toEqual({ title: `${day} 社区议事厅开放日`, query: `id=${activityId}`, imageUrl: '/assets/share/default.png' })
})

test('a studio page shares a card that opens that studio, named', async () => {
  const studios = await publicData<{ items: { id: string; name: string }[] }>('studio', 'studio.list', {})
  const s = studios.items[0]
  const page = pageAt('studio/detail/index', { id: s.id })
  const { friend, timeline } = await cards(page, (t) => t === s.name)
  expect(friend).toEqual({ title: s.name, path: `/studio/detail/index?id=${encodeURIComponent(s.id)}`, imageUrl: '/assets/share/default.png' })
  expect(timeline).toEqual({ title: s.name, query: `id=${encodeURIComponent(s.id)}`, imageUrl: '/assets/share/default.png' })
})

test('an announcement shares a card that opens it, with its reviewed cover or the share picture', async () => {
  const list = await publicData<{ items: { id: string; title: string; coverFileID?: string }[] }>('studio', 'studio.announcements', {})
  const a = list.items[0]
  const page = pageAt('studio/announcement/index', { id: a.id })
  const { friend, timeline } = await cards(page, (t) => t.includes(Array.from(a.title).slice(0, 10).join('')))
  expect(friend.path).toBe(`/studio/announcement/index?id=${encodeURIComponent(a.id)}`)
  expect(friend.title.startsWith('工作室公告：')).toBe(true)
  expect(friend.imageUrl).toBe(a.coverFileID || '/assets/share/default.png')
  expect(timeline).toEqual({ title: friend.title, query: `id=${encodeURIComponent(a.id)}`, imageUrl: friend.imageUrl })
})

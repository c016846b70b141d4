/**
 * WeChat conventions (issue 12 item 7): the privacy agreement popup before a
 * photo pick, scan or subscription request; the 隐私保护指引 page; share
 * cards that open the shared page with a title and picture.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import PrivacyGuide from '@/pages/privacy/index'
import TopicPage from '@/pages/topic/index'
import SolvedBoard from '@/pages/consultation/solved/index'
import { setTransport } from '@/services'
import { installPrivacyListener, requirePrivacy, requestSubscription, resetPrivacyForTests } from '@/services/privacy'
import { DEFAULT_SHARE_IMAGE, shareCards, timelineOf } from '@/services/share'
import { installFakeTransport } from './support/fake-transport'

type Resolve = (o: { event: string; buttonId?: string }) => void
type AnyTaro = Record<string, unknown>
const t = Taro as unknown as AnyTaro
const saved: AnyTaro = {}
const env = process.env.TARO_ENV

/** A WeChat that has not had the privacy agreement yet: requirePrivacyAuthorize goes through our listener. */
function wechatWithoutAgreement() {
  let listener: ((resolve: Resolve, info: { referrer: string }) => void) | undefined
  let agreed = false
  const answers: string[] = []
  for (const k of ['onNeedPrivacyAuthorization', 'requirePrivacyAuthorize', 'getPrivacySetting', 'requestSubscribeMessage']) saved[k] = t[k]
  t.onNeedPrivacyAuthorization = (l: typeof listener) => {
    listener = l
  }
  t.getPrivacySetting = (o: { success: (r: { needAuthorization: boolean }) => void }) => o.success({ needAuthorization: !agreed })
  t.requirePrivacyAuthorize = (o: { success: () => void; fail: () => void }) => {
    if (agreed) return o.success()
    listener!(
      (answer) => {
        answers.push(answer.event)
        if (answer.event === 'agree' && answer.buttonId === 'privacy-agree') {
          agreed = true
          o.success()
        } else if (answer.event === 'disagree') o.fail()
      },
      { referrer: 'pages/privacy/index' }
    )
  }
  const subscribe = jest.fn(async (o: { tmplIds: string[] }) => Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])))
  t.requestSubscribeMessage = subscribe
  process.env.TARO_ENV = 'weapp'
  installPrivacyListener()
  return { answers, subscribe, agreed: () => agreed }
}

afterEach(() => {
  Object.assign(t, saved)
  process.env.TARO_ENV = env
  resetPrivacyForTests()
  setTransport(undefined)
})

test('before the first photo pick WeChat asks, our popup shows; 不同意 stops it, 同意 lets it go on and is not asked again', async () => {
  const wx = wechatWithoutAgreement()
  render(<PrivacyGuide />)
  expect(screen.queryByText('隐私保护提示')).toBeNull()

  let first!: Promise<boolean>
  act(() => {
    first = requirePrivacy()
  })
  expect(await screen.findByText('隐私保护提示')).toBeTruthy()
  // WeChat is told the popup is on screen.
  await waitFor(() => expect(wx.answers).toContain('exposureAuthorization'))
  fireEvent.click(screen.getByText('不同意'))
  expect(await first).toBe(false)
  await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull())

  let second!: Promise<boolean>
  act(() => {
    second = requirePrivacy()
  })
  await screen.findByText('隐私保护提示')
  // 同意 is WeChat's own agreement button; WeChat then sends its agree event.
  const agree = document.getElementById('privacy-agree')!
  expect(agree.textContent).toContain('同意并继续')
  expect(agree.getAttribute('open-type') ?? agree.getAttribute('openType') ?? (agree as unknown as { openType?: string }).openType).toBe('agreePrivacyAuthorization')
  const { agreePrivacy } = await import('@/services/privacy')
  act(() => agreePrivacy())
  expect(await second).toBe(true)
  expect(wx.agreed()).toBe(true)
  await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull())
  expect(await requirePrivacy()).toBe(true)
  expect(wx.answers.filter((a) => a === 'agree')).toHaveLength(1)
})

test('a subscription request waits for the agreement the first time, and goes straight to WeChat afterwards', async () => {
  const wx = wechatWithoutAgreement()
  render(<PrivacyGuide />)
  let answer!: Promise<Record<string, string>>
  act(() => {
    answer = requestSubscription(['tmpl-progress'])
  })
  await screen.findByText('隐私保护提示')
  expect(wx.subscribe).not.toHaveBeenCalled()
  const { agreePrivacy } = await import('@/services/privacy')
  act(() => agreePrivacy())
  expect(await answer).toEqual({ 'tmpl-progress': 'accept' })
  expect(wx.subscribe).toHaveBeenCalledTimes(1)
  await requestSubscription(['tmpl-progress'])
  expect(wx.subscribe).toHaveBeenCalledTimes(2)
  expect(screen.queryByText('隐私保护提示')).toBeNull()
})

test('the browser build has no WeChat privacy API: nothing is asked', async () => {
  process.env.TARO_ENV = 'h5'
  installPrivacyListener()
  expect(await requirePrivacy()).toBe(true)
})

test('the 隐私保护指引 page says what is collected and why', () => {
  render(<PrivacyGuide />)
  for (const what of ['照片（相册或拍摄）', '摄像头（扫码）', '订阅消息', '联系电话（自愿填写）']) expect(screen.getByText(what)).toBeTruthy()
  expect(screen.getByText(/经内容安全检测后才会公开显示/)).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/openid/i)
})

/** Captures what the page registers with useShareAppMessage / useShareTimeline. */
function captureShare() {
  const got: { message?: () => unknown; timeline?: () => unknown } = {}
  saved.useShareAppMessage = t.useShareAppMessage
  saved.useShareTimeline = t.useShareTimeline
  t.useShareAppMessage = (fn: () => unknown) => void (got.message = fn)
  t.useShareTimeline = (fn: () => unknown) => void (got.timeline = fn)
  return got
}

test('a topic shares as a card that opens that topic, titled with the topic, with the share picture', async () => {
  const share = captureShare()
  ;(Current as { router: unknown }).router = { params: { id: 'topic-agate' }, path: '/pages/topic/index' }
  installFakeTransport({
    'topic.get': () => ({
      id: 'topic-agate', title: '提升玛瑙产业发展水平', category: '产业发展', state: 'proposed', supportCount: 12, commentCount: 0, place: '十家子镇',
      proposedAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-02T02:00:00.000Z', description: '玛瑙加工户多是家庭作坊。', images: [], proposerName: '王晓岚委员',
      isProposer: false, supported: false, canSupport: true, canComment: true, recommendations: [], reopenCount: 0, timeline: [], comments: { items: [] }, fileUrls: {}
    })
  })
  render(<TopicPage />)
  // Before the topic arrives the card still opens the same topic.
  expect(share.message!()).toMatchObject({ path: '/pages/topic/index?id=topic-agate' })
  await screen.findAllByText('提升玛瑙产业发展水平')
  await waitFor(() => expect(share.message!()).toEqual({ title: '协商议题：提升玛瑙产业发展水平', path: '/pages/topic/index?id=topic-agate', imageUrl: DEFAULT_SHARE_IMAGE }))
  expect(share.timeline!()).toEqual({ title: '协商议题：提升玛瑙产业发展水平', query: 'id=topic-agate', imageUrl: DEFAULT_SHARE_IMAGE })
})

test('the solved board shares as itself', () => {
  const share = captureShare()
  installFakeTransport({ 'topic.counts': () => new Promise(() => undefined), 'topic.solved': () => new Promise(() => undefined) })
  render(<SolvedBoard />)
  expect(share.message!()).toMatchObject({ path: '/pages/consultation/solved/index', title: expect.stringContaining('问题解决榜') })
  expect(share.timeline!()).toMatchObject({ query: '' })
})

test('cards: activities name their Beijing day, announcements show their reviewed cover, long titles are cut', () => {
  expect(shareCards.activity({ id: 'act-1', title: '送医下乡义诊', startAt: '2026-12-04T16:30:00.000Z' })).toEqual({ title: '12月5日 送医下乡义诊', path: '/pages/activity/detail/index?id=act-1', imageUrl: DEFAULT_SHARE_IMAGE })
  expect(shareCards.announcement({ id: 'n1', title: '开放时间调整', coverFileID: 'cloud://env/covers/n1.jpg' }).imageUrl).toBe('cloud://env/covers/n1.jpg')
  expect(shareCards.studio({ id: 's 1', name: '东梁温泉康养委员工作室' }).path).toBe('/studio/detail/index?id=s%201')
  const long = shareCards.topic({ id: 'x', title: '关于进一步加强农村饮用水安全保障和供水管网改造提升工作的建议' }).title
  expect(Array.from(long).length).toBe(28)
  expect(long.endsWith('…')).toBe(true)
  expect(timelineOf(shareCards.solved()).query).toBe('')
})

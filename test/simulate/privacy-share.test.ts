/**
 * The compiled mini-program (dist/weapp) in miniprogram-simulate (issue 12
 * item 7): the app registers WeChat's privacy listener at start and answers
 * it from its own popup (shown → exposureAuthorization, WeChat's agree event
 * on the agreement button → agree with that button's id); the topic and
 * solved pages hand WeChat share cards that open them, with title and picture.
 */
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

type Answer = { event: string; buttonId?: string }
let listener: ((resolve: (a: Answer) => void, info: { referrer: string }) => void) | undefined
const wx = {
  onNeedPrivacyAuthorization: (l: typeof listener) => {
    listener = l
  },
  getPrivacySetting: (o: { success?: (r: { needAuthorization: boolean }) => void }) => o.success?.({ needAuthorization: true })
}

useWeappWithCloud('public', { wx })

test('WeChat asks for the privacy agreement: the popup shows, and 同意 answers agree with our button', async () => {
  const page = renderPage('pages/privacy/index')
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

test('a topic page shares a card that opens that topic, with its title and the share picture', async () => {
  const page = renderPage('pages/topic/index', { id: 'topic-agate' })
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('提升玛瑙产业发展水平'), () => text().slice(0, 300))
  const instance = page.instance as { onShareAppMessage?: (o: unknown) => Record<string, string>; onShareTimeline?: () => Record<string, string> }
  expect(typeof instance.onShareAppMessage).toBe('function')
  await until(() => instance.onShareAppMessage!({ from: 'menu' })?.title?.includes('玛瑙') ?? false, () => JSON.stringify(instance.onShareAppMessage!({ from: 'menu' })))
  expect(instance.onShareAppMessage!({ from: 'menu' })).toEqual({ title: '协商议题：提升玛瑙产业发展水平', path: '/pages/topic/index?id=topic-agate', imageUrl: '/assets/share/default.png' })
  expect(instance.onShareTimeline!()).toEqual({ title: '协商议题：提升玛瑙产业发展水平', query: 'id=topic-agate', imageUrl: '/assets/share/default.png' })
})

test('the solved board shares itself, and the share picture is in the package', async () => {
  const page = renderPage('pages/consultation/solved/index')
  const instance = page.instance as { onShareAppMessage?: (o: unknown) => Record<string, string> }
  await until(() => Boolean(instance.onShareAppMessage?.({ from: 'menu' })?.path), () => String(instance.onShareAppMessage))
  expect(instance.onShareAppMessage!({ from: 'menu' })).toMatchObject({ path: '/pages/consultation/solved/index', title: expect.stringContaining('问题解决榜') })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require('fs') as typeof import('fs')
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const path = require('path') as typeof import('path')
  expect(fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'weapp', 'assets', 'share', 'default.png'))).toBe(true)
})

/** 首页: identity, studios and topics with loading, empty, error-with-retry and data states. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Home from '@/pages/index/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError, deferred } from './support/fake-transport'
import { memberMe, publicMe, studios, topics } from './fixtures'

afterEach(() => setTransport(undefined))

test('shows loading states until the answers arrive', async () => {
  const me = deferred<unknown>()
  installFakeTransport({ 'user.me': () => me.promise, 'studio.list': () => new Promise(() => undefined), 'topic.list': () => new Promise(() => undefined) })
  render(<Home />)
  expect(screen.getByText('正在识别身份…')).toBeTruthy()
  expect(screen.getAllByText('加载中…')).toHaveLength(2)
  me.resolve(publicMe)
  expect(await screen.findByText('您好')).toBeTruthy()
  expect(screen.getAllByText('加载中…')).toHaveLength(2)
})

test('shows the member, their roles, the studios and the topics', async () => {
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'studio.list': () => ({ items: studios }),
    'topic.list': () => ({ items: topics })
  })
  render(<Home />)
  expect(await screen.findByText('林晓梅委员，您好')).toBeTruthy()
  expect(screen.getByText('委员')).toBeTruthy()
  expect(await screen.findByText('城关镇委员工作室')).toBeTruthy()
  expect(screen.getByText('6 位委员')).toBeTruthy()
  expect(screen.getByText('（两代表一委员）')).toBeTruthy()
  expect(await screen.findByText('绕阳河源头治理')).toBeTruthy()
  expect(screen.getByText('征集附议')).toBeTruthy()
  expect(screen.getByText('跟踪落实')).toBeTruthy()
  // One call per action, to the function the contract names, with a request id.
  expect(fake.callsOf('studio.list')).toEqual([expect.objectContaining({ fn: 'studio', payload: { limit: 20 }, requestId: expect.any(String) })])
  expect(fake.callsOf('topic.list')[0]).toMatchObject({ fn: 'consultation', payload: { limit: 5 } })
  expect(fake.callsOf('user.me')[0]).toMatchObject({ fn: 'user', payload: {} })
})

test('says so when there are no studios and no topics', async () => {
  installFakeTransport({ 'user.me': () => publicMe, 'studio.list': () => ({ items: [] }), 'topic.list': () => ({ items: [] }) })
  render(<Home />)
  expect(await screen.findByText('暂无委员工作室')).toBeTruthy()
  expect(screen.getByText('暂时没有协商议题')).toBeTruthy()
})

test('a failing call shows its Chinese message and 重试 loads again', async () => {
  let topicCalls = 0
  installFakeTransport({
    'user.me': () => publicMe,
    'studio.list': () => ({ items: studios }),
    'topic.list': () => {
      topicCalls += 1
      if (topicCalls === 1) throw replyError('COMMON.INTERNAL')
      return { items: topics }
    }
  })
  render(<Home />)
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  expect(screen.queryByText('绕阳河源头治理')).toBeNull()
  // Studios are unaffected by the topic failure (they load once the topics have settled).
  expect(await screen.findByText('城关镇委员工作室')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('绕阳河源头治理')).toBeTruthy()
  expect(screen.queryByText('服务暂时不可用，请稍后再试')).toBeNull()
  expect(topicCalls).toBe(2)
})

test('a network failure is retried once, then shown as a network error', async () => {
  let meCalls = 0
  installFakeTransport({
    'user.me': () => {
      meCalls += 1
      throw new Error('request:fail timeout')
    },
    'studio.list': () => ({ items: [] }),
    'topic.list': () => ({ items: [] })
  })
  render(<Home />)
  expect(await screen.findByText('网络不稳定，请检查网络后重试')).toBeTruthy()
  expect(meCalls).toBe(2)
})

test('a server message is shown as the server wrote it', async () => {
  installFakeTransport({
    'user.me': () => publicMe,
    'studio.list': () => {
      throw replyError('AUTH.FORBIDDEN')
    },
    'topic.list': () => ({ items: [] })
  })
  render(<Home />)
  expect(await screen.findByText('您没有权限进行此操作')).toBeTruthy()
  await waitFor(() => expect(screen.getAllByText('重试').length).toBeGreaterThan(0))
})

test('the first screen costs two calls: the studios below the fold load when scrolled towards', async () => {
  type Entry = { isIntersecting: boolean; intersectionRatio: number; target: Element }
  const observers: { callback: (entries: Entry[]) => void; targets: Element[]; margin?: string }[] = []
  class FakeObserver {
    targets: Element[] = []
    margin?: string
    constructor(public callback: (entries: Entry[]) => void, options?: { rootMargin?: string }) {
      this.margin = options?.rootMargin
      observers.push(this)
    }
    observe(target: Element) {
      this.targets.push(target)
    }
    unobserve() {}
    disconnect() {}
  }
  const g = globalThis as { IntersectionObserver?: unknown }
  g.IntersectionObserver = FakeObserver
  try {
    const fake = installFakeTransport({ 'user.me': () => publicMe, 'studio.list': () => ({ items: studios }), 'topic.list': () => ({ items: topics }) })
    render(<Home />)
    expect(await screen.findByText('绕阳河源头治理')).toBeTruthy()
    await waitFor(() => expect(observers.some((o) => o.targets.length > 0)).toBe(true))
    const watcher = observers.find((o) => o.targets.length > 0)!
    expect(watcher.targets[0].className).toContain('home__studios')
    expect(watcher.margin).toBe('0px 0px 0px 0px')
    // nothing seen yet: the first screen made two calls
    expect(fake.callsOf('studio.list')).toHaveLength(0)
    expect(fake.callsOf('user.me')).toHaveLength(1)
    expect(fake.callsOf('topic.list')).toHaveLength(1)
    expect(screen.queryByText('城关镇委员工作室')).toBeNull()
    // the person scrolls towards the studios
    watcher.callback([{ isIntersecting: true, intersectionRatio: 0.3, target: watcher.targets[0] }])
    expect(await screen.findByText('城关镇委员工作室')).toBeTruthy()
    expect(fake.callsOf('studio.list')).toHaveLength(1)
  } finally {
    delete g.IntersectionObserver
  }
})

/**
 * Navigation never dead-ends (issue 13 item 11): with 9 pages on WeChat's
 * 10-page stack a new page replaces the current one, tab pages open with
 * switchTab, and a navigation that fails is shown to the person (a toast in
 * Chinese) instead of being swallowed. Also through a real page: a studio
 * opened deep in a chain of detail pages.
 */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { navigate, go } from '@/hooks'
import { NAVIGATION_FAILED, TAB_PAGES } from '@/hooks/navigate'
import StudioList from '@/studio/list/index'
import { setTransport } from '@/services'
import { installFakeTransport } from './support/fake-transport'
import { studios } from './fixtures'

type Fn = jest.Mock<Promise<unknown>, [{ url: string }]>
const taro = Taro as unknown as Record<string, unknown>
const saved = Object.fromEntries(['navigateTo', 'redirectTo', 'switchTab', 'showToast', 'getCurrentPages'].map((k) => [k, taro[k]]))

let navigateTo: Fn
let redirectTo: Fn
let switchTab: Fn
let toasts: string[]
let depth = 1

beforeEach(() => {
  depth = 1
  toasts = []
  navigateTo = jest.fn<Promise<unknown>, [{ url: string }]>(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
  redirectTo = jest.fn<Promise<unknown>, [{ url: string }]>(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
  switchTab = jest.fn<Promise<unknown>, [{ url: string }]>(() => Promise.resolve({ errMsg: 'switchTab:ok' }))
  Object.assign(taro, {
    navigateTo,
    redirectTo,
    switchTab,
    getCurrentPages: () => Array.from({ length: depth }, (_, i) => ({ route: `pages/p${i}` })),
    showToast: (o: { title: string }) => {
      toasts.push(o.title)
      return Promise.resolve()
    }
  })
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  Object.assign(taro, saved)
  setTransport(undefined)
  jest.restoreAllMocks()
})

describe('navigate', () => {
  it('opens a detail page on top of the stack while there is room', async () => {
    depth = 8
    expect(await navigate('/pages/topic/index?id=t-1')).toBe(true)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/topic/index?id=t-1' })
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it.each([9, 10])('with %i pages on the stack replaces the current page instead', async (pages) => {
    depth = pages
    expect(await navigate('/pages/activity/detail/index?id=a-1')).toBe(true)
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/activity/detail/index?id=a-1' })
    expect(navigateTo).not.toHaveBeenCalled()
    expect(toasts).toEqual([])
  })

  it('opens a tab page with switchTab, without the query WeChat would refuse', async () => {
    depth = 9
    expect(await navigate('/pages/consult/index?tab=open')).toBe(true)
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/consult/index' })
    expect(navigateTo).not.toHaveBeenCalled()
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('replace: true redirects at any depth (a finished form)', async () => {
    await navigate('/pages/opinion/detail/index?id=o-1', { replace: true })
    expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/opinion/detail/index?id=o-1' })
  })

  it('a stack that filled up unseen (navigateTo fails for the limit) still opens the page by redirect', async () => {
    navigateTo.mockRejectedValueOnce({ errMsg: 'navigateTo:fail webview count limit exceed' })
    expect(await navigate('/studio/detail/index?id=s-1')).toBe(true)
    expect(redirectTo).toHaveBeenCalledWith({ url: '/studio/detail/index?id=s-1' })
    expect(toasts).toEqual([])
  })

  it('a failed navigation is shown to the person in Chinese, not swallowed', async () => {
    navigateTo.mockRejectedValueOnce({ errMsg: 'navigateTo:fail page "studio/nope/index" is not found' })
    expect(await navigate('/studio/nope/index')).toBe(false)
    expect(toasts).toEqual([NAVIGATION_FAILED])
    expect(NAVIGATION_FAILED).toMatch(/^[\u4e00-\u9fff，]+$/)
    // a failing redirect at depth too
    depth = 9
    redirectTo.mockRejectedValueOnce(new Error('redirectTo:fail'))
    expect(await navigate('/pages/topic/index?id=t-2')).toBe(false)
    expect(toasts).toEqual([NAVIGATION_FAILED, NAVIGATION_FAILED])
  })

  it('go(url) is a click handler doing the same', async () => {
    depth = 9
    go('/pages/opinion/mine/index')()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/opinion/mine/index' }))
  })

  it('knows the tab pages app.config.ts declares', () => {
    const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown }
    g.defineAppConfig = (c) => c
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const config = require('@/app.config').default as { tabBar: { list: { pagePath: string }[] } }
    delete g.defineAppConfig
    expect([...TAB_PAGES]).toEqual(config.tabBar.list.map((t) => `/${t.pagePath}`))
  })
})

describe('on a page', () => {
  it('a studio opened from a list nine pages deep replaces the list; a failure shows the toast', async () => {
    installFakeTransport({ 'studio.list': () => ({ items: studios }) })
    render(<StudioList />)
    fireEvent.click(await screen.findByText('城关镇委员工作室'))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledTimes(1))
    expect(navigateTo.mock.calls[0][0].url).toMatch(/^\/studio\/detail\/index\?id=/)

    depth = 9
    fireEvent.click(screen.getByText('城关镇委员工作室'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(redirectTo.mock.calls[0][0].url).toMatch(/^\/studio\/detail\/index\?id=/)

    depth = 3
    navigateTo.mockRejectedValueOnce({ errMsg: 'navigateTo:fail timeout' })
    fireEvent.click(screen.getByText('城关镇委员工作室'))
    await waitFor(() => expect(toasts).toEqual([NAVIGATION_FAILED]))
  })
})

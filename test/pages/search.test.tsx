/**
 * 搜索 (issue 12 item 8): no call before the person searches, results of
 * several kinds with snippet and date, the kind tabs, the empty and error
 * states, recent searches kept on the device, a hit opens its page; the
 * search bar on 首页 opens the page without a call of its own.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro, { Current } from '@tarojs/taro'
import Search from '@/search/index/index'
import { SearchEntry } from '@/components'
import { setTransport } from '@/services'
import { RECENT_KEY } from '@/search/recent'
import { installFakeTransport, replyError } from './support/fake-transport'

// The shared Taro stand-in lacks the storage APIs; give it taro-h5's (localStorage-backed) ones (as care-mode.test.tsx).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const taroH5 = require('@tarojs/taro-h5')
for (const api of ['getStorageSync', 'setStorageSync', 'removeStorageSync'] as const) {
  const tt = Taro as unknown as Record<string, unknown>
  if (typeof tt[api] !== 'function') tt[api] = taroH5[api]
}

const hits = [
  { kind: 'topic', id: 'topic-peanut', title: '以科技赋能推动花生产业高质量发展', snippet: '…推广花生新品种和机械化种植…', date: '2026-11-20T02:00:00.000Z', route: '/pages/topic/index' },
  { kind: 'activity', id: 'act-7', title: '花生产业委员工作室：新品种种植技术交流', snippet: '欢迎种植户参加', date: '2026-11-18T02:00:00.000Z', route: '/pages/activity/detail/index' }
]

beforeEach(() => {
  (Current as { router: unknown }).router = { params: {}, path: '/search/index/index' }
  Taro.removeStorageSync(RECENT_KEY)
})
afterEach(() => {
  setTransport(undefined)
  jest.restoreAllMocks()
})

function typeAndSearch(text: string) {
  const input = document.querySelector('.search__bar input') as HTMLInputElement
  fireEvent.input(input, { target: { value: text }, detail: { value: text } })
  fireEvent.click(screen.getByText('搜索'))
}

test('asks nothing until a search; then shows hits of each kind and opens one', async () => {
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const fake = installFakeTransport({ 'search.query': () => ({ items: hits }) })
  render(<Search />)
  expect(screen.getByText('输入词语查找议题、活动、委员工作室和公告')).toBeTruthy()
  expect(fake.callsOf('search.query')).toHaveLength(0)
  typeAndSearch('  花生 ')
  expect(await screen.findByText('以科技赋能推动花生产业高质量发展')).toBeTruthy()
  expect(fake.callsOf('search.query')[0]).toMatchObject({ fn: 'search', payload: { text: '花生', limit: 10 } })
  expect(screen.getByText('…推广花生新品种和机械化种植…')).toBeTruthy()
  expect(screen.getAllByText('议题')).toHaveLength(2) // the tab and the hit's badge
  expect(screen.getAllByText('活动')).toHaveLength(2)
  fireEvent.click(screen.getByText('花生产业委员工作室：新品种种植技术交流'))
  await waitFor(() => expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/activity/detail/index?id=act-7' })))
  // A kind tab searches that kind only.
  fireEvent.click(screen.getByText('工作室'))
  await waitFor(() => expect(fake.callsOf('search.query').some((c) => (c.payload as { kind?: string }).kind === 'studio')).toBe(true))
})

test('清空 empties the bar, and the keyboard\'s search key searches what is typed', async () => {
  const fake = installFakeTransport({ 'search.query': () => ({ items: hits }) })
  render(<Search />)
  const input = document.querySelector('.search__bar input') as HTMLInputElement
  expect(screen.queryByRole('button', { name: '清空搜索词' })).toBeNull()
  fireEvent.input(input, { target: { value: '花生' }, detail: { value: '花生' } })
  fireEvent.click(await screen.findByRole('button', { name: '清空搜索词' }))
  await waitFor(() => expect((document.querySelector('.search__bar input') as HTMLInputElement).value).toBe(''))
  expect(fake.callsOf('search.query')).toHaveLength(0)
  fireEvent.input(input, { target: { value: '花生' }, detail: { value: '花生' } })
  fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 })
  expect(await screen.findByText('以科技赋能推动花生产业高质量发展')).toBeTruthy()
  expect(fake.callsOf('search.query')[0].payload).toMatchObject({ text: '花生' })
})

test('nothing found names the words; an error offers 重试', async () => {
  let calls = 0
  installFakeTransport({
    'search.query': (payload: unknown) => {
      calls += 1
      if ((payload as { text: string }).text === '出错') {
        if (calls === 1) throw replyError('COMMON.INTERNAL')
        return { items: hits }
      }
      return { items: [] }
    }
  })
  render(<Search />)
  typeAndSearch('出错')
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('以科技赋能推动花生产业高质量发展')).toBeTruthy()
  typeAndSearch('子虚乌有')
  expect(await screen.findByText('没有找到与“子虚乌有”相关的内容')).toBeTruthy()
})

test('recent searches are kept on the device, can be searched again and cleared', async () => {
  const fake = installFakeTransport({ 'search.query': () => ({ items: [] }) })
  const first = render(<Search />)
  typeAndSearch('养老')
  await screen.findByText('没有找到与“养老”相关的内容')
  first.unmount()
  render(<Search />)
  expect(screen.getByText('最近搜索')).toBeTruthy()
  fireEvent.click(screen.getByText('养老'))
  await screen.findByText('没有找到与“养老”相关的内容')
  expect(fake.callsOf('search.query')).toHaveLength(2)
  expect(Taro.getStorageSync(RECENT_KEY)).toEqual(['养老'])
})

test('the search bar on 首页 and the lists opens 搜索 without a call', async () => {
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const fake = installFakeTransport({})
  render(<SearchEntry kind='activity' placeholder='搜索活动' />)
  fireEvent.click(screen.getByText('搜索活动'))
  await waitFor(() => expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/search/index/index?kind=activity' })))
  expect(fake.calls).toHaveLength(0)
})

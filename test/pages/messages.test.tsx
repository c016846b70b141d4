/** 我的消息: the unread badge on 我的 (one count), the list with 未读, opening one marks it read and goes to its page. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Mine from '@/pages/mine/index'
import MyMessages from '@/member/messages/index'
import { setTransport } from '@/services'
import { installFakeTransport } from './support/fake-transport'
import { publicMe } from './fixtures'

afterEach(() => {
  setTransport(undefined)
  jest.restoreAllMocks()
})

const messages = [
  { id: 'msg-aaaaaaaaaaaaaaaaaaaaaaaa', title: '委员读书分享会', status: '活动变更', note: '活动已取消：场地检修', page: '/pages/activity/detail/index?id=act-1', at: '2026-11-30T02:05:00.000Z', read: false },
  { id: 'msg-bbbbbbbbbbbbbbbbbbbbbbbb', title: '村道破损路段需要维修', status: '未采用', note: '已转交交通部门处理', page: '/pages/opinion/detail/index?id=op-1', at: '2026-11-28T06:00:00.000Z', read: true }
]

test('我的 shows the unread count from one cheap call', async () => {
  const fake = installFakeTransport({ 'user.me': () => publicMe, 'user.unreadCount': () => ({ unread: 3 }) })
  render(<Mine />)
  expect(await screen.findByText('3 条未读')).toBeTruthy()
  expect(screen.getByText('我的消息')).toBeTruthy()
  expect(fake.callsOf('user.unreadCount').length).toBeGreaterThanOrEqual(1)
  expect(fake.callsOf('user.messages')).toHaveLength(0)
})

test('no badge when everything is read', async () => {
  installFakeTransport({ 'user.me': () => publicMe, 'user.unreadCount': () => ({ unread: 0 }) })
  render(<Mine />)
  expect(await screen.findByText('我的消息')).toBeTruthy()
  await waitFor(() => expect(screen.queryByText(/条未读/)).toBeNull())
})

test('the list marks unread ones; opening one marks it read and opens its page; 全部标为已读', async () => {
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  const fake = installFakeTransport({ 'user.messages': () => ({ items: messages }), 'user.markRead': () => ({ unread: 0 }) })
  render(<MyMessages />)
  expect(await screen.findByText('委员读书分享会')).toBeTruthy()
  expect(screen.getByText('活动变更 · 11月30日 10:05')).toBeTruthy()
  expect(screen.getByText('活动已取消：场地检修')).toBeTruthy()
  expect(screen.getAllByText('未读')).toHaveLength(1)
  fireEvent.click(screen.getByText('委员读书分享会'))
  await waitFor(() => expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/activity/detail/index?id=act-1' })))
  expect(fake.callsOf('user.markRead')[0].payload).toEqual({ ids: ['msg-aaaaaaaaaaaaaaaaaaaaaaaa'] })
  await waitFor(() => expect(screen.queryByText('未读')).toBeNull())
})

test('an empty inbox says what will appear there', async () => {
  installFakeTransport({ 'user.messages': () => ({ items: [] }) })
  render(<MyMessages />)
  expect(await screen.findByText('暂时没有消息')).toBeTruthy()
})

/**
 * 电脑端登录确认 and 已登录的电脑 (issue 14 item 1): the phone says plainly
 * which computer asks before anyone confirms; a person without console work
 * cannot confirm; an expired code says so; sessions can be ended.
 */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DeskLogin from '@/desk/login/index'
import DeskSessions from '@/desk/sessions/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'

const TICKET = 'AbCdEfGhIjKlMnOpQrStUv'

afterEach(() => setTransport(undefined))

function openWith(params: Record<string, string>) {
  const current = Current as { router: unknown }
  current.router = { params, path: '/desk/login/index' }
}

function describeAs(overrides: Record<string, unknown> = {}) {
  return () => ({
    state: 'pending',
    computer: 'Windows 电脑 · Chrome 浏览器',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/124.0',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 90_000).toISOString(),
    allowed: true,
    roleLabels: ['机关工作人员'],
    ...overrides
  })
}

test('names the computer and the role, then confirms', async () => {
  openWith({ scene: encodeURIComponent(TICKET) })
  const fake = installFakeTransport({ 'console.describeTicket': describeAs(), 'console.confirmTicket': () => ({ state: 'confirmed' }) })
  render(<DeskLogin />)
  expect(await screen.findByText('Windows 电脑 · Chrome 浏览器')).toBeTruthy()
  expect(screen.getByText('将以“机关工作人员”身份登录，只能办理您有权限的工作。')).toBeTruthy()
  expect(screen.getByText(/如果这不是您本人刚在电脑上发起的/)).toBeTruthy()
  fireEvent.click(screen.getByText('确认登录'))
  expect(await screen.findByText('已确认登录，请回到电脑上继续操作')).toBeTruthy()
  expect(fake.callsOf('console.confirmTicket')[0].payload).toEqual({ ticket: TICKET })
  expect(screen.queryByText('确认登录')).toBeNull()
})

test('a person without console work cannot confirm', async () => {
  openWith({ scene: TICKET })
  const fake = installFakeTransport({ 'console.describeTicket': describeAs({ allowed: false, roleLabels: [] }) })
  render(<DeskLogin />)
  expect(await screen.findByText('您没有可以在电脑端办理的工作')).toBeTruthy()
  expect(screen.queryByText('确认登录')).toBeNull()
  expect(fake.callsOf('console.confirmTicket')).toHaveLength(0)
})

test('an expired code says so; a refused confirmation shows why', async () => {
  openWith({ scene: TICKET })
  installFakeTransport({ 'console.describeTicket': describeAs({ state: 'expired', expiresAt: new Date(Date.now() - 1000).toISOString() }) })
  const { unmount } = render(<DeskLogin />)
  expect(await screen.findByText('登录码已过期')).toBeTruthy()
  unmount()
  installFakeTransport({ 'console.describeTicket': describeAs(), 'console.confirmTicket': () => { throw replyError('CONSOLE.TICKET_USED') } })
  render(<DeskLogin />)
  fireEvent.click(await screen.findByText('确认登录'))
  expect(await screen.findByText('这个登录码已经使用过，请在电脑上刷新登录码后重新扫码')).toBeTruthy()
})

test('a page opened without a code says what to scan', async () => {
  openWith({})
  installFakeTransport({})
  render(<DeskLogin />)
  expect(await screen.findByText('没有识别到登录码')).toBeTruthy()
})

test('已登录的电脑 lists sessions and ends one after asking', async () => {
  let live = true
  const fake = installFakeTransport({
    'console.sessions': () => ({
      items: live
        ? [{ id: 'cs-AAAAAAAAAAAAAAAAAAAAAA', computer: 'Windows 电脑 · Edge 浏览器', createdAt: new Date().toISOString(), lastSeenAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3600_000).toISOString(), current: false }]
        : []
    }),
    'console.revokeSession': () => {
      live = false
      return { revoked: true }
    }
  })
  const taro = Taro as unknown as { showModal?: unknown }
  const original = taro.showModal
  const modal = jest.fn().mockResolvedValue({ confirm: true, cancel: false })
  taro.showModal = modal
  render(<DeskSessions />)
  expect(await screen.findByText('Windows 电脑 · Edge 浏览器')).toBeTruthy()
  fireEvent.click(screen.getByText('退出登录'))
  await waitFor(() => expect(fake.callsOf('console.revokeSession')).toHaveLength(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ content: '确定让“Windows 电脑 · Edge 浏览器”退出登录？' })
  expect(await screen.findByText('没有登录中的电脑')).toBeTruthy()
  taro.showModal = original
})

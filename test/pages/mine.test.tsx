/** 我的: identity and roles from the server; staff tools only for staff; binding entry only for non-members. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Mine from '@/pages/mine/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'
import { memberMe, publicMe, staffMe } from './fixtures'

afterEach(() => setTransport(undefined))

test('a public user sees the binding entry and no staff or studio tools', async () => {
  installFakeTransport({ 'user.me': () => publicMe })
  render(<Mine />)
  expect(await screen.findByText('绑定委员身份')).toBeTruthy()
  expect(screen.getByText('群众')).toBeTruthy()
  expect(screen.queryByText('委员名册')).toBeNull()
  expect(screen.queryByText('授权管理')).toBeNull()
  expect(screen.queryByText('工作室管理')).toBeNull()
})

test('staff see 机关工作人员 and the staff tools', async () => {
  installFakeTransport({ 'user.me': () => staffMe })
  render(<Mine />)
  expect(await screen.findByText('机关工作人员')).toBeTruthy()
  expect(screen.getByText('委员名册')).toBeTruthy()
  expect(screen.getByText('授权管理')).toBeTruthy()
})

test('a bound member sees their name and no binding entry', async () => {
  installFakeTransport({ 'user.me': () => memberMe })
  render(<Mine />)
  expect(await screen.findByText('林晓梅')).toBeTruthy()
  expect(screen.getByText('已绑定：林晓梅')).toBeTruthy()
  expect(screen.queryByText('绑定委员身份')).toBeNull()
})

test('a studio admin sees their studios by name, never by internal id', async () => {
  installFakeTransport({
    'user.me': () => ({ ...publicMe, roles: ['public', 'studio_admin'], studioIds: ['s01'] }),
    'studio.list': () => ({ items: [{ id: 's01', name: '东梁温泉康养委员工作室', town: '东梁镇', address: '', openingHours: '', memberCount: 3, shared: false }] })
  })
  render(<Mine />)
  expect(await screen.findByText('工作室管理')).toBeTruthy()
  expect(await screen.findByText('东梁温泉康养委员工作室')).toBeTruthy()
  expect(screen.queryByText(/s01/)).toBeNull()
})

test('when the identity cannot be loaded, no tools are shown and the error can be retried', async () => {
  installFakeTransport({
    'user.me': () => {
      throw replyError('AUTH.UNAUTHENTICATED')
    }
  })
  render(<Mine />)
  expect(await screen.findByText('请先在微信中登录')).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
  expect(screen.queryByText('绑定委员身份')).toBeNull()
})

test('no OPENID on screen; a non-member registers the name staff will find them by', async () => {
  let saved: string | undefined
  const fake = installFakeTransport({
    'user.me': () => (saved ? { ...publicMe, displayName: saved } : publicMe),
    'user.setName': (payload: { name: string }) => {
      saved = payload.name
      return { name: payload.name }
    }
  })
  const { container } = render(<Mine />)
  expect(await screen.findByText('登记姓名')).toBeTruthy()
  expect(container.textContent).not.toContain(publicMe.openid)
  expect(container.textContent).not.toContain('用户编号')
  const input = container.querySelector('input[placeholder="您的姓名"]') as HTMLInputElement
  fireEvent.input(input, { target: { value: '张建国' } })
  fireEvent.click(screen.getByText('登记姓名'))
  await waitFor(() => expect(container.textContent).toContain('张建国 · 修改'))
  expect(fake.callsOf('user.setName').map((c) => c.payload)).toEqual([{ name: '张建国' }])
  expect(container.textContent).not.toContain(publicMe.openid)
})

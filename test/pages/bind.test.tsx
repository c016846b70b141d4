/** 绑定委员身份: the contract's validation runs before sending; server refusals show their Chinese message. */
import { render, screen, fireEvent } from '@testing-library/react'
import BindMember from '@/member/bind/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'

afterEach(() => setTransport(undefined))

function fill(name: string, code: string) {
  const [nameInput, codeInput] = Array.from(document.querySelectorAll('input'))
  fireEvent.input(nameInput, { target: { value: name } })
  fireEvent.input(codeInput, { target: { value: code } })
}

test('a short code is refused on the phone, nothing is sent', async () => {
  const fake = installFakeTransport({ 'user.bindMember': () => ({ memberId: 'm1', name: '林晓梅' }) })
  render(<BindMember />)
  fill('林晓梅', '12')
  fireEvent.click(screen.getByText('绑定'))
  expect(await screen.findByText('绑定码为 6 位数字')).toBeTruthy()
  expect(fake.calls).toHaveLength(0)
})

test('a wrong code shows the server message; a right one binds', async () => {
  let attempts = 0
  const fake = installFakeTransport({
    'user.bindMember': (payload: { name: string; code: string }) => {
      attempts += 1
      if (payload.code !== '246810') throw replyError('MEMBER.CODE_INVALID')
      return { memberId: 'm1', name: payload.name }
    }
  })
  render(<BindMember />)
  fill('林晓梅', '123456')
  fireEvent.click(screen.getByText('绑定'))
  expect(await screen.findByText('姓名或绑定码不正确')).toBeTruthy()
  fill('林晓梅', '246810')
  fireEvent.click(screen.getByText('绑定'))
  expect(await screen.findByText('绑定成功')).toBeTruthy()
  expect(screen.getByText('林晓梅委员，您的微信已与委员名册绑定。')).toBeTruthy()
  expect(attempts).toBe(2)
  expect(fake.calls[1]).toMatchObject({ fn: 'user', action: 'user.bindMember', payload: { name: '林晓梅', code: '246810' } })
})

/** 委员名册 (staff): releasing a member's binding needs a reason, then the roster shows the member unbound. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Members from '@/staff/members/index'
import { setTransport } from '@/services'
import { installFakeTransport } from './support/fake-transport'

const toasts: string[] = []
beforeEach(() => {
  const taro = Taro as unknown as { showToast: (o: { title: string }) => Promise<void> }
  taro.showToast = async (o) => {
    toasts.push(o.title)
  }
})
afterEach(() => setTransport(undefined))

test('release a binding with a reason; the list shows the member unbound', async () => {
  let bound = true
  const fake = installFakeTransport({
    'user.listMembers': () => ({ items: [{ id: 'm-D001', memberNumber: 'D001', name: '林晓梅', sector: '教育界', bound }] }),
    'user.unbindMember': (payload: { memberId: string }) => {
      bound = false
      return { memberId: payload.memberId, unbound: true }
    }
  })
  render(<Members />)
  expect(await screen.findByText('已绑定')).toBeTruthy()
  fireEvent.click(screen.getByText('解除绑定'))
  expect(screen.getByText('解除林晓梅的微信绑定')).toBeTruthy()
  // no reason, no call
  fireEvent.click(screen.getByText('确认解除'))
  expect(fake.callsOf('user.unbindMember')).toHaveLength(0)
  const reason = screen.getByPlaceholderText('解除原因（必填，如：更换手机号）')
  fireEvent.input(reason, { target: { value: '更换手机号' } })
  fireEvent.click(screen.getByText('确认解除'))
  await waitFor(() => expect(fake.callsOf('user.unbindMember')).toHaveLength(1))
  expect(fake.callsOf('user.unbindMember')[0].payload).toEqual({ memberId: 'm-D001', reason: '更换手机号' })
  expect(await screen.findByText('未绑定')).toBeTruthy()
  expect(toasts).toContain('已解除绑定')
  expect(screen.queryByText('解除林晓梅的微信绑定')).toBeNull()
})

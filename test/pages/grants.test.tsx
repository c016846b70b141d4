/** 授权管理 (staff): people by name, never by OPENID; a role is granted to a person found by name, studios chosen by name. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Grants from '@/staff/grants/index'
import { setTransport } from '@/services'
import { installFakeTransport } from './support/fake-transport'

beforeEach(() => {
  const taro = Taro as unknown as { showToast: (o: { title: string }) => Promise<void> }
  taro.showToast = async () => undefined
})
afterEach(() => setTransport(undefined))

const grant = (name: string, key: string, role: string, extra: Record<string, unknown> = {}) => ({
  person: { key, name },
  role,
  studioIds: [],
  departmentIds: [],
  studioNames: [],
  departmentNames: [],
  grantedByName: '李春燕',
  grantedAt: '2025-03-01T02:00:00.000Z',
  ...extra
})

test('grants are listed by name; staff find a person by name and grant a studio chosen by name', async () => {
  const granted: unknown[] = []
  const fake = installFakeTransport({
    'user.listGrants': () => ({ items: [grant('赵文静', 'p11111111111111111111', 'informant'), ...granted] }),
    'topic.options': () => ({ studios: [{ id: 'studio-03', name: '十家子镇委员工作室' }], committees: [], departments: [] }),
    'user.searchPeople': () => ({ items: [{ key: 'p22222222222222222222', name: '周新民', roles: ['public'] }] }),
    'user.grantRole': (payload: { personKey: string; role: string; studioIds: string[] }) => {
      const g = grant('周新民', payload.personKey, payload.role, { studioIds: payload.studioIds, studioNames: ['十家子镇委员工作室'] })
      granted.push(g)
      return g
    }
  })
  const { container } = render(<Grants />)
  expect(await screen.findByText('赵文静 · 信息员')).toBeTruthy()
  expect(container.textContent).toContain('由 李春燕 授予')
  expect(container.textContent).not.toMatch(/用户编号|oAbc/)

  fireEvent.input(container.querySelector('input[placeholder="输入姓名"]') as HTMLInputElement, { target: { value: '周新民' } })
  fireEvent.click(screen.getByText('查找'))
  fireEvent.click(await screen.findByText('周新民'))
  fireEvent.click(screen.getByText('工作室管理员'))
  fireEvent.click(await screen.findByText('十家子镇委员工作室'))
  fireEvent.click(screen.getByText('授权'))
  await waitFor(() => expect(fake.callsOf('user.grantRole')).toHaveLength(1))
  expect(fake.callsOf('user.searchPeople')[0].payload).toEqual({ keyword: '周新民' })
  expect(fake.callsOf('user.grantRole')[0].payload).toEqual({ personKey: 'p22222222222222222222', role: 'studio_admin', studioIds: ['studio-03'] })
  expect(await screen.findByText('周新民 · 工作室管理员')).toBeTruthy()
})

/**
 * 活动签到 without a camera: the member types the 6-digit venue code (from
 * the browser build, or after a failed scan); the success screen names the
 * activity and the time in Beijing; wrong codes show the server's words.
 */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import ActivityCheckin from '@/pages/activity/checkin/index'
import ActivityDetailPage from '@/pages/activity/detail/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'

afterEach(() => {
  setTransport(undefined)
  jest.restoreAllMocks()
})

function open(path: string, params: Record<string, string>) {
  const current = Current as { router: unknown }
  current.router = { params, path }
}

function type(code: string) {
  const input = document.querySelector('input') as HTMLInputElement
  fireEvent.input(input, { target: { value: code } })
}

test('typing the code checks in and shows the activity and the Beijing time; a wrong code says which', async () => {
  open('/pages/activity/checkin/index', { id: 'act-1' })
  const fake = installFakeTransport({
    'activity.checkinByCode': (p: { code: string }) => {
      if (p.code !== '428193') throw replyError('ACTIVITY.CODE_INVALID')
      // 08:52 Beijing
      return { activityId: 'act-1', state: 'checked_in', already: false, title: '学前教育普惠发展协商议事会', checkedInAt: '2026-03-10T00:52:00.000Z' }
    }
  })
  render(<ActivityCheckin />)
  expect(screen.getByText('请输入现场签到二维码下方显示的 6 位数字签到码')).toBeTruthy()
  type('12')
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('签到码是 6 位数字')).toBeTruthy()
  expect(fake.calls).toHaveLength(0)
  type('111111')
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('签到码不正确，请核对现场签到码下方的 6 位数字')).toBeTruthy()
  type('428193')
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('签到成功')).toBeTruthy()
  expect(screen.getByText('学前教育普惠发展协商议事会')).toBeTruthy()
  expect(screen.getByText('签到时间 3月10日 08:52')).toBeTruthy()
  expect(fake.callsOf('activity.checkinByCode').at(-1)).toMatchObject({ fn: 'activity', payload: { code: '428193', id: 'act-1' } })
})

test('too many wrong codes: the limit and the way out are shown', async () => {
  open('/pages/activity/checkin/index', {})
  installFakeTransport({ 'activity.checkinByCode': () => { throw replyError('ACTIVITY.CODE_ATTEMPTS', '签到码输错次数过多，请 7 分钟后再试，或请工作人员扫描您的参会凭证') } })
  render(<ActivityCheckin />)
  type('222222')
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('签到码输错次数过多，请 7 分钟后再试，或请工作人员扫描您的参会凭证')).toBeTruthy()
})

test('an expired scanned code offers typing the current code', async () => {
  open('/pages/activity/checkin/index', { scene: 'ABCDEFGHJKLM' })
  installFakeTransport({
    'activity.checkin': () => { throw replyError('ACTIVITY.TOKEN_EXPIRED') },
    'activity.checkinByCode': () => ({ activityId: 'act-1', state: 'checked_in', already: true, title: '委员读书活动', checkedInAt: '2026-03-10T01:05:00.000Z' })
  })
  render(<ActivityCheckin />)
  expect(await screen.findByText('签到码已更新，请扫描现场最新的签到码')).toBeTruthy()
  type('654321')
  fireEvent.click(screen.getByText('签到'))
  expect(await screen.findByText('您已签到')).toBeTruthy()
  expect(screen.getByText('签到时间 3月10日 09:05')).toBeTruthy()
})

test('on 活动详情, a scan that fails (no camera) opens the typed-code page for this activity', async () => {
  open('/pages/activity/detail/index', { id: 'act-1' })
  const now = Date.now()
  installFakeTransport({
    'activity.get': () => ({
      id: 'act-1', title: '委员读书活动', type: 'studio_activity', state: 'checkin_open', organiserName: '县政协办公室', place: '县图书馆二楼',
      startAt: new Date(now + 10 * 60_000).toISOString(), endAt: new Date(now + 2 * 3600_000).toISOString(), signupDeadline: new Date(now - 60_000).toISOString(),
      checkinStartAt: new Date(now - 20 * 60_000).toISOString(), checkinEndAt: new Date(now + 2 * 3600_000).toISOString(),
      capacity: 20, registeredCount: 3, waitlistCount: 0, audience: 'public', required: false, waitlist: true, canManage: false,
      mine: { id: 'act-1_m-D002', state: 'registered', pass: 'ABCDEFGHJK' }
    })
  })
  // The browser build's Taro has no scanCode at all.
  expect((Taro as { scanCode?: unknown }).scanCode).toBeUndefined()
  const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  render(<ActivityDetailPage />)
  expect(await screen.findByText('输入签到码')).toBeTruthy()
  fireEvent.click(screen.getByText('扫码签到'))
  await waitFor(() => expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/activity/checkin/index?id=act-1' })))
  // On WeChat, a cancelled scan does the same.
  nav.mockClear()
  const taro = Taro as unknown as { scanCode?: () => Promise<never> }
  taro.scanCode = () => Promise.reject({ errMsg: 'scanCode:fail cancel' })
  try {
    fireEvent.click(screen.getByText('扫码签到'))
    await waitFor(() => expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/activity/checkin/index?id=act-1' })))
  } finally {
    delete taro.scanCode
  }
})

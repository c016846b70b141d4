/** 活动详情: one-tap sign-up (full -> waitlist), a repeat answers "already", errors show their Chinese message; times in Beijing time. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import ActivityDetailPage from '@/pages/activity/detail/index'
import { setTransport } from '@/services'
import type { ActivityDetail } from '@/core/actions/activity'
import { installFakeTransport, replyError } from './support/fake-transport'

afterEach(() => setTransport(undefined))

function detail(over: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    id: 'act-1',
    title: '辽事好商量：推动学前教育普及普惠发展',
    type: 'consultation',
    state: 'published',
    organiserName: '城区"两代表一委员"联合工作室',
    place: '县城新民大街政务服务中心二楼',
    // 2099-03-10 09:00-11:00 Beijing
    startAt: '2099-03-10T01:00:00.000Z',
    endAt: '2099-03-10T03:00:00.000Z',
    signupDeadline: '2099-03-09T10:00:00.000Z',
    checkinStartAt: '2099-03-10T00:30:00.000Z',
    checkinEndAt: '2099-03-10T03:00:00.000Z',
    capacity: 1,
    registeredCount: 1,
    waitlistCount: 0,
    audience: 'public',
    required: false,
    description: '就普惠性幼儿园布局协商。',
    waitlist: true,
    canManage: false,
    ...over
  }
}

function open(id: string) {
  const current = Current as { router: unknown }
  current.router = { params: { id }, path: '/pages/activity/detail/index' }
}

test('a full activity offers the waitlist; signing up shows the place in the queue and the new state', async () => {
  open('act-1')
  let mine: ActivityDetail['mine']
  const fake = installFakeTransport({
    'activity.get': () => detail(mine ? { mine, waitlistCount: 1 } : {}),
    'activity.signup': () => {
      mine = { id: 'act-1_m-D002', state: 'waitlisted', waitlistPosition: 1, pass: 'ABCDEFGHJK' }
      return { state: 'waitlisted', already: false, waitlistPosition: 1 }
    }
  })
  render(<ActivityDetailPage />)
  expect(await screen.findByText('2099年3月10日 09:00-11:00（北京时间）')).toBeTruthy()
  expect(screen.getByText('已报 1/1')).toBeTruthy()
  fireEvent.click(screen.getByText('报名候补'))
  expect(await screen.findByText('名额已满，您已进入候补（第 1 位）')).toBeTruthy()
  expect(await screen.findByText('候补中（第 1 位）')).toBeTruthy()
  expect(fake.callsOf('activity.signup')[0]).toMatchObject({ fn: 'activity', payload: { id: 'act-1', consent: false } })
  expect(screen.getByText('取消候补')).toBeTruthy()
  expect(screen.queryByText('取消报名')).toBeNull()
})

test('full with no waitlist: 名额已满 on the seats and a disabled button that sends nothing', async () => {
  open('act-1')
  const fake = installFakeTransport({ 'activity.get': () => detail({ waitlist: false }) })
  render(<ActivityDetailPage />)
  expect(await screen.findByText('已报 1/1 · 名额已满')).toBeTruthy()
  expect(screen.queryByText('报名候补')).toBeNull()
  const button = screen.getByText('名额已满').closest('.nut-button')!
  expect(button.className).toMatch(/\bnut-button-disabled\b/)
  fireEvent.click(button)
  expect(fake.callsOf('activity.signup')).toHaveLength(0)
})

test('leaving the waitlist asks first in words that name it, and 再想想 keeps the place', async () => {
  open('act-1')
  const Taro = require('@tarojs/taro')
  const original = Taro.showModal
  const modal = jest.fn().mockResolvedValueOnce({ confirm: false, cancel: true }).mockResolvedValueOnce({ confirm: true, cancel: false })
  Taro.showModal = modal
  let state = 'waitlisted'
  const fake = installFakeTransport({
    'activity.get': () => detail(state === 'waitlisted' ? { waitlistCount: 1, mine: { id: 'act-1_m-D002', state: 'waitlisted', waitlistPosition: 1, pass: 'ABCDEFGHJK' } } : {}),
    'activity.cancelSignup': () => {
      state = 'cancelled'
      return { state: 'cancelled' }
    }
  })
  try {
    render(<ActivityDetailPage />)
    fireEvent.click(await screen.findByText('取消候补'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ content: '确定取消候补吗？取消后需重新报名排队。', confirmText: '取消候补', cancelText: '再想想' })
    expect(fake.callsOf('activity.cancelSignup')).toHaveLength(0)
    fireEvent.click(screen.getByText('取消候补'))
    expect(await screen.findByText('已取消候补')).toBeTruthy()
    expect(fake.callsOf('activity.cancelSignup')).toHaveLength(1)
  } finally {
    Taro.showModal = original
  }
})

test('the pass names its holder', async () => {
  open('act-1')
  const { default: ActivityPass } = await import('@/member/activity-pass/index')
  installFakeTransport({
    'activity.get': () => detail({ mine: { id: 'act-1_m-D002', state: 'registered', pass: 'ABCDEFGHJK' } }),
    'user.me': () => ({ openid: 'oX', roles: ['member'], studioIds: [], departmentIds: [], member: { id: 'D002', name: '王晓岚', sector: '教育界' } })
  })
  render(<ActivityPass />)
  expect(await screen.findByText('持证人：王晓岚')).toBeTruthy()
  expect(screen.getByText('凭证码 ABCDEFGHJK')).toBeTruthy()
})

test('a repeat tap answers "already registered", and a refusal shows its message', async () => {
  open('act-2')
  let calls = 0
  installFakeTransport({
    'activity.get': () => detail({ id: 'act-2', capacity: 20 }),
    'activity.signup': () => {
      calls += 1
      if (calls === 1) return { state: 'registered', already: true }
      throw replyError('ACTIVITY.DEADLINE_PASSED')
    }
  })
  render(<ActivityDetailPage />)
  fireEvent.click(await screen.findByText('立即报名'))
  expect(await screen.findByText('您已报名，无需重复报名')).toBeTruthy()
  fireEvent.click(screen.getByText('立即报名'))
  expect(await screen.findByText('报名已截止')).toBeTruthy()
})

test('required activity: the invitee may confirm or ask for leave with a reason', async () => {
  open('act-3')
  installFakeTransport({
    'activity.get': () => detail({ id: 'act-3', required: true, audience: 'invitees', capacity: 0, mine: { id: 'act-3_m-D001', state: 'notified', pass: 'PASS000001' } }),
    'activity.requestLeave': (p: { reason: string }) => {
      if (!p.reason) throw replyError('COMMON.INVALID_INPUT')
      return { state: 'leave_requested' }
    }
  })
  render(<ActivityDetailPage />)
  expect(await screen.findByText('确认参加')).toBeTruthy()
  fireEvent.click(screen.getByText('请假'))
  const area = document.querySelector('[aria-label="请假事由"]')!
  area.dispatchEvent(new CustomEvent('input', { detail: { value: '参加市里会议' }, bubbles: true }))
  fireEvent.click(screen.getByText('提交请假'))
  expect(await screen.findByText('请假申请已提交，等待审批')).toBeTruthy()
  await waitFor(() => expect(screen.queryByText('提交请假')).toBeNull())
})

test('the organiser form sends Beijing wall-clock times, invitees picked by name, and shows the server’s time rule', async () => {
  const current = Current as { router: unknown }
  current.router = { params: {}, path: '/staff/activity-edit/index' }
  const { default: ActivityEdit } = await import('@/staff/activity-edit/index')
  let attempt = 0
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oStaff', roles: ['public', 'staff'], studioIds: [], departmentIds: [] }),
    'user.searchRoster': ({ name }: { name: string }) => ({
      items: [
        { memberId: 'm-D001', name: '王晓岚', sector: '教育界', specialCommittee: '教科卫体委员会' },
        { memberId: 'm-D002', name: '王建国', sector: '农业界' }
      ].filter((m) => m.name.includes(name))
    }),
    'activity.create': () => {
      attempt += 1
      if (attempt === 1) throw replyError('ACTIVITY.BAD_TIMES')
      return detail({ id: 'act-new' })
    }
  })
  render(<ActivityEdit />)
  const input = (label: string) => document.querySelector(`[aria-label="${label}"] input, input[aria-label="${label}"]`) as HTMLInputElement
  await waitFor(() => expect(input('活动名称')).toBeTruthy())
  fireEvent.input(input('活动名称'), { target: { value: '委员履职培训' } })
  fireEvent.input(input('活动地点'), { target: { value: '县政协机关三楼会议室' } })
  fireEvent.input(input('开始时间'), { target: { value: '2099-03-10 09:00' } })
  fireEvent.input(input('结束时间'), { target: { value: '2099-03-10 08:00' } })
  fireEvent.input(input('报名截止'), { target: { value: '2099-03-09 18:00' } })
  fireEvent.click(screen.getByText('要求参加（受邀委员确认或请假）'))
  fireEvent.input(input('查找特邀委员'), { target: { value: '王' } })
  fireEvent.click(await screen.findByLabelText('选择王晓岚'))
  fireEvent.click(screen.getByLabelText('选择王建国'))
  // Hits and chosen people show names and sectors, never roster numbers.
  expect(screen.getByText('教育界 · 教科卫体委员会')).toBeTruthy()
  expect(screen.getByText('已选 2 位')).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/m-D00|D00\d/)
  expect(fake.callsOf('user.searchRoster')[0].payload).toEqual({ name: '王' })
  fireEvent.click(screen.getAllByText('发布活动').pop()!)
  expect(await screen.findByText(/结束须晚于开始/)).toBeTruthy()
  expect(fake.callsOf('activity.create')[0].payload).toMatchObject({
    title: '委员履职培训',
    startAt: '2099-03-10 09:00',
    endAt: '2099-03-10 08:00',
    required: true,
    audience: 'invitees',
    inviteeIds: ['m-D001', 'm-D002'],
    publish: true
  })
}, 20_000)

test('取消活动 asks “确定取消这场活动？” first; 再想想 leaves the activity as it was', async () => {
  const current = Current as { router: unknown }
  current.router = { params: { id: 'act-1' }, path: '/staff/activity-manage/index' }
  const { default: Manage } = await import('@/staff/activity-manage/index')
  const Taro = require('@tarojs/taro') as { showModal: unknown }
  const original = Taro.showModal
  const modal = jest.fn().mockResolvedValueOnce({ confirm: false, cancel: true }).mockResolvedValueOnce({ confirm: true, cancel: false })
  Taro.showModal = modal
  const fake = installFakeTransport({
    'activity.get': () => detail({ canManage: true }),
    'activity.registrations': () => ({ items: [] }),
    'activity.cancel': () => ({ state: 'cancelled' })
  })
  try {
    render(<Manage />)
    await screen.findByText('取消活动')
    document.querySelector('[aria-label="原因或意见"]')!.dispatchEvent(new CustomEvent('input', { detail: { value: '场地临时检修' }, bubbles: true }))
    fireEvent.click(screen.getByText('取消活动'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定取消这场活动？', confirmText: '取消活动', cancelText: '再想想' })
    expect(fake.callsOf('activity.cancel')).toHaveLength(0)
    fireEvent.click(screen.getByText('取消活动'))
    await waitFor(() => expect(fake.callsOf('activity.cancel')).toHaveLength(1))
    expect(fake.callsOf('activity.cancel')[0].payload).toMatchObject({ id: 'act-1', reason: '场地临时检修' })
  } finally {
    Taro.showModal = original
  }
})

test('the activity list marks the ones I signed up for with my state', async () => {
  const current = Current as { router: unknown }
  current.router = { params: {}, path: '/pages/activity/list/index' }
  const { default: ActivityList } = await import('@/pages/activity/list/index')
  const a1 = detail({ id: 'act-1', title: '学前教育协商会' })
  const a2 = detail({ id: 'act-2', title: '玛瑙产业调研' })
  const a3 = detail({ id: 'act-3', title: '法律咨询进社区' })
  installFakeTransport({
    'activity.list': () => ({ items: [a1, a2, a3] }),
    'activity.mine': () => ({
      items: [
        { activity: a1, registration: { id: 'act-1_me', state: 'registered' } },
        { activity: a2, registration: { id: 'act-2_me', state: 'waitlisted', waitlistPosition: 2 } },
        { activity: a3, registration: { id: 'act-3_me', state: 'cancelled' } }
      ]
    })
  })
  render(<ActivityList />)
  const row = (title: string) => screen.getByText(title).closest('.list-row')!
  await screen.findByText('学前教育协商会')
  await waitFor(() => expect(row('学前教育协商会').textContent).toContain('已报名'))
  expect(row('玛瑙产业调研').textContent).toContain('候补中')
  // A cancelled sign-up is not mine any more.
  expect(row('法律咨询进社区').textContent).not.toMatch(/已报名|候补中|已取消/)
})

test('the invitee picker: searching, nobody found, a failed search with 重试, and removing a chosen person', async () => {
  const current = Current as { router: unknown }
  current.router = { params: {}, path: '/staff/activity-edit/index' }
  const { default: ActivityEdit } = await import('@/staff/activity-edit/index')
  let fail = true
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oStaff', roles: ['public', 'staff'], studioIds: [], departmentIds: [] }),
    'user.searchRoster': ({ name }: { name: string }) => {
      if (name === '李' && fail) {
        fail = false
        throw replyError('COMMON.INTERNAL')
      }
      return { items: name === '李' ? [{ memberId: 'm-D007', name: '李桂兰', sector: '医药卫生界' }] : [] }
    },
    'activity.create': () => detail({ id: 'act-new' })
  })
  render(<ActivityEdit />)
  const input = (label: string) => document.querySelector(`[aria-label="${label}"] input, input[aria-label="${label}"]`) as HTMLInputElement
  await waitFor(() => expect(input('查找特邀委员')).toBeTruthy())
  fireEvent.input(input('查找特邀委员'), { target: { value: '欧阳' } })
  fireEvent.click(screen.getByText('查找'))
  expect(await screen.findByText('没有找到姓名含“欧阳”的委员')).toBeTruthy()
  fireEvent.input(input('查找特邀委员'), { target: { value: '李' } })
  fireEvent.click(screen.getByText('查找'))
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  fireEvent.click(await screen.findByLabelText('选择李桂兰'))
  expect(screen.getByLabelText('移除李桂兰')).toBeTruthy()
  fireEvent.click(screen.getByLabelText('移除李桂兰'))
  expect(screen.queryByLabelText('移除李桂兰')).toBeNull()
  fireEvent.click(screen.getByLabelText('选择李桂兰'))
  fireEvent.input(input('活动名称'), { target: { value: '委员履职培训' } })
  fireEvent.input(input('活动地点'), { target: { value: '县政协机关三楼会议室' } })
  fireEvent.click(screen.getAllByText('发布活动').pop()!)
  await waitFor(() => expect(fake.callsOf('activity.create')).toHaveLength(1))
  expect(fake.callsOf('activity.create')[0].payload).toMatchObject({ audience: 'invitees', inviteeIds: ['m-D007'] })
}, 20_000)

/**
 * Issue 12 item 2: after an edit, every screen that shows the edited thing
 * shows the new value when the person comes back to it, and a screen nothing
 * changed for is not reloaded (the change bus, src/services/changes.ts).
 */
import { render, screen, waitFor, act } from '@testing-library/react'
import { Current, getPageInstance } from '@tarojs/runtime'
import TopicPage from '@/pages/topic/index'
import ActivityList from '@/pages/activity/list/index'
import MyActivities from '@/member/activity-mine/index'
import { call, setTransport } from '@/services'
import { showRange } from '@/core/dates'
import type { TopicDetail } from '@/core/actions/topic'
import type { ActivitySummary } from '@/core/actions/activity'
import { installFakeTransport } from './support/fake-transport'

afterEach(() => setTransport(undefined))

/** The page lifecycle Taro runs when a kept page comes to the front again (tests have one page instance: `taro-app`). */
function show() {
  const inst = getPageInstance('taro-app') as { componentDidShow?: Array<() => void> } | undefined
  act(() => {
    for (const fn of inst?.componentDidShow ?? []) fn()
  })
}

function openPage(path: string, params: Record<string, string> = {}) {
  const current = Current as { router: unknown }
  current.router = { params, path }
}

function activity(over: Partial<ActivitySummary> = {}): ActivitySummary {
  return {
    id: 'act-1',
    title: '学前教育协商会',
    type: 'consultation',
    state: 'published',
    organiserName: '县政协办公室',
    place: '县政务服务中心二楼',
    startAt: '2099-03-10T01:00:00.000Z',
    endAt: '2099-03-10T03:00:00.000Z',
    signupDeadline: '2099-03-09T10:00:00.000Z',
    capacity: 30,
    registeredCount: 3,
    waitlistCount: 0,
    audience: 'public',
    required: false,
    ...over
  }
}

function topic(session: { startAt: string; endAt: string }): TopicDetail {
  return {
    id: 'topic-agate',
    title: '提升玛瑙产业发展水平',
    category: '产业发展',
    state: 'scheduled',
    supportCount: 12,
    commentCount: 0,
    place: '十家子镇',
    proposedAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
    description: '玛瑙加工户多是家庭作坊。',
    images: [],
    proposerName: '王晓岚委员',
    isProposer: false,
    supported: false,
    canSupport: false,
    canComment: true,
    recommendations: [],
    reopenCount: 0,
    timeline: [{ state: 'proposed', at: '2026-11-01T02:00:00.000Z' }],
    comments: { items: [] },
    fileUrls: {},
    session: { activityId: 'act-1', place: '十家子镇政府三楼', ...session }
  }
}

test('a topic opened before its session was moved shows the new time when the person comes back', async () => {
  openPage('/pages/topic/index', { id: 'topic-agate' })
  let session = { startAt: '2099-03-10T01:00:00.000Z', endAt: '2099-03-10T03:00:00.000Z' }
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.get': () => topic(session),
    'topic.comments': () => ({ items: [] }),
    'activity.update': () => {
      session = { startAt: '2099-03-12T06:00:00.000Z', endAt: '2099-03-12T08:00:00.000Z' }
      return {}
    }
  })
  render(<TopicPage />)
  const before = showRange('2099-03-10T01:00:00.000Z', '2099-03-10T03:00:00.000Z')
  const after = showRange('2099-03-12T06:00:00.000Z', '2099-03-12T08:00:00.000Z')
  expect(await screen.findByText(before)).toBeTruthy()
  show() // the first show
  // Away on another page and back, nothing changed: no new request.
  show()
  expect(fake.callsOf('topic.get')).toHaveLength(1)
  // The clerk moves the session (an activity) on the staff page, then the person comes back.
  await act(async () => {
    await call('activity.update', { id: 'act-1', startAt: '2099-03-12 14:00', endAt: '2099-03-12 16:00' })
  })
  show()
  expect(await screen.findByText(after)).toBeTruthy()
  expect(screen.queryByText(before)).toBeNull()
  expect(fake.callsOf('topic.get')).toHaveLength(2)
})

test('the activity list shows an edited title and time after coming back; an unrelated edit reloads nothing', async () => {
  openPage('/pages/activity/list/index')
  let edited = false
  const fake = installFakeTransport({
    'activity.list': () => ({
      items: [edited ? activity({ title: '学前教育普惠发展协商会', startAt: '2099-03-11T06:00:00.000Z', endAt: '2099-03-11T08:00:00.000Z' }) : activity()]
    }),
    'activity.mine': () => ({ items: [] }),
    'proposal.withdraw': () => ({ state: 'withdrawn' }),
    'activity.update': () => {
      edited = true
      return {}
    }
  })
  render(<ActivityList />)
  expect(await screen.findByText('学前教育协商会')).toBeTruthy()
  show()
  const lists = fake.callsOf('activity.list').length
  // Something of another area changed (a proposal was withdrawn): the list is not fetched again.
  await act(async () => {
    await call('proposal.withdraw', { id: 'pr-1' })
  })
  expect(fake.callsOf('proposal.withdraw')).toHaveLength(1)
  show()
  expect(fake.callsOf('activity.list')).toHaveLength(lists)
  await act(async () => {
    await call('activity.update', { id: 'act-1', title: '学前教育普惠发展协商会', startAt: '2099-03-11 14:00', endAt: '2099-03-11 16:00' })
  })
  show()
  const row = await screen.findByText('学前教育普惠发展协商会')
  expect(screen.queryByText('学前教育协商会')).toBeNull()
  expect(row.closest('.list-row')!.textContent).toContain('14:00')
})

test('我的活动 drops an activity whose sign-up was cancelled on its detail page', async () => {
  openPage('/member/activity-mine/index')
  let cancelled = false
  const a = activity()
  installFakeTransport({
    'activity.mine': () => ({ items: cancelled ? [] : [{ activity: a, registration: { id: 'act-1_me', state: 'registered' } }] }),
    'activity.cancelSignup': () => {
      cancelled = true
      return { state: 'cancelled' }
    }
  })
  render(<MyActivities />)
  expect(await screen.findByText('学前教育协商会')).toBeTruthy()
  show()
  await act(async () => {
    await call('activity.cancelSignup', { id: 'act-1' })
  })
  show()
  await waitFor(() => expect(screen.queryByText('学前教育协商会')).toBeNull())
})

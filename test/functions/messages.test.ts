/**
 * 我的消息 (issue 12 item 8): a notice a person was sent is kept as an
 * in-app message even when the subscription message was refused; the
 * badge counts unread ones; only the recipient sees or marks them.
 */
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const HOUR = 3600_000
const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))

beforeEach(() => cloud.seedDemo())

test('a cancelled activity reaches the registered member in 我的消息; unread badge; read; nobody else sees it', async () => {
  const a = await cloud.ok('staff', 'activity.create', {
    title: '委员读书分享会', type: 'studio_activity', place: '县图书馆二楼', startAt: bj(72 * HOUR), endAt: bj(74 * HOUR), signupDeadline: bj(48 * HOUR), capacity: 10, audience: 'public', publish: true
  })
  await cloud.ok('member', 'activity.signup', { id: a.id })
  const before = (await cloud.ok('member', 'user.unreadCount', {})).unread
  await cloud.ok('staff', 'activity.cancel', { id: a.id, reason: '场地检修' })
  expect((await cloud.ok('member', 'user.unreadCount', {})).unread).toBe(before + 1)
  const page = await cloud.ok('member', 'user.messages', { limit: 5 })
  const mine = page.items.find((m) => m.title === '委员读书分享会')!
  expect(mine).toMatchObject({ status: '活动变更', page: `/pages/activity/detail/index?id=${a.id}`, read: false })
  expect(mine.note).toContain('场地检修')
  expect(JSON.stringify(page)).not.toMatch(/oDemo/)
  // Someone else neither sees it nor can mark it.
  expect((await cloud.ok('informant', 'user.messages', {})).items.some((m) => m.id === mine.id)).toBe(false)
  await cloud.ok('informant', 'user.markRead', { ids: [mine.id] })
  expect((await cloud.ok('member', 'user.messages', { limit: 5 })).items.find((m) => m.id === mine.id)!.read).toBe(false)
  // The recipient opens it.
  expect((await cloud.ok('member', 'user.markRead', { ids: [mine.id] })).unread).toBe(before)
  expect((await cloud.ok('member', 'user.messages', { limit: 5 })).items.find((m) => m.id === mine.id)!.read).toBe(true)
  expect((await cloud.ok('member', 'user.markRead', {})).unread).toBe(0)
  expect(codeOf(await cloud.call('member', 'user.markRead', { ids: ['not-a-message'] }))).toBe('COMMON.INVALID_INPUT')
})

test('a 社情民意 decision is kept for the submitter even without consent to subscription messages', async () => {
  const cats = await cloud.ok('public', 'opinion.categories', {})
  const item = await cloud.ok('public', 'opinion.submit', { title: '村道破损路段需要维修', categoryId: cats.items[0].id, content: '大巴镇某村村道有多处坑洼，雨天积水，车辆通行困难。', mayPublish: false, images: [] })
  await cloud.ok('staff', 'opinion.reject', { id: item.id, reason: '已转交交通部门处理' })
  const page = await cloud.ok('public', 'user.messages', {})
  const m = page.items.find((x) => x.title === '村道破损路段需要维修')
  expect(m).toMatchObject({ page: `/pages/opinion/detail/index?id=${item.id}`, read: false })
})

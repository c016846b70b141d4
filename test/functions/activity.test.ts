/**
 * The activity engine through the real SDK on the local cloud (issue 5):
 * create/edit/publish, sign-up with the seat counter, waitlist order and
 * promotion, deadline and audience rules, required activities with leave,
 * venue-code check-in, passes, finalize, reminders, views and export.
 */
import ExcelJS from 'exceljs'
import { formatBeijing } from '../../src/core/time'
import { members } from '../../database/demo/county'
import { useFunctionsCloud, codeOf, type Who } from './support'

const cloud = useFunctionsCloud()
const MIN = 60_000
const HOUR = 60 * MIN

const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))

/** Members bound to fresh OPENIDs: `who(i)` is roster member i, bound. */
async function bindMembers(count: number, from = 1): Promise<Who[]> {
  const db = cloud.db()
  const out: Who[] = []
  for (let i = from; i < from + count; i++) {
    const m = members[i % members.length]
    const openid = `oTestMember${String(i).padStart(6, '0')}`
    const memberId = i < members.length ? m._id : `m-X${i}`
    await db.collection('users').doc(openid).set({ data: { grants: [], member: { id: memberId, name: `${m.name}${i}`, sector: m.sector }, createdAt: new Date(), updatedAt: new Date() } })
    out.push({ openid })
  }
  return out
}

interface Plan {
  capacity?: number
  audience?: 'members' | 'public' | 'invitees'
  required?: boolean
  inviteeIds?: string[]
  waitlist?: boolean
  startIn?: number
  deadlineIn?: number
  checkinNow?: boolean
  publish?: boolean
  studioId?: string
}

async function newActivity(plan: Plan = {}, who: Who = 'staff'): Promise<string> {
  const startIn = plan.checkinNow ? 10 * MIN : (plan.startIn ?? 3 * 24 * HOUR)
  const a = await cloud.ok(who, 'activity.create', {
    title: '测试活动',
    type: 'studio_activity',
    place: '县政务服务中心',
    startAt: bj(startIn),
    endAt: bj(startIn + 2 * HOUR),
    signupDeadline: bj(plan.deadlineIn ?? startIn - HOUR),
    capacity: plan.capacity ?? 10,
    audience: plan.audience ?? 'public',
    required: plan.required,
    inviteeIds: plan.inviteeIds,
    waitlist: plan.waitlist,
    studioId: plan.studioId,
    publish: plan.publish ?? true
  })
  return a.id
}

async function activityDoc(id: string) {
  const { data } = await cloud.db().collection('activities').doc(id).get()
  return data as Record<string, unknown> & { registeredCount: number; waitlistCount: number; capacity: number }
}

/** Every registration of an activity (100 per read: the SDK's cap). */
async function registrationsOf(id: string) {
  const out: { _id: string; personKey: string; state: string; waitlistSeq?: number; openid?: string }[] = []
  for (;;) {
    const { data } = await cloud.db().collection('registrations').where({ activityId: id }).orderBy('_id', 'asc').skip(out.length).limit(100).get()
    out.push(...(data as typeof out))
    if (data.length < 100) return out
  }
}

beforeEach(async () => {
  await cloud.seedDemo()
})

describe('create, edit, publish', () => {
  it('staff create; a retry with the same requestId returns the first activity', async () => {
    const payload = { title: '重试测试', type: 'training', place: '机关', startAt: bj(2 * 24 * HOUR), endAt: bj(2 * 24 * HOUR + HOUR), signupDeadline: bj(24 * HOUR), capacity: 5, audience: 'members' }
    const first = await cloud.call('staff', 'activity.create', payload, 'req-create-0001')
    const again = await cloud.call('staff', 'activity.create', payload, 'req-create-0001')
    expect(first.ok && again.ok).toBe(true)
    if (!first.ok || !again.ok) return
    expect(again.data.id).toBe(first.data.id)
    expect(first.data.state).toBe('draft')
    const { total } = await cloud.db().collection('activities').where({ title: '重试测试' }).count()
    expect(total).toBe(1)
  })

  it('studio admins organise only for their own studios', async () => {
    expect(await newActivity({ studioId: 'studio-01' }, 'studio_admin')).toMatch(/^act-/)
    const other = await cloud.call('studio_admin', 'activity.create', { title: '越权', type: 'studio_activity', place: 'x', startAt: bj(48 * HOUR), endAt: bj(50 * HOUR), signupDeadline: bj(24 * HOUR), capacity: 1, audience: 'public', studioId: 'studio-02' })
    expect(codeOf(other)).toBe('ACTIVITY.NOT_ORGANISER')
    const demoOther = await cloud.call('studio_admin', 'activity.update', { id: 'act-demo-agate', title: '改名' })
    expect(codeOf(demoOther)).toBe('ACTIVITY.NOT_ORGANISER')
  })

  it('refuses times out of order and bad wall-clock strings', async () => {
    const bad = await cloud.call('staff', 'activity.create', { title: 'x', type: 'training', place: 'x', startAt: bj(48 * HOUR), endAt: bj(47 * HOUR), signupDeadline: bj(24 * HOUR), capacity: 1, audience: 'public' })
    expect(codeOf(bad)).toBe('ACTIVITY.BAD_TIMES')
    const late = await cloud.call('staff', 'activity.create', { title: 'x', type: 'training', place: 'x', startAt: bj(48 * HOUR), endAt: bj(50 * HOUR), signupDeadline: bj(49 * HOUR), capacity: 1, audience: 'public' })
    expect(codeOf(late)).toBe('ACTIVITY.BAD_TIMES')
    const garbage = await cloud.call('staff', 'activity.create', { title: 'x', type: 'training', place: 'x', startAt: '2030-02-30 25:00', endAt: bj(50 * HOUR), signupDeadline: bj(24 * HOUR), capacity: 1, audience: 'public' })
    expect(codeOf(garbage)).toBe('COMMON.INVALID_INPUT')
  })

  it('drafts are hidden from the public; publishing lists them', async () => {
    const id = await newActivity({ publish: false })
    expect(codeOf(await cloud.call('public', 'activity.get', { id }))).toBe('ACTIVITY.NOT_FOUND')
    expect(codeOf(await cloud.call('public', 'activity.signup', { id }))).toBe('ACTIVITY.NOT_OPEN')
    await cloud.ok('staff', 'activity.publish', { id })
    const detail = await cloud.ok('public', 'activity.get', { id })
    expect(detail.state).toBe('published')
  })

  it('lowering capacity below the registered count is refused; raising it promotes the waitlist in order', async () => {
    const id = await newActivity({ capacity: 2 })
    const people = await bindMembers(4)
    for (const p of people) await cloud.ok(p, 'activity.signup', { id })
    const refused = await cloud.call('staff', 'activity.update', { id, capacity: 1 })
    expect(codeOf(refused)).toBe('ACTIVITY.CAPACITY_BELOW_REGISTERED')
    expect((await activityDoc(id)).capacity).toBe(2)
    await cloud.ok('staff', 'activity.update', { id, capacity: 3 })
    const third = await cloud.ok(people[2], 'activity.get', { id })
    const fourth = await cloud.ok(people[3], 'activity.get', { id })
    expect(third.mine?.state).toBe('registered')
    expect(fourth.mine?.state).toBe('waitlisted')
    expect(fourth.mine?.waitlistPosition).toBe(1)
    const a = await activityDoc(id)
    expect([a.registeredCount, a.waitlistCount]).toEqual([3, 1])
  })
})

describe('sign-up', () => {
  it('full -> waitlisted in order; cancelling promotes the first waitlisted person and notifies them', async () => {
    const id = await newActivity({ capacity: 1 })
    const [a, b, c] = await bindMembers(3)
    expect(await cloud.ok(a, 'activity.signup', { id, consent: true })).toMatchObject({ state: 'registered', already: false })
    expect(await cloud.ok(b, 'activity.signup', { id, consent: true })).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 })
    expect(await cloud.ok(c, 'activity.signup', { id, consent: true })).toMatchObject({ state: 'waitlisted', waitlistPosition: 2 })
    cloud.emulator.outbox().length = 0
    const before = cloud.emulator.outbox().length
    const cancelled = await cloud.ok(a, 'activity.cancelSignup', { id })
    expect(cancelled.state).toBe('cancelled')
    expect((await cloud.ok(b, 'activity.get', { id })).mine?.state).toBe('registered')
    expect((await cloud.ok(c, 'activity.get', { id })).mine).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 })
    const sent = cloud.emulator.outbox().slice(before)
    expect(sent.map((m) => (m as { touser: string }).touser)).toEqual([(b as { openid: string }).openid])
    const doc = await activityDoc(id)
    expect([doc.registeredCount, doc.waitlistCount]).toEqual([1, 1])
  })

  it('the same member tapping twice or retrying gets one registration and "already"', async () => {
    const id = await newActivity()
    const first = await cloud.call('member', 'activity.signup', { id }, 'req-tap-000001')
    const retry = await cloud.call('member', 'activity.signup', { id }, 'req-tap-000001')
    const again = await cloud.call('member', 'activity.signup', { id })
    expect(first.ok && first.data.already).toBe(false)
    expect(retry.ok && retry.data).toMatchObject({ state: 'registered', already: true })
    expect(again.ok && again.data.already).toBe(true)
    const parallel = await Promise.all(Array.from({ length: 5 }, () => cloud.call('informant', 'activity.signup', { id })))
    expect(parallel.every((r) => r.ok)).toBe(true)
    expect(parallel.filter((r) => r.ok && !r.data.already)).toHaveLength(1)
    expect(await registrationsOf(id)).toHaveLength(2)
    expect((await activityDoc(id)).registeredCount).toBe(2)
  })

  it('after the deadline nobody registers or cancels', async () => {
    const id = await newActivity({ startIn: 2 * HOUR, deadlineIn: 5 * MIN })
    await cloud.ok('member', 'activity.signup', { id })
    await cloud.db().collection('activities').doc(id).update({ data: { signupDeadline: new Date(Date.now() - MIN) } })
    expect(codeOf(await cloud.call('informant', 'activity.signup', { id }))).toBe('ACTIVITY.DEADLINE_PASSED')
    expect(codeOf(await cloud.call('member', 'activity.cancelSignup', { id }))).toBe('ACTIVITY.DEADLINE_PASSED')
    expect((await registrationsOf(id)).map((r) => r.state)).toEqual(['registered'])
  })

  it('cancelled activity, audience, unknown id and waitlist off give clear errors and touch nothing', async () => {
    const cancelledId = await newActivity()
    await cloud.ok('staff', 'activity.cancel', { id: cancelledId, reason: '场地维修' })
    expect(codeOf(await cloud.call('member', 'activity.signup', { id: cancelledId }))).toBe('ACTIVITY.CANCELLED')

    const membersOnly = await newActivity({ audience: 'members' })
    expect(codeOf(await cloud.call('public', 'activity.signup', { id: membersOnly }))).toBe('ACTIVITY.MEMBERS_ONLY')
    const invitees = await newActivity({ audience: 'invitees', inviteeIds: ['m-D005'] })
    expect(codeOf(await cloud.call('member', 'activity.signup', { id: invitees }))).toBe('ACTIVITY.NOT_IN_AUDIENCE')

    expect(codeOf(await cloud.call('member', 'activity.cancelSignup', { id: 'act-missing' }))).toBe('ACTIVITY.NOT_FOUND')
    expect(codeOf(await cloud.call('member', 'activity.cancelSignup', {}))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await cloud.call('staff', 'activity.cancel', { reason: '无' }))).toBe('COMMON.INVALID_INPUT')

    const noWaitlist = await newActivity({ capacity: 1, waitlist: false })
    await cloud.ok('member', 'activity.signup', { id: noWaitlist })
    expect(codeOf(await cloud.call('informant', 'activity.signup', { id: noWaitlist }))).toBe('ACTIVITY.FULL')

    for (const id of [cancelledId, membersOnly]) expect(await registrationsOf(id)).toHaveLength(0)
    // Only the invitee holds a registration (written when it was published).
    expect((await registrationsOf(invitees)).map((r) => r.personKey)).toEqual(['m-D005'])
    expect((await activityDoc(noWaitlist)).registeredCount).toBe(1)
  })

  it('cancel and postpone notify everyone registered', async () => {
    const id = await newActivity()
    const people = await bindMembers(3)
    for (const p of people) await cloud.ok(p, 'activity.signup', { id, consent: true })
    const before = cloud.emulator.outbox().length
    expect(await cloud.ok('staff', 'activity.postpone', { id, reason: '与县人代会时间冲突' })).toEqual({ notified: 3 })
    const sent = cloud.emulator.outbox().slice(before) as { touser: string; page: string }[]
    expect(sent.map((m) => m.touser).sort()).toEqual(people.map((p) => (p as { openid: string }).openid).sort())
    expect(sent[0].page).toContain(id)
    expect((await cloud.ok('public', 'activity.get', { id })).state).toBe('postponed')
    expect(codeOf(await cloud.call('informant', 'activity.signup', { id }))).toBe('ACTIVITY.NOT_OPEN')
    await cloud.ok('staff', 'activity.publish', { id })
    expect(await cloud.ok('staff', 'activity.cancel', { id, reason: '取消' })).toEqual({ notified: 3 })
  })
})

describe('races (parallel invocations in separate workers)', () => {
  it('capacity 1, 50 simultaneous sign-ups: exactly one registered, 49 waitlisted, counter equals registrations', async () => {
    const id = await newActivity({ capacity: 1 })
    const people = await bindMembers(50, 100)
    const replies = await Promise.all(people.map((p) => cloud.call(p, 'activity.signup', { id })))
    expect(replies.filter((r) => !r.ok).map((r) => codeOf(r))).toEqual([])
    const regs = await registrationsOf(id)
    expect(regs.filter((r) => r.state === 'registered')).toHaveLength(1)
    expect(regs.filter((r) => r.state === 'waitlisted')).toHaveLength(49)
    expect(new Set(regs.map((r) => r.waitlistSeq).filter((s) => s !== undefined)).size).toBe(49)
    const doc = await activityDoc(id)
    expect([doc.registeredCount, doc.waitlistCount]).toEqual([1, 49])
  })

  it('capacity 1 without a waitlist, 50 simultaneous: one registered, 49 refused as full', async () => {
    const id = await newActivity({ capacity: 1, waitlist: false })
    const people = await bindMembers(50, 200)
    const replies = await Promise.all(people.map((p) => cloud.call(p, 'activity.signup', { id })))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => codeOf(r) === 'ACTIVITY.FULL')).toHaveLength(49)
    expect(await registrationsOf(id)).toHaveLength(1)
    expect((await activityDoc(id)).registeredCount).toBe(1)
  })

  it('capacity 100, 500 simultaneous: exactly 100 registered', async () => {
    const id = await newActivity({ capacity: 100 })
    const people = await bindMembers(500, 1000)
    const replies = await Promise.all(people.map((p) => cloud.call(p, 'activity.signup', { id })))
    expect(replies.filter((r) => !r.ok).map((r) => codeOf(r))).toEqual([])
    const regs = await registrationsOf(id)
    expect(regs).toHaveLength(500)
    expect(regs.filter((r) => r.state === 'registered')).toHaveLength(100)
    const doc = await activityDoc(id)
    expect([doc.registeredCount, doc.waitlistCount]).toEqual([100, 400])
  }, 300_000)
})

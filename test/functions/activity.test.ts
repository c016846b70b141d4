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
import { allocateTypedCode, CODE_DRAWS } from '../../cloudfunctions/activity/venue-code'

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
    signupDeadline: bj(plan.deadlineIn ?? (plan.checkinNow ? 8 * MIN : startIn - HOUR)),
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
  const out: { _id: string; personKey: string; state: string; waitlistSeq?: Date | number; openid?: string; pass?: string }[] = []
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

  it('the same member tapping twice gets one registration and "already"; a retry of the first request gets its first answer', async () => {
    const id = await newActivity()
    const first = await cloud.call('member', 'activity.signup', { id }, 'req-tap-000001')
    const retry = await cloud.call('member', 'activity.signup', { id }, 'req-tap-000001')
    const again = await cloud.call('member', 'activity.signup', { id })
    expect(first.ok && first.data.already).toBe(false)
    // Issue 13 item 3: a lost reply resent with the same requestId answers what the first call answered.
    expect(retry.ok && retry.data).toEqual(first.ok && first.data)
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
    // A repeat from someone already registered still answers "already", not an error.
    expect(await cloud.ok('member', 'activity.signup', { id })).toMatchObject({ state: 'registered', already: true })
    expect((await registrationsOf(id)).map((r) => r.state)).toEqual(['registered'])
  })

  it('signing up again after cancelling takes a seat again with the same pass', async () => {
    const id = await newActivity({ capacity: 2 })
    await cloud.ok('member', 'activity.signup', { id })
    const [before] = await registrationsOf(id)
    await cloud.ok('member', 'activity.cancelSignup', { id })
    expect((await activityDoc(id)).registeredCount).toBe(0)
    expect(await cloud.ok('member', 'activity.signup', { id })).toMatchObject({ state: 'registered', already: false })
    const after = await registrationsOf(id)
    expect(after.map((r) => [r._id, r.state, r.pass])).toEqual([[before._id, 'registered', before.pass]])
    expect((await activityDoc(id)).registeredCount).toBe(1)
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
    // Every place in line carries when the database stored it (the waitlist order).
    expect(regs.filter((r) => r.state === 'waitlisted').every((r) => r.waitlistSeq !== undefined && !Number.isNaN(new Date(r.waitlistSeq).getTime()))).toBe(true)
    const doc = await activityDoc(id)
    expect([doc.registeredCount, doc.waitlistCount]).toEqual([1, 49])
  })

  it('a cancellation during a burst of sign-ups: the seat is never lost or doubled, counters match the registrations', async () => {
    const id = await newActivity({ capacity: 1 })
    const [first, ...others] = await bindMembers(21, 300)
    await cloud.ok(first, 'activity.signup', { id })
    const replies = await Promise.all([cloud.call(first, 'activity.cancelSignup', { id }), ...others.map((p) => cloud.call(p, 'activity.signup', { id }))])
    expect(replies.filter((r) => !r.ok).map((r) => codeOf(r))).toEqual([])
    const regs = await registrationsOf(id)
    const registered = regs.filter((r) => r.state === 'registered')
    const waitlisted = regs.filter((r) => r.state === 'waitlisted')
    expect(registered).toHaveLength(1)
    expect(waitlisted).toHaveLength(19)
    const doc = await activityDoc(id)
    expect([doc.registeredCount, doc.waitlistCount]).toEqual([1, 19])
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

describe('check-in', () => {
  async function openCheckin(capacity = 10) {
    const id = await newActivity({ checkinNow: true, capacity })
    return id
  }

  it('the venue code carries a short rotating token; a registered member checks in once', async () => {
    const id = await openCheckin()
    await cloud.ok('member', 'activity.signup', { id })
    const code = await cloud.ok('staff', 'activity.checkinCode', { id })
    expect(code.scene.length).toBeLessThanOrEqual(32)
    expect(code.scene).toMatch(/^[A-Za-z0-9]+$/)
    expect(code.image).toMatch(/^data:image\/png;base64,/)
    expect(code.page).toBe('pages/activity/checkin/index')
    expect(await cloud.ok('member', 'activity.checkin', { token: code.token, id })).toMatchObject({ activityId: id, state: 'checked_in', already: false })
    expect(await cloud.ok('member', 'activity.checkin', { token: code.token })).toMatchObject({ already: true })
    // Someone not registered is told so.
    expect(codeOf(await cloud.call('informant', 'activity.checkin', { token: code.token }))).toBe('ACTIVITY.NOT_REGISTERED')
    expect((await activityDoc(id)).checkedInCount).toBe(1)
  })

  it('without a camera, a registered member types the 6-digit code under the QR and sees the activity and the time', async () => {
    const id = await openCheckin()
    await cloud.ok('member', 'activity.signup', { id })
    const shown = await cloud.ok('staff', 'activity.checkinCode', { id })
    expect(shown.code).toMatch(/^\d{6}$/)
    const before = Date.now()
    const out = await cloud.ok('member', 'activity.checkinByCode', { code: ` ${shown.code} ` })
    expect(out).toMatchObject({ activityId: id, state: 'checked_in', already: false, title: '测试活动' })
    expect(new Date(out.checkedInAt).getTime()).toBeGreaterThanOrEqual(before - 5000)
    // Typing it again says so and keeps the first time.
    const again = await cloud.ok('member', 'activity.checkinByCode', { code: shown.code, id })
    expect(again).toMatchObject({ already: true, checkedInAt: out.checkedInAt })
    expect((await activityDoc(id)).checkedInCount).toBe(1)
    expect((await registrationsOf(id))[0]).toMatchObject({ state: 'checked_in', checkinMethod: 'venue_qr' })
    // Not registered: told so (the code itself was right).
    expect(codeOf(await cloud.call('informant', 'activity.checkinByCode', { code: shown.code }))).toBe('ACTIVITY.NOT_REGISTERED')
    // Letters or the wrong length never reach the server's lookup.
    expect(codeOf(await cloud.call('member', 'activity.checkinByCode', { code: '12a456' }))).toBe('COMMON.INVALID_INPUT')
  })

  it('activities checking in at the same time never share a typed code: a drawn code another one holds is drawn again', async () => {
    const id = await openCheckin()
    const other = await openCheckin()
    await cloud.ok('member', 'activity.signup', { id: other })
    const shown = await cloud.ok('staff', 'activity.checkinCode', { id })
    const guard = await cloud.db().collection('checkinCodes').doc(shown.code).get()
    expect(guard.data).toMatchObject({ activityId: id, token: shown.token })
    // The other activity's screen draws the very same code first: it is refused and the next draw is taken.
    const free = shown.code === '424242' ? '242424' : '424242'
    await cloud.db().collection('checkinCodes').doc(free).remove().catch(() => undefined)
    const draws = [shown.code, shown.code, free]
    const now = new Date()
    const code = await allocateTypedCode(cloud.db(), { activityId: other, token: 'tokenOther1', now, until: new Date(now.getTime() + 2 * MIN) }, () => draws.shift()!)
    expect(code).toBe(free)
    expect(draws).toEqual([])
    expect((await cloud.db().collection('checkinCodes').doc(shown.code).get()).data).toMatchObject({ activityId: id })
    // Only clashes for ever: told to try again, nothing taken.
    await expect(allocateTypedCode(cloud.db(), { activityId: other, token: 'tokenOther2', now, until: new Date(now.getTime() + 2 * MIN) }, () => shown.code)).rejects.toMatchObject({ code: 'COMMON.BUSY' })
    // Once the first activity's code has lapsed (its token's 2 minutes), the code may be given again.
    const later = new Date(now.getTime() + 3 * MIN)
    expect(await allocateTypedCode(cloud.db(), { activityId: other, token: 'tokenOther3', now: later, until: new Date(later.getTime() + 2 * MIN) }, () => shown.code)).toBe(shown.code)
    expect(CODE_DRAWS).toBeGreaterThan(1)
  })

  it('two screens drawing the same code at the same moment end with different codes', async () => {
    const [a, b] = [await openCheckin(), await openCheckin()]
    const same = String(100000 + Math.floor(Math.random() * 800000))
    const now = new Date()
    const until = new Date(now.getTime() + 2 * MIN)
    const seqA = [same, '000101'], seqB = [same, '000202']
    for (const c of [same, '000101', '000202']) await cloud.db().collection('checkinCodes').doc(c).remove().catch(() => undefined)
    const [ca, cb] = await Promise.all([
      allocateTypedCode(cloud.db(), { activityId: a, token: 'tokenRaceA', now, until }, () => seqA.shift()!),
      allocateTypedCode(cloud.db(), { activityId: b, token: 'tokenRaceB', now, until }, () => seqB.shift()!)
    ])
    expect(ca).not.toBe(cb)
    expect([ca, cb]).toContain(same)
    const holder = (await cloud.db().collection('checkinCodes').doc(same).get()).data as { activityId: string }
    expect(holder.activityId).toBe(ca === same ? a : b)
  })

  it('a typed code from before a rotation, of another activity, or unknown is refused; guessing stops after 5 wrong codes', async () => {
    const id = await openCheckin()
    const other = await openCheckin()
    const [guesser] = await bindMembers(1, 900)
    await cloud.ok(guesser, 'activity.signup', { id })
    const first = await cloud.ok('staff', 'activity.checkinCode', { id })
    const rotated = await cloud.ok('staff', 'activity.checkinCode', { id, rotate: true })
    expect(rotated.code).not.toBe(first.code)
    const otherCode = await cloud.ok('staff', 'activity.checkinCode', { id: other })
    const taken = new Set([first.code, rotated.code, otherCode.code])
    const wrong = ['000000', '000001', '000002', '000003'].filter((c) => !taken.has(c))
    expect(codeOf(await cloud.call(guesser, 'activity.checkinByCode', { code: first.code, id }))).toBe('ACTIVITY.TOKEN_EXPIRED')
    expect(codeOf(await cloud.call(guesser, 'activity.checkinByCode', { code: otherCode.code, id }))).toMatch(/ACTIVITY\.(CODE_INVALID|TOKEN_EXPIRED)/)
    expect(codeOf(await cloud.call(guesser, 'activity.checkinByCode', { code: wrong[0] }))).toBe('ACTIVITY.CODE_INVALID')
    expect(codeOf(await cloud.call(guesser, 'activity.checkinByCode', { code: wrong[1] }))).toBe('ACTIVITY.CODE_INVALID')
    expect(codeOf(await cloud.call(guesser, 'activity.checkinByCode', { code: wrong[2] }))).toBe('ACTIVITY.CODE_INVALID')
    // The sixth try is refused even with the right code, with a way out.
    const blocked = await cloud.call(guesser, 'activity.checkinByCode', { code: rotated.code, id })
    expect(codeOf(blocked)).toBe('ACTIVITY.CODE_ATTEMPTS')
    expect(JSON.stringify(blocked)).toMatch(/分钟后再试/)
    expect((await registrationsOf(id))[0].state).toBe('registered')
    // The window passes: the same person may try again and the right code works.
    await cloud.db().collection('checkinAttempts').doc((guesser as { openid: string }).openid).update({ data: { since: new Date(Date.now() - 11 * MIN) } })
    expect(await cloud.ok(guesser, 'activity.checkinByCode', { code: rotated.code, id })).toMatchObject({ state: 'checked_in' })
  })

  it('refuses a token from a screenshot after rotation, from another activity, unknown, or outside the window', async () => {
    const id = await openCheckin()
    const other = await openCheckin()
    await cloud.ok('member', 'activity.signup', { id })
    const first = await cloud.ok('staff', 'activity.checkinCode', { id })
    const same = await cloud.ok('staff', 'activity.checkinCode', { id })
    expect(same.token).toBe(first.token)
    const rotated = await cloud.ok('staff', 'activity.checkinCode', { id, rotate: true })
    expect(rotated.token).not.toBe(first.token)
    expect(codeOf(await cloud.call('member', 'activity.checkin', { token: first.token, id }))).toBe('ACTIVITY.TOKEN_EXPIRED')
    const otherCode = await cloud.ok('staff', 'activity.checkinCode', { id: other })
    expect(codeOf(await cloud.call('member', 'activity.checkin', { token: otherCode.token, id }))).toBe('ACTIVITY.TOKEN_OTHER_ACTIVITY')
    expect(codeOf(await cloud.call('member', 'activity.checkin', { token: 'ZZZZZZZZZZZZ' }))).toBe('ACTIVITY.TOKEN_INVALID')
    // The window closes (moved into the past): the current token stops working too.
    await cloud.db().collection('activities').doc(id).update({ data: { checkinStartAt: new Date(Date.now() - 3 * HOUR), checkinEndAt: new Date(Date.now() - 2 * HOUR) } })
    expect(codeOf(await cloud.call('member', 'activity.checkin', { token: rotated.token, id }))).toBe('ACTIVITY.CHECKIN_CLOSED')
    expect(codeOf(await cloud.call('staff', 'activity.checkinCode', { id }))).toBe('ACTIVITY.CHECKIN_CLOSED')
    // Before the window: no code at all.
    const later = await newActivity()
    expect(codeOf(await cloud.call('staff', 'activity.checkinCode', { id: later }))).toBe('ACTIVITY.CHECKIN_CLOSED')
    expect((await registrationsOf(id))[0].state).toBe('registered')
  })

  it('staff scan a personal pass or mark by hand; a waitlisted pass is refused', async () => {
    const id = await openCheckin(1)
    await cloud.ok('member', 'activity.signup', { id })
    await cloud.ok('informant', 'activity.signup', { id })
    const pass = (await cloud.ok('member', 'activity.get', { id })).mine!.pass!
    expect(await cloud.ok('staff', 'activity.scanPass', { id, pass })).toMatchObject({ state: 'checked_in', already: false })
    expect(codeOf(await cloud.call('staff', 'activity.scanPass', { id, pass: 'NOPE000000' }))).toBe('ACTIVITY.PASS_INVALID')
    const waitPass = (await cloud.ok('informant', 'activity.get', { id })).mine!.pass!
    expect(codeOf(await cloud.call('staff', 'activity.scanPass', { id, pass: waitPass }))).toBe('ACTIVITY.NOT_REGISTERED')
    await cloud.ok('staff', 'activity.mark', { id, personKey: 'm-D001', present: false })
    expect((await cloud.ok('member', 'activity.get', { id })).mine!.state).toBe('registered')
    await cloud.ok('staff', 'activity.mark', { id, personKey: 'm-D001', present: true })
    const regs = await cloud.ok('staff', 'activity.registrations', { id, group: 'attendance' })
    expect(regs.items.map((r) => [r.personKey, r.state, r.checkinMethod])).toEqual([['m-D001', 'checked_in', 'manual']])
  })

  it('finalize: check-ins become attended, the rest absent, attendance locked; readAttendance reports it', async () => {
    const id = await openCheckin()
    const people = await bindMembers(3)
    for (const p of people) await cloud.ok(p, 'activity.signup', { id })
    const code = await cloud.ok('staff', 'activity.checkinCode', { id })
    await cloud.ok(people[0], 'activity.checkin', { token: code.token })
    await cloud.ok(people[1], 'activity.checkin', { token: code.token })
    expect(codeOf(await cloud.call('staff', 'activity.finalize', { id }))).toBe('ACTIVITY.NOT_ENDED')
    await cloud.db().collection('activities').doc(id).update({ data: { startAt: new Date(Date.now() - 3 * HOUR), endAt: new Date(Date.now() - HOUR), checkinStartAt: new Date(Date.now() - 4 * HOUR) } })
    expect(await cloud.ok('staff', 'activity.finalize', { id })).toEqual({ attended: 2, absent: 1, leave: 0 })
    expect(await cloud.ok('staff', 'activity.finalize', { id })).toEqual({ attended: 2, absent: 1, leave: 0 })
    expect((await cloud.ok('public', 'activity.get', { id })).state).toBe('finalized')
    expect(codeOf(await cloud.call('staff', 'activity.mark', { id, personKey: (people[2] as { openid: string }).openid, present: true }))).toBe('ACTIVITY.LOCKED')
    expect(codeOf(await cloud.call(people[2], 'activity.checkin', { token: code.token }))).toBe('ACTIVITY.LOCKED')
    const { readAttendance } = await import('../../cloudfunctions/activity/engine')
    const att = await readAttendance(cloud.db() as never, id)
    expect(att.finalized).toBe(true)
    expect(att.attendedMemberIds.sort()).toEqual([members[1]._id, members[2]._id].sort())
    expect(att.absentMemberIds).toEqual([members[3]._id])
    expect(att.counts).toMatchObject({ attended: 2, absent: 1 })
  })
})

describe('required activities', () => {
  it('invitees are notified, confirm, or ask for leave; the organiser approves or denies; no leave after check-in', async () => {
    const id = await newActivity({ checkinNow: true, audience: 'invitees', required: true, inviteeIds: ['m-D001', 'm-D002', 'm-D003'], capacity: 0 })
    const memberOpenid = 'oDemoMember0000000000000001'
    const invitations = cloud.emulator.outbox().filter((m) => (m as { page: string }).page.includes(id)) as { touser: string }[]
    expect(invitations.map((m) => m.touser)).toEqual([memberOpenid])
    const [second, third] = await bindMembers(2, 1) // bound to m-D002, m-D003
    expect((await cloud.ok('member', 'activity.get', { id })).mine?.state).toBe('notified')
    expect(codeOf(await cloud.call('member', 'activity.cancelSignup', { id }))).toBe('ACTIVITY.REQUIRED_NO_CANCEL')
    expect(codeOf(await cloud.call('informant', 'activity.signup', { id }))).toBe('ACTIVITY.NOT_IN_AUDIENCE')
    expect(await cloud.ok(second, 'activity.requestLeave', { id, reason: '参加市里会议' })).toEqual({ state: 'leave_requested' })
    expect(await cloud.ok(third, 'activity.requestLeave', { id, reason: '家中有事' })).toEqual({ state: 'leave_requested' })
    const leave = await cloud.ok('staff', 'activity.registrations', { id, group: 'leave' })
    expect(leave.items.map((r) => [r.personKey, r.leaveReason])).toEqual([['m-D002', '参加市里会议'], ['m-D003', '家中有事']])
    expect(await cloud.ok('staff', 'activity.decideLeave', { id, personKey: 'm-D002', approve: true })).toEqual({ state: 'leave_approved' })
    expect(await cloud.ok('staff', 'activity.decideLeave', { id, personKey: 'm-D003', approve: false, reason: '本次为必须参加' })).toEqual({ state: 'leave_denied' })
    expect(codeOf(await cloud.call('staff', 'activity.decideLeave', { id, personKey: 'm-D003', approve: true }))).toBe('ACTIVITY.LEAVE_NOT_PENDING')
    expect((await cloud.ok(third, 'activity.get', { id })).mine).toMatchObject({ state: 'leave_denied', leaveDecisionReason: '本次为必须参加' })
    expect(await cloud.ok('member', 'activity.confirm', { id })).toEqual({ state: 'confirmed' })
    const code = await cloud.ok('staff', 'activity.checkinCode', { id })
    await cloud.ok('member', 'activity.checkin', { token: code.token })
    expect(codeOf(await cloud.call('member', 'activity.requestLeave', { id, reason: '临时有事' }))).toBe('ACTIVITY.ALREADY_CHECKED_IN')
    expect((await cloud.ok('member', 'activity.get', { id })).mine?.state).toBe('checked_in')
    // Adding an invitee later invites only the new person.
    await cloud.ok('staff', 'activity.update', { id, inviteeIds: ['m-D001', 'm-D002', 'm-D003', 'm-D004'] })
    const states = Object.fromEntries((await registrationsOf(id)).map((r) => [r.personKey, r.state]))
    expect(states).toEqual({ 'm-D001': 'checked_in', 'm-D002': 'leave_approved', 'm-D003': 'leave_denied', 'm-D004': 'notified' })
  })
})

describe('reminders, views, export', () => {
  it('the timer reminds each consenting registration once', async () => {
    const id = await newActivity({ startIn: 3 * HOUR })
    const [a, b, c] = await bindMembers(3)
    await cloud.ok(a, 'activity.signup', { id, consent: true })
    await cloud.ok(b, 'activity.signup', { id, consent: true })
    await cloud.ok(c, 'activity.signup', { id, consent: false })
    const far = await newActivity({ startIn: 5 * 24 * HOUR })
    await cloud.ok(a, 'activity.signup', { id: far, consent: true })
    const before = cloud.emulator.outbox().length
    await cloud.emulator.fireTimer('activity', 'remind')
    await cloud.emulator.fireTimer('activity', 'remind')
    const sent = (cloud.emulator.outbox().slice(before) as { touser: string; template_id: string; page: string }[]).filter((m) => m.page.includes(id))
    expect(sent.map((m) => m.touser).sort()).toEqual([a, b].map((p) => (p as { openid: string }).openid).sort())
    expect(sent.every((m) => m.template_id === 'tmpl-activity-reminder' && m.page.includes(id))).toBe(true)
  })

  it('my activities: upcoming with state and pass, past with attendance', async () => {
    const upcoming = await cloud.ok('member', 'activity.mine', { scope: 'upcoming' })
    expect(upcoming.items.length).toBeGreaterThan(0)
    const starts = upcoming.items.map((i) => i.activity.startAt)
    expect([...starts].sort()).toEqual(starts)
    expect(upcoming.items.find((i) => i.activity.id === 'act-demo-training-next')?.registration.state).toBe('notified')
    expect(upcoming.items.every((i) => i.registration.pass)).toBe(true)
    const past = await cloud.ok('member', 'activity.mine', { scope: 'past' })
    expect(past.items.find((i) => i.activity.id === 'act-demo-school-traffic')?.registration.state).toMatch(/attended|absent/)
  })

  it('lists: upcoming soonest first, past newest first, filter by studio; one DB read', async () => {
    const reply = await cloud.call('public', 'activity.list', { scope: 'upcoming', limit: 20 })
    expect(reply.ok).toBe(true)
    if (!reply.ok) return
    expect(reply.dbOps).toBe(1)
    const times = reply.data.items.map((a) => a.startAt)
    expect([...times].sort()).toEqual(times)
    const past = await cloud.ok('public', 'activity.list', { scope: 'past' })
    expect(past.items.every((a) => a.state === 'finalized')).toBe(true)
    const studio = await cloud.ok('public', 'activity.list', { scope: 'past', studioId: 'studio-08' })
    expect(studio.items.map((a) => a.id)).toContain('act-demo-school-traffic')
    expect(studio.items.every((a) => a.studioId === 'studio-08')).toBe(true)
  })

  it('organiser views: phones masked unless staff; export .xlsx masked for studio admins', async () => {
    const id = 'act-demo-preschool'
    const asStaff = await cloud.ok('staff', 'activity.registrations', { id })
    const asAdmin = await cloud.ok('studio_admin', 'activity.registrations', { id })
    expect(asStaff.items[0].phone).toMatch(/^1\d{10}$/)
    expect(asAdmin.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(codeOf(await cloud.call('member', 'activity.registrations', { id }))).toBe('AUTH.FORBIDDEN')

    for (const [who, masked] of [['studio_admin', true], ['staff', false]] as const) {
      const out = await cloud.ok(who, 'activity.export', { id })
      expect(out.rows).toBe(6)
      const bytes = await cloud.emulator.storage.read(out.fileID)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(bytes as never)
      const sheet = book.worksheets[0]
      expect(String(sheet.getRow(3).getCell(2).value)).toBe('姓名')
      const phone = String(sheet.getRow(4).getCell(4).value)
      expect(phone).toMatch(masked ? /^\d{3}\*{4}\d{4}$/ : /^1\d{10}$/)
      // the desk console saves the same file from its temporary URL, under a readable name
      const fetched = Buffer.from(await (await fetch(out.url)).arrayBuffer())
      expect(fetched.equals(Buffer.from(bytes as Buffer))).toBe(true)
      expect(out.name).toMatch(/^报名与考勤-.+/)
    }
  })
})

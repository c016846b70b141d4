/**
 * Issue 13 on the activity function: a retry with the same requestId gets
 * the first answer and has no second effect (item 3); organiser views and
 * exports carry no OPENID (item 2); activity text passes the shared content
 * check and fails closed (item 1); closed years stay closed (item 6).
 */
import { formatBeijing } from '../../src/core/time'
import type { ActionName } from '../../src/core/contract'
import { personas } from '../../src/dev/personas'
import { useFunctionsCloud, codeOf, type Who } from './support'

const cloud = useFunctionsCloud()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))
const openidOf = (key: string) => personas.find((p) => p.key === key)!.openid

function plan(startIn: number, extra: Record<string, unknown> = {}) {
  return {
    title: '规则测试活动',
    type: 'studio_activity',
    place: '县政务服务中心',
    startAt: bj(startIn),
    endAt: bj(startIn + 2 * HOUR),
    signupDeadline: bj(startIn - HOUR),
    capacity: 10,
    audience: 'public',
    studioId: 'studio-01',
    publish: true,
    ...extra
  }
}

async function newActivity(extra: Record<string, unknown> = {}, who: Who = 'staff', startIn = 3 * DAY): Promise<string> {
  return (await cloud.ok(who, 'activity.create', plan(startIn, extra))).id
}

/** Moves an activity's times by `shiftMs` in the database, as if time had passed. */
async function shift(id: string, shiftMs: number) {
  const { data } = await cloud.db().collection('activities').doc(id).get()
  const move = (d: Date) => new Date(new Date(d).getTime() + shiftMs)
  await cloud.db().collection('activities').doc(id).update({
    data: { startAt: move(data.startAt), endAt: move(data.endAt), signupDeadline: move(data.signupDeadline), checkinStartAt: move(data.checkinStartAt), checkinEndAt: move(data.checkinEndAt) }
  })
}

let seq = 0
/** Calls twice with one requestId; both answers must be the same success. Returns the answer. */
async function twice<N extends ActionName>(who: Who, name: N, payload: unknown) {
  const requestId = `retry-${name.replace('.', '-')}-${++seq}-${Date.now().toString(36)}`
  const first = await cloud.call(who, name, payload, requestId)
  const again = await cloud.call(who, name, payload, requestId)
  expect(first.ok).toBe(true)
  expect(again.ok).toBe(true)
  if (!first.ok || !again.ok) throw new Error(`${name} failed`)
  expect(again.data).toEqual(first.data)
  return first.data
}

const outbox = () => cloud.emulator.outbox().length
async function activity(id: string) {
  return (await cloud.db().collection('activities').doc(id).get()).data
}

beforeEach(async () => {
  await cloud.seedDemo()
})

describe('a retry with the same requestId gets the first answer, with no second effect', () => {
  it('cancel: one notice round, one audit entry', async () => {
    const id = await newActivity()
    await cloud.ok('member', 'activity.signup', { id })
    const before = outbox()
    const out = await twice('staff', 'activity.cancel', { id, reason: '天气原因' })
    expect(out.notified).toBe(1)
    expect(outbox() - before).toBe(1)
    expect((await cloud.db().collection('auditLog').where({ action: 'activity.cancel', target: id }).count()).total).toBe(1)
  })

  it('postpone: one notice round', async () => {
    const id = await newActivity()
    await cloud.ok('member', 'activity.signup', { id })
    const before = outbox()
    await twice('staff', 'activity.postpone', { id, reason: '场地调整' })
    expect(outbox() - before).toBe(1)
    expect((await activity(id)).state).toBe('postponed')
  })

  it('cancel sign-up: the seat is given back once, the waitlisted person promoted once', async () => {
    const id = await newActivity({ capacity: 1 })
    await cloud.ok('member', 'activity.signup', { id })
    await cloud.ok('public', 'activity.signup', { id, contactName: '张三', contactPhone: '13800001234' })
    const before = outbox()
    const out = await twice('member', 'activity.cancelSignup', { id })
    expect(out.state).toBe('cancelled')
    expect(outbox() - before).toBe(1)
    const a = await activity(id)
    expect([a.registeredCount, a.waitlistCount]).toEqual([1, 0])
  })

  it('decide leave, request leave, confirm: one decision, one notice', async () => {
    const id = await newActivity({ audience: 'invitees', required: true, inviteeIds: ['m-D001', 'm-D002'] })
    // The member persona is roster member m-D001.
    await twice('member', 'activity.requestLeave', { id, reason: '外出开会' })
    const before = outbox()
    expect(await twice('staff', 'activity.decideLeave', { id, personKey: 'm-D001', approve: false, reason: '请参加' })).toEqual({ state: 'leave_denied' })
    expect(outbox() - before).toBe(1)
    expect(await twice('member', 'activity.confirm', { id })).toEqual({ state: 'confirmed' })
  })

  it('check-in by venue code and by pass, marking, finalize: counted once', async () => {
    const id = await newActivity({}, 'staff', 10 * MIN)
    // Sign-up closes 1 h before the start: open it for this test.
    await cloud.db().collection('activities').doc(id).update({ data: { signupDeadline: new Date(Date.now() + 5 * MIN) } })
    await cloud.ok('member', 'activity.signup', { id })
    await cloud.ok('public', 'activity.signup', { id, contactName: '张三', contactPhone: '13800001234' })
    const code = await cloud.ok('staff', 'activity.checkinCode', { id, rotate: true })
    expect(await twice('member', 'activity.checkin', { token: code.token, id })).toMatchObject({ state: 'checked_in', already: false })
    const regs = await cloud.ok('staff', 'activity.registrations', { id })
    const pub = regs.items.find((r) => r.name === '张三')!
    const { data } = await cloud.db().collection('registrations').doc(pub.id).get()
    expect(await twice('staff', 'activity.scanPass', { id, pass: data.pass })).toMatchObject({ state: 'checked_in', already: false })
    expect((await activity(id)).checkedInCount).toBe(2)
    expect(await twice('staff', 'activity.mark', { id, personKey: pub.personKey, present: false })).toEqual({ state: 'registered' })
    expect((await activity(id)).checkedInCount).toBe(1)
    await shift(id, -3 * HOUR)
    expect(await twice('staff', 'activity.finalize', { id })).toEqual({ attended: 1, absent: 1, leave: 0 })
    expect((await cloud.db().collection('auditLog').where({ action: 'activity.finalize', target: id }).count()).total).toBe(1)
  })

  it('update, publish, export: the same answer again', async () => {
    const id = await newActivity({ publish: false })
    await twice('staff', 'activity.update', { id, capacity: 20 })
    await twice('staff', 'activity.publish', { id })
    const out = await twice('staff', 'activity.export', { id })
    expect((await cloud.db().collection('auditLog').where({ action: 'activity.export', target: id }).count()).total).toBe(1)
    expect(out.rows).toBe(0)
  })
})

describe('no OPENID reaches anyone else', () => {
  it('registration lists, promotions and exports name people by an opaque key', async () => {
    const id = await newActivity({ capacity: 1 })
    const publicOpenid = openidOf('public')
    await cloud.ok('informant', 'activity.signup', { id, contactName: '李四', contactPhone: '13800004321' })
    await cloud.ok('public', 'activity.signup', { id, contactName: '张三', contactPhone: '13800001234' })
    const promoted = await cloud.ok('informant', 'activity.cancelSignup', { id })
    expect(promoted.promoted).toMatch(/^u-[0-9a-f]{20}$/)
    const regs = await cloud.ok('studio_admin', 'activity.registrations', { id })
    const exported = await cloud.ok('studio_admin', 'activity.export', { id })
    const replies = JSON.stringify([promoted, regs, exported])
    for (const p of personas) expect(replies).not.toContain(p.openid)
    const row = regs.items.find((r) => r.name === '张三')!
    expect(row.personKey).toMatch(/^u-/)
    // The opaque key works wherever the organiser names a person.
    expect(await cloud.ok('studio_admin', 'activity.mark', { id, personKey: row.personKey, present: false })).toEqual({ state: 'registered' })
    expect(row.id).not.toContain(publicOpenid)
  })
})

describe('activity text passes the content check and fails closed', () => {
  it('a risky title is refused and nothing is stored', async () => {
    const before = (await cloud.db().collection('activities').count()).total
    expect(codeOf(await cloud.call('studio_admin', 'activity.create', plan(3 * DAY, { title: '代开发票讲座' })))).toBe('CONTENT.RISKY')
    expect((await cloud.db().collection('activities').count()).total).toBe(before)
    const id = await newActivity({}, 'studio_admin')
    expect(codeOf(await cloud.call('studio_admin', 'activity.update', { id, description: '赌博网站' }))).toBe('CONTENT.RISKY')
    expect((await activity(id)).description).toBe('')
  })

  it('doubtful or unchecked text: a draft only staff can publish, unseen by the public until then', async () => {
    for (const word of ['待审测试词', '检测故障测试词']) {
      const created = await cloud.ok('studio_admin', 'activity.create', plan(3 * DAY, { description: `活动介绍${word}` }))
      expect(created.state).toBe('draft')
      expect(created.safetyNote).toBeTruthy()
      expect(codeOf(await cloud.call('studio_admin', 'activity.publish', { id: created.id }))).toBe('ACTIVITY.HELD')
      expect(codeOf(await cloud.call('public', 'activity.get', { id: created.id }))).toBe('ACTIVITY.NOT_FOUND')
      expect((await cloud.ok('staff', 'activity.publish', { id: created.id })).state).toBe('published')
      expect((await cloud.ok('public', 'activity.get', { id: created.id })).id).toBe(created.id)
    }
  })

  it('a published activity whose new text is held leaves the public list until staff publish it again', async () => {
    const id = await newActivity({}, 'studio_admin')
    const listed = async () => (await cloud.ok('public', 'activity.list', { studioId: 'studio-01' })).items.map((a) => a.id)
    expect(await listed()).toContain(id)
    await cloud.ok('studio_admin', 'activity.update', { id, description: '加微信领红包' })
    expect(await listed()).not.toContain(id)
    expect(codeOf(await cloud.call('public', 'activity.get', { id }))).toBe('ACTIVITY.NOT_FOUND')
    await cloud.ok('staff', 'activity.publish', { id })
    expect(await listed()).toContain(id)
  })
})

it('no reminder quotes held text: reminders wait until staff release the activity', async () => {
  const id = await newActivity({}, 'studio_admin', 12 * HOUR)
  await cloud.ok('member', 'activity.signup', { id, consent: true })
  await cloud.ok('studio_admin', 'activity.update', { id, title: '待审测试词讲座' })
  const before = outbox()
  const reminders = () => (cloud.emulator.outbox().slice(before) as { page: string }[]).filter((m) => m.page.includes(id)).length
  await cloud.emulator.fireTimer('activity', 'remind')
  expect(reminders()).toBe(0)
  await cloud.ok('staff', 'activity.publish', { id })
  await cloud.emulator.fireTimer('activity', 'remind')
  expect(reminders()).toBe(1)
})

describe('closed years stay closed', () => {
  it('an organiser cannot create an activity that already ended; staff can', async () => {
    const past = plan(-3 * DAY)
    expect(codeOf(await cloud.call('studio_admin', 'activity.create', past))).toBe('ACTIVITY.IN_PAST')
    expect((await cloud.call('staff', 'activity.create', past)).ok).toBe(true)
  })

  it('an organiser cannot move an activity into the past nor edit an ended one; staff can', async () => {
    const id = await newActivity({}, 'studio_admin')
    const back = { id, startAt: bj(-2 * DAY), endAt: bj(-2 * DAY + HOUR), signupDeadline: bj(-3 * DAY) }
    expect(codeOf(await cloud.call('studio_admin', 'activity.update', back))).toBe('ACTIVITY.IN_PAST')
    expect((await cloud.call('staff', 'activity.update', back)).ok).toBe(true)
    expect(codeOf(await cloud.call('studio_admin', 'activity.update', { id, title: '改名' }))).toBe('ACTIVITY.IN_PAST')
    expect((await cloud.call('staff', 'activity.update', { id, title: '改名' })).ok).toBe(true)
  })

  it('an organiser changes attendance until 7 days after the end; staff later too', async () => {
    const id = await newActivity({}, 'studio_admin')
    await cloud.ok('member', 'activity.signup', { id })
    const key = (await cloud.ok('studio_admin', 'activity.registrations', { id })).items[0].personKey
    await shift(id, -(3 * DAY + 6 * DAY + 2 * HOUR))
    expect(await cloud.ok('studio_admin', 'activity.mark', { id, personKey: key, present: true })).toEqual({ state: 'checked_in' })
    await shift(id, -2 * DAY)
    expect(codeOf(await cloud.call('studio_admin', 'activity.mark', { id, personKey: key, present: false }))).toBe('ACTIVITY.ATTENDANCE_CLOSED')
    expect(await cloud.ok('staff', 'activity.mark', { id, personKey: key, present: false })).toEqual({ state: 'registered' })
  })
})

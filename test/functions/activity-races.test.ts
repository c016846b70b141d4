/**
 * Sign-up races replayed in an exact order (hold-proxy.ts) and bursts: the
 * stored counters always equal the registrations, the reply tells the person
 * what they hold, waitlist positions are distinct. From the adversary pass
 * of 2026-11-29.
 */
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf } from './support'
import { installProxy, type Proxy } from './hold-proxy'
import { personKeyOf } from '../../cloudfunctions/activity/engine'

const cloud = useFunctionsCloud()
const MIN = 60_000
const HOUR = 60 * MIN
const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))

let proxy: Proxy
beforeAll(async () => {
  proxy = await installProxy(cloud)
})
afterAll(async () => {
  await proxy.close()
})
beforeEach(async () => {
  await cloud.seedDemo()
})

async function newActivity(plan: { capacity?: number; waitlist?: boolean; audience?: string; required?: boolean; inviteeIds?: string[] } = {}): Promise<string> {
  const startIn = 3 * 24 * HOUR
  const a = await cloud.ok('staff', 'activity.create', {
    title: '报名竞争测试',
    type: 'studio_activity',
    place: '县政务服务中心',
    startAt: bj(startIn),
    endAt: bj(startIn + 2 * HOUR),
    signupDeadline: bj(startIn - HOUR),
    capacity: plan.capacity ?? 10,
    audience: plan.audience ?? 'public',
    required: plan.required,
    inviteeIds: plan.inviteeIds,
    waitlist: plan.waitlist,
    publish: true
  })
  return a.id
}

async function activityDoc(id: string) {
  const { data } = await cloud.db().collection('activities').doc(id).get()
  return data as { registeredCount: number; waitlistCount: number; capacity: number }
}

async function registrationsOf(id: string) {
  const out: { _id: string; personKey: string; openid?: string; state: string; waitlistSeq?: number }[] = []
  for (;;) {
    const { data } = await cloud.db().collection('registrations').where({ activityId: id }).orderBy('_id', 'asc').skip(out.length).limit(100).get()
    out.push(...(data as typeof out))
    if (data.length < 100) return out
  }
}

/** registeredCount = registrations in registered/checked_in; waitlistCount = waitlisted. */
async function counters(id: string) {
  const a = await activityDoc(id)
  const regs = await registrationsOf(id)
  return {
    stored: { registered: a.registeredCount, waitlisted: a.waitlistCount },
    actual: {
      registered: regs.filter((r) => r.state === 'registered' || r.state === 'checked_in').length,
      waitlisted: regs.filter((r) => r.state === 'waitlisted').length
    }
  }
}

const pub = (i: number): { openid: string } => ({ openid: `oRacePublic${String(i).padStart(8, '0')}` })

describe('waitlist counter kept outside the sign-up transaction', () => {
  it('a seat freed between the waitlist insert and its counter bump: counter and the reply stay true', async () => {
    const id = await newActivity({ capacity: 1, waitlist: true })
    const a = pub(1)
    const b = pub(2)
    expect(await cloud.ok(a, 'activity.signup', { id })).toMatchObject({ state: 'registered' })

    // B joins the waitlist; its `waitlistCount: inc(1)` (sent after the
    // transaction committed) is one slow round trip.
    const held = proxy.hold((body) => body.includes('waitlistCount') && body.includes('inc') && !body.includes('transactionId'))
    const signup = cloud.call(b, 'activity.signup', { id })
    await held.hit
    // Meanwhile A cancels: B is waiting, so B gets A's seat in the same transaction.
    const cancelled = await cloud.ok(a, 'activity.cancelSignup', { id })
    // The promoted person is named by their opaque person key, never their OPENID.
    expect(cancelled.promoted).toBe(personKeyOf(b))
    expect(cancelled.promoted).not.toContain(b.openid)
    held.release()
    await signup

    const c = await counters(id)
    expect(c.stored).toEqual(c.actual) // waitlistCount must be 0: nobody waits
  })

  it('same race: the person who got the seat is told what they hold', async () => {
    const id = await newActivity({ capacity: 1, waitlist: true })
    const a = pub(1)
    const b = pub(2)
    await cloud.ok(a, 'activity.signup', { id })
    const held = proxy.hold((body) => body.includes('waitlistCount') && body.includes('inc') && !body.includes('transactionId'))
    const signup = cloud.call(b, 'activity.signup', { id })
    await held.hit
    await cloud.ok(a, 'activity.cancelSignup', { id })
    held.release()
    const reply = await signup
    expect((await cloud.ok(b, 'activity.get', { id })).mine?.state).toBe('registered')
    // B holds the seat, so B must not be told "waitlisted" (the page shows 候补).
    expect(reply.ok && reply.data).toMatchObject({ state: 'registered' })
  })
})

describe('waitlist positions', () => {
  it('two people who joined in the same millisecond get different positions (ties go by _id)', async () => {
    const id = await newActivity({ capacity: 1, waitlist: true })
    await cloud.ok(pub(1), 'activity.signup', { id })
    await cloud.ok(pub(2), 'activity.signup', { id })
    await cloud.ok(pub(3), 'activity.signup', { id })
    // The same instant for both (a burst on a busy cloud: the seq is Date.now()).
    const regs = (await registrationsOf(id)).filter((r) => r.state === 'waitlisted')
    expect(regs).toHaveLength(2)
    await cloud.db().collection('registrations').doc(regs[1]._id).update({ data: { waitlistSeq: regs[0].waitlistSeq } })
    const p2 = (await cloud.ok(pub(2), 'activity.get', { id })).mine?.waitlistPosition
    const p3 = (await cloud.ok(pub(3), 'activity.get', { id })).mine?.waitlistPosition
    expect([p2, p3].sort()).toEqual([1, 2])
  })

  it('a burst of 40 waitlist joins: 40 distinct positions, counters true', async () => {
    const id = await newActivity({ capacity: 1, waitlist: true })
    await cloud.ok(pub(1), 'activity.signup', { id })
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => cloud.call(pub(100 + i), 'activity.signup', { id })))
    expect(replies.every((r) => r.ok)).toBe(true)
    const seqs = (await registrationsOf(id)).filter((r) => r.state === 'waitlisted').map((r) => r.waitlistSeq)
    expect(seqs).toHaveLength(40)
    const positions = await Promise.all(Array.from({ length: 40 }, (_, i) => cloud.ok(pub(100 + i), 'activity.get', { id })))
    const ps = positions.map((d) => d.mine?.waitlistPosition)
    expect(new Set(ps).size).toBe(40)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
  })
})

describe('bursts', () => {
  it('the same person taps sign-up and cancel many times at once: counters stay true', async () => {
    const id = await newActivity({ capacity: 2, waitlist: true })
    await cloud.ok(pub(1), 'activity.signup', { id })
    await cloud.ok(pub(2), 'activity.signup', { id })
    await cloud.ok(pub(3), 'activity.signup', { id }) // waitlisted
    const calls = []
    for (let i = 0; i < 6; i++) {
      calls.push(cloud.call(pub(1), i % 2 ? 'activity.cancelSignup' : 'activity.signup', { id }))
      calls.push(cloud.call(pub(3), i % 2 ? 'activity.signup' : 'activity.cancelSignup', { id }))
    }
    const replies = await Promise.all(calls)
    expect(replies.filter((r) => codeOf(r) === 'COMMON.INTERNAL')).toHaveLength(0)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual.registered).toBeLessThanOrEqual(2)
  })

  it('re-sign-up after cancelling races 8 others for the last seat (waitlist off): one seat, one winner', async () => {
    const id = await newActivity({ capacity: 2, waitlist: false })
    await cloud.ok(pub(1), 'activity.signup', { id })
    await cloud.ok(pub(2), 'activity.signup', { id })
    await cloud.ok(pub(1), 'activity.cancelSignup', { id })
    const replies = await Promise.all([pub(1), ...Array.from({ length: 8 }, (_, i) => pub(10 + i))].map((w) => cloud.call(w, 'activity.signup', { id })))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok).every((r) => codeOf(r) === 'ACTIVITY.FULL')).toBe(true)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual.registered).toBe(2)
  })

  it('capacity raised and lowered during a burst of 30: never over capacity, counters true', async () => {
    const id = await newActivity({ capacity: 5, waitlist: true })
    const burst = Array.from({ length: 30 }, (_, i) => cloud.call(pub(200 + i), 'activity.signup', { id }))
    const edits = [cloud.call('staff', 'activity.update', { id, capacity: 12 }), cloud.call('staff', 'activity.update', { id, capacity: 8 })]
    const replies = await Promise.all([...burst, ...edits])
    expect(replies.filter((r) => codeOf(r) === 'COMMON.INTERNAL')).toHaveLength(0)
    const a = await activityDoc(id)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual.registered).toBeLessThanOrEqual(a.capacity)
    // A free seat while people wait is a lost seat.
    if (c.actual.waitlisted > 0) expect(c.actual.registered).toBe(a.capacity)
  })
})

describe('a hot activity (issue 13 item 4): exact seats, real positions, no retry storm', () => {
  it('a burst of 120 on 30 seats: 30 seats exactly, each waitlisted reply tells the real place in line, DB operations per caller close to an uncontended sign-up', async () => {
    // Uncontended figures for the two endings: a seat, and a place on the waitlist.
    const solo = await newActivity({ capacity: 1, waitlist: true })
    const seatAlone = await cloud.call(pub(900), 'activity.signup', { id: solo })
    const waitAlone = await cloud.call(pub(901), 'activity.signup', { id: solo })
    expect(seatAlone.ok && seatAlone.data.state).toBe('registered')
    expect(waitAlone.ok && waitAlone.data).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 })

    const id = await newActivity({ capacity: 30, waitlist: true })
    const people = Array.from({ length: 120 }, (_, i) => pub(1000 + i))
    const replies = await Promise.all(people.map((p) => cloud.call(p, 'activity.signup', { id })))
    expect(replies.filter((r) => !r.ok).map((r) => codeOf(r))).toEqual([])

    // Exact seats, counters true.
    const regs = await registrationsOf(id)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual).toEqual({ registered: 30, waitlisted: 90 })

    // Each reply is what the person holds; positions are the final waitlist order (no one left meanwhile).
    const line = regs
      .filter((r) => r.state === 'waitlisted')
      .sort((x, y) => new Date(x.waitlistSeq!).getTime() - new Date(y.waitlistSeq!).getTime() || (x._id < y._id ? -1 : 1))
      .map((r) => r.openid)
    const byPerson = new Map(regs.map((r) => [r.openid, r.state]))
    const told: number[] = []
    replies.forEach((r, i) => {
      if (!r.ok) return
      expect(r.data.state).toBe(byPerson.get(people[i].openid))
      if (r.data.state === 'waitlisted') {
        expect(r.data.waitlistPosition).toBe(line.indexOf(people[i].openid) + 1)
        told.push(r.data.waitlistPosition!)
      }
    })
    expect(new Set(told).size).toBe(90)

    // Bounded and cheap: against the uncontended sign-up that ends the same way.
    const ratios = replies.map((r) => r.dbOps / (r.ok && r.data.state === 'registered' ? seatAlone.dbOps : waitAlone.dbOps))
    const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length
    expect(mean).toBeLessThanOrEqual(1.5)
    expect(Math.max(...ratios)).toBeLessThanOrEqual(3)
  }, 120_000)

  it('capacity lowered while a burst claims seats: never above the new capacity', async () => {
    const id = await newActivity({ capacity: 20, waitlist: true })
    const burst = Array.from({ length: 40 }, (_, i) => cloud.call(pub(2000 + i), 'activity.signup', { id }))
    const edit = cloud.call('staff', 'activity.update', { id, capacity: 10 })
    const replies = await Promise.all([...burst, edit])
    expect(replies.filter((r) => codeOf(r) === 'COMMON.INTERNAL')).toHaveLength(0)
    const a = await activityDoc(id)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual.registered).toBeLessThanOrEqual(a.capacity)
  }, 60_000)
})

describe('inviting many members to an open activity (issue 13 item 9)', () => {
  it('150 invitees for 100 seats: 100 seats and 50 in line, one of them had signed up already and keeps that place; few round trips', async () => {
    const db = cloud.db()
    const ids = Array.from({ length: 150 }, (_, i) => `m-INV${String(i).padStart(3, '0')}`)
    await db.collection('members').add({ data: ids.map((id, i) => ({ _id: id, memberNumber: id.slice(2), name: `受邀委员${i}`, sector: '经济界', boundOpenid: null, createdAt: new Date(), updatedAt: new Date() })) })
    const id = await newActivity({ capacity: 100, waitlist: true, audience: 'members' })
    // One invitee signed up by themselves first (bound to a WeChat as a member).
    await db.collection('users').doc('oInviteeSelf0000000000000001').set({ data: { grants: [], member: { id: ids[7], name: '受邀委员7', sector: '经济界' }, createdAt: new Date(), updatedAt: new Date() } })
    expect(await cloud.ok({ openid: 'oInviteeSelf0000000000000001' }, 'activity.signup', { id })).toMatchObject({ state: 'registered' })
    const reply = await cloud.call('staff', 'activity.update', { id, inviteeIds: ids })
    expect(reply.ok).toBe(true)
    // Reads and writes per 100 invitees, not per person (150 transactions before).
    expect(reply.dbOps).toBeLessThanOrEqual(30)
    const c = await counters(id)
    expect(c.stored).toEqual(c.actual)
    expect(c.actual).toEqual({ registered: 100, waitlisted: 50 })
    const regs = await registrationsOf(id)
    expect(regs).toHaveLength(150)
    expect(regs.find((r) => r.personKey === ids[7])?.state).toBe('registered')
  }, 60_000)
})

/**
 * Sign-up and its undoing: sign-up (a seat or the waitlist), cancelling a
 * sign-up, and promotion from the waitlist into freed seats.
 *
 * Seat rule: `activities.registeredCount` never goes above the capacity:
 * a first sign-up claims its seat with one conditional atomic increment
 * (`registeredCount < capacity`), every other change of the counter happens
 * in a transaction with the registration it concerns (`_id` = activity +
 * person). A free seat while people wait is reserved for the first
 * waitlisted person (promotion in waitlist order). docs/decisions.md 48.
 */
import type { RegistrationState } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { findById, isDuplicateKey, rowsOf } from '../_shared/db'
import type { Database } from '../_shared/cloud'
import { getActivity, getInTx, personKeyOf, registrationId, sendNotice, shortCode, transact, waitlistPosition, type ActivityDocument, type NoticeCloud, type RegistrationDocument } from './engine'
import { activityInTx, assertOpenForChanges, type Handler } from './model'

/**
 * One seat by a conditional atomic increment of the seat counter
 * (`registeredCount < capacity`, with the capacity and state as read, so a
 * capacity edit or a cancellation in between makes it miss). True when the
 * seat is now the caller's to hand out. One operation; never conflicts.
 */
export async function claimSeat(db: Database, a: Pick<ActivityDocument, '_id' | 'capacity'>): Promise<boolean> {
  const _ = db.command
  const where: Record<string, unknown> = { _id: a._id, state: 'published', capacity: a.capacity }
  if (a.capacity > 0) where.registeredCount = _.lt(a.capacity)
  const res = (await db.collection('activities').where(where).update({ data: { registeredCount: _.inc(1) } })) as { stats?: { updated?: number } }
  return (res.stats?.updated ?? 0) === 1
}

/** Gives a claimed or freed seat back to the counter (atomic -1). One operation. */
export async function releaseSeat(db: Database, activityId: string): Promise<void> {
  await db.collection('activities').doc(activityId).update({ data: { registeredCount: db.command.inc(-1) } })
}

/**
 * Moves waitlisted people into free seats, first come first served:
 * claims a seat ({@link claimSeat}), then moves the first person still
 * waiting with a conditional update (`state: 'waitlisted'`); when nobody
 * was left the seat goes back. No transaction, so it never conflicts with a
 * burst of sign-ups. Notifies each promoted person. Returns the promoted
 * person keys. Stops when no seat is free or nobody waits; a claim that
 * misses because the activity changed meanwhile (a capacity edit racing
 * the promotion) reads it again rather than leaving a seat free while
 * people wait.
 * DB per person: candidates query, activity read, claim, move, waitlist -1.
 */
export async function promoteWaitlisted(db: Database, activityId: string, now: Date, cloud: NoticeCloud): Promise<string[]> {
  const promoted: string[] = []
  for (let round = 0; round < 1000; round++) {
    const candidates = rowsOf<RegistrationDocument>(
      await db.collection('registrations').where({ activityId, state: 'waitlisted' }).orderBy('waitlistSeq', 'asc').orderBy('_id', 'asc').limit(5).get()
    )
    if (candidates.length === 0) return promoted
    const a = await getActivity(db, activityId)
    if (!a || a.state !== 'published' || now > a.signupDeadline) return promoted
    if (a.capacity > 0 && a.registeredCount >= a.capacity) return promoted
    // A miss means the activity changed since the read (a capacity edit, another claim): read it again.
    if (!(await claimSeat(db, a))) continue
    let moved: RegistrationDocument | undefined
    for (const c of candidates) {
      const res = (await db.collection('registrations').where({ _id: c._id, state: 'waitlisted' }).update({ data: { state: 'registered', updatedAt: now } })) as { stats?: { updated?: number } }
      if ((res.stats?.updated ?? 0) === 1) {
        moved = c
        break
      }
    }
    if (!moved) {
      await releaseSeat(db, activityId)
      continue
    }
    // The waitlist counter is only a figure for screens: an atomic -1, so joiners' +1 never conflict with it (decision 19).
    await db.collection('activities').doc(activityId).update({ data: { waitlistCount: db.command.inc(-1) } })
    promoted.push(moved.personKey)
    if (moved.openid) await sendNotice(cloud, moved.openid, 'promoted', a, '您已由候补转为正式报名', db)
  }
  return promoted
}

/**
 * Signs the caller up (issue 5 item 4, issue 13 item 4). Output `{state,
 * already, waitlistPosition?}`; a repeat answers `already: true`.
 *
 * A first sign-up takes no transaction, so a burst on a hot activity never
 * turns into a storm of conflicting retries (docs/decisions.md 48):
 * - the caller's identity read that every signed-in action makes;
 * - read the activity (rules: state, deadline, audience, capacity);
 * - a seat that looks free is claimed by ONE conditional atomic update of
 *   the seat counter (`registeredCount < capacity`, capacity and state
 *   unchanged since the read: a capacity edit in between makes it miss);
 * - the registration is inserted under its deterministic id (activity +
 *   person): holding a seat when the claim matched, else on the waitlist,
 *   its place in line stamped by the database (`db.serverDate()`), so the
 *   position in the reply is the real one.
 * A duplicate key means the person already has a registration (a repeat
 * tap, a retry, a re-sign-up after cancelling, an invitee confirming): a
 * claimed seat is given back and the rare path reads the registration in a
 * transaction ({@link signupAgain}).
 * DB: seat 4 operations; waitlist 8 (+1 failed claim when the counter
 * looked free, +1 waitlist counter, +1 activity read, +1 read back, +1 count).
 *
 * Errors: ACTIVITY.NOT_FOUND, CANCELLED, NOT_OPEN, DEADLINE_PASSED,
 * MEMBERS_ONLY, NOT_IN_AUDIENCE, FULL (waitlist off), COMMON.BUSY.
 */
export const signup: Handler<'activity.signup'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const user = await ctx.userDocument()
  const db = ctx.db
  const _ = db.command
  const key = personKeyOf(caller)
  const rid = registrationId(input.id, key)
  const now = ctx.now
  const draft = (a: ActivityDocument, takeSeat: boolean, pass?: string): Omit<RegistrationDocument, '_id'> => {
    // Members' phones come from the roster when the organiser reads the list (no extra read here).
    const phone = caller.memberId ? undefined : input.contactPhone
    return {
      activityId: a._id,
      personKey: key,
      openid: caller.openid,
      ...(caller.memberId ? { memberId: caller.memberId } : {}),
      name: user?.member?.name ?? input.contactName ?? '群众',
      ...(phone ? { phone } : {}),
      state: takeSeat ? 'registered' : 'waitlisted',
      // Waitlist order = when the database stored the place in line; ties go by _id.
      ...(takeSeat ? {} : { waitlistSeq: db.serverDate() as unknown as Date }),
      consented: !!input.consent,
      // The request that signed the person up: its retry answers as it did (issue 13 item 3).
      signupRequestId: ctx.requestId,
      pass: pass ?? shortCode(10),
      activityStartAt: a.startAt,
      registeredAt: now,
      updatedAt: now
    }
  }
  /** The rules for a person without a live registration; returns whether a seat looks free. */
  const admit = (a: ActivityDocument): boolean => {
    if (now > a.signupDeadline) throw new AppError('ACTIVITY.DEADLINE_PASSED')
    if (a.audience === 'members' && !caller.memberId) throw new AppError('ACTIVITY.MEMBERS_ONLY')
    if ((a.audience === 'invitees' || a.required) && !a.inviteeIds.includes(key)) throw new AppError('ACTIVITY.NOT_IN_AUDIENCE')
    const takeSeat = a.capacity === 0 || a.registeredCount < a.capacity
    if (!takeSeat && !a.waitlist) throw new AppError('ACTIVITY.FULL')
    return takeSeat
  }
  const assertPublished = (a: ActivityDocument) => {
    if (a.state === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
    if (a.state !== 'published') throw new AppError('ACTIVITY.NOT_OPEN')
  }
  type Outcome = { state: RegistrationState; already: boolean; joinedWaitlist?: boolean }
  /** Rules an existing registration overrides (a repeat after the deadline answers "already"). */
  const OVERRIDABLE = ['ACTIVITY.DEADLINE_PASSED', 'ACTIVITY.MEMBERS_ONLY', 'ACTIVITY.NOT_IN_AUDIENCE', 'ACTIVITY.FULL']

  /** First sign-up without a transaction. Null when the person already has a registration (or a rule it may override refused). */
  const signupFirst = async (): Promise<Outcome | null> => {
    const a = await getActivity(db, input.id)
    if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
    assertPublished(a)
    let looksFree: boolean
    try {
      looksFree = admit(a)
    } catch (error) {
      if (error instanceof AppError && OVERRIDABLE.includes(error.code)) return null
      throw error
    }
    const seat = looksFree && (await claimSeat(db, a))
    if (!seat && !a.waitlist) return null // full meanwhile: the rare path answers FULL, or "already" to a person on record
    const reg = draft(a, seat)
    try {
      await db.collection('registrations').add({ data: { ...reg, _id: rid } })
    } catch (error) {
      if (!isDuplicateKey(error)) {
        if (seat) await giveBackSeat()
        throw error
      }
      if (seat) await giveBackSeat()
      return null
    }
    return { state: reg.state, already: false, joinedWaitlist: !seat }
  }

  /** Returns a claimed seat the person could not use; someone waiting gets it. */
  const giveBackSeat = async () => {
    await releaseSeat(db, input.id)
    await promoteWaitlisted(db, input.id, now, ctx.cloud)
  }

  /** With a registration on record: activity and registration get, then confirm, answer "already", or sign up again after cancelling. */
  const signupAgain = (): Promise<Outcome> =>
    transact(db, async (t) => {
      const [a, r] = await Promise.all([activityInTx(t, input.id), getInTx<RegistrationDocument>(t, 'registrations', rid)])
      assertPublished(a)
      if (r && r.state !== 'cancelled') {
        // A retry of the request that signed up (or confirmed) answers as the first call did: not "already".
        if (r.signupRequestId === ctx.requestId) return { state: r.state, already: false, joinedWaitlist: false }
        if (a.required && r.state === 'notified') {
          await t.collection('registrations').doc(rid).update({ data: { state: 'confirmed', consented: !!input.consent || r.consented, signupRequestId: ctx.requestId, updatedAt: now } })
          return { state: 'confirmed' as const, already: false }
        }
        return { state: r.state, already: true, joinedWaitlist: false }
      }
      const takeSeat = admit(a)
      const reg = draft(a, takeSeat, r?.pass)
      await t.collection('registrations').doc(rid).set({ data: reg })
      if (takeSeat) await t.collection('activities').doc(a._id).update({ data: { registeredCount: a.registeredCount + 1 } })
      return { state: reg.state, already: false, joinedWaitlist: !takeSeat }
    })

  const result = (await signupFirst()) ?? (await signupAgain())
  let state = result.state
  let mine: RegistrationDocument | null = null
  if (result.joinedWaitlist) {
    await db.collection('activities').doc(input.id).update({ data: { waitlistCount: _.inc(1) } })
    // A seat freed while this person joined (a cancellation that saw no one
    // waiting yet) goes to the first in line now.
    const a = await getActivity(db, input.id)
    if (a && (a.capacity === 0 || a.registeredCount < a.capacity)) await promoteWaitlisted(db, input.id, now, ctx.cloud)
  }
  if (state === 'waitlisted') {
    // Read back: the place in line the database stamped, and a cancellation may have promoted this person meanwhile.
    mine = await findById<RegistrationDocument>(db, 'registrations', rid)
    if (mine) state = mine.state
  }
  let position: number | undefined
  if (state === 'waitlisted' && mine?.waitlistSeq !== undefined) position = await waitlistPosition(db, input.id, { _id: rid, waitlistSeq: mine.waitlistSeq })
  return { state, already: result.already, ...(position ? { waitlistPosition: position } : {}) }
}

/**
 * Cancels the caller's registration before the deadline. When it held a
 * seat, the first waitlisted person gets it in the same transaction (no
 * moment with a free seat while people wait) and is notified.
 */
export const cancelSignup: Handler<'activity.cancelSignup'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const rid = registrationId(input.id, personKeyOf(caller))
  const now = ctx.now
  const candidates = rowsOf<RegistrationDocument>(
    await ctx.db.collection('registrations').where({ activityId: input.id, state: 'waitlisted' }).orderBy('waitlistSeq', 'asc').orderBy('_id', 'asc').limit(5).get()
  )
  const out = await transact(ctx.db, async (t) => {
    const a = await activityInTx(t, input.id)
    assertOpenForChanges(a)
    const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
    if (a.required && r) throw new AppError('ACTIVITY.REQUIRED_NO_CANCEL')
    if (!r || (r.state !== 'registered' && r.state !== 'waitlisted')) throw new AppError('ACTIVITY.NOT_REGISTERED')
    if (now > a.signupDeadline) throw new AppError('ACTIVITY.DEADLINE_PASSED', '报名已截止，不能取消报名')
    await t.collection('registrations').doc(rid).update({ data: { state: 'cancelled', updatedAt: now } })
    // Leaving the waitlist, or handing the seat to the next in line, writes
    // registrations only; the waitlist counter follows with an atomic -1.
    if (r.state === 'waitlisted') return { a, freed: false, leftWaitlist: true }
    for (const c of candidates) {
      if (c._id === rid) continue
      const next = await getInTx<RegistrationDocument>(t, 'registrations', c._id)
      if (!next || next.state !== 'waitlisted') continue
      await t.collection('registrations').doc(c._id).update({ data: { state: 'registered', updatedAt: now } })
      return { a, freed: false, leftWaitlist: true, promoted: next }
    }
    // The seat goes back to the counter after the commit (atomic -1): a crash in between leaves it unused, never doubled.
    return { a, freed: true }
  })
  if (out.leftWaitlist) await ctx.db.collection('activities').doc(input.id).update({ data: { waitlistCount: ctx.db.command.inc(-1) } })
  const promoted: string[] = []
  if (out.promoted) {
    promoted.push(out.promoted.personKey)
    if (out.promoted.openid) await sendNotice(ctx.cloud, out.promoted.openid, 'promoted', out.a, '您已由候补转为正式报名', ctx.db)
  } else if (out.freed) {
    await releaseSeat(ctx.db, input.id)
    // Someone may have joined the waitlist while this ran.
    promoted.push(...(await promoteWaitlisted(ctx.db, input.id, now, ctx.cloud)))
  }
  return { state: 'cancelled' as const, ...(promoted[0] ? { promoted: promoted[0] } : {}) }
}

/**
 * Sign-up and its undoing: sign-up (a seat or the waitlist), cancelling a
 * sign-up, and promotion from the waitlist into freed seats.
 *
 * Seat rule: `activities.registeredCount` changes only inside the same
 * transaction that writes the registration (`_id` = activity + person), so
 * simultaneous taps never over-fill; a free seat while people wait is
 * reserved for the first waitlisted person (promotion in waitlist order).
 */
import type { RegistrationState } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { findById, isDuplicateKey, rowsOf } from '../_shared/db'
import type { Database } from '../_shared/cloud'
import { getActivity, getInTx, personKeyOf, registrationId, sendNotice, shortCode, transact, waitlistPosition, type ActivityDocument, type NoticeCloud, type RegistrationDocument } from './engine'
import { activityInTx, assertOpenForChanges, type Handler } from './model'

/**
 * Moves waitlisted people into free seats, first come first served, each in
 * its own transaction with the seat counter; notifies each promoted person.
 * Returns the promoted person keys. Stops when no seat is free or nobody waits.
 */
export async function promoteWaitlisted(db: Database, activityId: string, now: Date, cloud: NoticeCloud): Promise<string[]> {
  const promoted: string[] = []
  for (let round = 0; round < 1000; round++) {
    const candidates = rowsOf<RegistrationDocument>(
      await db.collection('registrations').where({ activityId, state: 'waitlisted' }).orderBy('waitlistSeq', 'asc').orderBy('_id', 'asc').limit(5).get()
    )
    if (candidates.length === 0) return promoted
    const result = await transact(db, async (t) => {
      const a = await activityInTx(t, activityId)
      if (a.state !== 'published' || now > a.signupDeadline) return 'stop' as const
      if (a.capacity > 0 && a.registeredCount >= a.capacity) return 'stop' as const
      for (const c of candidates) {
        const r = await getInTx<RegistrationDocument>(t, 'registrations', c._id)
        if (!r || r.state !== 'waitlisted') continue
        await t.collection('registrations').doc(c._id).update({ data: { state: 'registered', updatedAt: now } })
        await t
          .collection('activities')
          .doc(activityId)
          .update({ data: { registeredCount: a.registeredCount + 1, waitlistCount: a.waitlistCount - 1, updatedAt: now } })
        return { r, a }
      }
      return 'again' as const
    })
    if (result === 'stop') return promoted
    if (result === 'again') continue
    promoted.push(result.r.personKey)
    if (result.r.openid) await sendNotice(cloud, result.r.openid, 'promoted', result.a, '您已由候补转为正式报名')
  }
  return promoted
}

/**
 * Signs the caller up (issue 5 item 4). Output `{state, already,
 * waitlistPosition?}`; a repeat answers `already: true`.
 *
 * DB (bench target: one transaction of <= 3 operations): the caller's
 * identity read that every signed-in action makes, then one transaction
 * that reads the activity, inserts the registration under its
 * deterministic id (activity + person) and bumps the seat counter. The
 * insert doubles as the "only once" check: a duplicate key means the
 * person already has a registration (a repeat tap, a retry, a re-sign-up
 * after cancelling, an invitee confirming), and only then is it read, in
 * a second transaction (see {@link signupAgain}).
 * Joining the waitlist adds the waitlist counter and position reads.
 *
 * Errors: ACTIVITY.NOT_FOUND, CANCELLED, NOT_OPEN, DEADLINE_PASSED,
 * MEMBERS_ONLY, NOT_IN_AUDIENCE, FULL (waitlist off).
 */
export const signup: Handler<'activity.signup'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const user = await ctx.userDocument()
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
      // Waitlist order = the sign-up instant (ms); ties go by _id.
      ...(takeSeat ? {} : { waitlistSeq: now.getTime() }),
      consented: !!input.consent,
      pass: pass ?? shortCode(10),
      activityStartAt: a.startAt,
      registeredAt: now,
      updatedAt: now
    }
  }
  /** The rules for a person without a live registration; returns whether a seat is free. */
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
  type Outcome = { state: RegistrationState; already: boolean; seq?: number; joinedWaitlist?: boolean }

  /** First sign-up: activity get, registration insert, counter update. Null when the person already has a registration. */
  const signupFirst = async (): Promise<Outcome | null> => {
    try {
      return await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        assertPublished(a)
        const takeSeat = admit(a)
        const reg = draft(a, takeSeat)
        if (takeSeat) {
          // The seat counter changes in the same transaction as the registration.
          await Promise.all([
            t.collection('registrations').add({ data: { ...reg, _id: rid } }),
            t.collection('activities').doc(a._id).update({ data: { registeredCount: a.registeredCount + 1 } })
          ])
        } else {
          // Joining the waitlist writes only the person's own registration, so
          // waitlisted sign-ups never conflict with each other.
          await t.collection('registrations').add({ data: { ...reg, _id: rid } })
        }
        return { state: reg.state, already: false, seq: reg.waitlistSeq, joinedWaitlist: !takeSeat }
      })
    } catch (error) {
      if (isDuplicateKey(error)) return null
      // A rule that an existing registration overrides (a repeat after the deadline answers "already").
      if (error instanceof AppError && ['ACTIVITY.DEADLINE_PASSED', 'ACTIVITY.MEMBERS_ONLY', 'ACTIVITY.NOT_IN_AUDIENCE', 'ACTIVITY.FULL'].includes(error.code)) return null
      throw error
    }
  }

  /** With a registration on record: activity and registration get, then confirm, answer "already", or sign up again after cancelling. */
  const signupAgain = (): Promise<Outcome> =>
    transact(ctx.db, async (t) => {
      const [a, r] = await Promise.all([activityInTx(t, input.id), getInTx<RegistrationDocument>(t, 'registrations', rid)])
      assertPublished(a)
      if (r && r.state !== 'cancelled') {
        if (a.required && r.state === 'notified') {
          await t.collection('registrations').doc(rid).update({ data: { state: 'confirmed', consented: !!input.consent || r.consented, updatedAt: now } })
          return { state: 'confirmed' as const, already: false }
        }
        return { state: r.state, already: true, seq: r.waitlistSeq, joinedWaitlist: false }
      }
      const takeSeat = admit(a)
      const reg = draft(a, takeSeat, r?.pass)
      await t.collection('registrations').doc(rid).set({ data: reg })
      if (takeSeat) await t.collection('activities').doc(a._id).update({ data: { registeredCount: a.registeredCount + 1 } })
      return { state: reg.state, already: false, seq: reg.waitlistSeq, joinedWaitlist: !takeSeat }
    })

  const result = (await signupFirst()) ?? (await signupAgain())
  let state = result.state
  if (result.joinedWaitlist) {
    const _ = ctx.db.command
    await ctx.db.collection('activities').doc(input.id).update({ data: { waitlistCount: _.inc(1) } })
    // A seat freed while this person joined (a cancellation that saw no one
    // waiting yet) goes to the first in line now.
    const a = await getActivity(ctx.db, input.id)
    if (a && (a.capacity === 0 || a.registeredCount < a.capacity)) await promoteWaitlisted(ctx.db, input.id, now, ctx.cloud)
    // Read back: a cancellation may have promoted this person meanwhile.
    const mine = await findById<RegistrationDocument>(ctx.db, 'registrations', rid)
    if (mine) state = mine.state
  }
  let position: number | undefined
  if (state === 'waitlisted' && result.seq !== undefined) position = await waitlistPosition(ctx.db, input.id, { _id: rid, waitlistSeq: result.seq })
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
    if (r.state === 'waitlisted') {
      await t.collection('activities').doc(a._id).update({ data: { waitlistCount: a.waitlistCount - 1, updatedAt: now } })
      return { a, freed: false }
    }
    for (const c of candidates) {
      if (c._id === rid) continue
      const next = await getInTx<RegistrationDocument>(t, 'registrations', c._id)
      if (!next || next.state !== 'waitlisted') continue
      await t.collection('registrations').doc(c._id).update({ data: { state: 'registered', updatedAt: now } })
      await t.collection('activities').doc(a._id).update({ data: { waitlistCount: a.waitlistCount - 1, updatedAt: now } })
      return { a, freed: false, promoted: next }
    }
    await t.collection('activities').doc(a._id).update({ data: { registeredCount: Math.max(0, a.registeredCount - 1), updatedAt: now } })
    return { a, freed: true }
  })
  const promoted: string[] = []
  if (out.promoted) {
    promoted.push(out.promoted.personKey)
    if (out.promoted.openid) await sendNotice(ctx.cloud, out.promoted.openid, 'promoted', out.a, '您已由候补转为正式报名')
  } else if (out.freed) {
    // Someone may have joined the waitlist while this ran.
    promoted.push(...(await promoteWaitlisted(ctx.db, input.id, now, ctx.cloud)))
  }
  return { state: 'cancelled' as const, ...(promoted[0] ? { promoted: promoted[0] } : {}) }
}

/**
 * Cloud function `activity`: the activity engine's actions (issue 5). Rules
 * per action: src/core/actions/activity.ts; shared engine: ./engine.ts.
 *
 * Seat rule: `activities.registeredCount` changes only inside the same
 * transaction that writes the registration (`_id` = activity + person), so
 * simultaneous taps never over-fill; a free seat while people wait is
 * reserved for the first waitlisted person (promotion in waitlist order).
 */
import ExcelJS from 'exceljs'
import type {
  ActivityDetail,
  ActivitySummary,
  MyActivity,
  MyRegistration,
  RegistrationState,
  RegistrationView
} from '../../src/core/actions/activity'
import { activityTypeLabels, registrationStateLabels } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import type { Caller } from '../../src/core/roles'
import { beijingDay, formatBeijing } from '../../src/core/time'
import { defineFunction, type HandlerContext } from '../_shared/define-function'
import { findAll, findById, findPage, isDuplicateKey, rowsOf } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import type { Database } from '../_shared/cloud'
import {
  canManage,
  countWhere,
  createActivity,
  effectiveState,
  EXPECTED_STATES,
  getActivity,
  getInTx,
  inviteMembers,
  listWindow,
  NOTICE_STATES,
  personKeyOf,
  publishActivity,
  registrationId,
  assertTimes,
  sendNotice,
  shortCode,
  transact,
  waitlistPosition,
  type ActivityDocument,
  type NoticeCloud,
  type RegistrationDocument,
  type Tx
} from './engine'

/** A venue token is replaced after this long when the organiser's screen asks again (ms). */
export const TOKEN_ROTATE_MS = 60_000
/** A venue token is refused this long after it was issued, even if still current (ms). */
export const TOKEN_TTL_MS = 120_000
/** Reminders go out this long before the start (ms). */
export const REMIND_AHEAD_MS = 24 * 3600_000
/** Page of the mini-program the venue code opens (no leading slash, as wxacode wants). */
export const CHECKIN_PAGE = 'pages/activity/checkin/index'

const iso = (d: Date | undefined | null) => (d ? new Date(d).toISOString() : undefined)

function summaryOf(a: ActivityDocument, now: Date): ActivitySummary {
  return {
    id: a._id,
    title: a.title,
    type: a.type,
    state: effectiveState(a, now),
    organiserName: a.organiser?.name ?? '',
    ...(a.studioId ? { studioId: a.studioId } : {}),
    ...(a.topicId ? { topicId: a.topicId } : {}),
    place: a.place,
    startAt: iso(a.startAt)!,
    endAt: iso(a.endAt)!,
    signupDeadline: iso(a.signupDeadline)!,
    capacity: a.capacity,
    registeredCount: a.registeredCount,
    // Below zero only for a moment: a joiner's +1 (sent after its own transaction) can land after the promotion's -1.
    waitlistCount: Math.max(0, a.waitlistCount),
    audience: a.audience,
    required: a.required
  }
}

function myRegistrationOf(r: RegistrationDocument, position?: number): MyRegistration {
  return {
    id: r._id,
    state: r.state,
    ...(position ? { waitlistPosition: position } : {}),
    ...(r.state !== 'cancelled' ? { pass: r.pass } : {}),
    ...(r.leaveReason ? { leaveReason: r.leaveReason } : {}),
    ...(r.leaveDecisionReason ? { leaveDecisionReason: r.leaveDecisionReason } : {}),
    ...(r.checkedInAt ? { checkedInAt: iso(r.checkedInAt) } : {})
  }
}

function detailOf(a: ActivityDocument, now: Date, caller: Caller, mine?: MyRegistration): ActivityDetail {
  return {
    ...summaryOf(a, now),
    description: a.description,
    checkinStartAt: iso(a.checkinStartAt)!,
    checkinEndAt: iso(a.checkinEndAt)!,
    waitlist: a.waitlist,
    ...(a.postponeReason ? { postponeReason: a.postponeReason } : {}),
    ...(a.cancelReason ? { cancelReason: a.cancelReason } : {}),
    ...(mine ? { mine } : {}),
    canManage: canManage(caller, a)
  }
}

/** Loads an activity the caller manages, else NOT_FOUND / NOT_ORGANISER. */
async function managed(ctx: HandlerContext, id: string): Promise<{ a: ActivityDocument; caller: Caller }> {
  const [a, caller] = await Promise.all([getActivity(ctx.db, id), ctx.caller()])
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  if (!canManage(caller, a)) throw new AppError('ACTIVITY.NOT_ORGANISER')
  return { a, caller }
}

/** Refuses changes on a cancelled or finalized activity. */
function assertOpenForChanges(a: ActivityDocument): void {
  if (a.state === 'finalized') throw new AppError('ACTIVITY.LOCKED')
  if (a.state === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
}

async function activityInTx(t: Tx, id: string): Promise<ActivityDocument> {
  const a = await getInTx<ActivityDocument>(t, 'activities', id)
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  return a
}

/**
 * Moves waitlisted people into free seats, first come first served, each in
 * its own transaction with the seat counter; notifies each promoted person.
 * Returns the promoted person keys. Stops when no seat is free or nobody waits.
 */
async function promoteWaitlisted(db: Database, activityId: string, now: Date, cloud: NoticeCloud): Promise<string[]> {
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

/** Sends a notice to every registration in a notice state; returns how many were sent. */
async function noticeAll(db: Database, cloud: NoticeCloud, a: ActivityDocument, kind: 'change', note: string): Promise<number> {
  const _ = db.command
  const regs = await findAll<RegistrationDocument>(db, 'registrations', { activityId: a._id, state: _.in(NOTICE_STATES) })
  let sent = 0
  for (const r of regs) if (r.openid && (await sendNotice(cloud, r.openid, kind, a, note))) sent++
  return sent
}

/** Inputs of time fields arrive as Date from the schema; absent ones keep the stored value. */
type TimeFields = Pick<ActivityDocument, 'startAt' | 'endAt' | 'signupDeadline' | 'checkinStartAt' | 'checkinEndAt'>

/** Checks a check-in may happen now and marks it, inside a transaction. */
async function checkInTx(
  t: Tx,
  activityId: string,
  rid: string,
  now: Date,
  method: 'venue_qr' | 'pass' | 'manual',
  verify?: (a: ActivityDocument) => void
): Promise<{ state: RegistrationState; already: boolean; name: string }> {
  const a = await activityInTx(t, activityId)
  assertOpenForChanges(a)
  if (a.state !== 'published') throw new AppError('ACTIVITY.CHECKIN_CLOSED')
  verify?.(a)
  const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
  if (!r) throw new AppError('ACTIVITY.NOT_REGISTERED')
  if (r.state === 'checked_in') return { state: r.state, already: true, name: r.name }
  if (r.state === 'waitlisted') throw new AppError('ACTIVITY.NOT_REGISTERED', '您在候补名单中，尚未获得名额')
  if (!EXPECTED_STATES.includes(r.state) && r.state !== 'leave_approved') throw new AppError('ACTIVITY.NOT_REGISTERED')
  await t.collection('registrations').doc(rid).update({ data: { state: 'checked_in', checkedInAt: now, checkinMethod: method, updatedAt: now } })
  await t.collection('activities').doc(activityId).update({ data: { checkedInCount: a.checkedInCount + 1, updatedAt: now } })
  return { state: 'checked_in', already: false, name: r.name }
}

function inWindow(a: ActivityDocument, now: Date): boolean {
  return now >= a.checkinStartAt && now <= a.checkinEndAt
}

const GROUP_STATES: Record<string, RegistrationState[] | undefined> = {
  registered: ['registered', 'notified', 'confirmed', 'leave_denied', 'checked_in', 'attended'],
  waitlisted: ['waitlisted'],
  leave: ['leave_requested', 'leave_approved', 'leave_denied'],
  attendance: ['checked_in', 'attended', 'absent', 'leave_approved'],
  all: undefined
}

function viewOf(r: RegistrationDocument, staff: boolean): RegistrationView {
  return {
    id: r._id,
    personKey: r.personKey,
    name: r.name,
    ...(r.memberId ? { memberId: r.memberId } : {}),
    phone: staff ? (r.phone ?? '') : maskPhone(r.phone),
    state: r.state,
    ...(r.waitlistSeq !== undefined && r.state === 'waitlisted' ? { waitlistSeq: r.waitlistSeq } : {}),
    ...(r.leaveReason ? { leaveReason: r.leaveReason } : {}),
    ...(r.checkedInAt ? { checkedInAt: iso(r.checkedInAt) } : {}),
    ...(r.checkinMethod ? { checkinMethod: r.checkinMethod } : {}),
    registeredAt: iso(r.registeredAt)!
  }
}

/**
 * Inside a transaction: a required activity open for changes and the caller's
 * invitation to it. Errors: ACTIVITY.NOT_FOUND (via activityInTx), the
 * open-for-changes errors, ACTIVITY.NOT_REQUIRED, ACTIVITY.NOT_IN_AUDIENCE.
 */
async function invitationInTx(t: Tx, activityId: string, rid: string): Promise<{ a: ActivityDocument; r: RegistrationDocument }> {
  const a = await activityInTx(t, activityId)
  assertOpenForChanges(a)
  if (!a.required) throw new AppError('ACTIVITY.NOT_REQUIRED')
  const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
  if (!r) throw new AppError('ACTIVITY.NOT_IN_AUDIENCE')
  return { a, r }
}

export const main = defineFunction(
  'activity',
  {
    /** One read: listed activities by start time. */
    'activity.list': async (input, ctx) => {
      const _ = ctx.db.command
      const now = ctx.now
      const scope = input.scope ?? 'upcoming'
      const where: Record<string, unknown> = { listed: true }
      if (input.type) where.type = input.type
      if (input.studioId) where.studioId = input.studioId
      if (input.topicId) where.topicId = input.topicId
      const w = listWindow(scope, now)
      where[w.field] = w.gte && w.lt ? _.gte(w.gte).and(_.lt(w.lt)) : w.gte ? _.gte(w.gte) : _.lt(w.lt!)
      const direction = w.direction
      const page = await findPage<ActivityDocument>(ctx.db, 'activities', { where, sortField: 'startAt', direction, limit: input.limit, cursor: input.cursor })
      return { items: page.items.map((a) => summaryOf(a, now)), nextCursor: page.nextCursor }
    },

    'activity.get': async (input, ctx) => {
      const [a, caller] = await Promise.all([getActivity(ctx.db, input.id), ctx.caller()])
      if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
      const manage = canManage(caller, a)
      if (a.state === 'draft' && !manage) throw new AppError('ACTIVITY.NOT_FOUND')
      const r = await findById<RegistrationDocument>(ctx.db, 'registrations', registrationId(a._id, personKeyOf(caller)))
      let position: number | undefined
      if (r?.state === 'waitlisted') {
        position = await waitlistPosition(ctx.db, a._id, r)
      }
      return detailOf(a, ctx.now, caller, r ? myRegistrationOf(r, position) : undefined)
    },

    'activity.create': async (input, ctx) => {
      const caller = await ctx.caller()
      const a = await createActivity(ctx.db, input, caller, { requestId: ctx.requestId, now: ctx.now, cloud: ctx.cloud })
      await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.create', target: a._id, requestId: ctx.requestId }, ctx.now)
      return detailOf(a, ctx.now, caller)
    },

    'activity.update': async (input, ctx) => {
      const { caller } = await managed(ctx, input.id)
      const { id, ...changes } = input
      const now = ctx.now
      const before = await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, id)
        assertOpenForChanges(a)
        if (changes.studioId && changes.studioId !== a.studioId && !caller.roles.includes('staff')) throw new AppError('ACTIVITY.NOT_ORGANISER')
        if (changes.capacity !== undefined && changes.capacity > 0 && changes.capacity < a.registeredCount) {
          throw new AppError('ACTIVITY.CAPACITY_BELOW_REGISTERED', `名额不能少于已报名人数（现有 ${a.registeredCount} 人）`)
        }
        const times: TimeFields = {
          startAt: changes.startAt ?? a.startAt,
          endAt: changes.endAt ?? a.endAt,
          signupDeadline: changes.signupDeadline ?? a.signupDeadline,
          checkinStartAt: changes.checkinStartAt ?? (changes.startAt ? new Date(changes.startAt.getTime() - 30 * 60_000) : a.checkinStartAt),
          checkinEndAt: changes.checkinEndAt ?? (changes.endAt ?? a.checkinEndAt)
        }
        assertTimes(times)
        const data: Record<string, unknown> = { ...times, updatedAt: now }
        for (const key of ['title', 'type', 'kind', 'description', 'place', 'capacity', 'waitlist', 'audience', 'required', 'topicId'] as const) {
          if (changes[key] !== undefined) data[key] = changes[key]
        }
        if (changes.inviteeIds) data.inviteeIds = [...new Set(changes.inviteeIds)]
        await t.collection('activities').doc(id).update({ data })
        return a
      })
      if (changes.startAt && changes.startAt.getTime() !== before.startAt.getTime()) {
        await ctx.db.collection('registrations').where({ activityId: id }).update({ data: { activityStartAt: changes.startAt } })
      }
      if (changes.capacity !== undefined && (changes.capacity === 0 || changes.capacity > before.capacity)) await promoteWaitlisted(ctx.db, id, now, ctx.cloud)
      const after = await getActivity(ctx.db, id)
      if (changes.inviteeIds && after && after.state === 'published') await inviteMembers(ctx.db, after, now, ctx.cloud)
      return detailOf(after!, now, caller)
    },

    'activity.publish': async (input, ctx) => {
      const { caller } = await managed(ctx, input.id)
      const before = await getActivity(ctx.db, input.id)
      const a = await publishActivity(ctx.db, input.id, caller, { now: ctx.now, cloud: ctx.cloud })
      if (before?.state === 'postponed') {
        // A postponed activity published again gets a fresh reminder round.
        await ctx.db.collection('registrations').where({ activityId: a._id }).update({ data: { remindedAt: null } })
      }
      return detailOf(a, ctx.now, caller)
    },

    'activity.cancel': async (input, ctx) => {
      await managed(ctx, input.id)
      const a = await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        const state = effectiveState(a, ctx.now)
        if (a.state === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
        if (state === 'ended' || state === 'finalized') throw new AppError('COMMON.INVALID_STATE', '活动已结束，不能取消')
        await t.collection('activities').doc(input.id).update({ data: { state: 'cancelled', cancelReason: input.reason, updatedAt: ctx.now } })
        return { ...a, state: 'cancelled' as const }
      })
      const notified = await noticeAll(ctx.db, ctx.cloud, a, 'change', `活动已取消：${input.reason}`)
      await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.cancel', target: a._id, details: { reason: input.reason }, requestId: ctx.requestId }, ctx.now)
      return { notified }
    },

    'activity.postpone': async (input, ctx) => {
      await managed(ctx, input.id)
      const a = await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        const state = effectiveState(a, ctx.now)
        assertOpenForChanges(a)
        if (a.state === 'postponed') throw new AppError('COMMON.INVALID_STATE', '活动已延期')
        if (state === 'ended' || a.state === 'draft') throw new AppError('COMMON.INVALID_STATE', '只有已发布且未结束的活动可以延期')
        await t.collection('activities').doc(input.id).update({ data: { state: 'postponed', postponeReason: input.reason, updatedAt: ctx.now } })
        return { ...a, state: 'postponed' as const }
      })
      const notified = await noticeAll(ctx.db, ctx.cloud, a, 'change', `活动延期：${input.reason}`)
      return { notified }
    },

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
    'activity.signup': async (input, ctx) => {
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
    },

    /**
     * Cancels the caller's registration before the deadline. When it held a
     * seat, the first waitlisted person gets it in the same transaction (no
     * moment with a free seat while people wait) and is notified.
     */
    'activity.cancelSignup': async (input, ctx) => {
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
    },

    'activity.confirm': async (input, ctx) => {
      const caller = await ctx.caller()
      const rid = registrationId(input.id, personKeyOf(caller))
      return transact(ctx.db, async (t) => {
        const { r } = await invitationInTx(t, input.id, rid)
        if (r.state === 'confirmed') return { state: r.state }
        if (r.state !== 'notified' && r.state !== 'leave_denied' && r.state !== 'leave_requested') throw new AppError('COMMON.INVALID_STATE')
        await t.collection('registrations').doc(rid).update({ data: { state: 'confirmed', consented: !!input.consent || r.consented, openid: caller.openid, updatedAt: ctx.now } })
        return { state: 'confirmed' as const }
      })
    },

    'activity.requestLeave': async (input, ctx) => {
      const caller = await ctx.caller()
      const rid = registrationId(input.id, personKeyOf(caller))
      return transact(ctx.db, async (t) => {
        const { a, r } = await invitationInTx(t, input.id, rid)
        if (r.state === 'checked_in' || r.state === 'attended') throw new AppError('ACTIVITY.ALREADY_CHECKED_IN')
        if (r.state === 'leave_approved') throw new AppError('COMMON.INVALID_STATE', '请假已批准')
        if (effectiveState(a, ctx.now) === 'ended') throw new AppError('COMMON.INVALID_STATE', '活动已结束，不能请假')
        await t.collection('registrations').doc(rid).update({ data: { state: 'leave_requested', leaveReason: input.reason, openid: caller.openid, updatedAt: ctx.now } })
        return { state: 'leave_requested' as const }
      })
    },

    'activity.decideLeave': async (input, ctx) => {
      await managed(ctx, input.id)
      const rid = registrationId(input.id, input.personKey)
      const out = await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        assertOpenForChanges(a)
        const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
        if (!r || r.state !== 'leave_requested') throw new AppError('ACTIVITY.LEAVE_NOT_PENDING')
        const state: RegistrationState = input.approve ? 'leave_approved' : 'leave_denied'
        await t.collection('registrations').doc(rid).update({ data: { state, leaveDecisionReason: input.reason ?? '', updatedAt: ctx.now } })
        return { a, r, state }
      })
      if (out.r.openid) await sendNotice(ctx.cloud, out.r.openid, 'leave', out.a, input.approve ? '请假已批准' : `请假未批准${input.reason ? `：${input.reason}` : ''}`)
      return { state: out.state }
    },

    /**
     * The venue code: a mini-program code (wxacode.getUnlimited) whose scene
     * is the current short token. Only inside the check-in window
     * (ACTIVITY.CHECKIN_CLOSED). The token rotates when older than
     * TOKEN_ROTATE_MS or when `rotate` is set; older tokens stop working.
     */
    'activity.checkinCode': async (input, ctx) => {
      const { a } = await managed(ctx, input.id)
      assertOpenForChanges(a)
      if (a.state !== 'published' || !inWindow(a, ctx.now)) throw new AppError('ACTIVITY.CHECKIN_CLOSED', `不在签到时间内（${formatBeijing(a.checkinStartAt)} 至 ${formatBeijing(a.checkinEndAt)}）`)
      let current = a.checkin
      if (!current || input.rotate || ctx.now.getTime() - new Date(current.issuedAt).getTime() >= TOKEN_ROTATE_MS) {
        const token = shortCode(12)
        current = { token, issuedAt: ctx.now }
        await ctx.db.collection('checkinTokens').doc(token).set({ data: { activityId: a._id, issuedAt: ctx.now } })
        await ctx.db.collection('activities').doc(a._id).update({ data: { checkin: current } })
      }
      const code = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene: current.token, page: CHECKIN_PAGE, checkPath: false })) as { buffer: Buffer }
      const expiresAt = new Date(Math.min(new Date(current.issuedAt).getTime() + TOKEN_TTL_MS, a.checkinEndAt.getTime()))
      return {
        token: current.token,
        scene: current.token,
        page: CHECKIN_PAGE,
        image: `data:image/png;base64,${Buffer.from(code.buffer).toString('base64')}`,
        expiresAt: expiresAt.toISOString()
      }
    },

    'activity.checkin': async (input, ctx) => {
      const caller = await ctx.caller()
      const tokenDoc = await findById<{ _id: string; activityId: string; issuedAt: Date }>(ctx.db, 'checkinTokens', input.token)
      if (!tokenDoc) throw new AppError('ACTIVITY.TOKEN_INVALID')
      if (input.id && tokenDoc.activityId !== input.id) throw new AppError('ACTIVITY.TOKEN_OTHER_ACTIVITY')
      const rid = registrationId(tokenDoc.activityId, personKeyOf(caller))
      const out = await transact(ctx.db, (t) =>
        checkInTx(t, tokenDoc.activityId, rid, ctx.now, 'venue_qr', (a) => {
          if (!inWindow(a, ctx.now)) throw new AppError('ACTIVITY.CHECKIN_CLOSED')
          if (a.checkin?.token !== input.token || ctx.now.getTime() - new Date(tokenDoc.issuedAt).getTime() > TOKEN_TTL_MS) {
            throw new AppError('ACTIVITY.TOKEN_EXPIRED')
          }
        })
      )
      return { activityId: tokenDoc.activityId, state: out.state, already: out.already }
    },

    'activity.scanPass': async (input, ctx) => {
      await managed(ctx, input.id)
      const r = rowsOf<RegistrationDocument>(await ctx.db.collection('registrations').where({ activityId: input.id, pass: input.pass }).limit(1).get())[0]
      if (!r) throw new AppError('ACTIVITY.PASS_INVALID', '凭证无效或不是本活动的凭证')
      const out = await transact(ctx.db, (t) => checkInTx(t, input.id, r._id, ctx.now, 'pass'))
      return { name: out.name, state: out.state, already: out.already }
    },

    'activity.mark': async (input, ctx) => {
      await managed(ctx, input.id)
      const rid = registrationId(input.id, input.personKey)
      if (input.present) {
        const out = await transact(ctx.db, (t) => checkInTx(t, input.id, rid, ctx.now, 'manual'))
        return { state: out.state }
      }
      return transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        assertOpenForChanges(a)
        const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
        if (!r) throw new AppError('ACTIVITY.NOT_REGISTERED', '该人员未报名本活动')
        if (r.state !== 'checked_in') return { state: r.state }
        const back: RegistrationState = a.required ? 'confirmed' : 'registered'
        await t.collection('registrations').doc(rid).update({ data: { state: back, checkedInAt: null, checkinMethod: null, updatedAt: ctx.now } })
        await t.collection('activities').doc(a._id).update({ data: { checkedInCount: Math.max(0, a.checkedInCount - 1), updatedAt: ctx.now } })
        return { state: back }
      })
    },

    /**
     * Locks attendance after the end: the activity becomes `finalized` first
     * (in a transaction that conflicts with any check-in still in flight),
     * then check-ins become attended and the expected rest absent.
     */
    'activity.finalize': async (input, ctx) => {
      const { a: loaded } = await managed(ctx, input.id)
      if (loaded.state === 'finalized' && loaded.attendance) return loaded.attendance
      await transact(ctx.db, async (t) => {
        const a = await activityInTx(t, input.id)
        if (a.state === 'finalized') return
        if (a.state === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
        if (a.state !== 'published' || ctx.now < a.endAt) throw new AppError('ACTIVITY.NOT_ENDED')
        await t.collection('activities').doc(a._id).update({ data: { state: 'finalized', finalizedAt: ctx.now, updatedAt: ctx.now } })
      })
      const _ = ctx.db.command
      const regs = ctx.db.collection('registrations')
      const attended = (await regs.where({ activityId: input.id, state: 'checked_in' }).update({ data: { state: 'attended', updatedAt: ctx.now } })) as { stats?: { updated?: number } }
      const absent = (await regs.where({ activityId: input.id, state: _.in(EXPECTED_STATES) }).update({ data: { state: 'absent', updatedAt: ctx.now } })) as { stats?: { updated?: number } }
      void attended
      void absent
      const attendance = {
        attended: await countWhere(ctx.db, 'registrations', { activityId: input.id, state: 'attended' }),
        absent: await countWhere(ctx.db, 'registrations', { activityId: input.id, state: 'absent' }),
        leave: await countWhere(ctx.db, 'registrations', { activityId: input.id, state: 'leave_approved' })
      }
      await ctx.db.collection('activities').doc(input.id).update({ data: { attendance } })
      await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.finalize', target: input.id, details: attendance, requestId: ctx.requestId }, ctx.now)
      return attendance
    },

    /** Caller read + one registrations page + one activities read. */
    'activity.mine': async (input, ctx) => {
      const caller = await ctx.caller()
      const _ = ctx.db.command
      const scope = input.scope ?? 'upcoming'
      const dayStart = beijingDay(ctx.now).start
      const where = { personKey: personKeyOf(caller), activityStartAt: scope === 'upcoming' ? _.gte(dayStart) : _.lt(dayStart) }
      const page = await findPage<RegistrationDocument>(ctx.db, 'registrations', {
        where,
        sortField: 'activityStartAt',
        direction: scope === 'upcoming' ? 'asc' : 'desc',
        limit: input.limit,
        cursor: input.cursor
      })
      if (page.items.length === 0) return { items: [] }
      const ids = page.items.map((r) => r.activityId)
      const activities = rowsOf<ActivityDocument>(await ctx.db.collection('activities').where({ _id: _.in(ids) }).limit(100).get())
      const byId = new Map(activities.map((a) => [a._id, a]))
      const items: MyActivity[] = []
      for (const r of page.items) {
        const a = byId.get(r.activityId)
        if (a) items.push({ activity: summaryOf(a, ctx.now), registration: myRegistrationOf(r) })
      }
      return { items, nextCursor: page.nextCursor }
    },

    'activity.registrations': async (input, ctx) => {
      const { a, caller } = await managed(ctx, input.id)
      const _ = ctx.db.command
      const group = input.group ?? 'all'
      const states = GROUP_STATES[group]
      const where: Record<string, unknown> = { activityId: a._id, ...(states ? { state: _.in(states) } : {}) }
      const page = await findPage<RegistrationDocument>(ctx.db, 'registrations', {
        where,
        sortField: group === 'waitlisted' ? 'waitlistSeq' : 'registeredAt',
        direction: 'asc',
        limit: input.limit,
        cursor: input.cursor
      })
      const staff = caller.roles.includes('staff')
      return {
        items: page.items.map((r) => viewOf(r, staff)),
        nextCursor: page.nextCursor,
        counts: { registered: a.registeredCount, waitlisted: Math.max(0, a.waitlistCount), checkedIn: a.checkedInCount, capacity: a.capacity }
      }
    },

    /** Every registration to one sheet; phones masked unless staff; the export is audited. */
    'activity.export': async (input, ctx) => {
      const { a, caller } = await managed(ctx, input.id)
      const staff = caller.roles.includes('staff')
      const regs = await findAll<RegistrationDocument>(ctx.db, 'registrations', { activityId: a._id })
      regs.sort((x, y) => new Date(x.registeredAt).getTime() - new Date(y.registeredAt).getTime())
      const book = new ExcelJS.Workbook()
      book.creator = '县政协'
      const sheet = book.addWorksheet('报名与考勤')
      sheet.addRow([`${a.title}（${activityTypeLabels[a.type]}）`])
      sheet.addRow([`时间：${formatBeijing(a.startAt)} 至 ${formatBeijing(a.endAt, 'HH:mm')}（北京时间）  地点：${a.place}`])
      sheet.addRow(['序号', '姓名', '委员编号', '手机号', '状态', '报名时间', '签到时间', '签到方式', '请假事由'])
      const methods = { venue_qr: '现场扫码', pass: '扫凭证', manual: '手工登记' } as const
      regs.forEach((r, i) =>
        sheet.addRow([
          i + 1,
          r.name,
          r.memberId ?? '',
          staff ? (r.phone ?? '') : maskPhone(r.phone),
          registrationStateLabels[r.state],
          formatBeijing(r.registeredAt),
          r.checkedInAt ? formatBeijing(r.checkedInAt) : '',
          r.checkinMethod ? methods[r.checkinMethod] : '',
          r.leaveReason ?? ''
        ])
      )
      sheet.columns.forEach((c) => (c.width = 16))
      const buffer = Buffer.from(await book.xlsx.writeBuffer())
      const cloudPath = `exports/activity/${a._id}/${formatBeijing(ctx.now, 'YYYYMMDD-HHmmss')}-${ctx.requestId}.xlsx`
      const { fileID } = await ctx.cloud.uploadFile({ cloudPath, fileContent: buffer })
      await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.export', target: a._id, details: { rows: regs.length, masked: !staff }, requestId: ctx.requestId }, ctx.now)
      return { fileID, rows: regs.length }
    }
  },
  {
    timers: {
      /**
       * Every 10 minutes: for published activities starting within
       * REMIND_AHEAD_MS, sends one reminder to each registration that
       * consented. "Once" is held by a conditional update per registration
       * (`remindedAt: null` -> now) before the send, so overlapping runs
       * never send twice.
       */
      remind: async ({ db, cloud, now }) => {
        const _ = db.command
        const due = await findAll<ActivityDocument>(db, 'activities', {
          state: 'published',
          startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_AHEAD_MS)))
        })
        let sent = 0
        for (const a of due) {
          const regs = await findAll<RegistrationDocument>(db, 'registrations', {
            activityId: a._id,
            consented: true,
            state: _.in(['registered', 'notified', 'confirmed', 'leave_denied']),
            remindedAt: null
          })
          for (const r of regs) {
            if (!r.openid) continue
            const claim = (await db.collection('registrations').where({ _id: r._id, remindedAt: null }).update({ data: { remindedAt: now } })) as { stats?: { updated?: number } }
            if ((claim.stats?.updated ?? 0) !== 1) continue
            if (await sendNotice(cloud, r.openid, 'reminder', a, `活动将于${formatBeijing(a.startAt, 'M月D日 HH:mm')}开始`)) sent++
          }
          await db.collection('activities').doc(a._id).update({ data: { remindedAt: now } })
        }
        return { activities: due.length, sent }
      }
    }
  }
)

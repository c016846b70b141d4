/**
 * The activity engine (domain.md section 2, issue 5), shared by every cloud
 * function that runs activities: `activity` itself and `consultation`
 * (its sessions are activities of type `consultation` with a `topicId`).
 *
 * Stable public API (other functions import these; signatures do not change):
 * - {@link ActivityDocument}, {@link RegistrationDocument} — stored shapes
 * - {@link createActivity}(db, input, actor, options) — creates (idempotent)
 * - {@link readAttendance}(db, activityId) — who checked in / attended
 * - {@link getActivity}(db, id), {@link effectiveState}(activity, now)
 * - {@link registrationId}(activityId, personKey), {@link personKeyOf}(caller)
 *
 * Collections: `activities` (one per activity, with the seat counter),
 * `registrations` (`_id` = `<activityId>_<personKey>`, one per person per
 * activity), `checkinTokens` (`_id` = the short token in the venue code).
 * All instants are stored as Date (UTC).
 */
import { createHash, randomBytes } from 'crypto'
import type { ActivityKind, ActivityType, Audience, OrganiserKind, RegistrationState } from '../../src/core/actions/activity'
import { activityTemplates, kindTypes } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import type { Caller } from '../../src/core/roles'
import type { ActivityState } from '../../src/core/states'
import { beijingDay, formatBeijing } from '../../src/core/time'
import type { Database } from '../_shared/cloud'
import { findAll, findById, isDuplicateKey, rowsOf } from '../_shared/db'
import { inParallel, NOTICE_PARALLEL } from '../_shared/parallel'
import { getInTx, transact } from '../_shared/transaction'
import { CPPCC_NAME } from '../../src/core/county'
import { recordMessage } from '../_shared/inbox'
import { pageWithQuery, serverPages } from '../../src/core/pages'

/** Shape of an `activities` document. */
export interface ActivityDocument {
  _id: string
  title: string
  type: ActivityType
  /** Finer kind for the year's figures (issue 10); absent = the type's default kind. */
  kind?: ActivityKind
  /** Set when staff entered a past activity by hand (year.recordPast): who and when. */
  manualEntry?: { by: string; at: Date }
  /** Stored state: draft, published, cancelled, postponed, finalized. Time-driven states come from {@link effectiveState}. */
  state: ActivityState
  description: string
  place: string
  organiser: { kind: OrganiserKind; studioId?: string; name: string }
  /** Same as organiser.studioId, top level for the index. */
  studioId?: string
  /** Consultation topic this session belongs to (consultation sessions). */
  topicId?: string
  startAt: Date
  endAt: Date
  signupDeadline: Date
  checkinStartAt: Date
  checkinEndAt: Date
  /** Seats; 0 = unlimited. */
  capacity: number
  /** Seats taken: registrations in registered / checked_in / attended (open activities). Never above capacity, never negative. */
  registeredCount: number
  waitlistCount: number
  /** Kept at 0: waitlist order lives on the registrations (their `waitlistSeq`). */
  waitlistSeq: number
  waitlist: boolean
  audience: Audience
  /** Roster ids of invitees. */
  inviteeIds: string[]
  required: boolean
  /** Check-ins so far (also makes check-ins conflict with finalize). */
  checkedInCount: number
  /** The current venue token (rotates). */
  /** The current venue token and its 6-digit typed code (the code is shown under the QR code). */
  checkin?: { token: string; code?: string; issuedAt: Date }
  cancelReason?: string
  postponeReason?: string
  /** Set when the reminder round for this activity was done. */
  remindedAt?: Date
  finalizedAt?: Date
  attendance?: { attended: number; absent: number; leave: number }
  /** Published (not draft) and not held — the public list's filter. */
  listed: boolean
  /**
   * Title, description or place that the content check did not pass
   * (`review`, or `error` when the check failed): the activity is not shown
   * to the public (unlisted; not found for anyone but its managers) until
   * staff publish it, which releases it (issue 13 item 1, decision 37).
   */
  held?: 'review' | 'error' | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** Shape of a `registrations` document. */
export interface RegistrationDocument {
  /** `<activityId>_<personKey>`: one per person per activity. */
  _id: string
  /** The requestId of the sign-up (or confirmation) that put the person in: a retry of it gets the first answer. */
  signupRequestId?: string
  activityId: string
  /** Roster id for members, else an opaque key from the OPENID ({@link personKeyOf}); never the OPENID itself. */
  personKey: string
  /** May be absent for an invitee who has not bound WeChat yet. */
  openid?: string
  memberId?: string
  name: string
  phone?: string
  state: RegistrationState
  /**
   * Waitlist order: when the database stored the person's place in line
   * (`db.serverDate()` at the write, so the order is the order of arrival at
   * the database and a reply's position stays true; ties by `_id`). Numbers
   * (ms since epoch) from before are still ordered by the same field.
   */
  waitlistSeq?: Date | number
  /** Accepted the subscription messages. */
  consented: boolean
  /** Personal pass code (shown as a QR code, scanned by staff). */
  pass: string
  leaveReason?: string
  leaveDecisionReason?: string
  checkedInAt?: Date
  checkinMethod?: 'venue_qr' | 'pass' | 'manual'
  remindedAt?: Date
  /** Copied from the activity so "my activities" sorts in one read. */
  activityStartAt: Date
  registeredAt: Date
  updatedAt: Date
}

/** Registration states that hold a seat. */
export const SEAT_STATES: RegistrationState[] = ['registered', 'checked_in', 'attended']
/** States of someone expected at the venue (may check in). */
export const EXPECTED_STATES: RegistrationState[] = ['registered', 'notified', 'confirmed', 'leave_denied', 'leave_requested']
/** States that receive notices about the activity (cancel, postpone, reminders). */
export const NOTICE_STATES: RegistrationState[] = ['registered', 'waitlisted', 'notified', 'confirmed', 'leave_denied', 'leave_requested', 'checked_in']

/** Deterministic registration id: one per person per activity. */
export function registrationId(activityId: string, personKey: string): string {
  return `${activityId}_${personKey}`
}

/**
 * The person key of a caller: the roster id when bound as a member, else an
 * opaque key derived from the OPENID (`u-` + 20 hex digits of its SHA-256),
 * so registration ids and organiser views never carry an OPENID (issue 13
 * item 2). Deterministic: the same person always gets the same key.
 */
export function personKeyOf(caller: Pick<Caller, 'openid' | 'memberId'>): string {
  return caller.memberId ?? `u-${createHash('sha256').update(`person:${caller.openid}`).digest('hex').slice(0, 20)}`
}

/** Activity id of a create: derived from OPENID + requestId so a retry finds the first. */
export function activityIdFor(openid: string, requestId: string): string {
  return `act-${createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 20)}`
}

/** A short random code of letters and digits (tokens, passes). */
export function shortCode(length = 12): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length]
  return out
}

/**
 * The state a person sees at `now`: a stored `published` becomes
 * `registration_closed` after the deadline, `checkin_open` inside the check-in
 * window and `ended` after the end. Other stored states are returned as is.
 */
export function effectiveState(a: Pick<ActivityDocument, 'state' | 'signupDeadline' | 'checkinStartAt' | 'checkinEndAt' | 'endAt'>, now: Date): ActivityState {
  if (a.state !== 'published') return a.state
  const t = now.getTime()
  if (t >= a.endAt.getTime() && t >= a.checkinEndAt.getTime()) return 'ended'
  if (t >= a.checkinStartAt.getTime() && t <= a.checkinEndAt.getTime()) return 'checkin_open'
  if (t >= a.endAt.getTime()) return 'ended'
  if (t > a.signupDeadline.getTime()) return 'registration_closed'
  return 'published'
}

/**
 * The time condition of a list scope at `now` (issue 5: "today's activities"
 * at 07:30 Beijing, 23:30 UTC the day before, lists today's):
 * - `today`: startAt in [Beijing midnight, next Beijing midnight)
 * - `upcoming`: endAt >= now, soonest first
 * - `past`: endAt < now, newest first
 */
export function listWindow(scope: 'upcoming' | 'past' | 'today', now: Date): { field: 'startAt' | 'endAt'; gte?: Date; lt?: Date; direction: 'asc' | 'desc' } {
  if (scope === 'today') {
    const day = beijingDay(now)
    return { field: 'startAt', gte: day.start, lt: day.end, direction: 'asc' }
  }
  if (scope === 'past') return { field: 'endAt', lt: now, direction: 'desc' }
  return { field: 'endAt', gte: now, direction: 'asc' }
}

/** One activity by id or null. One read. */
export function getActivity(db: Database, id: string): Promise<ActivityDocument | null> {
  return findById<ActivityDocument>(db, 'activities', id)
}

/** True when `caller` may manage `activity`: staff always; a studio admin for activities of their studios. */
export function canManage(caller: Pick<Caller, 'roles' | 'studioIds'>, activity: Pick<ActivityDocument, 'studioId'>): boolean {
  if (caller.roles.includes('staff')) return true
  return caller.roles.includes('studio_admin') && !!activity.studioId && caller.studioIds.includes(activity.studioId)
}

/** What {@link createActivity} takes (already validated; instants as Date, UTC). */
export interface NewActivity {
  title: string
  type: ActivityType
  /** Must belong to `type` (kindTypes), else ACTIVITY.KIND_MISMATCH. */
  kind?: ActivityKind
  description?: string
  place: string
  startAt: Date
  endAt: Date
  signupDeadline: Date
  /** Default: 30 minutes before the start. */
  checkinStartAt?: Date
  /** Default: the end. */
  checkinEndAt?: Date
  /** 0 = unlimited. */
  capacity: number
  /** Default true. */
  waitlist?: boolean
  audience: Audience
  inviteeIds?: string[]
  required?: boolean
  /** The organising studio (studio admins must give one of theirs). */
  studioId?: string
  /** Default: `studio` with a studioId, else `committee`. */
  organiserKind?: OrganiserKind
  /** Organiser's display name; default the studio's name or CPPCC_NAME (src/core/county.ts). */
  organiserName?: string
  topicId?: string
  /** Publish at once (default: stays a draft). Ignored while `held`. */
  publish?: boolean
  /** The content check held the text (see {@link ActivityDocument.held}): created as a draft only staff can publish. */
  held?: 'review' | 'error'
}

/**
 * Checks the time rules of an activity (issue 5 item 3): end after start,
 * deadline not after the start, check-in window overlapping the activity.
 * Throws `ACTIVITY.BAD_TIMES`.
 */
export function assertTimes(a: { startAt: Date; endAt: Date; signupDeadline: Date; checkinStartAt: Date; checkinEndAt: Date }): void {
  const ok =
    a.endAt > a.startAt &&
    a.signupDeadline <= a.startAt &&
    a.checkinEndAt > a.checkinStartAt &&
    a.checkinStartAt <= a.endAt &&
    a.checkinEndAt >= a.startAt &&
    a.checkinEndAt.getTime() - a.endAt.getTime() <= 12 * 3600_000
  if (!ok) throw new AppError('ACTIVITY.BAD_TIMES')
}

/** How long after an activity's end its organiser may still change attendance (ms; decision 36). Staff may always. */
export const ATTENDANCE_EDIT_MS = 7 * 24 * 3600_000

/**
 * Closed years stay closed (issue 13 item 6, decision 36): only staff give an
 * activity times that have already ended (`endAt` at or before `now`).
 * Throws ACTIVITY.IN_PAST for anyone else.
 */
export function assertNotInPast(actor: Pick<Caller, 'roles'>, endAt: Date, now: Date): void {
  if (!actor.roles.includes('staff') && endAt.getTime() <= now.getTime()) throw new AppError('ACTIVITY.IN_PAST')
}

/**
 * Only staff change attendance more than {@link ATTENDANCE_EDIT_MS} after
 * the end (the yearly figures count it). Throws ACTIVITY.ATTENDANCE_CLOSED
 * for anyone else.
 */
export function assertAttendanceOpen(actor: Pick<Caller, 'roles'>, a: Pick<ActivityDocument, 'endAt'>, now: Date): void {
  if (!actor.roles.includes('staff') && now.getTime() > a.endAt.getTime() + ATTENDANCE_EDIT_MS) throw new AppError('ACTIVITY.ATTENDANCE_CLOSED')
}

/**
 * Creates an activity (draft, or published with `input.publish`).
 *
 * - `actor`: the caller; staff may organise anything, a studio admin only
 *   for their own studios (`input.studioId` required) — else
 *   `ACTIVITY.NOT_ORGANISER`.
 * - `options.requestId`: the client's requestId; the `_id` is derived from
 *   actor OPENID + requestId, so a retry returns the first activity unchanged.
 * - Errors: `ACTIVITY.BAD_TIMES`, `ACTIVITY.NOT_ORGANISER`, `STUDIO.NOT_FOUND`,
 *   `ACTIVITY.IN_PAST` (a non-staff actor giving an end that has passed).
 * - Publishing a required activity or one for invitees creates `notified`
 *   registrations for the invitees (see {@link publishActivity}).
 * DB: 1 read of the studio (when given) + one transaction (get + set).
 */
export async function createActivity(
  db: Database,
  input: NewActivity,
  actor: Caller,
  options: { requestId: string; now?: Date; cloud?: NoticeCloud }
): Promise<ActivityDocument> {
  const now = options.now ?? new Date()
  if (!actor.roles.includes('staff')) {
    if (!actor.roles.includes('studio_admin') || !input.studioId || !actor.studioIds.includes(input.studioId)) {
      throw new AppError('ACTIVITY.NOT_ORGANISER', '工作室管理员只能为自己负责的工作室创建活动')
    }
  }
  let organiserName = input.organiserName
  if (input.studioId && !organiserName) {
    const studio = await findById<{ _id: string; name: string }>(db, 'studios', input.studioId)
    if (!studio) throw new AppError('STUDIO.NOT_FOUND')
    organiserName = studio.name
  }
  const checkinStartAt = input.checkinStartAt ?? new Date(input.startAt.getTime() - 30 * 60_000)
  const checkinEndAt = input.checkinEndAt ?? input.endAt
  const times = { startAt: input.startAt, endAt: input.endAt, signupDeadline: input.signupDeadline, checkinStartAt, checkinEndAt }
  assertTimes(times)
  assertNotInPast(actor, input.endAt, now)
  if (input.kind && kindTypes[input.kind] !== input.type) throw new AppError('ACTIVITY.KIND_MISMATCH')
  const id = activityIdFor(actor.openid, options.requestId)
  const doc: ActivityDocument = {
    _id: id,
    title: input.title,
    type: input.type,
    ...(input.kind ? { kind: input.kind } : {}),
    state: 'draft',
    description: input.description ?? '',
    place: input.place,
    organiser: {
      kind: input.organiserKind ?? (input.studioId ? 'studio' : 'committee'),
      ...(input.studioId ? { studioId: input.studioId } : {}),
      name: organiserName ?? CPPCC_NAME
    },
    ...(input.studioId ? { studioId: input.studioId } : {}),
    ...(input.topicId ? { topicId: input.topicId } : {}),
    ...times,
    capacity: input.capacity,
    registeredCount: 0,
    waitlistCount: 0,
    waitlistSeq: 0,
    waitlist: input.waitlist ?? true,
    audience: input.audience,
    inviteeIds: [...new Set(input.inviteeIds ?? [])],
    required: input.required ?? false,
    checkedInCount: 0,
    listed: false,
    ...(input.held ? { held: input.held } : {}),
    createdBy: actor.openid,
    createdAt: now,
    updatedAt: now
  }
  const created = await transact(db, async (t) => {
    const existing = await getInTx<ActivityDocument>(t, 'activities', id)
    if (existing) return existing
    const { _id, ...data } = doc
    await t.collection('activities').doc(_id).set({ data })
    return doc
  })
  if (input.publish && created.state === 'draft' && !created.held) return publishActivity(db, created._id, actor, { now, cloud: options.cloud })
  return created
}

/**
 * Publishes a draft or postponed activity (`COMMON.INVALID_STATE` otherwise;
 * `ACTIVITY.HELD` for anyone but staff while the content check holds it;
 * staff publishing releases a held activity, published or not)
 * and, for invitees, writes `notified` registrations (idempotent: existing
 * registrations are kept) and sends them the invitation notice.
 */
export async function publishActivity(db: Database, id: string, actor: Caller, options: { now?: Date; cloud?: NoticeCloud } = {}): Promise<ActivityDocument> {
  const now = options.now ?? new Date()
  const updated = await transact(db, async (t) => {
    const a = await getInTx<ActivityDocument>(t, 'activities', id)
    if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
    if (!canManage(actor, a)) throw new AppError('ACTIVITY.NOT_ORGANISER')
    const staff = actor.roles.includes('staff')
    if (a.held && !staff) throw new AppError('ACTIVITY.HELD')
    if (a.state === 'published') {
      if (!a.held) return a
      // Staff release a published activity whose changed text was held.
      await t.collection('activities').doc(id).update({ data: { held: null, listed: true, updatedAt: now } })
      return { ...a, held: null, listed: true, updatedAt: now }
    }
    if (a.state !== 'draft' && a.state !== 'postponed') throw new AppError('COMMON.INVALID_STATE', '只有草稿或已延期的活动可以发布')
    await t.collection('activities').doc(id).update({ data: { state: 'published', listed: true, held: null, updatedAt: now, remindedAt: null } })
    return { ...a, state: 'published' as const, listed: true, held: null, updatedAt: now }
  })
  if (updated.inviteeIds.length > 0) await inviteMembers(db, updated, now, options.cloud)
  return updated
}

/**
 * Writes registrations for the activity's invitees (`notified` when the
 * activity is required, else a seat or the waitlist); existing ones are kept,
 * so calling it again (e.g. after invitees were added) only invites the new
 * people. Each new invitee with a bound WeChat gets the invitation notice.
 *
 * County size (690 invitees inside the 20 s limit, issue 13 item 9): per
 * 100 invitees, one members read, one registrations read, for an open
 * activity one activity read and ONE conditional atomic claim of all the
 * seats they take (the rest wait, in roster order), one batch insert, one
 * waitlist counter `inc`; notices {@link NOTICE_PARALLEL} at a time. A
 * person who signed up by themselves meanwhile keeps that registration
 * (their invitation is then written one by one and their seat given back).
 */
export async function inviteMembers(db: Database, a: ActivityDocument, now: Date, cloud?: NoticeCloud): Promise<void> {
  const _ = db.command
  const toNotify: { openid: string }[] = []
  for (let i = 0; i < a.inviteeIds.length; i += 100) {
    const ids = a.inviteeIds.slice(i, i + 100)
    const members = rowsOf<{ _id: string; name: string; phone?: string; boundOpenid?: string | null }>(
      await db.collection('members').where({ _id: _.in(ids) }).limit(100).get()
    )
    const existing = new Set(
      rowsOf<{ _id: string }>(
        await db.collection('registrations').where({ _id: _.in(ids.map((m) => registrationId(a._id, m))) }).field({ _id: true }).limit(100).get()
      ).map((r) => r._id)
    )
    const fresh = members.filter((m) => !existing.has(registrationId(a._id, m._id)))
    if (fresh.length === 0) continue
    // Seats for an open activity: as many as are free, claimed at once.
    let seats = fresh.length
    if (!a.required) seats = await claimSeats(db, a._id, fresh.length)
    const docs = fresh.map((m, k) => {
      const seat = a.required || k < seats
      const reg: RegistrationDocument = {
        _id: registrationId(a._id, m._id),
        activityId: a._id,
        personKey: m._id,
        ...(m.boundOpenid ? { openid: m.boundOpenid } : {}),
        memberId: m._id,
        name: m.name,
        ...(m.phone ? { phone: m.phone } : {}),
        state: a.required ? 'notified' : seat ? 'registered' : 'waitlisted',
        ...(seat ? {} : { waitlistSeq: db.serverDate() as unknown as Date }),
        consented: false,
        pass: shortCode(10),
        activityStartAt: a.startAt,
        registeredAt: now,
        updatedAt: now
      }
      return reg
    })
    const written = await insertAll(db, docs)
    if (!a.required) {
      const unusedSeats = docs.filter((d, k) => k < seats && !written.has(d._id)).length
      const waiting = docs.filter((d, k) => k >= seats && written.has(d._id)).length
      if (unusedSeats) await db.collection('activities').doc(a._id).update({ data: { registeredCount: _.inc(-unusedSeats) } })
      if (waiting) await db.collection('activities').doc(a._id).update({ data: { waitlistCount: _.inc(waiting) } })
    }
    for (const m of fresh) if (m.boundOpenid && written.has(registrationId(a._id, m._id))) toNotify.push({ openid: m.boundOpenid })
  }
  if (cloud) {
    await inParallel(toNotify, NOTICE_PARALLEL, (n) => sendNotice(cloud, n.openid, 'invitation', a, a.required ? '请确认参加或请假' : '您已受邀参加', db))
  }
}

/**
 * Claims up to `wanted` seats of an open activity with one conditional
 * atomic increment (as many as are free when read; a change in between
 * makes it read again, at most 3 times, then none). Returns the seats
 * claimed. Unlimited capacity: all of them.
 */
async function claimSeats(db: Database, activityId: string, wanted: number): Promise<number> {
  const _ = db.command
  for (let attempt = 0; attempt < 3; attempt++) {
    const cur = await getActivity(db, activityId)
    if (!cur || cur.state !== 'published') return 0
    const take = cur.capacity === 0 ? wanted : Math.max(0, Math.min(wanted, cur.capacity - cur.registeredCount))
    if (take === 0) return 0
    const where: Record<string, unknown> = { _id: activityId, state: 'published', capacity: cur.capacity }
    if (cur.capacity > 0) where.registeredCount = _.lte(cur.capacity - take)
    const res = (await db.collection('activities').where(where).update({ data: { registeredCount: _.inc(take) } })) as { stats?: { updated?: number } }
    if ((res.stats?.updated ?? 0) === 1) return take
  }
  return 0
}

/**
 * Inserts registrations in one batch request; when the batch is refused (a
 * duplicate id: someone signed up meanwhile) reads which of them are ours
 * now (by pass code) and inserts the rest one by one, skipping duplicates.
 * Returns the ids this call wrote.
 */
async function insertAll(db: Database, docs: RegistrationDocument[]): Promise<Set<string>> {
  const _ = db.command
  try {
    await db.collection('registrations').add({ data: docs })
    return new Set(docs.map((d) => d._id))
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  const stored = rowsOf<{ _id: string; pass: string }>(
    await db.collection('registrations').where({ _id: _.in(docs.map((d) => d._id)) }).field({ _id: true, pass: true }).limit(100).get()
  )
  const byId = new Map(stored.map((r) => [r._id, r.pass]))
  const written = new Set<string>()
  for (const d of docs) {
    if (byId.has(d._id)) {
      if (byId.get(d._id) === d.pass) written.add(d._id)
      continue
    }
    try {
      await db.collection('registrations').add({ data: d })
      written.add(d._id)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }
  return written
}

/** Who attended an activity (for the consultation record and the duty ledger). */
export interface Attendance {
  activityId: string
  /** Stored state; `finalized` means attendance is locked. */
  state: ActivityState
  finalized: boolean
  /** Roster ids of members who checked in (before finalize) or attended (after). */
  attendedMemberIds: string[]
  /** Roster ids of members marked absent (only after finalize). */
  absentMemberIds: string[]
  /** Roster ids of members on approved leave. */
  leaveMemberIds: string[]
  counts: { registered: number; waitlisted: number; checkedIn: number; attended: number; absent: number; leave: number; total: number }
}

/**
 * Reads an activity's attendance: checked-in / attended member ids and
 * counts by state. Non-member (public) participants count in `counts` but
 * have no roster id. Throws `ACTIVITY.NOT_FOUND`. DB: 1 read + registrations
 * 100 at a time.
 */
export async function readAttendance(db: Database, activityId: string): Promise<Attendance> {
  const a = await getActivity(db, activityId)
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  const regs = await findAll<RegistrationDocument>(db, 'registrations', { activityId })
  const count = (states: RegistrationState[]) => regs.filter((r) => states.includes(r.state)).length
  const ids = (states: RegistrationState[]) => regs.filter((r) => states.includes(r.state) && r.memberId).map((r) => r.memberId as string)
  return {
    activityId,
    state: a.state,
    finalized: a.state === 'finalized',
    attendedMemberIds: ids(['checked_in', 'attended']),
    absentMemberIds: ids(['absent']),
    leaveMemberIds: ids(['leave_approved']),
    counts: {
      registered: count(['registered', 'confirmed', 'notified']),
      waitlisted: count(['waitlisted']),
      checkedIn: count(['checked_in']),
      attended: count(['attended']),
      absent: count(['absent']),
      leave: count(['leave_approved']),
      total: regs.length
    }
  }
}

/**
 * A waitlisted registration's place in line, 1-based: those waiting before
 * it by waitlist order (`waitlistSeq`, ties by `_id`, the same order
 * promotion uses) plus one. One count operation.
 */
export async function waitlistPosition(db: Database, activityId: string, r: Pick<RegistrationDocument, '_id' | 'waitlistSeq'>): Promise<number> {
  const _ = db.command
  const seq = r.waitlistSeq ?? 0
  const before = _.or([
    { activityId, state: 'waitlisted', waitlistSeq: _.lt(seq) },
    { activityId, state: 'waitlisted', waitlistSeq: seq, _id: _.lte(r._id) }
  ])
  return countWhere(db, 'registrations', before as unknown as Record<string, unknown>)
}

/** Number of documents matching `where`. One count operation. */
export async function countWhere(db: Database, collection: string, where: Record<string, unknown>): Promise<number> {
  const result = (await db.collection(collection).where(where).count()) as { total?: number }
  return result.total ?? 0
}

// ------------------------------------------------------------ transactions

// The one transaction helper (bounded retries, then COMMON.BUSY) lives in
// _shared; re-exported here because other functions import it with the engine.
export { getInTx, transact, type Tx } from '../_shared/transaction'

// ------------------------------------------------------------ notices

/** The part of `wx-server-sdk` used to send subscription messages. */
export interface NoticeCloud {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  openapi: Record<string, any>
}

const noticeTitles: Record<keyof typeof activityTemplates, string> = {
  reminder: '活动提醒',
  change: '活动变更',
  promoted: '候补成功',
  invitation: '活动邀请',
  leave: '请假审批'
}

/** What a notice says instead of the title of an activity the content check holds (≤ 20 characters). */
export const NEUTRAL_ACTIVITY_TITLE = '您有一条新的活动通知'

/**
 * Sends one subscription message about an activity to `openid`; opens the
 * activity page (src/core/pages.ts). Best effort: a refusal (no consent,
 * 43101) is logged and answered false, never thrown. Times in the message
 * are Beijing time. While the content check holds the activity's text
 * (`held`), neither its title nor its place is quoted (the recipient is
 * never its author here): {@link NEUTRAL_ACTIVITY_TITLE} and 详见活动页面.
 */
export async function sendNotice(cloud: NoticeCloud, openid: string, kind: keyof typeof activityTemplates, a: Pick<ActivityDocument, '_id' | 'title' | 'startAt' | 'place'> & { held?: ActivityDocument['held'] }, note: string, db?: Database): Promise<boolean> {
  const title = a.held ? NEUTRAL_ACTIVITY_TITLE : a.title
  const place = a.held ? '详见活动页面' : a.place
  const page = pageWithQuery(serverPages.activity, { id: a._id })
  // Kept in 我的消息 too, whether or not the subscription message goes out (_shared/inbox.ts).
  if (db) {
    const now = new Date()
    await recordMessage(db, { openid, key: `activity:${a._id}:${kind}:${note}:${kind === 'reminder' ? '' : now.toISOString()}`, title, status: noticeTitles[kind], note, page: `/${page}`, at: now })
  }
  try {
    await (cloud.openapi.subscribeMessage as { send(args: Record<string, unknown>): Promise<unknown> }).send({
      touser: openid,
      templateId: activityTemplates[kind],
      page,
      data: {
        thing1: { value: Array.from(title).slice(0, 20).join('') },
        time2: { value: formatBeijing(a.startAt) },
        thing3: { value: Array.from(place).slice(0, 20).join('') },
        thing4: { value: Array.from(`${noticeTitles[kind]}：${note}`).slice(0, 20).join('') }
      }
    })
    return true
  } catch (error) {
    console.warn(JSON.stringify({ notice: kind, activityId: a._id, openid, error: String((error as Error)?.message ?? error) }))
    return false
  }
}

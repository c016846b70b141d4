/**
 * Attendance: the rotating venue code, checking in by it, scanning a
 * personal pass, marking by hand, and finalizing after the end.
 */
import { serverPages } from '../../src/core/pages'
import type { RegistrationState } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { formatBeijing } from '../../src/core/time'
import { findById, rowsOf } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import { syncRegistrationInTx } from '../_shared/ledger'
import { assertAttendanceOpen, countWhere, EXPECTED_STATES, getInTx, personKeyOf, registrationId, shortCode, transact, type ActivityDocument, type RegistrationDocument, type Tx } from './engine'
import { activityInTx, assertOpenForChanges, managed, type Handler } from './model'
import { allocateTypedCode } from './venue-code'

/** A venue token is replaced after this long when the organiser's screen asks again (ms). */
export const TOKEN_ROTATE_MS = 60_000
/** A venue token is refused this long after it was issued, even if still current (ms). */
export const TOKEN_TTL_MS = 120_000
/** Page of the mini-program the venue code opens (no leading slash, as wxacode wants). */
export const CHECKIN_PAGE = serverPages.activityCheckin
/** Wrong typed codes allowed per person inside CODE_ATTEMPT_WINDOW_MS before ACTIVITY.CODE_ATTEMPTS. */
export const CODE_ATTEMPTS = 5
/** Window of the typed-code guessing limit (ms): 10 minutes from the first wrong code. */
export const CODE_ATTEMPT_WINDOW_MS = 10 * 60_000

/** Checks a check-in may happen now and marks it, inside a transaction. */
async function checkInTx(
  t: Tx,
  activityId: string,
  rid: string,
  now: Date,
  method: 'venue_qr' | 'pass' | 'manual',
  verify?: (a: ActivityDocument) => void
): Promise<{ state: RegistrationState; already: boolean; name: string; title: string; checkedInAt: Date }> {
  const a = await activityInTx(t, activityId)
  assertOpenForChanges(a)
  if (a.state !== 'published') throw new AppError('ACTIVITY.CHECKIN_CLOSED')
  verify?.(a)
  const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
  if (!r) throw new AppError('ACTIVITY.NOT_REGISTERED')
  if (r.state === 'checked_in') return { state: r.state, already: true, name: r.name, title: a.title, checkedInAt: r.checkedInAt ?? now }
  if (r.state === 'waitlisted') throw new AppError('ACTIVITY.NOT_REGISTERED', '您在候补名单中，尚未获得名额')
  if (!EXPECTED_STATES.includes(r.state) && r.state !== 'leave_approved') throw new AppError('ACTIVITY.NOT_REGISTERED')
  await t.collection('registrations').doc(rid).update({ data: { state: 'checked_in', checkedInAt: now, checkinMethod: method, updatedAt: now } })
  await t.collection('activities').doc(activityId).update({ data: { checkedInCount: a.checkedInCount + 1, updatedAt: now } })
  // the ledger line in the same transaction (decision 93)
  await syncRegistrationInTx(t, a, { ...r, state: 'checked_in', checkedInAt: now }, now)
  return { state: 'checked_in', already: false, name: r.name, title: a.title, checkedInAt: now }
}

function inWindow(a: ActivityDocument, now: Date): boolean {
  return now >= a.checkinStartAt && now <= a.checkinEndAt
}
/**
 * The venue code: a mini-program code (wxacode.getUnlimited) whose scene
 * is the current short token. Only inside the check-in window
 * (ACTIVITY.CHECKIN_CLOSED). The token rotates when older than
 * TOKEN_ROTATE_MS or when `rotate` is set; older tokens stop working.
 * Each token carries a 6-digit typed code no other live token holds
 * (`allocateTypedCode`, a guard per code in `checkinCodes`), so activities
 * checking in at the same time never share a code.
 */
export const checkinCode: Handler<'activity.checkinCode'> = async (input, ctx) => {
  const { a } = await managed(ctx, input.id)
  assertOpenForChanges(a)
  if (a.state !== 'published' || !inWindow(a, ctx.now)) throw new AppError('ACTIVITY.CHECKIN_CLOSED', `不在签到时间内（${formatBeijing(a.checkinStartAt)} 至 ${formatBeijing(a.checkinEndAt)}）`)
  let current = a.checkin
  if (!current || !current.code || input.rotate || ctx.now.getTime() - new Date(current.issuedAt).getTime() >= TOKEN_ROTATE_MS) {
    const token = shortCode(12)
    const code = await allocateTypedCode(ctx.db, { activityId: a._id, token, now: ctx.now, until: new Date(ctx.now.getTime() + TOKEN_TTL_MS) })
    current = { token, code, issuedAt: ctx.now }
    await ctx.db.collection('checkinTokens').doc(token).set({ data: { activityId: a._id, issuedAt: ctx.now, code } })
    await ctx.db.collection('activities').doc(a._id).update({ data: { checkin: current } })
  }
  const code = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene: current.token, page: CHECKIN_PAGE, checkPath: false })) as { buffer: Buffer }
  const expiresAt = new Date(Math.min(new Date(current.issuedAt).getTime() + TOKEN_TTL_MS, a.checkinEndAt.getTime()))
  return {
    token: current.token,
    code: current.code ?? '',
    scene: current.token,
    page: CHECKIN_PAGE,
    image: `data:image/png;base64,${Buffer.from(code.buffer).toString('base64')}`,
    expiresAt: expiresAt.toISOString()
  }
}

export const checkin: Handler<'activity.checkin'> = async (input, ctx) => {
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
  return { activityId: tokenDoc.activityId, state: out.state, already: out.already, title: out.title, checkedInAt: out.checkedInAt.toISOString() }
}

type TokenDoc = { _id: string; activityId: string; issuedAt: Date; code?: string }

type AttemptDoc = { _id: string; failures: number; since: Date }

/**
 * The guessing limit of typed codes, per OPENID: CODE_ATTEMPTS wrong codes
 * within CODE_ATTEMPT_WINDOW_MS, then ACTIVITY.CODE_ATTEMPTS until the
 * window ends. `fail` records one wrong code and rethrows its error.
 */
async function attemptsOf(db: Parameters<typeof findById>[0], openid: string, now: Date) {
  const doc = await findById<AttemptDoc>(db, 'checkinAttempts', openid)
  const live = doc && now.getTime() - new Date(doc.since).getTime() < CODE_ATTEMPT_WINDOW_MS ? doc : null
  return {
    assertAllowed() {
      if (live && live.failures >= CODE_ATTEMPTS) {
        const left = Math.ceil((new Date(live.since).getTime() + CODE_ATTEMPT_WINDOW_MS - now.getTime()) / 60_000)
        throw new AppError('ACTIVITY.CODE_ATTEMPTS', `签到码输错次数过多，请 ${left} 分钟后再试，或请工作人员扫描您的参会凭证`)
      }
    },
    async fail(error: AppError): Promise<never> {
      const data = live ? { failures: live.failures + 1, since: live.since } : { failures: 1, since: now }
      await db.collection('checkinAttempts').doc(openid).set({ data })
      throw error
    }
  }
}

/**
 * Check-in by the 6-digit code shown under the venue QR code, for when the
 * camera is missing (browser build) or scanning fails. Same rules as
 * activity.checkin (current code, inside the window, registered); with `id`,
 * the code must belong to that activity. A wrong, expired or other
 * activity's code counts towards the guessing limit (CODE_ATTEMPTS per
 * CODE_ATTEMPT_WINDOW_MS, ACTIVITY.CODE_ATTEMPTS). Answers the activity's
 * title and the check-in instant (ISO, UTC; the page shows it in Beijing time).
 */
export const checkinByCode: Handler<'activity.checkinByCode'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const attempts = await attemptsOf(ctx.db, ctx.openid, ctx.now)
  attempts.assertAllowed()
  const _ = ctx.db.command
  const where: Record<string, unknown> = { code: input.code, issuedAt: _.gte(new Date(ctx.now.getTime() - TOKEN_TTL_MS)) }
  if (input.id) where.activityId = input.id
  const found = rowsOf<TokenDoc>(await ctx.db.collection('checkinTokens').where(where).orderBy('issuedAt', 'desc').limit(1).get())[0]
  if (!found) {
    const older = rowsOf<TokenDoc>(await ctx.db.collection('checkinTokens').where(input.id ? { code: input.code, activityId: input.id } : { code: input.code }).limit(1).get())[0]
    return attempts.fail(new AppError(older ? 'ACTIVITY.TOKEN_EXPIRED' : 'ACTIVITY.CODE_INVALID'))
  }
  const rid = registrationId(found.activityId, personKeyOf(caller))
  let stale = false
  const out = await transact(ctx.db, (t) =>
    checkInTx(t, found.activityId, rid, ctx.now, 'venue_qr', (a) => {
      if (!inWindow(a, ctx.now)) throw new AppError('ACTIVITY.CHECKIN_CLOSED')
      if (a.checkin?.token !== found._id) {
        stale = true
        throw new AppError('ACTIVITY.TOKEN_EXPIRED')
      }
    })
  ).catch(async (e: unknown) => {
    if (stale && e instanceof AppError) return attempts.fail(e)
    throw e
  })
  return { activityId: found.activityId, state: out.state, already: out.already, title: out.title, checkedInAt: out.checkedInAt.toISOString() }
}

export const scanPass: Handler<'activity.scanPass'> = async (input, ctx) => {
  const { a, caller } = await managed(ctx, input.id)
  assertAttendanceOpen(caller, a, ctx.now)
  const r = rowsOf<RegistrationDocument>(await ctx.db.collection('registrations').where({ activityId: input.id, pass: input.pass }).limit(1).get())[0]
  if (!r) throw new AppError('ACTIVITY.PASS_INVALID', '凭证无效或不是本活动的凭证')
  const out = await transact(ctx.db, (t) => checkInTx(t, input.id, r._id, ctx.now, 'pass'))
  return { name: out.name, state: out.state, already: out.already }
}

/**
 * Marks a person present (a manual check-in) or takes a check-in back.
 * An organiser may do so until ATTENDANCE_EDIT_MS after the end, staff at
 * any time before finalize (ACTIVITY.ATTENDANCE_CLOSED, decision 36).
 */
export const mark: Handler<'activity.mark'> = async (input, ctx) => {
  const { a: loaded, caller } = await managed(ctx, input.id)
  assertAttendanceOpen(caller, loaded, ctx.now)
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
    // the attendance line reversed in the same transaction (decision 93)
    await syncRegistrationInTx(t, a, { ...r, state: back }, ctx.now)
    return { state: back }
  })
}

/**
 * Locks attendance after the end: the activity becomes `finalized` first
 * (in a transaction that conflicts with any check-in still in flight),
 * then check-ins become attended and the expected rest absent.
 */
export const finalize: Handler<'activity.finalize'> = async (input, ctx) => {
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
}

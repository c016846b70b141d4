/**
 * What the `activity` function's use cases share: reply shapes built from
 * stored documents and the checks every management action makes. The
 * engine itself (stored shapes, create/publish, transactions, notices) is
 * ./engine.ts.
 */
import type { ActivityDetail, ActivitySummary, MyRegistration } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import type { Caller } from '../../src/core/roles'
import type { HandlerContext } from '../_shared/define-function'
import { canManage, effectiveState, getActivity, getInTx, type ActivityDocument, type RegistrationDocument, type Tx } from './engine'

export type { Handler } from '../_shared/define-function'

/** ISO string of a stored instant (UTC), undefined when absent. */
export const iso = (d: Date | undefined | null) => (d ? new Date(d).toISOString() : undefined)

/** An activity as listed (state as seen at `now`). */
export function summaryOf(a: ActivityDocument, now: Date): ActivitySummary {
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

/** The caller's own registration as shown to them (with the waitlist position when waiting). */
export function myRegistrationOf(r: RegistrationDocument, position?: number): MyRegistration {
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

/** An activity's detail page for `caller`, with their registration when they have one. */
export function detailOf(a: ActivityDocument, now: Date, caller: Caller, mine?: MyRegistration): ActivityDetail {
  return {
    ...summaryOf(a, now),
    description: a.description,
    checkinStartAt: iso(a.checkinStartAt)!,
    checkinEndAt: iso(a.checkinEndAt)!,
    waitlist: a.waitlist,
    ...(a.postponeReason ? { postponeReason: a.postponeReason } : {}),
    ...(a.cancelReason ? { cancelReason: a.cancelReason } : {}),
    ...(mine ? { mine } : {}),
    canManage: canManage(caller, a),
    ...(a.held && canManage(caller, a)
      ? { safetyNote: a.held === 'review' ? '活动内容待机关工作人员复核，通过后向公众展示' : '内容检测失败，活动待机关工作人员复核后向公众展示' }
      : {})
  }
}

/** Loads an activity the caller manages, else NOT_FOUND / NOT_ORGANISER. */
export async function managed(ctx: HandlerContext, id: string): Promise<{ a: ActivityDocument; caller: Caller }> {
  const [a, caller] = await Promise.all([getActivity(ctx.db, id), ctx.caller()])
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  if (!canManage(caller, a)) throw new AppError('ACTIVITY.NOT_ORGANISER')
  return { a, caller }
}
/** Refuses changes on a cancelled or finalized activity. */
export function assertOpenForChanges(a: ActivityDocument): void {
  if (a.state === 'finalized') throw new AppError('ACTIVITY.LOCKED')
  if (a.state === 'cancelled') throw new AppError('ACTIVITY.CANCELLED')
}

/** The activity inside a transaction, else ACTIVITY.NOT_FOUND. */
export async function activityInTx(t: Tx, id: string): Promise<ActivityDocument> {
  const a = await getInTx<ActivityDocument>(t, 'activities', id)
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  return a
}

/**
 * Organiser side of an activity's life: create, update, publish, cancel,
 * postpone (who may: ./model.ts `managed`; rules: src/core/actions/activity.ts).
 */
import { AppError } from '../../src/core/errors'
import { checkText } from '../_shared/content-safety'
import { findAll } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import type { Database } from '../_shared/cloud'
import { createActivity, effectiveState, getActivity, inviteMembers, NOTICE_STATES, publishActivity, assertTimes, assertNotInPast, sendNotice, transact, type ActivityDocument, type NoticeCloud, type RegistrationDocument } from './engine'
import { activityInTx, assertOpenForChanges, detailOf, managed, type Handler } from './model'
import { promoteWaitlisted } from './signup'
import { inParallel, NOTICE_PARALLEL } from '../_shared/parallel'

/** Sends a notice to every registration in a notice state; returns how many were sent. */
async function noticeAll(db: Database, cloud: NoticeCloud, a: ActivityDocument, kind: 'change', note: string): Promise<number> {
  const _ = db.command
  const regs = await findAll<RegistrationDocument>(db, 'registrations', { activityId: a._id, state: _.in(NOTICE_STATES) })
  let sent = 0
  // County size (690 registrations, issue 13 item 9): a few notices in flight at once, not one after another.
  await inParallel(regs, NOTICE_PARALLEL, async (r) => {
    if (r.openid && (await sendNotice(cloud, r.openid, kind, a, note, db))) sent++
  })
  return sent
}

/** Inputs of time fields arrive as Date from the schema; absent ones keep the stored value. */
type TimeFields = Pick<ActivityDocument, 'startAt' | 'endAt' | 'signupDeadline' | 'checkinStartAt' | 'checkinEndAt'>

/**
 * The content check of an activity's public text (title, description,
 * place; scene 3). Output: undefined when it passed, else what holds the
 * activity (decision 37). Throws CONTENT.RISKY (nothing is stored).
 */
async function heldBy(ctx: Parameters<Handler<'activity.create'>>[1], parts: (string | undefined)[]): Promise<'review' | 'error' | undefined> {
  const verdict = await checkText(ctx, parts, 3)
  return verdict === 'pass' ? undefined : verdict
}

/**
 * Creates an activity (engine `createActivity`). Its text passes the
 * content check first: risky -> CONTENT.RISKY; review or a failed check ->
 * a draft only staff can publish (ACTIVITY.HELD for others). Organisers
 * cannot create one that already ended (ACTIVITY.IN_PAST, decision 36).
 */
export const create: Handler<'activity.create'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const held = await heldBy(ctx, [input.title, input.description, input.place])
  const a = await createActivity(ctx.db, { ...input, ...(held ? { held } : {}) }, caller, { requestId: ctx.requestId, now: ctx.now, cloud: ctx.cloud })
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.create', target: a._id, requestId: ctx.requestId }, ctx.now)
  return detailOf(a, ctx.now, caller)
}

/**
 * Changes an activity. Changed title, description or place pass the
 * content check (risky: CONTENT.RISKY, nothing changes; review or a failed
 * check: the activity leaves the public until staff publish it again).
 * Organisers neither edit an ended activity nor move one into the past
 * (ACTIVITY.IN_PAST, decision 36); staff may.
 */
export const update: Handler<'activity.update'> = async (input, ctx) => {
  const { caller } = await managed(ctx, input.id)
  const { id, ...changes } = input
  const now = ctx.now
  const held = changes.title !== undefined || changes.description !== undefined || changes.place !== undefined ? await heldBy(ctx, [changes.title, changes.description, changes.place]) : undefined
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
    // Closed years stay closed: an organiser neither edits an ended activity nor moves one into the past (decision 36).
    assertNotInPast(caller, a.endAt, now)
    assertNotInPast(caller, times.endAt, now)
    const data: Record<string, unknown> = { ...times, updatedAt: now }
    for (const key of ['title', 'type', 'kind', 'description', 'place', 'capacity', 'waitlist', 'audience', 'required', 'topicId'] as const) {
      if (changes[key] !== undefined) data[key] = changes[key]
    }
    if (changes.inviteeIds) data.inviteeIds = [...new Set(changes.inviteeIds)]
    if (held) Object.assign(data, { held, listed: false })
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
}

export const publish: Handler<'activity.publish'> = async (input, ctx) => {
  const { caller } = await managed(ctx, input.id)
  const before = await getActivity(ctx.db, input.id)
  const a = await publishActivity(ctx.db, input.id, caller, { now: ctx.now, cloud: ctx.cloud })
  if (before?.state === 'postponed') {
    // A postponed activity published again gets a fresh reminder round.
    await ctx.db.collection('registrations').where({ activityId: a._id }).update({ data: { remindedAt: null } })
  }
  return detailOf(a, ctx.now, caller)
}

export const cancel: Handler<'activity.cancel'> = async (input, ctx) => {
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
}

export const postpone: Handler<'activity.postpone'> = async (input, ctx) => {
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
}

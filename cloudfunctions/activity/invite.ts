/**
 * Required activities and invitations: an invitee confirms or asks for
 * leave; the organiser decides the leave.
 */
import type { RegistrationState } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { effectiveState, getInTx, personKeyOf, registrationId, sendNotice, transact, type ActivityDocument, type RegistrationDocument, type Tx } from './engine'
import { syncRegistrationInTx } from '../_shared/ledger'
import { activityInTx, assertOpenForChanges, managed, type Handler } from './model'

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

export const confirm: Handler<'activity.confirm'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const rid = registrationId(input.id, personKeyOf(caller))
  return transact(ctx.db, async (t) => {
    const { r } = await invitationInTx(t, input.id, rid)
    if (r.state === 'confirmed') return { state: r.state }
    if (r.state !== 'notified' && r.state !== 'leave_denied' && r.state !== 'leave_requested') throw new AppError('COMMON.INVALID_STATE')
    await t.collection('registrations').doc(rid).update({ data: { state: 'confirmed', consented: !!input.consent || r.consented, openid: caller.openid, updatedAt: ctx.now } })
    return { state: 'confirmed' as const }
  })
}

export const requestLeave: Handler<'activity.requestLeave'> = async (input, ctx) => {
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
}

export const decideLeave: Handler<'activity.decideLeave'> = async (input, ctx) => {
  await managed(ctx, input.id)
  const rid = registrationId(input.id, input.personKey)
  const out = await transact(ctx.db, async (t) => {
    const a = await activityInTx(t, input.id)
    assertOpenForChanges(a)
    const r = await getInTx<RegistrationDocument>(t, 'registrations', rid)
    if (!r || r.state !== 'leave_requested') throw new AppError('ACTIVITY.LEAVE_NOT_PENDING')
    const state: RegistrationState = input.approve ? 'leave_approved' : 'leave_denied'
    await t.collection('registrations').doc(rid).update({ data: { state, leaveDecisionReason: input.reason ?? '', updatedAt: ctx.now } })
    // the leave line (meetings) in the same transaction (decision 93)
    await syncRegistrationInTx(t, a, { ...r, state }, ctx.now)
    return { a, r, state }
  })
  if (out.r.openid) await sendNotice(ctx.cloud, out.r.openid, 'leave', out.a, input.approve ? '请假已批准' : `请假未批准${input.reason ? `：${input.reason}` : ''}`, ctx.db)
  return { state: out.state }
}

/**
 * Reading activities: the public list, one activity's detail (with the
 * caller's own registration) and the caller's own activities.
 */
import type { MyActivity } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { beijingDay } from '../../src/core/time'
import { findById, findPage, rowsOf } from '../_shared/db'
import { canManage, getActivity, listWindow, personKeyOf, registrationId, waitlistPosition, type ActivityDocument, type RegistrationDocument } from './engine'
import { detailOf, myRegistrationOf, summaryOf, type Handler } from './model'

/** One read: listed activities by start time. */
export const listActivities: Handler<'activity.list'> = async (input, ctx) => {
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
}

export const getDetail: Handler<'activity.get'> = async (input, ctx) => {
  const [a, caller] = await Promise.all([getActivity(ctx.db, input.id), ctx.caller()])
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  const manage = canManage(caller, a)
  // Drafts and activities held by the content check exist only for their managers.
  if ((a.state === 'draft' || a.held) && !manage) throw new AppError('ACTIVITY.NOT_FOUND')
  const r = await findById<RegistrationDocument>(ctx.db, 'registrations', registrationId(a._id, personKeyOf(caller)))
  let position: number | undefined
  if (r?.state === 'waitlisted') {
    position = await waitlistPosition(ctx.db, a._id, r)
  }
  return detailOf(a, ctx.now, caller, r ? myRegistrationOf(r, position) : undefined)
}

/** Caller read + one registrations page + one activities read. */
export const mine: Handler<'activity.mine'> = async (input, ctx) => {
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
}

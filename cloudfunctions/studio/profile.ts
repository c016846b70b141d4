/**
 * Studio profiles: the public list and profile, staff creating a studio,
 * its admin or staff editing the profile.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import { findById, findPage } from '../_shared/db'
import { auditId } from '../_shared/audit'
import { assertManages, detailOf, summaryOf, type Handler, type StudioDocument } from './model'

/** Page of studios by sort key. One read; no caller lookup. */
export const listStudios: Handler<'studio.list'> = async (input, ctx) => {
  const page = await findPage<StudioDocument>(ctx.db, 'studios', { where: {}, sortField: 'sortKey', direction: 'asc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map(summaryOf), nextCursor: page.nextCursor }
}

/**
 * A studio's profile. The contact phone is masked unless the caller is
 * staff or administers this studio (then one more read for the caller).
 * Errors: COMMON.NOT_FOUND.
 */
export const getStudio: Handler<'studio.get'> = async (input, ctx) => {
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
  if (!studio) throw new AppError('COMMON.NOT_FOUND', '工作室不存在')
  return detailOf(studio, await ctx.caller())
}

/** Staff create a studio; `_id` derived from OPENID + requestId so a retry returns the first. */
export const createStudio: Handler<'studio.create'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const id = `studio-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
  const existing = await findById<StudioDocument>(ctx.db, 'studios', id)
  if (existing) return detailOf(existing, caller)
  const { sortKey, shared, ...fields } = input
  const doc: Omit<StudioDocument, '_id'> = {
    ...fields,
    intro: fields.intro ?? '',
    sortKey: sortKey ?? `z-${fields.name}`,
    shared: !!shared,
    members: [],
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  await ctx.db.collection('studios').doc(id).set({ data: doc })
  await ctx.db.collection('auditLog').doc(auditId()).set({ data: { actor: ctx.openid, action: 'studio.create', target: id, requestId: ctx.requestId, at: ctx.now } })
  return detailOf({ _id: id, ...doc }, caller)
}

/** Profile edit by the studio's admin or staff; `reviewAnnouncements` by staff only. */
export const updateStudio: Handler<'studio.update'> = async (input, ctx) => {
  const caller = await assertManages(ctx, input.id)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
  if (!studio) throw new AppError('STUDIO.NOT_FOUND')
  const { id, reviewAnnouncements, ...fields } = input
  if (reviewAnnouncements !== undefined && !caller.roles.includes('staff')) throw new AppError('AUTH.FORBIDDEN', '只有机关工作人员可以设置公告审核')
  const data: Record<string, unknown> = { updatedAt: ctx.now }
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data[k] = v
  if (reviewAnnouncements !== undefined) data.reviewAnnouncements = reviewAnnouncements
  await ctx.db.collection('studios').doc(id).update({ data })
  return detailOf({ ...studio, ...data } as StudioDocument, caller)
}

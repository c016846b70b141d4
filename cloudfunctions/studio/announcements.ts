/**
 * Reading announcements: the public list and one announcement, and the
 * managers' list (a studio's own, or staff's review queue).
 */
import { AppError } from '../../src/core/errors'
import { findById, findPage } from '../_shared/db'
import { announcementOf, manages, type AnnouncementDocument, type Handler } from './model'

/** Published announcements newest first. One read. */
export const listAnnouncements: Handler<'studio.announcements'> = async (input, ctx) => {
  const where: Record<string, unknown> = { state: 'published', ...(input.studioId ? { studioId: input.studioId } : {}) }
  const page = await findPage<AnnouncementDocument>(ctx.db, 'announcements', { where, sortField: 'publishedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map((a) => announcementOf(a)), nextCursor: page.nextCursor }
}

/** One announcement: published ones for anyone (files only once their check passed), others only for its managers (everything). */
export const getAnnouncement: Handler<'studio.announcement'> = async (input, ctx) => {
  const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
  if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  if (a.state === 'published') return announcementOf(a)
  if (!manages(await ctx.caller(), a.studioId)) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  return announcementOf(a, true)
}

export const manageAnnouncements: Handler<'studio.manageAnnouncements'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const where: Record<string, unknown> = {}
  if (input.studioId) {
    if (!manages(caller, input.studioId)) throw new AppError('STUDIO.NOT_ADMIN')
    where.studioId = input.studioId
    if (input.state) where.state = input.state
  } else if (caller.roles.includes('staff')) {
    where.state = input.state ?? 'pending_review'
  } else {
    where.studioId = ctx.db.command.in(caller.studioIds)
    if (input.state) where.state = input.state
  }
  const page = await findPage<AnnouncementDocument>(ctx.db, 'announcements', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map((a) => announcementOf(a, true)), nextCursor: page.nextCursor }
}

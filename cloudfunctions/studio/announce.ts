/**
 * Writing announcements: save a draft, publish it (or send it to staff
 * review where the studio has review on), and staff's review.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import { findById } from '../_shared/db'
import { assertOwnUpload } from '../_shared/files'
import { announcementOf, assertManages, type AnnouncementDocument, type Handler, type StudioDocument } from './model'

/** New draft (id from OPENID + requestId) or edit of a draft / returned one. */
export const saveAnnouncement: Handler<'studio.saveAnnouncement'> = async (input, ctx) => {
  await assertManages(ctx, input.studioId)
  if (input.coverFileID) assertOwnUpload(input.coverFileID, ctx.openid)
  for (const f of input.attachments ?? []) assertOwnUpload(f.fileID, ctx.openid)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.studioId)
  if (!studio) throw new AppError('STUDIO.NOT_FOUND')
  const id = input.id ?? `ann-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
  const existing = await findById<AnnouncementDocument>(ctx.db, 'announcements', id)
  if (existing) {
    if (!input.id) return announcementOf(existing)
    if (existing.studioId !== input.studioId) throw new AppError('STUDIO.NOT_ADMIN')
    if (existing.state === 'published' || existing.state === 'pending_review') throw new AppError('COMMON.INVALID_STATE', '已发布或审核中的公告不能修改')
  } else if (input.id) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  const doc: Omit<AnnouncementDocument, '_id'> = {
    studioId: studio._id,
    studioName: studio.name,
    title: input.title,
    body: input.body,
    ...(input.coverFileID ? { coverFileID: input.coverFileID } : {}),
    attachments: input.attachments ?? [],
    state: existing?.state ?? 'draft',
    ...(existing?.returnReason ? { returnReason: existing.returnReason } : {}),
    authorOpenid: existing?.authorOpenid ?? ctx.openid,
    publishedAt: null,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now
  }
  await ctx.db.collection('announcements').doc(id).set({ data: doc })
  return announcementOf({ _id: id, ...doc })
}

/** draft/returned -> published, or pending_review where the studio has review on. */
export const publishAnnouncement: Handler<'studio.publishAnnouncement'> = async (input, ctx) => {
  const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
  if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  await assertManages(ctx, a.studioId)
  if (a.state === 'published' || a.state === 'pending_review') return announcementOf(a)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', a.studioId)
  const review = !!studio?.reviewAnnouncements
  const data = review ? { state: 'pending_review' as const, updatedAt: ctx.now } : { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
  await ctx.db.collection('announcements').doc(a._id).update({ data })
  return announcementOf({ ...a, ...data })
}

export const reviewAnnouncement: Handler<'studio.reviewAnnouncement'> = async (input, ctx) => {
  const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
  if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  if (a.state !== 'pending_review') throw new AppError('COMMON.INVALID_STATE', '该公告不在待审核状态')
  if (!input.approve && !input.reason) throw new AppError('COMMON.INVALID_INPUT', '请填写退回理由')
  const data = input.approve
    ? { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
    : { state: 'returned' as const, returnReason: input.reason, updatedAt: ctx.now }
  await ctx.db.collection('announcements').doc(a._id).update({ data })
  return announcementOf({ ...a, ...data })
}

/**
 * Writing announcements: save a draft, publish it (or send it to staff
 * review where the studio has review on, or where the content check holds
 * it), and staff's review.
 *
 * Content safety (issue 13 item 1, _shared/content-safety.ts): title, body
 * and attachment names pass the text check on every save (risky:
 * CONTENT.RISKY, nothing stored); a `review` or failed check sends the
 * announcement to staff review when it is published, whatever the studio's
 * setting. The cover and attachments are the author's own uploads, checked
 * by kind, size and type and copied to `studio-images/<id>/` and
 * `studio-files/<id>/` (no OPENID in a file ID shown to others); images get
 * the asynchronous image check, and others see a file only once its check
 * passed.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import { checkText, inspectUploads, pendingTraceIds, startImageChecks, type FileRecord } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'
import { announcementOf, assertManages, type AnnouncementDocument, type Handler, type StudioDocument } from './model'

/**
 * The checked records of the cover and attachments: files the announcement
 * already holds (its copies) are kept as they were, new ones must be the
 * caller's uploads and are inspected, copied and their image checks started.
 * Errors: the FILE.* codes of inspectUploads.
 */
async function checkedFiles(
  ctx: HandlerContext,
  id: string,
  cover: string | undefined,
  attachments: { fileID: string; name: string }[],
  previous: FileRecord[]
): Promise<{ cover?: FileRecord; attachments: { record: FileRecord; name: string }[] }> {
  const held = (fileID: string) => previous.find((p) => p.fileID === fileID)
  const freshCover = cover && !held(cover) ? cover : undefined
  const freshFiles = attachments.filter((f) => !held(f.fileID))
  const [coverRecords, fileRecords] = await Promise.all([
    freshCover ? inspectUploads(ctx, [freshCover], { kind: 'image', copyTo: `studio-images/${id}` }) : Promise.resolve([]),
    freshFiles.length
      ? inspectUploads(
          ctx,
          freshFiles.map((f) => f.fileID),
          { kind: 'document', copyTo: `studio-files/${id}`, names: Object.fromEntries(freshFiles.map((f) => [f.fileID, f.name])) }
        )
      : Promise.resolve([])
  ])
  await startImageChecks(ctx.cloud, ctx.openid, [...coverRecords, ...fileRecords], 3)
  return {
    ...(cover ? { cover: held(cover) ?? coverRecords[0] } : {}),
    attachments: attachments.map((f) => ({ record: held(f.fileID) ?? fileRecords[freshFiles.indexOf(f)], name: f.name }))
  }
}

/**
 * New draft (id from OPENID + requestId) or edit of a draft / returned one.
 * Errors: STUDIO.NOT_ADMIN, STUDIO.NOT_FOUND, STUDIO.ANNOUNCEMENT_NOT_FOUND,
 * COMMON.INVALID_STATE (published or in review), CONTENT.RISKY, FILE.*.
 */
export const saveAnnouncement: Handler<'studio.saveAnnouncement'> = async (input, ctx) => {
  await assertManages(ctx, input.studioId)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.studioId)
  if (!studio) throw new AppError('STUDIO.NOT_FOUND')
  const id = input.id ?? `ann-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
  const existing = await findById<AnnouncementDocument>(ctx.db, 'announcements', id)
  if (existing) {
    if (!input.id) return announcementOf(existing, true)
    if (existing.studioId !== input.studioId) throw new AppError('STUDIO.NOT_ADMIN')
    if (existing.state === 'published' || existing.state === 'pending_review') throw new AppError('COMMON.INVALID_STATE', '已发布或审核中的公告不能修改')
  } else if (input.id) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  const attachments = input.attachments ?? []
  const textCheck = await checkText(ctx, [input.title, input.body, ...attachments.map((f) => f.name)], 3)
  const files = await checkedFiles(ctx, id, input.coverFileID, attachments, existing?.images ?? [])
  const images = [...(files.cover ? [files.cover] : []), ...files.attachments.map((f) => f.record)]
  const doc: Omit<AnnouncementDocument, '_id'> = {
    studioId: studio._id,
    studioName: studio.name,
    title: input.title,
    body: input.body,
    ...(files.cover ? { coverFileID: files.cover.fileID } : {}),
    attachments: files.attachments.map((f) => ({ fileID: f.record.fileID, name: f.name })),
    images,
    imageTraceIds: pendingTraceIds(images),
    imagesHeld: images.some((i) => i.check !== 'pass' && i.check !== 'pending'),
    textCheck,
    state: existing?.state ?? 'draft',
    ...(existing?.returnReason ? { returnReason: existing.returnReason } : {}),
    authorOpenid: existing?.authorOpenid ?? ctx.openid,
    publishedAt: null,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now
  }
  await ctx.db.collection('announcements').doc(id).set({ data: doc })
  return announcementOf({ _id: id, ...doc }, true)
}

/**
 * draft/returned -> published, or pending_review where the studio has
 * review on or the text check did not pass (held for staff, decision 22).
 */
export const publishAnnouncement: Handler<'studio.publishAnnouncement'> = async (input, ctx) => {
  const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
  if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  await assertManages(ctx, a.studioId)
  if (a.state === 'published' || a.state === 'pending_review') return announcementOf(a, true)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', a.studioId)
  // Fail closed: a text the check did not pass (or an announcement saved before the check existed) waits for staff.
  const review = !!studio?.reviewAnnouncements || a.textCheck !== 'pass'
  const data = review ? { state: 'pending_review' as const, updatedAt: ctx.now } : { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
  await ctx.db.collection('announcements').doc(a._id).update({ data })
  return announcementOf({ ...a, ...data }, true)
}

/** Staff approve (publish) or return with a reason. Files whose check did not pass stay hidden from the public either way. */
export const reviewAnnouncement: Handler<'studio.reviewAnnouncement'> = async (input, ctx) => {
  const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
  if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
  if (a.state !== 'pending_review') throw new AppError('COMMON.INVALID_STATE', '该公告不在待审核状态')
  if (!input.approve && !input.reason) throw new AppError('COMMON.INVALID_INPUT', '请填写退回理由')
  const data = input.approve
    ? { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
    : { state: 'returned' as const, returnReason: input.reason, updatedAt: ctx.now }
  await ctx.db.collection('announcements').doc(a._id).update({ data })
  return announcementOf({ ...a, ...data }, true)
}

/**
 * Submission side of 社情民意: categories, submit (idempotent by requestId),
 * resubmit after 退回修改, the submitter's own list, one item's detail.
 */
import { tempUrls } from '../_shared/files'
import { createHash } from 'crypto'
import type { OpinionCategory, OpinionDetail, OpinionNotifyStep, OpinionSummary, SafetyFlag } from '../../src/core/actions/opinion'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { beijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage, isDuplicateKey, rowsOf } from '../_shared/db'
import { detailOf, summaryOf, type ImageRecord, type OpinionDocument, type TimelineRecord, type Viewer } from './model'
import { notifySubmitter } from './notify'
import { inspectUploads, pendingTraceIds, startImageChecks } from '../_shared/content-safety'
import { namesOf } from '../_shared/people'
import { imageFlags, textFlags } from './safety'

export interface CategoryDocument {
  _id: string
  name: string
  active: boolean
  sortKey: number
}

function categoryView(c: CategoryDocument): OpinionCategory {
  return { id: c._id, name: c.name, active: c.active !== false, sortKey: c.sortKey ?? 0 }
}

/** Categories in display order; inactive ones only for staff asking `all`. One read (plus the caller when `all`). */
export async function listCategories(input: { all?: boolean }, ctx: HandlerContext) {
  const staff = input.all ? (await ctx.caller()).roles.includes('staff') : false
  const rows = rowsOf<CategoryDocument>(await ctx.db.collection('opinionCategories').orderBy('sortKey', 'asc').orderBy('_id', 'asc').limit(100).get())
  return { items: rows.filter((c) => staff || c.active !== false).map(categoryView) }
}

/**
 * Staff add (no id) or change a category. Output: the category. A retry
 * with the same requestId answers the category as its first attempt left it
 * and writes nothing (a new one's id derives from OPENID + requestId; a
 * change keeps the requestId that made it). DB: 1 read + 1 write.
 */
export async function saveCategory(input: { id?: string; name: string; active?: boolean; sortKey?: number }, ctx: HandlerContext) {
  const id = input.id ?? `cat-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 12)}`
  const existing = await findById<CategoryDocument & { requestId?: string; updatedBy?: string }>(ctx.db, 'opinionCategories', id)
  if (input.id && !existing) throw new AppError('COMMON.NOT_FOUND', '类别不存在')
  if (existing && (!input.id || (existing.requestId === ctx.requestId && existing.updatedBy === ctx.openid))) return categoryView(existing)
  const doc: CategoryDocument = {
    _id: id,
    name: input.name,
    active: input.active ?? existing?.active ?? true,
    sortKey: input.sortKey ?? existing?.sortKey ?? 100
  }
  const { _id, ...data } = doc
  await ctx.db.collection('opinionCategories').doc(_id).set({ data: { ...data, updatedAt: ctx.now, updatedBy: ctx.openid, requestId: ctx.requestId } })
  return categoryView(doc)
}

/** Deterministic item id: a retry with the same requestId lands on the same document. */
export function opinionIdFor(openid: string, requestId: string): string {
  return `op-${createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 24)}`
}

export interface SubmitFields {
  title: string
  categoryId: string
  content: string
  place?: string
  images?: string[]
  contactPhone?: string
  mayPublish?: boolean
  notify?: OpinionNotifyStep[]
}

async function activeCategory(ctx: HandlerContext, id: string): Promise<CategoryDocument> {
  const category = await findById<CategoryDocument>(ctx.db, 'opinionCategories', id)
  if (!category || category.active === false) throw new AppError('OPINION.CATEGORY_UNKNOWN')
  return category
}

/** Where an item's images are copied to (no OPENID in the path). */
export function itemImageFolder(itemId: string): string {
  return `opinion-images/${itemId}`
}

/**
 * Checks text and new images; returns the flags and the image records (old
 * ones kept as they were). New images are copied out of the submitter's
 * upload folder (`uploads/<OPENID>/`) to the item's own folder first, for
 * every item: staff see them, and their file IDs and URLs must not carry
 * the submitter's OPENID (issue 13 item 2; anonymous or not).
 */
async function checkContent(ctx: HandlerContext, input: SubmitFields, previous: ImageRecord[], itemId: string) {
  const fileIDs = input.images ?? []
  const fresh = fileIDs.filter((id) => !previous.some((p) => p.fileID === id))
  const [forText, inspected] = await Promise.all([
    textFlags(ctx, [input.title, input.content, input.place]),
    inspectUploads(ctx, fresh, { kind: 'image', copyTo: itemImageFolder(itemId) })
  ])
  await startImageChecks(ctx.cloud, ctx.openid, inspected)
  const images = fileIDs.map((id) => previous.find((p) => p.fileID === id) ?? inspected[fresh.indexOf(id)])
  const flags: SafetyFlag[] = [...forText, ...imageFlags(images)]
  return { images, flags }
}

/**
 * Submits a 社情民意 item. DB operations: caller (1) + category (1) + insert
 * (1) = 3, plus the content check (msgSecCheck, one mediaCheckAsync per image)
 * and storage reads of the images. Idempotent: `_id` comes from OPENID +
 * requestId, so a retry or a double tap finds the first item (one more read).
 * A flagged item enters `in_review` at once; a clean one `submitted`.
 * Every item's images are copied to `opinion-images/<item id>/` so no file
 * ID or URL shown to staff carries the submitter's OPENID.
 * Errors: OPINION.ANONYMOUS_CONTACT, OPINION.CATEGORY_UNKNOWN,
 * CONTENT.RISKY, FILE.NOT_OWNED, FILE.NOT_FOUND, FILE.TOO_LARGE,
 * FILE.WRONG_TYPE, FILE.DUPLICATE.
 */
export async function submit(input: SubmitFields & { anonymous?: boolean }, ctx: HandlerContext): Promise<OpinionSummary> {
  const anonymous = input.anonymous ?? false
  if (anonymous && input.contactPhone) throw new AppError('OPINION.ANONYMOUS_CONTACT')
  const [caller, category] = await Promise.all([ctx.caller(), activeCategory(ctx, input.categoryId)])
  const id = opinionIdFor(ctx.openid, ctx.requestId)
  const { images, flags } = await checkContent(ctx, input, [], id)
  const viewer: Viewer = { openid: ctx.openid, staff: false }
  const timeline: TimelineRecord[] = [{ step: 'received', at: ctx.now }]
  if (flags.length) timeline.push({ step: 'processing', at: ctx.now })
  const doc: OpinionDocument = {
    _id: id,
    title: input.title,
    categoryId: category._id,
    categoryName: category.name,
    content: input.content,
    ...(input.place ? { place: input.place } : {}),
    images,
    imageTraceIds: pendingTraceIds(images),
    ...(input.contactPhone ? { contactPhone: input.contactPhone } : {}),
    anonymous,
    mayPublish: input.mayPublish ?? true,
    notify: [...new Set(input.notify ?? [])],
    submitterOpenid: ctx.openid,
    ...(!anonymous && caller.displayName ? { submitterName: caller.displayName } : {}),
    submitterRole: caller.roles.includes('member') ? 'member' : caller.roles.includes('informant') ? 'informant' : 'public',
    state: flags.length ? 'in_review' : 'submitted',
    flags,
    key: false,
    receivedAt: ctx.now,
    year: beijing(ctx.now).year(),
    updatedAt: ctx.now,
    timeline,
    history: [{ action: 'submit', by: ctx.openid, at: ctx.now, ...(flags.length ? { note: `内容安全：${flags.join(',')}` } : {}) }],
    upward: []
  }
  const { _id, ...data } = doc
  try {
    await ctx.db.collection('opinions').add({ data: { _id, ...data } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const first = await findById<OpinionDocument>(ctx.db, 'opinions', _id)
    if (!first) throw error
    return summaryOf(first, viewer)
  }
  await notifySubmitter(ctx, doc, 'received', '已收到', '您反映的信息已收到', ctx.now)
  return summaryOf(doc, viewer)
}

async function loadOwn(ctx: HandlerContext, id: string): Promise<OpinionDocument> {
  const doc = await findById<OpinionDocument>(ctx.db, 'opinions', id)
  if (!doc) throw new AppError('COMMON.NOT_FOUND')
  if (doc.submitterOpenid !== ctx.openid) throw new AppError('OPINION.NOT_OWNER')
  return doc
}

/**
 * The submitter edits an item staff returned (`returned`) and sends it again:
 * content checked again (new images only), state back to `submitted` (or
 * `in_review` when flagged). DB operations: item (1) + category (1) + write (1).
 * Errors: as submit, plus OPINION.NOT_OWNER, OPINION.WRONG_STATE, COMMON.CONFLICT.
 * A retry with the same requestId answers the item without acting again.
 */
export async function resubmit(input: SubmitFields & { id: string }, ctx: HandlerContext): Promise<OpinionSummary> {
  const [doc, category] = await Promise.all([loadOwn(ctx, input.id), activeCategory(ctx, input.categoryId)])
  // The retry of a resubmission whose reply was lost (same requestId) gets the item as it is.
  if (doc.history.some((h) => h.action === 'resubmit' && h.requestId === ctx.requestId)) return summaryOf(doc, { openid: ctx.openid, staff: false })
  if (doc.state !== 'returned') throw new AppError('OPINION.WRONG_STATE', '只有被退回修改的信息才能修改后重新提交')
  if (doc.anonymous && input.contactPhone) throw new AppError('OPINION.ANONYMOUS_CONTACT')
  const { images, flags } = await checkContent(ctx, input, doc.images ?? [], doc._id)
  const timeline: TimelineRecord[] = [...doc.timeline, { step: 'resubmitted', at: ctx.now }]
  if (flags.length) timeline.push({ step: 'processing', at: ctx.now })
  const changes = {
    title: input.title,
    categoryId: category._id,
    categoryName: category.name,
    content: input.content,
    place: input.place ?? null,
    images,
    imageTraceIds: pendingTraceIds(images),
    contactPhone: input.contactPhone ?? doc.contactPhone ?? null,
    mayPublish: input.mayPublish ?? doc.mayPublish,
    notify: input.notify ? [...new Set(input.notify)] : doc.notify,
    state: flags.length ? 'in_review' : 'submitted',
    flags,
    updatedAt: ctx.now,
    timeline,
    history: [...doc.history, { action: 'resubmit', by: ctx.openid, at: ctx.now, requestId: ctx.requestId }]
  }
  // Only if nobody changed it since we read it (staff cannot act on a returned item, but be safe).
  const result = (await ctx.db
    .collection('opinions')
    .where({ _id: doc._id, state: 'returned', updatedAt: doc.updatedAt })
    .update({ data: changes })) as { stats?: { updated?: number } }
  if (!result?.stats?.updated) throw new AppError('COMMON.CONFLICT')
  const next = { ...doc, ...changes, place: input.place } as OpinionDocument
  return summaryOf(next, { openid: ctx.openid, staff: false })
}

/** The caller's own items, newest first. One read. */
export async function mine(input: { limit?: number; cursor?: string }, ctx: HandlerContext): Promise<Page<OpinionSummary>> {
  const page = await findPage<OpinionDocument>(ctx.db, 'opinions', {
    where: { submitterOpenid: ctx.openid },
    sortField: 'receivedAt',
    direction: 'desc',
    limit: input.limit,
    cursor: input.cursor
  })
  const viewer = { openid: ctx.openid, staff: false }
  return { items: page.items.map((d) => summaryOf(d, viewer)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** Temporary URLs for file IDs: the shared helper (_shared/files.ts). */
export { tempUrls }

/**
 * One item. The submitter sees it with the public timeline; staff see it with
 * history and flags; anyone else gets COMMON.NOT_FOUND (no hint it exists).
 * DB: item (1) + caller (1) when the caller is not the submitter + the
 * names of the people in the history (1) for staff.
 */
export async function getOpinion(input: { id: string }, ctx: HandlerContext): Promise<OpinionDetail> {
  const doc = await findById<OpinionDocument>(ctx.db, 'opinions', input.id)
  if (!doc) throw new AppError('COMMON.NOT_FOUND')
  const mineToo = doc.submitterOpenid === ctx.openid
  const staff = (await ctx.caller()).roles.includes('staff')
  if (!mineToo && !staff) throw new AppError('COMMON.NOT_FOUND')
  const files = [...(doc.images ?? []).map((i) => i.fileID), ...(staff ? (doc.upward ?? []).map((u) => u.evidenceFileID).filter((f): f is string => Boolean(f)) : [])]
  const names = staff ? await namesOf(ctx.db, doc.history.map((h) => h.by)) : undefined
  return detailOf(doc, { openid: ctx.openid, staff, names }, await tempUrls(ctx, files))
}

/**
 * Whether a submit or resubmit can concern a member's duty ledger (the
 * route table syncs the item's ledger lines only then): the caller is a
 * member and the item is not anonymous (anonymous items are not credited,
 * decision 73). Reads nothing new: the caller is already loaded.
 */
export async function byMember(input: object, ctx: HandlerContext): Promise<boolean> {
  if ((input as { anonymous?: boolean }).anonymous) return false
  return (await ctx.caller()).roles.includes('member')
}

/**
 * Comments: writing (content-checked), reporting, the moderators' queue and decisions.
 */
import type { HeldComment } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage, rowsOf } from '../_shared/db'
import { getInTx, transact } from '../_shared/transaction'
import { commentsOpen, commentViewOf, hashOf, type CommentDocument, type ReportDocument } from './model'
import { displayName, HELD_REASON, HIDDEN_REASON, loadTopic, receiptFor, REPORTS_TO_HIDE, withReceipt } from './shared'
import { checkText } from '../_shared/content-safety'

/**
 * Comment or reply. The shared text check decides: pass → visible; review
 * (or the check failing) → held for a moderator, shown to the author with
 * the reason; risky → CONTENT.RISKY, nothing stored. Idempotent by
 * requestId: the comment's id comes from OPENID + requestId, and the
 * comment and its count are written in one transaction that looks for it
 * first (two racing copies of one call store and count it once).
 */
export async function comment(input: ParsedInput<'topic.comment'>, ctx: HandlerContext) {
  const id = `c-${hashOf(`${ctx.openid}:${ctx.requestId}`)}`
  const existing = await findById<CommentDocument>(ctx.db, 'topicComments', id)
  if (existing) return commentViewOf(existing, ctx.openid)
  const topic = await loadTopic(ctx, input.id)
  if (!commentsOpen(topic, ctx.now)) {
    throw new AppError('TOPIC.COMMENTS_CLOSED', topic.state === 'open_for_input' ? '征求意见已截止，不能再发表评论' : undefined)
  }
  let replyTo: CommentDocument['replyTo']
  if (input.replyTo) {
    const parent = await findById<CommentDocument>(ctx.db, 'topicComments', input.replyTo)
    if (!parent || parent.topicId !== topic._id || parent.status !== 'visible') throw new AppError('TOPIC.COMMENT_NOT_FOUND')
    replyTo = { id: parent._id, authorName: parent.authorName }
  }
  const verdict = await checkText(ctx, input.text, 2)
  const caller = await ctx.caller()
  const now = ctx.now
  const doc: Omit<CommentDocument, '_id'> = {
    topicId: topic._id,
    ...(replyTo ? { replyTo } : {}),
    authorOpenid: ctx.openid,
    authorName: displayName(caller),
    text: input.text,
    status: verdict === 'pass' ? 'visible' : 'held',
    ...(verdict === 'pass' ? {} : { statusReason: HELD_REASON }),
    reportCount: 0,
    check: verdict,
    createdAt: now,
    updatedAt: now
  }
  return transact(ctx.db, async (t) => {
    const first = await getInTx<CommentDocument>(t, 'topicComments', id)
    if (first) return commentViewOf(first, ctx.openid)
    await t.collection('topicComments').doc(id).set({ data: doc })
    if (doc.status === 'visible') await t.collection('topics').doc(topic._id).update({ data: { commentCount: ctx.db.command.inc(1) } })
    return commentViewOf({ _id: id, ...doc }, ctx.openid)
  })
}

/**
 * One report per person per comment; the third hides it (same
 * transaction). The reply is kept as a receipt on the comment: a retry
 * with the same requestId answers it (not TOPIC.ALREADY_REPORTED).
 */
export async function report(input: ParsedInput<'topic.report'>, ctx: HandlerContext) {
  type ReportReply = { reportCount: number; hidden: boolean }
  const now = ctx.now
  return transact(ctx.db, async (t): Promise<ReportReply> => {
    const comment = await getInTx<CommentDocument>(t, 'topicComments', input.commentId)
    const prior = receiptFor<ReportReply>(comment, ctx)
    if (prior) return prior.reply
    if (!comment || comment.status === 'removed') throw new AppError('TOPIC.COMMENT_NOT_FOUND')
    const rid = `${comment._id}:${ctx.openid}`
    if (await getInTx<ReportDocument>(t, 'commentReports', rid)) throw new AppError('TOPIC.ALREADY_REPORTED')
    await t.collection('commentReports').doc(rid).set({
      data: { commentId: comment._id, topicId: comment.topicId, openid: ctx.openid, ...(input.reason ? { reason: input.reason } : {}), createdAt: now }
    })
    const reportCount = (comment.reportCount ?? 0) + 1
    const hide = comment.status === 'visible' && reportCount >= REPORTS_TO_HIDE
    const reply = { reportCount, hidden: hide || comment.status === 'hidden' }
    await t
      .collection('topicComments')
      .doc(comment._id)
      .update({ data: { reportCount, updatedAt: now, receipts: withReceipt(comment.receipts, ctx, reply), ...(hide ? { status: 'hidden', statusReason: HIDDEN_REASON } : {}) } })
    if (hide) await t.collection('topics').doc(comment.topicId).update({ data: { commentCount: ctx.db.command.inc(-1) } })
    return reply
  })
}

export async function heldComments(input: ParsedInput<'topic.heldComments'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const page = await findPage<CommentDocument>(ctx.db, 'topicComments', {
    where: { status: _.in(['held', 'hidden']) },
    sortField: 'createdAt',
    direction: 'asc',
    limit: input.limit,
    cursor: input.cursor
  })
  const topicIds = [...new Set(page.items.map((c) => c.topicId))]
  const topics = topicIds.length
    ? rowsOf<{ _id: string; title: string }>(await ctx.db.collection('topics').where({ _id: _.in(topicIds) }).field({ title: true }).limit(100).get())
    : []
  const titles = new Map(topics.map((t) => [t._id, t.title]))
  const items: HeldComment[] = page.items.map((c) => ({
    ...commentViewOf(c, c.authorOpenid),
    mine: false,
    topicId: c.topicId,
    topicTitle: titles.get(c.topicId) ?? '',
    reportCount: c.reportCount ?? 0
  }))
  return { items, nextCursor: page.nextCursor }
}

/** A moderator publishes or removes a held/hidden comment; the author sees why. A retry with the same requestId answers the first reply (receipt on the comment). */
export async function moderate(input: ParsedInput<'topic.moderate'>, ctx: HandlerContext) {
  type ModerateReply = { status: 'visible' | 'removed' }
  const now = ctx.now
  return transact(ctx.db, async (t): Promise<ModerateReply> => {
    const comment = await getInTx<CommentDocument>(t, 'topicComments', input.commentId)
    const prior = receiptFor<ModerateReply>(comment, ctx)
    if (prior) return prior.reply
    if (!comment) throw new AppError('TOPIC.COMMENT_NOT_FOUND')
    if (comment.status !== 'held' && comment.status !== 'hidden') throw new AppError('TOPIC.NOT_MODERATABLE')
    const status = input.decision === 'approve' ? ('visible' as const) : ('removed' as const)
    const statusReason = status === 'removed' ? `经管理员审核，该评论不予公开${input.reason ? `：${input.reason}` : ''}` : ''
    const reply = { status }
    await t
      .collection('topicComments')
      .doc(comment._id)
      .update({ data: { status, statusReason, updatedAt: now, moderatedBy: ctx.openid, receipts: withReceipt(comment.receipts, ctx, reply) } })
    if (status === 'visible') await t.collection('topics').doc(comment.topicId).update({ data: { commentCount: ctx.db.command.inc(1) } })
    return reply
  })
}

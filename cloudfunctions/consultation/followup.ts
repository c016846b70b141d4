/**
 * Follow-up after the session: the departments' tasks, progress and results, closing, the proposer's rating and the one reopen.
 */
import type { RecommendationView, TopicResult } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { imagesNeedReview, inspectUploads, pendingTraceIds, startImageChecks } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage } from '../_shared/db'
import { getInTx, transact } from '../_shared/transaction'
import { filesOf, recommendationView, waitingOf, type RecommendationDocument, type TopicDocument, type TopicFile } from './model'
import {
  receiptFor,
  receiptKey,
  recommendationsStatus,
  splitRecommendationId,
  stateError,
  textHold,
  topicFolder,
  topicInTx,
  transition,
  withReceipt
} from './shared'

/** The caller's departments' recommendations (staff: all), by topic, in the department's full view (held text flagged). One read. */
export async function departmentTasks(input: ParsedInput<'topic.departmentTasks'>, ctx: HandlerContext) {
  const caller = await ctx.caller()
  const _ = ctx.db.command
  const staff = caller.roles.includes('staff')
  const ids = caller.departmentIds
  const where: Record<string, unknown> = { visible: true }
  if (staff) {
    if (input.status === 'open') where.openRecDepartmentIds = _.exists(true).and(_.neq([]))
    else where.hasRecommendations = true
  } else {
    if (ids.length === 0) return { items: [] }
    if (input.status === 'open') where.openRecDepartmentIds = _.in(ids)
    else where.recDepartmentIds = _.in(ids)
  }
  const page = await findPage<TopicDocument>(ctx.db, 'topics', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  const items = page.items.flatMap((t) =>
    (t.recommendations ?? [])
      .filter((r) => staff || ids.includes(r.departmentId))
      .filter((r) => !input.status || r.status === input.status)
      .map((r) => ({ topicId: t._id, topicTitle: t.title, topicState: t.state, recommendation: recommendationView(r, t, true) }))
  )
  return { items, nextCursor: page.nextCursor }
}

/**
 * A department posts progress. The text passes the shared check first:
 * risky → CONTENT.RISKY (nothing stored); review or a failed check → the
 * entry is kept but hidden from others until staff release it. The entry's
 * id comes from OPENID + requestId, and the reply is kept as a receipt: a
 * retry answers the first reply and adds no second entry.
 */
export async function postProgress(input: ParsedInput<'topic.postProgress'>, ctx: HandlerContext) {
  const hold = await textHold(ctx, [input.text], 3)
  const entryId = `p-${receiptKey(ctx).slice(0, 12)}`
  return updateRecommendation(ctx, input.recommendationId, (rec, by) => ({
    rec: { ...rec, progress: [...(rec.progress ?? []), { id: entryId, text: input.text, at: ctx.now, by, ...(hold ? { hold } : {}) }] }
  }))
}

/**
 * A department posts its result. Text through the shared check (risky →
 * CONTENT.RISKY; review or failure → hidden from others until staff release
 * it). Evidence (image or PDF) and photos are inspected (own upload, size,
 * type by content: FILE.*), copied to `topic-images/<topic id>/` and their
 * image checks started; others see a file only once its check passed. A
 * retry with the same requestId answers the first reply (looked up before
 * the files are inspected again).
 */
export async function postResult(input: ParsedInput<'topic.postResult'>, ctx: HandlerContext) {
  const topicId = splitRecommendationId(input.recommendationId)
  const prior = receiptFor<RecommendationView>(await findById<TopicDocument>(ctx.db, 'topics', topicId), ctx)
  if (prior) return prior.reply
  const copyTo = topicFolder(topicId)
  const [hold, evidence, before, after] = await Promise.all([
    textHold(ctx, [input.text], 3),
    inspectUploads(ctx, input.evidence, { kind: 'evidence', copyTo }),
    inspectUploads(ctx, input.beforePhotos ?? [], { kind: 'image', copyTo }),
    inspectUploads(ctx, input.afterPhotos ?? [], { kind: 'image', copyTo })
  ])
  const id = input.recommendationId
  const files: TopicFile[] = [
    ...evidence.map((f) => ({ ...f, use: `${id}:evidence` })),
    ...before.map((f) => ({ ...f, use: `${id}:before` })),
    ...after.map((f) => ({ ...f, use: `${id}:after` }))
  ]
  await startImageChecks(ctx.cloud, ctx.openid, files)
  return updateRecommendation(ctx, id, (rec, by) => ({
    rec: {
      ...rec,
      status: 'answered',
      result: input.result,
      resultText: input.text,
      ...(hold ? { resultHold: hold } : {}),
      evidence: evidence.map((f) => f.fileID),
      beforePhotos: before.map((f) => f.fileID),
      afterPhotos: after.map((f) => f.fileID),
      answeredAt: ctx.now,
      answeredBy: by
    },
    files
  }))
}

/** Closes a topic whose recommendations are all answered. A retry answers the first reply. */
export async function close(input: ParsedInput<'topic.close'>, ctx: HandlerContext) {
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'following_up' && t.state !== 'consulted') throw stateError(t, '办结')
      const open = (t.recommendations ?? []).filter((r) => r.status === 'open')
      if (open.length > 0) {
        throw new AppError('TOPIC.OPEN_RECOMMENDATIONS', `还有 ${open.length} 条建议未答复办理结果（${[...new Set(open.map((r) => r.departmentName))].join('、')}），不能办结`)
      }
      return {
        state: 'closed',
        patch: { result: input.result, closedAt: ctx.now, ...(input.note ? { closingNote: input.note } : {}) },
        note: input.note ?? '',
        notice: 'closed'
      }
    },
    (t) => ({ state: t.state, result: t.result as TopicResult })
  )
  return done.reply
}

/**
 * The proposer rates the result of a closed topic, once (again after a
 * reopen). The comment passes the shared check (risky → CONTENT.RISKY;
 * review or failure → shown to others only after staff release it). A
 * retry answers the first reply.
 */
export async function rate(input: ParsedInput<'topic.rate'>, ctx: HandlerContext) {
  const now = ctx.now
  const hold = input.comment ? await textHold(ctx, [input.comment], 2) : undefined
  return transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, input.id)
    const prior = receiptFor<{ score: number }>(topic, ctx)
    if (prior) return prior.reply
    if (topic.proposerOpenid !== ctx.openid) throw new AppError('TOPIC.NOT_PROPOSER')
    if (topic.state !== 'closed') throw stateError(topic, '评价')
    if (topic.rating) throw new AppError('TOPIC.ALREADY_RATED')
    const rating = { score: input.score, ...(input.comment ? { comment: input.comment } : {}), at: now, ...(hold ? { hold } : {}) }
    const reply = { score: input.score }
    await t.collection('topics').doc(topic._id).update({
      data: { rating, waiting: waitingOf({ ...topic, rating }), receipts: withReceipt(topic.receipts, ctx, reply) }
    })
    return reply
  })
}

/** Reopens a closed topic once: recommendations not resolved go back to their departments (all, if every one was resolved). A retry answers the first reply. */
export async function reopen(input: ParsedInput<'topic.reopen'>, ctx: HandlerContext) {
  const done = await transition(
    ctx,
    input.id,
    (t) => {
      if (t.state !== 'closed') throw stateError(t, '重新办理')
      if ((t.reopenCount ?? 0) >= 1) throw new AppError('TOPIC.REOPEN_USED')
      const recs = t.recommendations ?? []
      const reopenAll = recs.every((r) => r.result === 'resolved')
      const reopened = recs.map((r): RecommendationDocument => {
        if (!reopenAll && r.result === 'resolved') return r
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { result, answeredAt, ...rest } = r
        return { ...rest, status: 'open', ...(result ? { previousResult: result } : {}) }
      })
      const remove = ctx.db.command.remove() as never
      return {
        state: 'following_up',
        patch: {
          ...recommendationsStatus(reopened),
          reopenCount: (t.reopenCount ?? 0) + 1,
          reopenReason: input.reason,
          result: remove,
          closedAt: remove,
          ...(t.rating ? { previousRating: t.rating, rating: remove } : {})
        },
        note: input.reason
      }
    },
    (t) => ({ state: t.state })
  )
  return done.reply
}

/**
 * Changes one recommendation in a transaction. Department users only on
 * their own departments' recommendations (TOPIC.NOT_YOUR_DEPARTMENT), never
 * after the result was posted (TOPIC.RECOMMENDATION_ANSWERED). The first
 * department post moves a consulted topic to following_up. `files` join the
 * topic's registry of checked files. The reply (the department's full view
 * of the recommendation) is kept as a receipt: a retry with the same
 * requestId answers it and changes nothing.
 */
export async function updateRecommendation(
  ctx: HandlerContext,
  recommendationId: string,
  change: (rec: RecommendationDocument, by: string) => { rec: RecommendationDocument; files?: TopicFile[] }
): Promise<RecommendationView> {
  const topicId = splitRecommendationId(recommendationId)
  const caller = await ctx.caller()
  const now = ctx.now
  return transact(ctx.db, async (t) => {
    const topic = await getInTx<TopicDocument>(t, 'topics', topicId)
    const prior = receiptFor<RecommendationView>(topic, ctx)
    if (prior) return prior.reply
    const recs = topic?.recommendations ?? []
    const index = recs.findIndex((r) => r.id === recommendationId)
    if (!topic || index < 0) throw new AppError('TOPIC.RECOMMENDATION_NOT_FOUND')
    const rec = recs[index]
    if (!caller.roles.includes('staff') && !caller.departmentIds.includes(rec.departmentId)) throw new AppError('TOPIC.NOT_YOUR_DEPARTMENT')
    if (topic.state !== 'consulted' && topic.state !== 'following_up') throw stateError(topic, '办理建议')
    if (rec.status === 'answered') throw new AppError('TOPIC.RECOMMENDATION_ANSWERED')
    const by = caller.roles.includes('staff') && !caller.departmentIds.includes(rec.departmentId) ? `机关工作人员代${rec.departmentName}` : rec.departmentName
    const { rec: next, files = [] } = change(rec, by)
    const updated = recs.map((r, i) => (i === index ? next : r))
    const moving = topic.state === 'consulted'
    const images = [...filesOf(topic), ...files]
    const after = { ...topic, recommendations: updated, images }
    const reply = recommendationView(next, after, true)
    const data: Record<string, unknown> = {
      ...recommendationsStatus(updated),
      waiting: waitingOf(after),
      receipts: withReceipt(topic.receipts, ctx, reply),
      updatedAt: now
    }
    if (files.length) {
      data.images = images
      data.imageTraceIds = [...(topic.imageTraceIds ?? []), ...pendingTraceIds(files)]
      data.imagesHeld = imagesNeedReview(images)
    }
    if (moving) {
      data.state = 'following_up'
      data.timeline = [...(topic.timeline ?? []), { state: 'following_up', at: now, note: `${rec.departmentName}开始办理` }]
    }
    await t.collection('topics').doc(topicId).update({ data })
    return reply
  })
}

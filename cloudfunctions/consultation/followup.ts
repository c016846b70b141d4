/**
 * Follow-up after the session: the departments' tasks, progress and results, closing, the proposer's rating and the one reopen.
 */
import type { TopicResult } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findPage } from '../_shared/db'
import { assertOwnUpload } from '../_shared/files'
import { getInTx, transact } from '../activity/engine'
import { recommendationView, type RecommendationDocument, type TopicDocument } from './model'
import { recommendationsStatus, splitRecommendationId, stateError, topicInTx, transition } from './shared'

/** The caller's departments' recommendations (staff: all), by topic. One read. */
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
      .map((r) => ({ topicId: t._id, topicTitle: t.title, topicState: t.state, recommendation: recommendationView(r) }))
  )
  return { items, nextCursor: page.nextCursor }
}

export async function postProgress(input: ParsedInput<'topic.postProgress'>, ctx: HandlerContext) {
  return updateRecommendation(ctx, input.recommendationId, (rec, by) => ({ ...rec, progress: [...(rec.progress ?? []), { text: input.text, at: ctx.now, by }] }))
}

export async function postResult(input: ParsedInput<'topic.postResult'>, ctx: HandlerContext) {
  for (const f of [...input.evidence, ...(input.beforePhotos ?? []), ...(input.afterPhotos ?? [])]) assertOwnUpload(f, ctx.openid)
  return updateRecommendation(ctx, input.recommendationId, (rec, by) => ({
    ...rec,
    status: 'answered',
    result: input.result,
    resultText: input.text,
    evidence: input.evidence,
    beforePhotos: input.beforePhotos ?? [],
    afterPhotos: input.afterPhotos ?? [],
    answeredAt: ctx.now,
    answeredBy: by
  }))
}

/** Closes a topic whose recommendations are all answered. */
export async function close(input: ParsedInput<'topic.close'>, ctx: HandlerContext) {
  const topic = await transition(ctx, input.id, (t) => {
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
  })
  return { state: topic.state, result: topic.result as TopicResult }
}

/** The proposer rates the result of a closed topic, once (again after a reopen). */
export async function rate(input: ParsedInput<'topic.rate'>, ctx: HandlerContext) {
  const now = ctx.now
  return transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, input.id)
    if (topic.proposerOpenid !== ctx.openid) throw new AppError('TOPIC.NOT_PROPOSER')
    if (topic.state !== 'closed') throw stateError(topic, '评价')
    if (topic.rating) throw new AppError('TOPIC.ALREADY_RATED')
    await t.collection('topics').doc(topic._id).update({ data: { rating: { score: input.score, ...(input.comment ? { comment: input.comment } : {}), at: now } } })
    return { score: input.score }
  })
}

/** Reopens a closed topic once: recommendations not resolved go back to their departments (all, if every one was resolved). */
export async function reopen(input: ParsedInput<'topic.reopen'>, ctx: HandlerContext) {
  const topic = await transition(ctx, input.id, (t) => {
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
  })
  return { state: topic.state }
}


/**
 * Changes one recommendation in a transaction. Department users only on
 * their own departments' recommendations (TOPIC.NOT_YOUR_DEPARTMENT), never
 * after the result was posted (TOPIC.RECOMMENDATION_ANSWERED). The first
 * department post moves a consulted topic to following_up.
 */
export async function updateRecommendation(
  ctx: HandlerContext,
  recommendationId: string,
  change: (rec: RecommendationDocument, by: string) => RecommendationDocument
) {
  const topicId = splitRecommendationId(recommendationId)
  const caller = await ctx.caller()
  const now = ctx.now
  return transact(ctx.db, async (t) => {
    const topic = await getInTx<TopicDocument>(t, 'topics', topicId)
    const recs = topic?.recommendations ?? []
    const index = recs.findIndex((r) => r.id === recommendationId)
    if (!topic || index < 0) throw new AppError('TOPIC.RECOMMENDATION_NOT_FOUND')
    const rec = recs[index]
    if (!caller.roles.includes('staff') && !caller.departmentIds.includes(rec.departmentId)) throw new AppError('TOPIC.NOT_YOUR_DEPARTMENT')
    if (topic.state !== 'consulted' && topic.state !== 'following_up') throw stateError(topic, '办理建议')
    if (rec.status === 'answered') throw new AppError('TOPIC.RECOMMENDATION_ANSWERED')
    const by = caller.roles.includes('staff') && !caller.departmentIds.includes(rec.departmentId) ? `机关工作人员代${rec.departmentName}` : rec.departmentName
    const next = change(rec, by)
    const updated = recs.map((r, i) => (i === index ? next : r))
    const moving = topic.state === 'consulted'
    const data: Record<string, unknown> = { ...recommendationsStatus(updated), updatedAt: now }
    if (moving) {
      data.state = 'following_up'
      data.timeline = [...(topic.timeline ?? []), { state: 'following_up', at: now, note: `${rec.departmentName}开始办理` }]
    }
    await t.collection('topics').doc(topicId).update({ data })
    return recommendationView(next)
  })
}

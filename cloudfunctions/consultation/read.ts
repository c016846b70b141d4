/**
 * Reading topics: the public list, a topic page with its first comments, further comment pages, similar topics, the solved board, the year's counts and the staff pages' choices.
 */
import { consultationYearCounts } from '../_shared/year-counts'
import { consultationCommittees } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { encodeCursor } from '../../src/core/paging'
import { escapeRegExp } from '../../src/core/text'
import { beijingDay, dayjs, parseBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findPage, rowsOf } from '../_shared/db'
import { commentViewOf, detailOf, solvedOf, summaryOf, supportId, type CommentDocument, type TopicDocument } from './model'
import { commentsWhere, similarTopics, tempUrls, COMMENT_PAGE } from './shared'

/** Visible topics, newest change first, optionally one state, a literal title keyword, a source and the Beijing days proposed. One read. */
export async function listTopics(input: ParsedInput<'topic.list'>, ctx: HandlerContext) {
  const where: Record<string, unknown> = { visible: true }
  if (input.state) where.state = input.state
  if (input.keyword) where.title = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
  if (input.source) where.source = input.source
  const proposed = proposedWithin(input.from, input.to, ctx)
  if (proposed) where.createdAt = proposed
  const page = await findPage<TopicDocument>(ctx.db, 'topics', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map(summaryOf), nextCursor: page.nextCursor }
}

/**
 * The `createdAt` condition for proposals made on the Beijing days
 * `from`..`to` (inclusive, `YYYY-MM-DD`), or undefined for no bound.
 * Errors: COMMON.INVALID_INPUT for a day that does not exist or from after to.
 */
function proposedWithin(from: string | undefined, to: string | undefined, ctx: HandlerContext): unknown {
  let start: Date | undefined
  let end: Date | undefined
  if (from) {
    if (!dayjs(from, 'YYYY-MM-DD', true).isValid()) throw new AppError('COMMON.INVALID_INPUT', '开始日期不正确')
    start = parseBeijing(`${from} 00:00`)
  }
  if (to) {
    if (!dayjs(to, 'YYYY-MM-DD', true).isValid()) throw new AppError('COMMON.INVALID_INPUT', '结束日期不正确')
    end = beijingDay(parseBeijing(`${to} 00:00`)).end
  }
  if (start && end && start >= end) throw new AppError('COMMON.INVALID_INPUT', '开始日期不能晚于结束日期')
  const _ = ctx.db.command
  if (start && end) return _.gte(start).and(_.lt(end))
  if (start) return _.gte(start)
  if (end) return _.lt(end)
  return undefined
}

/**
 * Topic page: the topic, the caller's support and the first comment page
 * in ONE aggregate (match on _id + two lookups with constant pipelines).
 * Images and files: only those whose check passed (the proposer: all of
 * their own proposal's), each in the topic's neutral folder.
 */
export async function getTopic(input: ParsedInput<'topic.get'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const $ = _.aggregate as any
  const result = (await ctx.db
    .collection('topics')
    .aggregate()
    // Others see visible topics; the proposer also their own topic while it waits for staff.
    .match(_.or([{ _id: input.id, visible: true }, { _id: input.id, proposerOpenid: ctx.openid }]))
    .lookup({
      from: 'topicSupports',
      pipeline: $.pipeline().match({ _id: supportId(input.id, ctx.openid) }).project({ _id: 1 }).done(),
      as: 'mySupport'
    })
    .lookup({
      from: 'topicComments',
      pipeline: $.pipeline()
        .match(commentsWhere(ctx, input.id))
        .sort({ createdAt: -1, _id: -1 })
        .limit(COMMENT_PAGE + 1)
        .done(),
      as: 'firstComments'
    })
    .end()) as { list: (TopicDocument & { mySupport: unknown[]; firstComments: CommentDocument[] })[] }
  const row = result.list[0]
  if (!row) throw new AppError('TOPIC.NOT_FOUND')
  const { mySupport, firstComments, ...topic } = row
  const rows = firstComments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) }))
  const items = rows.slice(0, COMMENT_PAGE)
  const last = items[items.length - 1]
  const detail = detailOf(topic as TopicDocument, { openid: ctx.openid, supported: mySupport.length > 0 }, ctx.now)
  // URLs only for the files this caller is shown (passed checks; no OPENID in any of them).
  const files = [...detail.images, ...detail.recommendations.flatMap((r) => [...r.evidence, ...r.beforePhotos, ...r.afterPhotos])]
  return {
    ...detail,
    fileUrls: await tempUrls(ctx, files),
    comments: {
      items: items.map((c) => commentViewOf(c, ctx.openid)),
      ...(rows.length > COMMENT_PAGE && last ? { nextCursor: encodeCursor({ key: `d:${last.createdAt.toISOString()}`, id: last._id }) } : {})
    }
  }
}

/** Further comment pages. One read. */
export async function listComments(input: ParsedInput<'topic.comments'>, ctx: HandlerContext) {
  const page = await findPage<CommentDocument>(ctx.db, 'topicComments', {
    where: commentsWhere(ctx, input.id),
    sortField: 'createdAt',
    direction: 'desc',
    limit: input.limit ?? COMMENT_PAGE,
    cursor: input.cursor
  })
  return { items: page.items.map((c) => commentViewOf(c, ctx.openid)), nextCursor: page.nextCursor }
}

export async function similar(input: ParsedInput<'topic.similar'>, ctx: HandlerContext) {
  return ({ items: await similarTopics(ctx, input) })
}

/** The public "problems solved" board. One read. */
export async function solved(input: ParsedInput<'topic.solved'>, ctx: HandlerContext) {
  const page = await findPage<TopicDocument>(ctx.db, 'topics', { where: { visible: true, state: 'closed' }, sortField: 'closedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  const items = page.items.map(solvedOf)
  const urls = await tempUrls(ctx, items.flatMap((i) => [...i.beforePhotos, ...i.afterPhotos]))
  return {
    items: items.map((i) => ({ ...i, fileUrls: Object.fromEntries([...i.beforePhotos, ...i.afterPhotos].filter((f) => urls[f]).map((f) => [f, urls[f]])) })),
    nextCursor: page.nextCursor
  }
}

/**
 * Counts for a Beijing calendar year: consultation activities held
 * (type consultation, started in the year, ended by now, not cancelled),
 * member check-ins at them, and topics closed in the year as resolved or
 * partly resolved.
 */
export async function counts(input: ParsedInput<'topic.counts'>, ctx: HandlerContext) {
  // Same definition as the year's figures (cloudfunctions/_shared/year-counts.ts); 3 DB operations.
  const { participationsByMonth: _byMonth, ...result } = await consultationYearCounts(ctx.db, input.year, ctx.now)
  return result
}

export async function options(_input: ParsedInput<'topic.options'>, ctx: HandlerContext) {
  const studios = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('studios').orderBy('sortKey', 'asc').field({ name: true }).limit(100).get())
  const departments = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').orderBy('_id', 'asc').field({ name: true }).limit(100).get())
  return {
    studios: studios.map((s) => ({ id: s._id, name: s.name })),
    committees: consultationCommittees.map((c) => ({ id: c.id, name: c.name })),
    departments: departments.map((d) => ({ id: d._id, name: d.name }))
  }
}

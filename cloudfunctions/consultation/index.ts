/**
 * Cloud function `consultation`: 辽事好商量 topics from proposal to a solved
 * problem (issue 6; lifecycle in domain.md section 1). Actions, inputs and
 * outputs: src/core/actions/topic.ts; error codes:
 * src/core/errors/consultation.ts.
 *
 * Collections: `topics` (recommendations embedded, so the topic page is one
 * document), `topicSupports` (`_id` = topic:openid), `topicComments`,
 * `commentReports` (`_id` = comment:openid), and the activity engine's
 * `activities` / `registrations` for sessions.
 *
 * Every state change runs in a transaction that re-reads the topic, checks
 * the state, writes the change, the timeline entry and the notice stamp;
 * notices go out after the commit.
 */
import type { CommentView, HeldComment, TopicResult } from '../../src/core/actions/topic'
import { consultationCommittees, openTopicStates, supportableStates } from '../../src/core/actions/topic'
import { AppError } from '../../src/core/errors'
import type { Caller } from '../../src/core/roles'
import type { TopicState } from '../../src/core/states'
import { encodeCursor } from '../../src/core/paging'
import { escapeRegExp } from '../../src/core/text'
import { beijingYear, parseBeijing } from '../../src/core/time'
import { defineFunction, type HandlerContext } from '../_shared/define-function'
import { findAll, findById, findPage, isDuplicateKey, rowsOf } from '../_shared/db'
import { assertOwnUpload } from '../_shared/files'
import { createActivity, effectiveState, getActivity, readAttendance } from '../activity/engine'
import { getInTx, transact, type Tx } from '../_shared/transaction'
import {
  commentsOpen,
  commentViewOf,
  detailOf,
  hashOf,
  publicName,
  recommendationView,
  solvedOf,
  summaryOf,
  supportId,
  type CommentDocument,
  type NoticeEvent,
  type RecommendationDocument,
  type ReportDocument,
  type SupportDocument,
  type TopicDocument
} from './model'
import { notifyTopic, type NoticeCloud } from './notify'
import { SIMILAR_THRESHOLD, topicSimilarity } from './similarity'

export type { TopicDocument } from './model'

/** Reports that hide a comment until a moderator decides (issue 6 item 2). */
export const REPORTS_TO_HIDE = 3
const COMMENT_PAGE = 20

const HELD_REASON = '评论正在等待人工审核，审核通过后公开显示'
const HIDDEN_REASON = `该评论被 ${REPORTS_TO_HIDE} 位用户举报，已暂时隐藏，等待管理员处理`

// ------------------------------------------------------------ helpers

async function loadTopic(ctx: HandlerContext, id: string): Promise<TopicDocument> {
  const topic = await findById<TopicDocument>(ctx.db, 'topics', id)
  if (!topic || !topic.visible) throw new AppError('TOPIC.NOT_FOUND')
  return topic
}

async function topicInTx(t: Tx, id: string): Promise<TopicDocument> {
  const topic = await getInTx<TopicDocument>(t, 'topics', id)
  if (!topic || !topic.visible) throw new AppError('TOPIC.NOT_FOUND')
  return topic
}

function displayName(caller: Caller): string {
  return caller.displayName ? `${caller.displayName}委员` : publicName(caller.openid)
}

function stateError(topic: TopicDocument, doing: string): AppError {
  return new AppError('TOPIC.INVALID_STATE', `议题处于“${stateLabel(topic.state)}”阶段，不能${doing}`)
}

function stateLabel(state: TopicState): string {
  const labels: Record<string, string> = {
    draft: '草稿', proposed: '征集附议', selected: '已立题', declined: '未立题', merged: '已合并',
    open_for_input: '征求意见', scheduled: '协商筹备', consulted: '已协商', following_up: '跟踪落实', closed: '已办结'
  }
  return labels[state] ?? state
}

interface Transition {
  /** Fields to set on the topic (besides state, timeline, updatedAt). */
  patch: Partial<TopicDocument>
  state: TopicState
  note?: string
  /** Notice to send after commit (once per topic and event). */
  notice?: NoticeEvent
}

/**
 * Runs one state change in a transaction: reads the topic, lets `decide`
 * check it and say what to write, writes patch + state + timeline entry +
 * notice stamp. After the commit, sends the notice if this change was the
 * first of its kind. Returns the topic as written.
 */
async function transition(ctx: HandlerContext, id: string, decide: (topic: TopicDocument) => Transition | Promise<Transition>): Promise<TopicDocument> {
  const now = ctx.now
  const { topic, send } = await transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, id)
    const change = await decide(topic)
    const notified = { ...(topic.notified ?? {}) }
    const send = change.notice && !notified[change.notice] ? change.notice : undefined
    if (send) notified[send] = now
    const timeline = [...(topic.timeline ?? []), { state: change.state, at: now, ...(change.note ? { note: change.note } : {}) }]
    const data = { ...change.patch, state: change.state, timeline, notified, updatedAt: now }
    await t.collection('topics').doc(id).update({ data })
    return { topic: { ...topic, ...data } as TopicDocument, send: send ? { event: send, note: change.note ?? '' } : undefined }
  })
  if (send) await notifyTopic(ctx.db, ctx.cloud as unknown as NoticeCloud, topic, send.event, send.note, now)
  return topic
}

/** Comments a caller sees on a topic: visible ones and their own. */
function commentsWhere(ctx: HandlerContext, topicId: string): Record<string, unknown> {
  const _ = ctx.db.command
  return _.or([{ topicId, status: 'visible' }, { topicId, authorOpenid: ctx.openid }]) as unknown as Record<string, unknown>
}

function recommendationsStatus(recs: RecommendationDocument[]): Partial<TopicDocument> {
  return {
    recommendations: recs,
    recDepartmentIds: [...new Set(recs.map((r) => r.departmentId))],
    openRecDepartmentIds: [...new Set(recs.filter((r) => r.status === 'open').map((r) => r.departmentId))],
    hasRecommendations: recs.length > 0
  }
}

function splitRecommendationId(recommendationId: string): string {
  const at = recommendationId.lastIndexOf(':r')
  if (at <= 0) throw new AppError('TOPIC.RECOMMENDATION_NOT_FOUND')
  return recommendationId.slice(0, at)
}

async function checkText(ctx: HandlerContext, text: string): Promise<'pass' | 'review' | 'risky' | 'error'> {
  try {
    const res = (await ctx.cloud.openapi.security.msgSecCheck({ openid: ctx.openid, scene: 2, version: 2, content: text })) as {
      result?: { suggest?: string }
    }
    const suggest = res?.result?.suggest
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest
    return 'error'
  } catch (error) {
    // The check itself failed: a person decides (never straight through).
    console.warn(JSON.stringify({ msgSecCheck: 'failed', requestId: ctx.requestId, error: String((error as Error)?.message ?? error) }))
    return 'error'
  }
}

/** Open topics similar to a draft, best first, at most `limit`. Reads open topics 100 at a time. */
async function similarTopics(ctx: HandlerContext, draft: { title: string; description?: string }, limit = 5) {
  const _ = ctx.db.command
  const open = await findAll<TopicDocument>(ctx.db, 'topics', { visible: true, state: _.in([...openTopicStates]) })
  return open
    .map((t) => ({ id: t._id, title: t.title, state: t.state, supportCount: t.supportCount ?? 0, score: topicSimilarity(draft, t) }))
    .filter((s) => s.score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}

/**
 * Temporary URLs for file IDs (one storage call, no DB operation); `{}` when
 * there are none or storage fails — the mini-program can still show
 * `cloud://` IDs itself, the H5 build cannot.
 */
async function tempUrls(ctx: HandlerContext, fileIDs: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(fileIDs)].slice(0, 50)
  if (unique.length === 0) return {}
  try {
    const reply = (await ctx.cloud.getTempFileURL({ fileList: unique })) as { fileList: { fileID: string; tempFileURL?: string }[] }
    return Object.fromEntries(reply.fileList.filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL as string]))
  } catch (error) {
    console.warn(JSON.stringify({ getTempFileURL: 'failed', requestId: ctx.requestId, error: String((error as Error)?.message ?? error) }))
    return {}
  }
}

async function departmentsById(ctx: HandlerContext, ids: string[]): Promise<Map<string, string>> {
  const _ = ctx.db.command
  const rows = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').where({ _id: _.in(ids) }).limit(100).get())
  return new Map(rows.map((r) => [r._id, r.name]))
}

/** Adds one support inside a transaction; false when it already existed or is the target's own proposer. */
async function addSupport(t: Tx, topic: TopicDocument, openid: string, consented: boolean, now: Date, mergedFrom?: string): Promise<boolean> {
  if (topic.proposerOpenid === openid) return false
  const sid = supportId(topic._id, openid)
  if (await getInTx<SupportDocument>(t, 'topicSupports', sid)) return false
  const doc: Omit<SupportDocument, '_id'> = { topicId: topic._id, openid, consented, createdAt: now, ...(mergedFrom ? { mergedFrom } : {}) }
  await t.collection('topicSupports').doc(sid).set({ data: doc })
  return true
}

// ------------------------------------------------------------ handlers

export const main = defineFunction('consultation', {
  /** Visible topics, newest change first, optionally one state and a literal title keyword. One read. */
  'topic.list': async (input, ctx) => {
    const where: Record<string, unknown> = { visible: true }
    if (input.state) where.state = input.state
    if (input.keyword) where.title = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
    const page = await findPage<TopicDocument>(ctx.db, 'topics', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor }
  },

  /**
   * Topic page: the topic, the caller's support and the first comment page
   * in ONE aggregate (match on _id + two lookups with constant pipelines).
   */
  'topic.get': async (input, ctx) => {
    const _ = ctx.db.command
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const $ = _.aggregate as any
    const result = (await ctx.db
      .collection('topics')
      .aggregate()
      .match({ _id: input.id, visible: true })
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
    const files = [...(topic.images ?? []), ...(topic.recommendations ?? []).flatMap((r) => [...(r.evidence ?? []), ...(r.beforePhotos ?? []), ...(r.afterPhotos ?? [])])]
    return {
      ...detailOf(topic as TopicDocument, { openid: ctx.openid, supported: mySupport.length > 0 }, ctx.now),
      fileUrls: await tempUrls(ctx, files),
      comments: {
        items: items.map((c) => commentViewOf(c, ctx.openid)),
        ...(rows.length > COMMENT_PAGE && last ? { nextCursor: encodeCursor({ key: `d:${last.createdAt.toISOString()}`, id: last._id }) } : {})
      }
    }
  },

  /** Further comment pages. One read. */
  'topic.comments': async (input, ctx) => {
    const page = await findPage<CommentDocument>(ctx.db, 'topicComments', {
      where: commentsWhere(ctx, input.id),
      sortField: 'createdAt',
      direction: 'desc',
      limit: input.limit ?? COMMENT_PAGE,
      cursor: input.cursor
    })
    return { items: page.items.map((c) => commentViewOf(c, ctx.openid)), nextCursor: page.nextCursor }
  },

  'topic.similar': async (input, ctx) => ({ items: await similarTopics(ctx, input) }),

  /**
   * Proposes a topic. `_id` derives from OPENID + requestId, so a retry
   * returns the first topic. Unless `ignoreSimilar`, refuses with
   * TOPIC.SIMILAR_FOUND and the similar topics in `details`.
   */
  'topic.propose': async (input, ctx) => {
    const id = `t-${hashOf(`${ctx.openid}:${ctx.requestId}`, 16)}`
    const existing = await findById<TopicDocument>(ctx.db, 'topics', id)
    if (existing) return { id, state: existing.state }
    for (const image of input.images ?? []) assertOwnUpload(image, ctx.openid)
    if (!input.ignoreSimilar) {
      const similar = await similarTopics(ctx, input)
      if (similar.length > 0) throw new AppError('TOPIC.SIMILAR_FOUND', undefined, { similar })
    }
    const caller = await ctx.caller()
    const now = ctx.now
    const doc: Omit<TopicDocument, '_id'> = {
      title: input.title,
      description: input.description,
      category: input.category,
      ...(input.place ? { place: input.place } : {}),
      images: input.images ?? [],
      state: 'proposed',
      visible: true,
      supportCount: 0,
      commentCount: 0,
      proposerOpenid: ctx.openid,
      proposerName: displayName(caller),
      proposerConsented: input.subscribe === true,
      recommendations: [],
      reopenCount: 0,
      timeline: [{ state: 'proposed', at: now }],
      notified: {},
      createdAt: now,
      updatedAt: now
    }
    await ctx.db.collection('topics').doc(id).set({ data: doc })
    return { id, state: 'proposed' as const }
  },

  /** Support once per person: support doc and counter in one transaction. */
  /**
   * Supports a topic in two DB operations (bench target <= 2): insert the
   * support with its deterministic _id (a second support is a duplicate key),
   * then one conditional `inc` on the topic that only matches a visible,
   * supportable topic the caller did not propose. When the `inc` matches
   * nothing the support is removed again and the topic read once to say why
   * (error path only). Exact under concurrency: the unique _id stops doubles
   * and `inc` is atomic. A crash between the two writes would leave the
   * counter one short of the records (docs/decisions.md).
   * Output `{supported: true}`. Errors: TOPIC.NOT_FOUND, TOPIC.SUPPORT_CLOSED,
   * TOPIC.OWN_TOPIC, TOPIC.ALREADY_SUPPORTED.
   */
  'topic.support': async (input, ctx) => {
    const _ = ctx.db.command
    const sid = supportId(input.id, ctx.openid)
    try {
      await ctx.db.collection('topicSupports').add({ data: { _id: sid, topicId: input.id, openid: ctx.openid, consented: input.subscribe === true, createdAt: ctx.now } })
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('TOPIC.ALREADY_SUPPORTED')
      throw error
    }
    const counted = await ctx.db
      .collection('topics')
      .where({ _id: input.id, visible: true, state: _.in([...supportableStates]), proposerOpenid: _.neq(ctx.openid) })
      .update({ data: { supportCount: _.inc(1) } })
    if (((counted as { stats?: { updated?: number } }).stats?.updated ?? 0) === 1) return { supported: true as const }

    await ctx.db.collection('topicSupports').doc(sid).remove()
    const topic = await loadTopic(ctx, input.id)
    if (topic.proposerOpenid === ctx.openid) throw new AppError('TOPIC.OWN_TOPIC')
    throw new AppError('TOPIC.SUPPORT_CLOSED', `该议题${stateLabel(topic.state)}，不能再附议`)
  },

  'topic.withdrawSupport': async (input, ctx) => {
    return transact(ctx.db, async (t) => {
      const topic = await topicInTx(t, input.id)
      if (topic.state === 'closed' || topic.state === 'merged') throw new AppError('TOPIC.INVALID_STATE', `议题${stateLabel(topic.state)}，附议不能再撤回`)
      const sid = supportId(topic._id, ctx.openid)
      if (!(await getInTx<SupportDocument>(t, 'topicSupports', sid))) throw new AppError('TOPIC.NOT_SUPPORTED')
      await t.collection('topicSupports').doc(sid).remove()
      // Atomic decrement: supports are counted with `inc` outside transactions.
      await t.collection('topics').doc(topic._id).update({ data: { supportCount: ctx.db.command.inc(-1) } })
      return { supportCount: Math.max(0, (topic.supportCount ?? 0) - 1), supported: false as const }
    })
  },

  /**
   * Comment or reply. msgSecCheck decides: pass → visible; review (or the
   * check failing) → held for a moderator, shown to the author with the
   * reason; risky → refused, nothing stored. Idempotent by requestId.
   */
  'topic.comment': async (input, ctx) => {
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
    const verdict = await checkText(ctx, input.text)
    if (verdict === 'risky') throw new AppError('TOPIC.COMMENT_RISKY')
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
    await ctx.db.collection('topicComments').doc(id).set({ data: doc })
    if (doc.status === 'visible') await ctx.db.collection('topics').doc(topic._id).update({ data: { commentCount: ctx.db.command.inc(1) } })
    return commentViewOf({ _id: id, ...doc }, ctx.openid)
  },

  /** One report per person per comment; the third hides it (same transaction). */
  'topic.report': async (input, ctx) => {
    const now = ctx.now
    return transact(ctx.db, async (t) => {
      const comment = await getInTx<CommentDocument>(t, 'topicComments', input.commentId)
      if (!comment || comment.status === 'removed') throw new AppError('TOPIC.COMMENT_NOT_FOUND')
      const rid = `${comment._id}:${ctx.openid}`
      if (await getInTx<ReportDocument>(t, 'commentReports', rid)) throw new AppError('TOPIC.ALREADY_REPORTED')
      await t.collection('commentReports').doc(rid).set({
        data: { commentId: comment._id, topicId: comment.topicId, openid: ctx.openid, ...(input.reason ? { reason: input.reason } : {}), createdAt: now }
      })
      const reportCount = (comment.reportCount ?? 0) + 1
      const hide = comment.status === 'visible' && reportCount >= REPORTS_TO_HIDE
      await t
        .collection('topicComments')
        .doc(comment._id)
        .update({ data: { reportCount, updatedAt: now, ...(hide ? { status: 'hidden', statusReason: HIDDEN_REASON } : {}) } })
      if (hide) await t.collection('topics').doc(comment.topicId).update({ data: { commentCount: ctx.db.command.inc(-1) } })
      return { reportCount, hidden: hide || comment.status === 'hidden' }
    })
  },

  'topic.heldComments': async (input, ctx) => {
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
  },

  /** A moderator publishes or removes a held/hidden comment; the author sees why. */
  'topic.moderate': async (input, ctx) => {
    const now = ctx.now
    return transact(ctx.db, async (t) => {
      const comment = await getInTx<CommentDocument>(t, 'topicComments', input.commentId)
      if (!comment) throw new AppError('TOPIC.COMMENT_NOT_FOUND')
      if (comment.status !== 'held' && comment.status !== 'hidden') throw new AppError('TOPIC.NOT_MODERATABLE')
      const status = input.decision === 'approve' ? ('visible' as const) : ('removed' as const)
      const statusReason = status === 'removed' ? `经管理员审核，该评论不予公开${input.reason ? `：${input.reason}` : ''}` : ''
      await t.collection('topicComments').doc(comment._id).update({ data: { status, statusReason, updatedAt: now, moderatedBy: ctx.openid } })
      if (status === 'visible') await t.collection('topics').doc(comment.topicId).update({ data: { commentCount: ctx.db.command.inc(1) } })
      return { status }
    })
  },

  /** 立题 with the organising studio or committee. */
  'topic.select': async (input, ctx) => {
    let organiser: string | undefined
    if (input.organiserType === 'committee') {
      organiser = consultationCommittees.find((c) => c.id === input.organiserId)?.name
    } else {
      organiser = (await findById<{ _id: string; name: string }>(ctx.db, 'studios', input.organiserId))?.name
    }
    if (!organiser) throw new AppError('TOPIC.ORGANISER_INVALID')
    const topic = await transition(ctx, input.id, (t) => {
      if (t.state !== 'proposed') throw stateError(t, '立题')
      return {
        state: 'selected',
        patch: { organiser, organiserType: input.organiserType, organiserId: input.organiserId },
        note: `由${organiser}组织协商`,
        notice: 'selected'
      }
    })
    return { state: topic.state }
  },

  'topic.decline': async (input, ctx) => {
    const topic = await transition(ctx, input.id, (t) => {
      if (t.state !== 'proposed') throw stateError(t, '作出不予立题的决定')
      return { state: 'declined', patch: { declineReason: input.reason }, note: input.reason, notice: 'declined' }
    })
    return { state: topic.state }
  },

  /**
   * Merges a proposed topic into an open one: state → merged (notice), then
   * each supporter (and the proposer) becomes a supporter of the target in
   * its own transaction (counter exact, duplicates skipped), and the
   * comments move over in one update.
   */
  'topic.merge': async (input, ctx) => {
    if (input.id === input.intoId) throw new AppError('TOPIC.MERGE_SELF')
    const target = await loadTopic(ctx, input.intoId)
    if (!supportableStates.includes(target.state)) throw new AppError('TOPIC.MERGE_TARGET_CLOSED')
    const source = await transition(ctx, input.id, (t) => {
      if (t.state !== 'proposed') throw stateError(t, '合并')
      return { state: 'merged', patch: { mergedInto: target._id, mergedIntoTitle: target.title }, note: `并入“${target.title}”`.slice(0, 40), notice: 'merged' }
    })
    const now = ctx.now
    const people: { openid: string; consented: boolean }[] = [
      { openid: source.proposerOpenid, consented: source.proposerConsented === true },
      ...(await findAll<SupportDocument>(ctx.db, 'topicSupports', { topicId: source._id })).map((s) => ({ openid: s.openid, consented: s.consented }))
    ]
    let movedSupporters = 0
    for (const person of people) {
      const added = await transact(ctx.db, async (t) => {
        const current = await topicInTx(t, target._id)
        if (!(await addSupport(t, current, person.openid, person.consented, now, source._id))) return false
        await t.collection('topics').doc(target._id).update({ data: { supportCount: (current.supportCount ?? 0) + 1, updatedAt: now } })
        return true
      })
      if (added) movedSupporters++
    }
    const _ = ctx.db.command
    const visibleMoved = ((await ctx.db.collection('topicComments').where({ topicId: source._id, status: 'visible' }).count()) as { total: number }).total
    const moved = await ctx.db.collection('topicComments').where({ topicId: source._id }).update({ data: { topicId: target._id, originTopicId: source._id } })
    if (visibleMoved > 0) await ctx.db.collection('topics').doc(target._id).update({ data: { commentCount: _.inc(visibleMoved) } })
    return { state: source.state, intoId: target._id, movedSupporters, movedComments: (moved as { stats?: { updated?: number } }).stats?.updated ?? 0 }
  },

  /** A selected topic opens for input with a question and a deadline (Beijing time, in the future). */
  'topic.openInput': async (input, ctx) => {
    const deadline = parseBeijing(input.deadline)
    if (deadline.getTime() <= ctx.now.getTime()) throw new AppError('TOPIC.DEADLINE_PAST')
    const topic = await transition(ctx, input.id, (t) => {
      if (t.state !== 'selected') throw stateError(t, '发布征求意见')
      return {
        state: 'open_for_input',
        patch: { input: { question: input.question, ...(input.background ? { background: input.background } : {}), deadline } },
        note: input.question.slice(0, 40)
      }
    })
    return { state: topic.state }
  },

  /**
   * Schedules the session: an activity of type consultation created through
   * the activity engine (published at once, public audience, the topic's
   * studio as organiser when it has one), then topic → scheduled.
   */
  'topic.schedule': async (input, ctx) => {
    const startAt = parseBeijing(input.startAt)
    const endAt = parseBeijing(input.endAt)
    if (endAt.getTime() <= startAt.getTime()) throw new AppError('TOPIC.TIME_ORDER')
    const topic = await loadTopic(ctx, input.id)
    if (topic.state === 'scheduled' && topic.session) return { state: topic.state, activityId: topic.session.activityId }
    if (topic.state !== 'selected' && topic.state !== 'open_for_input') throw stateError(topic, '安排协商活动')
    const caller = await ctx.caller()
    const activity = await createActivity(
      ctx.db,
      {
        title: `协商议事：${topic.title}`.slice(0, 40),
        type: 'consultation',
        description: topic.input?.question ?? topic.description.slice(0, 500),
        place: input.place,
        startAt,
        endAt,
        signupDeadline: startAt,
        capacity: input.capacity,
        audience: 'public',
        ...(topic.organiserType === 'studio' && topic.organiserId ? { studioId: topic.organiserId } : {}),
        organiserKind: topic.organiserType === 'studio' ? 'studio' : 'committee',
        ...(topic.organiser ? { organiserName: topic.organiser } : {}),
        topicId: topic._id,
        publish: true
      },
      caller,
      { requestId: ctx.requestId, now: ctx.now, cloud: ctx.cloud as unknown as NoticeCloud }
    )
    const written = await transition(ctx, input.id, (t) => {
      if (t.state !== 'selected' && t.state !== 'open_for_input') throw stateError(t, '安排协商活动')
      return { state: 'scheduled', patch: { session: { activityId: activity._id, startAt, endAt, place: input.place } }, note: input.place }
    })
    return { state: written.state, activityId: activity._id }
  },

  /**
   * After the session (its check-in has opened or it ended): minutes,
   * consensus, recommendations each to a department; attendance from the
   * engine's check-ins. Topic → consulted; the departments see their
   * recommendations at once.
   */
  'topic.recordOutcome': async (input, ctx) => {
    const topic = await loadTopic(ctx, input.id)
    if (topic.state !== 'scheduled' || !topic.session) throw stateError(topic, '录入协商纪要')
    const activity = await getActivity(ctx.db, topic.session.activityId)
    const held = activity ? effectiveState(activity, ctx.now) : 'draft'
    if (!['checkin_open', 'ended', 'finalized'].includes(held)) throw new AppError('TOPIC.SESSION_NOT_HELD')
    const attendance = await readAttendance(ctx.db, topic.session.activityId)
    const names = await departmentsById(ctx, [...new Set(input.recommendations.map((r) => r.departmentId))])
    const unknown = input.recommendations.find((r) => !names.has(r.departmentId))
    if (unknown) throw new AppError('TOPIC.DEPARTMENT_INVALID', `承办单位不存在：${unknown.departmentId}`)
    const recs: RecommendationDocument[] = input.recommendations.map((r, i) => ({
      id: `${topic._id}:r${i + 1}`,
      departmentId: r.departmentId,
      departmentName: names.get(r.departmentId)!,
      text: r.text,
      status: 'open',
      progress: []
    }))
    const memberAttendance = attendance.attendedMemberIds.length
    const total = attendance.counts.checkedIn + attendance.counts.attended
    const written = await transition(ctx, input.id, (t) => {
      if (t.state !== 'scheduled' || !t.session) throw stateError(t, '录入协商纪要')
      return {
        state: 'consulted',
        patch: {
          minutes: input.minutes,
          consensus: input.consensus,
          session: { ...t.session, attendance: total, memberAttendance, memberIds: attendance.attendedMemberIds },
          ...recommendationsStatus(recs)
        },
        note: `${recs.length} 条建议交${[...new Set(recs.map((r) => r.departmentName))].join('、')}办理`.slice(0, 60),
        notice: 'consulted'
      }
    })
    return { state: written.state, memberAttendance, attendance: total }
  },

  /** The caller's departments' recommendations (staff: all), by topic. One read. */
  'topic.departmentTasks': async (input, ctx) => {
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
  },

  'topic.postProgress': async (input, ctx) => updateRecommendation(ctx, input.recommendationId, (rec, by) => ({ ...rec, progress: [...(rec.progress ?? []), { text: input.text, at: ctx.now, by }] })),

  'topic.postResult': async (input, ctx) => {
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
  },

  /** Closes a topic whose recommendations are all answered. */
  'topic.close': async (input, ctx) => {
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
  },

  /** The proposer rates the result of a closed topic, once (again after a reopen). */
  'topic.rate': async (input, ctx) => {
    const now = ctx.now
    return transact(ctx.db, async (t) => {
      const topic = await topicInTx(t, input.id)
      if (topic.proposerOpenid !== ctx.openid) throw new AppError('TOPIC.NOT_PROPOSER')
      if (topic.state !== 'closed') throw stateError(topic, '评价')
      if (topic.rating) throw new AppError('TOPIC.ALREADY_RATED')
      await t.collection('topics').doc(topic._id).update({ data: { rating: { score: input.score, ...(input.comment ? { comment: input.comment } : {}), at: now } } })
      return { score: input.score }
    })
  },

  /** Reopens a closed topic once: recommendations not resolved go back to their departments (all, if every one was resolved). */
  'topic.reopen': async (input, ctx) => {
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
  },

  /** The public "problems solved" board. One read. */
  'topic.solved': async (input, ctx) => {
    const page = await findPage<TopicDocument>(ctx.db, 'topics', { where: { visible: true, state: 'closed' }, sortField: 'closedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
    const items = page.items.map(solvedOf)
    const urls = await tempUrls(ctx, items.flatMap((i) => [...i.beforePhotos, ...i.afterPhotos]))
    return {
      items: items.map((i) => ({ ...i, fileUrls: Object.fromEntries([...i.beforePhotos, ...i.afterPhotos].filter((f) => urls[f]).map((f) => [f, urls[f]])) })),
      nextCursor: page.nextCursor
    }
  },

  /**
   * Counts for a Beijing calendar year: consultation activities held
   * (type consultation, started in the year, ended by now, not cancelled),
   * member check-ins at them, and topics closed in the year as resolved or
   * partly resolved.
   */
  'topic.counts': async (input, ctx) => {
    const _ = ctx.db.command
    const { start, end } = beijingYear(input.year)
    const until = end.getTime() < ctx.now.getTime() ? end : ctx.now
    const activities = await findAll<{ _id: string }>(ctx.db, 'activities', {
      type: 'consultation',
      startAt: _.gte(start).and(_.lt(end)),
      endAt: _.lte(until),
      state: _.nin(['draft', 'cancelled', 'postponed'])
    })
    let memberParticipations = 0
    for (let i = 0; i < activities.length; i += 100) {
      const ids = activities.slice(i, i + 100).map((a) => a._id)
      const res = await ctx.db
        .collection('registrations')
        .where({ activityId: _.in(ids), state: _.in(['checked_in', 'attended']), memberId: _.exists(true) })
        .count()
      memberParticipations += (res as { total: number }).total
    }
    const solved = await ctx.db
      .collection('topics')
      .where({ state: 'closed', result: _.in(['resolved', 'partly_resolved']), closedAt: _.gte(start).and(_.lt(end)) })
      .count()
    return { year: input.year, consultationActivities: activities.length, memberParticipations, problemsSolved: (solved as { total: number }).total }
  },

  'topic.options': async (_input, ctx) => {
    const studios = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('studios').orderBy('sortKey', 'asc').field({ name: true }).limit(100).get())
    const departments = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').orderBy('_id', 'asc').field({ name: true }).limit(100).get())
    return {
      studios: studios.map((s) => ({ id: s._id, name: s.name })),
      committees: consultationCommittees.map((c) => ({ id: c.id, name: c.name })),
      departments: departments.map((d) => ({ id: d._id, name: d.name }))
    }
  }
})

/**
 * Changes one recommendation in a transaction. Department users only on
 * their own departments' recommendations (TOPIC.NOT_YOUR_DEPARTMENT), never
 * after the result was posted (TOPIC.RECOMMENDATION_ANSWERED). The first
 * department post moves a consulted topic to following_up.
 */
async function updateRecommendation(
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

export type { CommentView }

/**
 * Helpers every use case of the consultation function shares: loading a
 * topic (inside or outside a transaction), state errors in Chinese, the one
 * state-change transaction ({@link transition}), temporary file URLs and
 * the similar-topics search.
 */
import { openTopicStates } from '../../src/core/actions/topic'
import { AppError } from '../../src/core/errors'
import type { Caller } from '../../src/core/roles'
import type { TopicState } from '../../src/core/states'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById, rowsOf } from '../_shared/db'
import { getInTx, transact, type Tx } from '../activity/engine'
import { publicName, supportId, type NoticeEvent, type RecommendationDocument, type SupportDocument, type TopicDocument } from './model'
import { notifyTopic, type NoticeCloud } from './notify'
import { SIMILAR_THRESHOLD, topicSimilarity } from './similarity'

/** Reports that hide a comment until a moderator decides (issue 6 item 2). */
export const REPORTS_TO_HIDE = 3
/** Comments per page on the topic page. */
export const COMMENT_PAGE = 20

export const HELD_REASON = '评论正在等待人工审核，审核通过后公开显示'
export const HIDDEN_REASON = `该评论被 ${REPORTS_TO_HIDE} 位用户举报，已暂时隐藏，等待管理员处理`

export async function loadTopic(ctx: HandlerContext, id: string): Promise<TopicDocument> {
  const topic = await findById<TopicDocument>(ctx.db, 'topics', id)
  if (!topic || !topic.visible) throw new AppError('TOPIC.NOT_FOUND')
  return topic
}

export async function topicInTx(t: Tx, id: string): Promise<TopicDocument> {
  const topic = await getInTx<TopicDocument>(t, 'topics', id)
  if (!topic || !topic.visible) throw new AppError('TOPIC.NOT_FOUND')
  return topic
}

export function displayName(caller: Caller): string {
  return caller.displayName ? `${caller.displayName}委员` : publicName(caller.openid)
}

export function stateError(topic: TopicDocument, doing: string): AppError {
  return new AppError('TOPIC.INVALID_STATE', `议题处于“${stateLabel(topic.state)}”阶段，不能${doing}`)
}

export function stateLabel(state: TopicState): string {
  const labels: Record<string, string> = {
    draft: '草稿', proposed: '征集附议', selected: '已立题', declined: '未立题', merged: '已合并',
    open_for_input: '征求意见', scheduled: '协商筹备', consulted: '已协商', following_up: '跟踪落实', closed: '已办结'
  }
  return labels[state] ?? state
}

export interface Transition {
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
export async function transition(ctx: HandlerContext, id: string, decide: (topic: TopicDocument) => Transition | Promise<Transition>): Promise<TopicDocument> {
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
export function commentsWhere(ctx: HandlerContext, topicId: string): Record<string, unknown> {
  const _ = ctx.db.command
  return _.or([{ topicId, status: 'visible' }, { topicId, authorOpenid: ctx.openid }]) as unknown as Record<string, unknown>
}

export function recommendationsStatus(recs: RecommendationDocument[]): Partial<TopicDocument> {
  return {
    recommendations: recs,
    recDepartmentIds: [...new Set(recs.map((r) => r.departmentId))],
    openRecDepartmentIds: [...new Set(recs.filter((r) => r.status === 'open').map((r) => r.departmentId))],
    hasRecommendations: recs.length > 0
  }
}

export function splitRecommendationId(recommendationId: string): string {
  const at = recommendationId.lastIndexOf(':r')
  if (at <= 0) throw new AppError('TOPIC.RECOMMENDATION_NOT_FOUND')
  return recommendationId.slice(0, at)
}

export async function checkText(ctx: HandlerContext, text: string): Promise<'pass' | 'review' | 'risky' | 'error'> {
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
export async function similarTopics(ctx: HandlerContext, draft: { title: string; description?: string }, limit = 5) {
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
export async function tempUrls(ctx: HandlerContext, fileIDs: string[]): Promise<Record<string, string>> {
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

export async function departmentsById(ctx: HandlerContext, ids: string[]): Promise<Map<string, string>> {
  const _ = ctx.db.command
  const rows = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').where({ _id: _.in(ids) }).limit(100).get())
  return new Map(rows.map((r) => [r._id, r.name]))
}

/** Adds one support inside a transaction; false when it already existed or is the target's own proposer. */
export async function addSupport(t: Tx, topic: TopicDocument, openid: string, consented: boolean, now: Date, mergedFrom?: string): Promise<boolean> {
  if (topic.proposerOpenid === openid) return false
  const sid = supportId(topic._id, openid)
  if (await getInTx<SupportDocument>(t, 'topicSupports', sid)) return false
  const doc: Omit<SupportDocument, '_id'> = { topicId: topic._id, openid, consented, createdAt: now, ...(mergedFrom ? { mergedFrom } : {}) }
  await t.collection('topicSupports').doc(sid).set({ data: doc })
  return true
}

/**
 * Helpers every use case of the consultation function shares: loading a
 * topic (inside or outside a transaction), state errors in Chinese, the one
 * state-change transaction ({@link transition}), temporary file URLs and
 * the similar-topics search.
 */
import { tempUrls } from '../_shared/files'
import { openTopicStates } from '../../src/core/actions/topic'
import { AppError } from '../../src/core/errors'
import type { Caller } from '../../src/core/roles'
import type { TopicState } from '../../src/core/states'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById, rowsOf } from '../_shared/db'
import { getInTx, transact, type Tx } from '../_shared/transaction'
import { checkText, type CheckScene } from '../_shared/content-safety'
import { hashOf, publicName, supportId, type Hold, type NoticeEvent, type Receipt, type RecommendationDocument, type SupportDocument, type TopicDocument } from './model'
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

/** Receipts kept per document: a retry comes within seconds of its call; 30 later mutations of the same record push it out (decision 23). */
export const RECEIPTS_KEPT = 30

/** The key of this call's receipt: hash of OPENID + requestId (no OPENID stored in the receipt). */
export function receiptKey(ctx: Pick<HandlerContext, 'openid' | 'requestId'>): string {
  return hashOf(`${ctx.openid}:${ctx.requestId}`, 20)
}

/** This call's earlier reply, when the document holds its receipt (a retry with the same requestId). */
export function receiptFor<R>(doc: { receipts?: Receipt[] } | null | undefined, ctx: Pick<HandlerContext, 'openid' | 'requestId'>): { reply: R } | undefined {
  const key = receiptKey(ctx)
  const found = (doc?.receipts ?? []).find((r) => r.key === key)
  return found ? { reply: found.reply as R } : undefined
}

/** The receipts to write with a change: the document's, with this call's reply (replaced when present), the last {@link RECEIPTS_KEPT}. */
export function withReceipt(receipts: Receipt[] | undefined, ctx: Pick<HandlerContext, 'openid' | 'requestId' | 'now'>, reply: unknown): Receipt[] {
  const key = receiptKey(ctx)
  return [...(receipts ?? []).filter((r) => r.key !== key), { key, reply, at: ctx.now }].slice(-RECEIPTS_KEPT)
}

/**
 * Replaces this call's receipt on a document (a multi-step action records
 * its final reply once every step is done). One transaction.
 */
export async function recordReply(ctx: HandlerContext, collection: string, id: string, reply: unknown): Promise<void> {
  await transact(ctx.db, async (t) => {
    const doc = await getInTx<{ receipts?: Receipt[] }>(t, collection, id)
    if (doc) await t.collection(collection).doc(id).update({ data: { receipts: withReceipt(doc.receipts, ctx, reply) } })
  })
}

/**
 * Runs one state change in a transaction: reads the topic; when it holds
 * this call's receipt (a retry with the same requestId) answers that reply
 * and changes nothing; else lets `decide` check the topic and say what to
 * write, and writes patch + state + timeline entry + notice stamp + the
 * receipt of `answer(topic as written)`. After the commit, sends the notice
 * if this change was the first of its kind. Output: the reply, whether it
 * was replayed, the topic (as written, or as read on a replay).
 */
export async function transition<R>(
  ctx: HandlerContext,
  id: string,
  decide: (topic: TopicDocument) => Transition | Promise<Transition>,
  answer: (topic: TopicDocument) => R
): Promise<{ reply: R; replayed: boolean; topic: TopicDocument }> {
  const now = ctx.now
  const { topic, reply, replayed, send } = await transact(ctx.db, async (t) => {
    const topic = await topicInTx(t, id)
    const prior = receiptFor<R>(topic, ctx)
    if (prior) return { topic, reply: prior.reply, replayed: true, send: undefined }
    const change = await decide(topic)
    const notified = { ...(topic.notified ?? {}) }
    const send = change.notice && !notified[change.notice] ? change.notice : undefined
    if (send) notified[send] = now
    const timeline = [...(topic.timeline ?? []), { state: change.state, at: now, ...(change.note ? { note: change.note } : {}) }]
    const data: Record<string, unknown> = { ...change.patch, state: change.state, timeline, notified, updatedAt: now }
    const written = { ...topic, ...data } as TopicDocument
    const reply = answer(written)
    data.receipts = withReceipt(topic.receipts, ctx, reply)
    await t.collection('topics').doc(id).update({ data })
    return { topic: written, reply, replayed: false, send: send ? { event: send, note: change.note ?? '' } : undefined }
  })
  if (send) await notifyTopic(ctx.db, ctx.cloud as unknown as NoticeCloud, topic, send.event, send.note, now)
  return { reply, replayed, topic }
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

/** Chinese reason of a held text (never the raw verdict). */
export function holdReason(hold: Hold): string {
  return hold.verdict === 'review' ? '内容待人工复核' : '内容检测失败，待人工复核'
}

/**
 * The shared text check (cloudfunctions/_shared/content-safety.ts) for a
 * topic's text: pass → no hold; review or a failed check → a {@link Hold}
 * for staff; risky → CONTENT.RISKY (thrown, nothing stored).
 */
export async function textHold(ctx: HandlerContext, parts: (string | undefined)[], scene: CheckScene): Promise<Hold | undefined> {
  const verdict = await checkText(ctx, parts, scene)
  return verdict === 'pass' ? undefined : { verdict }
}

/** The neutral folder a topic's checked files are copied to (no OPENID in any file ID shown to others). */
export function topicFolder(topicId: string): string {
  return `topic-images/${topicId}`
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

/** Temporary URLs for file IDs: the shared helper (_shared/files.ts). */
export { tempUrls }

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

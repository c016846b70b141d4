/**
 * Staff side of 社情民意 (issue 4, "Staff review queue" and "Upward
 * adoption"): the queue, state changes (accept, return, merge, reject, adopt,
 * key mark), upward records, and the asynchronous image verdicts.
 *
 * Every change runs in a transaction that reads the item and checks its state
 * (so two staff acting at once cannot both win), appends to `history` (who,
 * what, when) and to the public `timeline`, then notifies the submitter.
 */
import { createHash } from 'crypto'
import type { OpinionDetail, OpinionNotifyStep, OpinionSummary, UpwardKind, UpwardLevel } from '../../src/core/actions/opinion'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { opinionStateLabels, type OpinionState } from '../../src/core/states'
import { escapeRegExp } from '../../src/core/text'
import { beijing, parseBeijing } from '../../src/core/time'
import type { Transaction } from '../_shared/cloud'
import type { HandlerContext } from '../_shared/define-function'
import { findPage } from '../_shared/db'
import { detailOf, summaryOf, timelineLabel, txGet, upwardLabel, type HistoryRecord, type OpinionDocument, type TimelineRecord, type UpwardRecord } from './model'
import { notifySubmitter } from './notify'
import { inspectUploads } from '../_shared/content-safety'
import { namesOf } from '../_shared/people'
import { tempUrls } from './submit'
import { transact } from '../_shared/transaction'
import { syncOpinionInTx } from '../_shared/ledger'


function wrongState(doc: OpinionDocument, verb: string): AppError {
  return new AppError('OPINION.WRONG_STATE', `该信息当前为“${opinionStateLabels[doc.state]}”，不能${verb}`)
}

interface Change {
  set: Record<string, unknown>
  timeline?: TimelineRecord[]
  history: Omit<HistoryRecord, 'by' | 'at'>
  notify?: { step: OpinionNotifyStep; status: string; note: string }
}

/**
 * True when this item's history already holds the change this very call made:
 * the client resends a call whose reply was lost with the same requestId
 * (src/services `networkRetries`), and the retry must get the first result,
 * not OPINION.WRONG_STATE.
 */
function alreadyApplied(doc: OpinionDocument, ctx: HandlerContext, action?: string): boolean {
  return (doc.history ?? []).some((h) => h.requestId === ctx.requestId && h.by === ctx.openid && (!action || h.action === action))
}

/**
 * Moves one item: in a transaction, read it, require `allowed` states, apply
 * `change(doc)`. Then notify. Output: the new summary (staff view). A retry
 * with the same requestId answers the item as it is, without acting again.
 */
async function transition(ctx: HandlerContext, id: string, allowed: OpinionState[], verb: string, change: (doc: OpinionDocument) => Change): Promise<OpinionSummary> {
  const { doc, applied } = await transact(ctx.db, async (tx: Transaction) => {
    const current = await txGet(tx, id)
    if (alreadyApplied(current, ctx)) return { doc: current, applied: undefined }
    if (!allowed.includes(current.state)) throw wrongState(current, verb)
    const c = change(current)
    const timeline = [...current.timeline, ...(c.timeline ?? [])]
    const history = [...current.history, { action: c.history.action, by: ctx.openid, at: ctx.now, requestId: ctx.requestId, ...(c.history.note ? { note: c.history.note } : {}) }]
    const data = { ...c.set, timeline, history, updatedAt: ctx.now }
    await tx.collection('opinions').doc(id).update({ data })
    const after = { ...current, ...data } as OpinionDocument
    // the submitting member's ledger lines in the same transaction (decision 93)
    await syncOpinionInTx(tx, current, after, ctx.now)
    return { doc: after, applied: c as Change | undefined }
  })
  if (applied?.notify) await notifySubmitter(ctx, doc, applied.notify.step, applied.notify.status, applied.notify.note, ctx.now)
  return summaryOf(doc, { openid: ctx.openid, staff: true })
}

const OPEN: OpinionState[] = ['submitted', 'in_review']

/** 已收到 -> 处理中. */
export function accept(input: { id: string }, ctx: HandlerContext) {
  return transition(ctx, input.id, ['submitted'], '受理', () => ({
    set: { state: 'in_review' },
    timeline: [{ step: 'processing', at: ctx.now }],
    history: { action: 'accept' },
    notify: { step: 'processing', status: '处理中', note: '您反映的信息正在处理' }
  }))
}

/** Back to the author with what to change. */
export function returnForChanges(input: { id: string; note: string }, ctx: HandlerContext) {
  return transition(ctx, input.id, OPEN, '退回修改', (doc) => ({
    set: { state: 'returned', returnNote: input.note },
    timeline: [...(doc.state === 'submitted' ? [{ step: 'processing' as const, at: ctx.now }] : []), { step: 'returned', at: ctx.now, note: input.note }],
    history: { action: 'return', note: input.note },
    notify: { step: 'returned', status: '退回修改', note: input.note }
  }))
}

/** 未采用 with the reason the submitter sees. */
export function reject(input: { id: string; reason: string }, ctx: HandlerContext) {
  return transition(ctx, input.id, OPEN, '不予采用', (doc) => ({
    set: { state: 'rejected', rejectReason: input.reason },
    timeline: [...(doc.state === 'submitted' ? [{ step: 'processing' as const, at: ctx.now }] : []), { step: 'rejected', at: ctx.now, note: input.reason }],
    history: { action: 'reject', note: input.reason },
    notify: { step: 'decided', status: '未采用', note: input.reason }
  }))
}

/** 采用: the edited copy is kept beside the original; a person has now reviewed it, so flags are cleared. */
export function adopt(input: { id: string; title: string; content: string; key?: boolean }, ctx: HandlerContext) {
  const key = input.key ?? false
  return transition(ctx, input.id, OPEN, '采用', (doc) => ({
    set: { state: 'adopted', adopted: { title: input.title, content: input.content, key, at: ctx.now, by: ctx.openid }, adoptedAt: ctx.now, key, flags: [] },
    timeline: [...(doc.state === 'submitted' ? [{ step: 'processing' as const, at: ctx.now }] : []), { step: 'adopted', at: ctx.now }],
    history: { action: 'adopt', note: [key ? '重点' : '', doc.flags?.length ? `人工复核：${doc.flags.join(',')}` : ''].filter(Boolean).join('；') || undefined },
    notify: { step: 'decided', status: '已采用', note: '您反映的信息已被采用' }
  }))
}

/** 重点 on or off for an adopted (or later) item. */
export function markKey(input: { id: string; key: boolean }, ctx: HandlerContext) {
  return transition(ctx, input.id, ['adopted', 'published', 'reported_up'], '标记重点', (doc) => ({
    set: { key: input.key, ...(doc.adopted ? { adopted: { ...doc.adopted, key: input.key } } : {}) },
    history: { action: input.key ? 'markKey' : 'unmarkKey' }
  }))
}

/**
 * Merges `id` into `intoId` (same matter). Both read in one transaction; the
 * target must be open or adopted and not the item itself. A retry with the
 * same requestId answers the merged item without acting again.
 */
export async function merge(input: { id: string; intoId: string; note?: string }, ctx: HandlerContext): Promise<OpinionSummary> {
  if (input.id === input.intoId) throw new AppError('OPINION.MERGE_TARGET', '不能把信息合并到它自己')
  const { doc, fresh }: { doc: OpinionDocument; fresh: boolean } = await transact(ctx.db, async (tx: Transaction) => {
    const [source, target] = await Promise.all([txGet(tx, input.id), txGet(tx, input.intoId)])
    if (alreadyApplied(source, ctx, 'merge')) return { doc: source, fresh: false }
    if (!OPEN.includes(source.state)) throw wrongState(source, '合并')
    if (!['submitted', 'in_review', 'adopted', 'published', 'reported_up'].includes(target.state)) {
      throw new AppError('OPINION.MERGE_TARGET', `目标信息当前为“${opinionStateLabels[target.state]}”，不能接收合并`)
    }
    const note = input.note
    const sourceData = {
      state: 'merged',
      mergedInto: target._id,
      timeline: [...source.timeline, ...(source.state === 'submitted' ? [{ step: 'processing', at: ctx.now }] : []), { step: 'merged', at: ctx.now, ...(note ? { note } : {}) }],
      history: [...source.history, { action: 'merge', by: ctx.openid, at: ctx.now, requestId: ctx.requestId, note: `并入 ${target._id}${note ? `：${note}` : ''}` }],
      updatedAt: ctx.now
    }
    await tx.collection('opinions').doc(source._id).update({ data: sourceData })
    await syncOpinionInTx(tx, source, { ...source, ...sourceData } as OpinionDocument, ctx.now)
    await tx.collection('opinions').doc(target._id).update({
      data: {
        mergedFrom: [...(target.mergedFrom ?? []), source._id],
        history: [...target.history, { action: 'mergeIn', by: ctx.openid, at: ctx.now, note: `并入 ${source._id}` }],
        updatedAt: ctx.now
      }
    })
    return { doc: { ...source, ...sourceData } as OpinionDocument, fresh: true }
  })
  if (fresh) await notifySubmitter(ctx, doc, 'decided', '已合并', '已与同类信息合并办理', ctx.now)
  return summaryOf(doc, { openid: ctx.openid, staff: true })
}

/**
 * The staff queue. Filters: state, category, received date range (Beijing
 * calendar days `from`..`to`, both inclusive), literal keyword (escaped; in
 * title or content, case-insensitive), flagged only. One read.
 */
export async function reviewList(
  input: { limit?: number; cursor?: string; state?: OpinionState; categoryId?: string; from?: string; to?: string; keyword?: string; flagged?: boolean },
  ctx: HandlerContext
): Promise<Page<OpinionSummary>> {
  const _ = ctx.db.command
  const conditions: Record<string, unknown>[] = []
  if (input.state) conditions.push({ state: input.state })
  if (input.categoryId) conditions.push({ categoryId: input.categoryId })
  let from: Date | undefined
  let to: Date | undefined
  try {
    if (input.from) from = parseBeijing(`${input.from} 00:00`)
    if (input.to) to = beijing(parseBeijing(`${input.to} 00:00`)).add(1, 'day').toDate()
  } catch {
    throw new AppError('OPINION.DATE_INVALID', '日期不正确，请重新选择')
  }
  if (from && to && from >= to) throw new AppError('OPINION.DATE_INVALID', '开始日期不能晚于结束日期')
  if (from && to) conditions.push({ receivedAt: _.gte(from).and(_.lt(to)) })
  else if (from) conditions.push({ receivedAt: _.gte(from) })
  else if (to) conditions.push({ receivedAt: _.lt(to) })
  const keyword = input.keyword?.trim()
  if (keyword) {
    const pattern = ctx.db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
    conditions.push(_.or([{ title: pattern }, { content: pattern }]) as unknown as Record<string, unknown>)
  }
  if (input.flagged) conditions.push({ 'flags.0': _.exists(true) })
  const where = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : _.and(conditions)
  const page = await findPage<OpinionDocument>(ctx.db, 'opinions', {
    where: where as Record<string, unknown>,
    sortField: 'receivedAt',
    direction: 'desc',
    limit: input.limit,
    cursor: input.cursor
  })
  const viewer = { openid: ctx.openid, staff: true }
  return { items: page.items.map((d) => summaryOf(d, viewer)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/**
 * Records an upward step for a published item: reported to, adopted by, or a
 * leader's 批示 at the city or province. The evidence file must be the
 * caller's own upload, an image or PDF <= 20 MB. Written to the item and to
 * `opinionUpward` (counted by `opinion.stats`) in one transaction;
 * idempotent by requestId. The submitter is notified.
 * Errors: OPINION.WRONG_STATE, OPINION.DATE_INVALID, FILE.WRONG_TYPE, FILE.TOO_LARGE, FILE.*.
 */
export async function reportUp(
  input: { id: string; level: UpwardLevel; kind: UpwardKind; date: string; evidenceFileID?: string; note?: string },
  ctx: HandlerContext
): Promise<OpinionDetail> {
  let date: Date
  try {
    date = parseBeijing(`${input.date} 00:00`)
  } catch {
    throw new AppError('OPINION.DATE_INVALID', '日期不正确，请重新选择')
  }
  if (date > ctx.now) throw new AppError('OPINION.DATE_INVALID', '日期不能晚于今天')
  if (input.evidenceFileID) await inspectUploads(ctx, [input.evidenceFileID], { kind: 'evidence' })
  const recordId = `up-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 24)}`
  const record: UpwardRecord = {
    id: recordId,
    level: input.level,
    kind: input.kind,
    date: input.date,
    ...(input.note ? { note: input.note } : {}),
    ...(input.evidenceFileID ? { evidenceFileID: input.evidenceFileID } : {})
  }
  const step = input.kind === 'reported' ? 'reported' : input.kind === 'adopted' ? 'upward_adopted' : 'upward_instruction'
  const { doc, fresh }: { doc: OpinionDocument; fresh: boolean } = await transact(ctx.db, async (tx: Transaction) => {
    const current = await txGet(tx, input.id)
    if ((current.upward ?? []).some((u) => u.id === recordId)) return { doc: current, fresh: false }
    if (!['published', 'reported_up'].includes(current.state)) {
      throw new AppError('OPINION.WRONG_STATE', `该信息当前为“${opinionStateLabels[current.state]}”，编入专刊后才能登记报送和采用情况`)
    }
    const data = {
      state: 'reported_up',
      upward: [...(current.upward ?? []), record],
      timeline: [...current.timeline, { step, at: ctx.now, level: input.level, ...(input.note ? { note: input.note } : {}) }],
      history: [...current.history, { action: `upward.${input.kind}`, by: ctx.openid, at: ctx.now, note: `${input.level} ${input.date}` }],
      updatedAt: ctx.now
    }
    await tx.collection('opinions').doc(current._id).update({ data })
    await syncOpinionInTx(tx, current, { ...current, ...data } as OpinionDocument, ctx.now)
    await tx.collection('opinionUpward').doc(recordId).set({
      data: {
        opinionId: current._id,
        level: input.level,
        kind: input.kind,
        date: input.date,
        year: Number(input.date.slice(0, 4)),
        ...(input.evidenceFileID ? { evidenceFileID: input.evidenceFileID } : {}),
        ...(input.note ? { note: input.note } : {}),
        recordedBy: ctx.openid,
        recordedAt: ctx.now
      }
    })
    return { doc: { ...current, ...data } as OpinionDocument, fresh: true }
  })
  if (fresh) await notifySubmitter(ctx, doc, 'upward', input.kind === 'reported' ? '已报送' : input.kind === 'adopted' ? '上级采用' : '领导批示', upwardLabel(record), ctx.now)
  const files = (doc.images ?? []).map((i) => i.fileID).concat((doc.upward ?? []).map((u) => u.evidenceFileID).filter((f): f is string => Boolean(f)))
  return detailOf(doc, { openid: ctx.openid, staff: true, names: await namesOf(ctx.db, doc.history.map((h) => h.by)) }, await tempUrls(ctx, files))
}

export { timelineLabel }

/**
 * Staff moderation of what the shared content check held on topics (issue
 * 13 item 1): proposals, department progress and results, rating comments
 * whose text check said review or failed, and images whose asynchronous
 * check said review or risky or failed. Nothing of it is public until staff
 * approve it here; comments have their own queue (comments.ts).
 */
import type { HeldContent } from '../../src/core/actions/topic'
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { imageCheckLabels, imagesNeedReview } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'
import { findPage } from '../_shared/db'
import { getInTx, transact } from '../_shared/transaction'
import { filesOf, hashOf, holdWaiting, waitingOf, type Hold, type RecommendationDocument, type TopicDocument, type TopicFile } from './model'
import { holdReason, receiptFor, tempUrls, withReceipt } from './shared'

/** The key staff pass to release an image (a hash of its neutral file ID). */
function imageKey(fileID: string): string {
  return `image:${hashOf(fileID, 16)}`
}

/** Files a person must look at: their check said review or risky, or failed. */
function doubtful(f: TopicFile): boolean {
  return f.check === 'review' || f.check === 'risky' || f.check === 'error'
}

function fileLabel(t: TopicDocument, f: TopicFile): { label: string; author: string } {
  if (f.use === 'topic') return { label: '议题图片', author: t.proposerName ?? '群众' }
  const [recId, part] = [f.use.slice(0, f.use.lastIndexOf(':')), f.use.slice(f.use.lastIndexOf(':') + 1)]
  const dept = (t.recommendations ?? []).find((r) => r.id === recId)?.departmentName ?? '承办单位'
  const what = part === 'evidence' ? '佐证材料' : part === 'before' ? '整改前照片' : '整改后照片'
  return { label: `${what}（${dept}）`, author: dept }
}

const iso = (d: Date | string | undefined) => new Date(d ?? 0).toISOString()

/** Everything on one topic that waits for staff, without URLs. */
type HeldItem = Omit<HeldContent, 'image'> & { fileID?: string }

export function heldItemsOf(t: TopicDocument): HeldItem[] {
  const base = { topicId: t._id, topicTitle: t.title }
  const items: HeldItem[] = []
  if (holdWaiting(t.hold)) {
    items.push({
      ...base,
      key: 'proposal',
      kind: 'proposal',
      label: '议题内容',
      reason: holdReason(t.hold!),
      text: [t.title, t.description, t.place ? `地点：${t.place}` : ''].filter(Boolean).join('\n'),
      author: t.proposerName ?? '群众',
      at: iso(t.createdAt)
    })
  }
  for (const r of t.recommendations ?? []) {
    for (const p of r.progress ?? []) {
      if (p.id && holdWaiting(p.hold)) {
        items.push({ ...base, key: `progress:${r.id}:${p.id}`, kind: 'progress', label: `办理进展（${r.departmentName}）`, reason: holdReason(p.hold!), text: p.text, author: r.departmentName, at: iso(p.at) })
      }
    }
    if (holdWaiting(r.resultHold)) {
      items.push({ ...base, key: `result:${r.id}`, kind: 'result', label: `办理结果（${r.departmentName}）`, reason: holdReason(r.resultHold!), text: r.resultText ?? '', author: r.departmentName, at: iso(r.answeredAt) })
    }
  }
  if (t.rating && holdWaiting(t.rating.hold)) {
    items.push({ ...base, key: 'rating', kind: 'rating', label: '办结评价', reason: holdReason(t.rating.hold!), text: t.rating.comment ?? '', author: t.proposerName ?? '群众', at: iso(t.rating.at) })
  }
  for (const f of filesOf(t).filter(doubtful)) {
    items.push({ ...base, key: imageKey(f.fileID), kind: 'image', ...fileLabel(t, f), reason: imageCheckLabels[f.check], fileID: f.fileID, at: iso(t.updatedAt) })
  }
  return items
}

/**
 * What waits for staff, by topic (oldest change first), each item with a
 * Chinese reason and the key for {@link release}; images with a temporary
 * URL. DB: one read per page.
 */
export async function heldContent(input: ParsedInput<'topic.heldContent'>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const page = await findPage<TopicDocument>(ctx.db, 'topics', {
    where: _.or([{ waiting: true }, { imagesHeld: true }]) as unknown as Record<string, unknown>,
    sortField: 'updatedAt',
    direction: 'asc',
    limit: input.limit,
    cursor: input.cursor
  })
  const raw = page.items.flatMap(heldItemsOf)
  const urls = await tempUrls(ctx, raw.flatMap((i) => (i.fileID ? [i.fileID] : [])))
  const items: HeldContent[] = raw.map(({ fileID, ...item }) => ({ ...item, ...(fileID ? { image: { fileID, ...(urls[fileID] ? { url: urls[fileID] } : {}) } } : {}) }))
  return { items, nextCursor: page.nextCursor }
}

type ReleaseReply = { decision: 'approve' | 'remove'; remaining: number }

/**
 * Staff decide one held item of a topic. approve: the text is published (a
 * proposal becomes visible), an image counts as passed; remove: the text
 * stays hidden (the author sees staff's reason), an image is dropped from
 * the topic. One transaction; the reply kept as a receipt (a retry answers
 * it). Errors: TOPIC.NOT_FOUND, TOPIC.NOTHING_HELD.
 */
export async function release(input: ParsedInput<'topic.release'>, ctx: HandlerContext) {
  const now = ctx.now
  return transact(ctx.db, async (t): Promise<ReleaseReply> => {
    const topic = await getInTx<TopicDocument>(t, 'topics', input.id)
    if (!topic) throw new AppError('TOPIC.NOT_FOUND')
    const prior = receiptFor<ReleaseReply>(topic, ctx)
    if (prior) return prior.reply
    const decide = (hold: Hold | undefined): Hold => {
      if (!holdWaiting(hold)) throw new AppError('TOPIC.NOTHING_HELD')
      return { ...hold!, decision: input.decision, at: now, ...(input.reason ? { reason: input.reason } : {}) }
    }
    let next: TopicDocument = { ...topic }
    const key = input.key
    if (key === 'proposal') {
      const hold = decide(topic.hold)
      next = { ...next, hold, visible: input.decision === 'approve' ? topic.state !== 'draft' : topic.visible }
    } else if (key === 'rating') {
      if (!topic.rating) throw new AppError('TOPIC.NOTHING_HELD')
      next = { ...next, rating: { ...topic.rating, hold: decide(topic.rating.hold) } }
    } else if (key.startsWith('progress:') || key.startsWith('result:')) {
      const isResult = key.startsWith('result:')
      const rest = key.slice(key.indexOf(':') + 1)
      const recId = isResult ? rest : rest.slice(0, rest.lastIndexOf(':'))
      const entryId = isResult ? '' : rest.slice(rest.lastIndexOf(':') + 1)
      let found = false
      const recs = (topic.recommendations ?? []).map((r): RecommendationDocument => {
        if (r.id !== recId) return r
        if (isResult) {
          found = true
          return { ...r, resultHold: decide(r.resultHold) }
        }
        return {
          ...r,
          progress: (r.progress ?? []).map((p) => {
            if (p.id !== entryId) return p
            found = true
            return { ...p, hold: decide(p.hold) }
          })
        }
      })
      if (!found) throw new AppError('TOPIC.NOTHING_HELD')
      next = { ...next, recommendations: recs }
    } else if (key.startsWith('image:')) {
      const file = filesOf(topic).find((f) => imageKey(f.fileID) === key && doubtful(f))
      if (!file) throw new AppError('TOPIC.NOTHING_HELD')
      if (input.decision === 'approve') {
        next = { ...next, images: filesOf(topic).map((f) => (f === file ? { ...f, check: 'pass' as const } : f)) }
      } else {
        const drop = (list: string[] | undefined) => (list ?? []).filter((id) => id !== file.fileID)
        next = {
          ...next,
          images: filesOf(topic).filter((f) => f !== file),
          recommendations: (topic.recommendations ?? []).map((r) => ({ ...r, evidence: drop(r.evidence), beforePhotos: drop(r.beforePhotos), afterPhotos: drop(r.afterPhotos) }))
        }
      }
    } else {
      throw new AppError('TOPIC.NOTHING_HELD')
    }
    const reply: ReleaseReply = { decision: input.decision, remaining: heldItemsOf(next).length }
    await t.collection('topics').doc(topic._id).update({
      data: {
        ...(next.hold ? { hold: next.hold } : {}),
        visible: next.visible,
        ...(next.rating ? { rating: next.rating } : {}),
        recommendations: next.recommendations ?? [],
        images: next.images ?? [],
        imagesHeld: imagesNeedReview(next.images),
        waiting: waitingOf(next),
        receipts: withReceipt(topic.receipts, ctx, reply),
        updatedAt: now
      }
    })
    return reply
  })
}

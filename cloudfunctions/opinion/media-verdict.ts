/**
 * Verdicts of WeChat's asynchronous image check (`security.mediaCheckAsync`,
 * version 2) for 社情民意 images (issue 4: a risky, doubtful or failed check
 * sends the item to staff review, never straight through).
 *
 * WeChat answers the check later by message push (`Event: 'wxa_media_check'`,
 * matched by `trace_id`). The push can arrive before the item that holds the
 * image is saved (the check is requested while the submission is still being
 * written), and a push can also never come. So:
 * - every verdict is first kept in `mediaVerdicts` (id = trace_id), then
 *   applied to the item; when no item holds the trace id yet, the push
 *   handler looks again after {@link PUSH_RETRY_DELAYS_MS};
 * - the `imageChecks` timer ({@link sweepImageChecks}) applies kept verdicts
 *   to items still waiting, and after {@link VERDICT_OVERDUE_MS} without a
 *   verdict treats the check as failed (the item goes to a person).
 * Applying is idempotent (a trace id leaves `imageTraceIds` once applied),
 * so the push, its retries and the timer may overlap. Submitting costs no
 * extra database operation for this (issue 4 target: submit <= 3).
 */
import type { Database, Transaction } from '../_shared/cloud'
import { rowsOf } from '../_shared/db'
import { txGet, type ImageCheck, type OpinionDocument } from './model'
import { imageFlags } from './safety'

/** The push WeChat sends when an asynchronous media check is done. */
export interface MediaCheckPush {
  Event: 'wxa_media_check'
  trace_id: string
  errcode?: number
  result?: { suggest?: string; label?: number }
}

/** A kept verdict (collection `mediaVerdicts`, `_id` = trace_id). */
export interface MediaVerdictDocument {
  _id: string
  verdict: ImageCheck
  /** When the push arrived (UTC). */
  at: Date
}

function verdictOf(push: MediaCheckPush): ImageCheck {
  const suggest = push.errcode && push.errcode !== 0 ? 'error' : push.result?.suggest
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'error'
}

/**
 * Sets one image's verdict on an item: `pass` clears the image; `review`,
 * `risky` or `error` flag the item, and a `submitted` item moves to
 * `in_review` (处理中). Does nothing when the trace id is no longer pending
 * on the item (already applied). Output: whether the item changed.
 * DB: one transaction (get + update).
 */
async function applyToItem(db: Database, itemId: string, traceId: string, verdict: ImageCheck, now: Date): Promise<boolean> {
  return (await db.runTransaction(async (tx: Transaction) => {
    const doc = await txGet(tx, itemId)
    if (!(doc.imageTraceIds ?? []).includes(traceId)) return false
    const images = doc.images.map((i) => (i.traceId === traceId ? { ...i, check: verdict } : i))
    const flags = [...new Set([...(doc.flags ?? []).filter((f) => !f.startsWith('image_')), ...imageFlags(images)])]
    const moveToReview = verdict !== 'pass' && doc.state === 'submitted'
    await tx.collection('opinions').doc(doc._id).update({
      data: {
        images,
        imageTraceIds: doc.imageTraceIds.filter((t) => t !== traceId),
        flags,
        ...(moveToReview ? { state: 'in_review', timeline: [...doc.timeline, { step: 'processing', at: now }] } : {}),
        history: [...doc.history, { action: 'imageCheck', by: 'system', at: now, note: verdict }],
        updatedAt: now
      }
    })
    return true
  })) as boolean
}

/** Waits before looking again for the item of an early push (ms); 2 s in all, well inside the function's 20 s timeout. */
export const PUSH_RETRY_DELAYS_MS = [500, 1500]

/** After this long with no verdict (ms, since the item last changed) a check counts as failed. */
export const VERDICT_OVERDUE_MS = 30 * 60_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Handles one `wxa_media_check` push: keeps the verdict, then applies it to
 * the item holding `trace_id`, looking again after each of
 * `retryDelaysMs` while no item holds it. Output `{updated}`: whether an item
 * changed now (false: no item yet — the timer applies it later — or already
 * applied). DB: 1 write + 1 query per look (+ a transaction when found).
 */
export async function applyMediaVerdict(
  db: Database,
  push: MediaCheckPush,
  now: Date,
  retryDelaysMs: number[] = PUSH_RETRY_DELAYS_MS
): Promise<{ updated: boolean }> {
  const verdict = verdictOf(push)
  await db.collection('mediaVerdicts').doc(push.trace_id).set({ data: { verdict, at: now } })
  for (const wait of [0, ...retryDelaysMs]) {
    if (wait) await sleep(wait)
    const found = rowsOf<OpinionDocument>(await db.collection('opinions').where({ imageTraceIds: push.trace_id }).field({ _id: true }).limit(1).get())[0]
    if (found) return { updated: await applyToItem(db, found._id, push.trace_id, verdict, now) }
  }
  return { updated: false }
}

/** Items looked at per timer run; the rest wait for the next run (every 10 minutes). */
const SWEEP_BATCH = 100

/**
 * Timer `imageChecks` (cloudfunctions/opinion/config.json, every 10
 * minutes): for items with image checks still pending, applies verdicts
 * that were kept but not applied, and marks checks with no verdict after
 * {@link VERDICT_OVERDUE_MS} as failed (`error`: flagged, to a person).
 * Output `{items, applied, overdue}`. DB: 1 query for the items, 1 query
 * for their kept verdicts, then a transaction per change.
 */
export async function sweepImageChecks(db: Database, now: Date): Promise<{ items: number; applied: number; overdue: number }> {
  const _ = db.command
  const items = rowsOf<Pick<OpinionDocument, '_id' | 'imageTraceIds' | 'updatedAt'>>(
    await db
      .collection('opinions')
      .where({ 'imageTraceIds.0': _.exists(true) })
      .field({ _id: true, imageTraceIds: true, updatedAt: true })
      .limit(SWEEP_BATCH)
      .get()
  )
  const traceIds = items.flatMap((i) => i.imageTraceIds ?? [])
  const kept = new Map<string, ImageCheck>()
  for (let from = 0; from < traceIds.length; from += SWEEP_BATCH) {
    const rows = rowsOf<MediaVerdictDocument>(await db.collection('mediaVerdicts').where({ _id: _.in(traceIds.slice(from, from + SWEEP_BATCH)) }).limit(SWEEP_BATCH).get())
    for (const r of rows) kept.set(r._id, r.verdict)
  }
  let applied = 0
  let overdue = 0
  for (const item of items) {
    const late = now.getTime() - new Date(item.updatedAt).getTime() > VERDICT_OVERDUE_MS
    for (const traceId of item.imageTraceIds ?? []) {
      const verdict = kept.get(traceId)
      if (verdict) {
        if (await applyToItem(db, item._id, traceId, verdict, now)) applied++
      } else if (late && (await applyToItem(db, item._id, traceId, 'error', now))) overdue++
    }
  }
  return { items: items.length, applied, overdue }
}

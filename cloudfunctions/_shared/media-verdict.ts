/**
 * Verdicts of WeChat's asynchronous image check (`security.mediaCheckAsync`,
 * version 2) for every record that holds checked images (content-safety.ts):
 * a risky, doubtful or failed check keeps the image from the public and
 * sends it to a person, never straight through.
 *
 * WeChat answers the check later by message push (`Event: 'wxa_media_check'`,
 * matched by `trace_id`; the mini-program's message push routes it to the
 * `opinion` function, which hands it here). The push can arrive before the
 * record that holds the image is saved, and a push can also never come. So
 * (decision 17):
 * - every verdict is first kept in `mediaVerdicts` (id = trace_id), then
 *   applied to the record; when no record holds the trace id yet, the push
 *   handler looks again after {@link PUSH_RETRY_DELAYS_MS};
 * - the `imageChecks` timer ({@link sweepImageChecks}) applies kept verdicts
 *   to records still waiting, and after {@link VERDICT_OVERDUE_MS} without a
 *   verdict treats the check as failed (the record goes to a person).
 * Applying is idempotent (a trace id leaves `imageTraceIds` once applied),
 * so the push, its retries and the timer may overlap.
 *
 * A holder is a collection whose documents carry `images: FileRecord[]` and
 * `imageTraceIds: string[]` (indexed). Applying sets the image's check,
 * removes the trace id, sets `imagesHeld` (some image waits for a person)
 * and whatever the holder's `patch` adds (社情民意 moves the item to review).
 */
import type { Database, Transaction } from './cloud'
import { rowsOf } from './db'
import { imagesNeedReview, type FileRecord, type ImageCheck } from './content-safety'
import { transact } from './transaction'

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

/** A document that holds checked images. */
export interface ImageHolderDocument {
  _id: string
  images: FileRecord[]
  imageTraceIds: string[]
  updatedAt: Date
  [field: string]: unknown
}

/** A collection whose documents hold checked images, with what else changes when a verdict lands. */
export interface MediaHolder {
  collection: string
  /** Extra fields to write with the verdict (the document as read, its images after the verdict). */
  patch?: (doc: ImageHolderDocument, images: FileRecord[], verdict: ImageCheck, now: Date) => Record<string, unknown>
}

function verdictOf(push: MediaCheckPush): ImageCheck {
  const suggest = push.errcode && push.errcode !== 0 ? 'error' : push.result?.suggest
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'error'
}

/** Waits before looking again for the record of an early push (ms); 2 s in all, well inside the function's 20 s timeout. */
export const PUSH_RETRY_DELAYS_MS = [500, 1500]

/** After this long with no verdict (ms, since the record last changed) a check counts as failed. */
export const VERDICT_OVERDUE_MS = 30 * 60_000

/** Records looked at per collection per timer run; the rest wait for the next run (every 10 minutes). */
const SWEEP_BATCH = 100

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The push handler and the timer for a set of holders. */
export function mediaVerdicts(holders: MediaHolder[]) {
  /**
   * Sets one image's verdict on a record. Does nothing when the trace id is
   * no longer pending on it (already applied). Output: whether it changed.
   * DB: one transaction (get + update).
   */
  async function applyTo(db: Database, holder: MediaHolder, id: string, traceId: string, verdict: ImageCheck, now: Date): Promise<boolean> {
    return (await transact(db, async (tx: Transaction) => {
      let doc: ImageHolderDocument | undefined
      try {
        doc = (await tx.collection(holder.collection).doc(id).get()).data as ImageHolderDocument
      } catch {
        doc = undefined
      }
      if (!doc || !(doc.imageTraceIds ?? []).includes(traceId)) return false
      doc = { ...doc, _id: id }
      const images = (doc.images ?? []).map((i) => (i.traceId === traceId ? { ...i, check: verdict } : i))
      await tx.collection(holder.collection).doc(id).update({
        data: {
          images,
          imageTraceIds: doc.imageTraceIds.filter((t) => t !== traceId),
          imagesHeld: imagesNeedReview(images),
          ...(holder.patch ? holder.patch(doc, images, verdict, now) : {}),
          updatedAt: now
        }
      })
      return true
    })) as boolean
  }

  /** The first holder record waiting for `traceId`, or undefined. One query per holder until found. */
  async function findHolder(db: Database, traceId: string): Promise<{ holder: MediaHolder; id: string } | undefined> {
    for (const holder of holders) {
      const found = rowsOf<{ _id: string }>(await db.collection(holder.collection).where({ imageTraceIds: traceId }).field({ _id: true }).limit(1).get())[0]
      if (found) return { holder, id: found._id }
    }
    return undefined
  }

  /**
   * Handles one `wxa_media_check` push: keeps the verdict, then applies it to
   * the record holding `trace_id`, looking again after each of
   * `retryDelaysMs` while no record holds it. Output `{updated}`: whether a
   * record changed now (false: none yet — the timer applies it later — or
   * already applied). DB: 1 write + up to one query per holder per look
   * (+ a transaction when found).
   */
  async function applyMediaVerdict(db: Database, push: MediaCheckPush, now: Date, retryDelaysMs: number[] = PUSH_RETRY_DELAYS_MS): Promise<{ updated: boolean }> {
    const verdict = verdictOf(push)
    await db.collection('mediaVerdicts').doc(push.trace_id).set({ data: { verdict, at: now } })
    for (const wait of [0, ...retryDelaysMs]) {
      if (wait) await sleep(wait)
      const found = await findHolder(db, push.trace_id)
      if (found) return { updated: await applyTo(db, found.holder, found.id, push.trace_id, verdict, now) }
    }
    return { updated: false }
  }

  /**
   * Timer `imageChecks` (every 10 minutes): for records with image checks
   * still pending, applies verdicts that were kept but not applied, and
   * marks checks with no verdict after {@link VERDICT_OVERDUE_MS} as failed
   * (`error`: held for a person). Output `{items, applied, overdue}` summed
   * over the holders. DB per holder: 1 query for the records, 1 query per
   * 100 trace ids for their kept verdicts, then a transaction per change.
   */
  async function sweepImageChecks(db: Database, now: Date): Promise<{ items: number; applied: number; overdue: number }> {
    const _ = db.command
    let items = 0
    let applied = 0
    let overdue = 0
    for (const holder of holders) {
      const rows = rowsOf<Pick<ImageHolderDocument, '_id' | 'imageTraceIds' | 'updatedAt'>>(
        await db
          .collection(holder.collection)
          .where({ 'imageTraceIds.0': _.exists(true) })
          .field({ _id: true, imageTraceIds: true, updatedAt: true })
          .limit(SWEEP_BATCH)
          .get()
      )
      items += rows.length
      const traceIds = rows.flatMap((i) => i.imageTraceIds ?? [])
      const kept = new Map<string, ImageCheck>()
      for (let from = 0; from < traceIds.length; from += SWEEP_BATCH) {
        const found = rowsOf<MediaVerdictDocument>(await db.collection('mediaVerdicts').where({ _id: _.in(traceIds.slice(from, from + SWEEP_BATCH)) }).limit(SWEEP_BATCH).get())
        for (const r of found) kept.set(r._id, r.verdict)
      }
      for (const row of rows) {
        const late = now.getTime() - new Date(row.updatedAt).getTime() > VERDICT_OVERDUE_MS
        for (const traceId of row.imageTraceIds ?? []) {
          const verdict = kept.get(traceId)
          if (verdict) {
            if (await applyTo(db, holder, row._id, traceId, verdict, now)) applied++
          } else if (late && (await applyTo(db, holder, row._id, traceId, 'error', now))) overdue++
        }
      }
    }
    return { items, applied, overdue }
  }

  return { applyMediaVerdict, sweepImageChecks }
}

/**
 * The one way a cloud function runs a database transaction (issue 13 item 4:
 * contention is bounded and cheap).
 *
 * The platform's transactions are optimistic: a commit fails with a write
 * conflict when another write changed a document this transaction wrote.
 * {@link transact} retries such a transaction a small fixed number of times
 * ({@link TRANSACTION_ATTEMPTS} attempts in all) after a jittered,
 * doubling wait, and then gives up with `COMMON.BUSY` (现在操作的人较多，
 * 请稍后重试) — never `COMMON.INTERNAL`, never the platform's 20 s time-out.
 * The client retries a `COMMON.BUSY` answer once by itself with the same
 * requestId (src/services/call.ts).
 *
 * Costs per attempt: start + the body's operations + commit (a failed
 * attempt adds an abort only when the body itself threw).
 */
import { AppError } from '../../src/core/errors'
import type { Database } from './cloud'

/** A transaction handle (the SDK's typings are loose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = any

/** Attempts of one transaction before `COMMON.BUSY` (the first try and 3 retries). */
export const TRANSACTION_ATTEMPTS = 4
/** Upper bound of the first retry's random wait (ms); it doubles each retry: <= 25, 50, 100 ms. */
export const BACKOFF_BASE_MS = 25

/**
 * Whether an error is an optimistic-transaction write conflict (CloudBase
 * `DATABASE_TRANSACTION_CONFLICT`, MongoDB `WriteConflict`), whether raw
 * from the transaction's commit or wrapped by wx-server-sdk.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object') return /TRANSACTION_CONFLICT|transaction conflict|WriteConflict/i.test(String(error ?? ''))
  const e = error as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown }
  const text = `${String(e.code ?? '')} ${String(e.errCode ?? '')} ${String(e.errMsg ?? '')} ${String(e.message ?? '')}`
  return /TRANSACTION_CONFLICT|transaction conflict|WriteConflict|write conflict/i.test(text)
}

/** Options of {@link transact}; the defaults are the product's rule, tests may shorten the waits. */
export interface TransactOptions {
  /** Attempts in all (default {@link TRANSACTION_ATTEMPTS}). */
  attempts?: number
  /** Upper bound of the first random wait, ms (default {@link BACKOFF_BASE_MS}). */
  backoffMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `body` in one database transaction and commits it. A write conflict
 * (at a write or at the commit) runs the whole body again in a new
 * transaction after a random wait in [0, backoff · 2^retry) ms, up to
 * `attempts` attempts in all; then `AppError('COMMON.BUSY')`. Any error
 * thrown by the body (an `AppError` for a rule, or a database error such as
 * a duplicate key) aborts the transaction and reaches the caller unchanged.
 * Returns the body's result. `body` must be safe to run more than once
 * (it only reads and writes through `t`).
 */
export async function transact<T>(db: Database, body: (t: Tx) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? TRANSACTION_ATTEMPTS)
  const backoff = options.backoffMs ?? BACKOFF_BASE_MS
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(Math.random() * backoff * 2 ** (attempt - 1))
    const t = await db.startTransaction()
    let result: T
    try {
      result = await body(t)
    } catch (error) {
      try {
        await t.rollback()
      } catch {
        // Already ended by the database (a conflict ends it).
      }
      if (isTransactionConflict(error)) continue
      throw error
    }
    try {
      await t.commit()
    } catch (error) {
      if (isTransactionConflict(error)) continue
      throw error
    }
    return result
  }
  throw new AppError('COMMON.BUSY')
}

/** `doc(id).get()` inside a transaction, null when missing. One operation. */
export async function getInTx<T>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    const data = (res as { data?: T | null }).data
    if (!data) return null
    return { ...(data as object), _id: id } as T
  } catch (error) {
    if (/not\s*exist|cannot find|不存在|DOCUMENT_NOT_FOUND|-502004|not found/i.test(String((error as Error)?.message ?? error))) return null
    throw error
  }
}

/**
 * Thin typed helpers over the SDK's query builder. Each helper is one DB
 * operation unless its doc says otherwise.
 */
import type { Database } from './cloud'
import { decodeCursor, encodeCursor, PAGE_SIZE_MAX, type Page } from '../../src/core/paging'
import { AppError } from '../../src/core/errors'

/** The SDK's `get()` answer, typed. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { data?: T[] })?.data ?? []) as T[]
}

/** One document by `_id`, or null. One read (`where` + `limit(1)`: `doc().get()` throws on a miss). */
export async function findById<T>(db: Database, collection: string, id: string): Promise<T | null> {
  const result = await db.collection(collection).where({ _id: id }).limit(1).get()
  return rowsOf<T>(result)[0] ?? null
}

export interface PageQuery {
  /** Conditions in the SDK's query language (may use `db.command`). */
  where: Record<string, unknown>
  /** Field ordered by, then `_id` in the same direction. */
  sortField: string
  direction: 'asc' | 'desc'
  limit?: number
  cursor?: string
}

/**
 * One page with cursor pagination on `(sortField, _id)` (architecture.md,
 * "Lists"): asks for `limit + 1` rows to know whether there is a next page.
 * One read. Throws `COMMON.INVALID_INPUT` ('翻页参数不正确') on a cursor
 * `encodeCursor` did not write (see `decodeCursor`: bad date, empty key,
 * wrong shape, huge number), before any query, so nothing forged reaches
 * the SDK (issue 13 item 7).
 */
export async function findPage<T extends { _id: string }>(db: Database, collection: string, query: PageQuery): Promise<Page<T>> {
  const _ = db.command
  const limit = Math.min(query.limit ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX)
  let position
  try {
    position = decodeCursor(query.cursor)
  } catch {
    throw new AppError('COMMON.INVALID_INPUT', '翻页参数不正确', [{ path: 'cursor', message: '翻页参数不正确' }])
  }
  let where: unknown = query.where
  if (position) {
    const beyond = query.direction === 'asc' ? _.gt : _.lt
    const key = isoToDate(position.key)
    where = _.and([
      query.where,
      _.or([{ [query.sortField]: beyond(key) }, { [query.sortField]: _.eq(key), _id: beyond(position.id) }])
    ])
  }
  const result = await db
    .collection(collection)
    .where(where as Record<string, unknown>)
    .orderBy(query.sortField, query.direction)
    .orderBy('_id', query.direction)
    .limit(limit + 1)
    .get()
  return pageOfRows(rowsOf<T>(result), query.limit, query.sortField)
}

/**
 * The page made of `rows` read as {@link findPage} reads them (ordered by
 * `(sortField, _id)`, at most `limit + 1` rows, `limit` capped at
 * PAGE_SIZE_MAX): the first `limit` rows, and the cursor of the next page
 * when there was one more row. Pure; for reads that fetch a first page in
 * another way (e.g. inside an aggregate's `$lookup`).
 */
export function pageOfRows<T extends { _id: string }>(rows: T[], requestedLimit: number | undefined, sortField: string): Page<T> {
  const limit = Math.min(requestedLimit ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX)
  const items = rows.slice(0, limit)
  if (rows.length <= limit) return { items }
  const last = items[items.length - 1] as unknown as Record<string, unknown>
  const keyValue = last[sortField]
  return {
    items,
    nextCursor: encodeCursor({ key: keyValue instanceof Date ? `d:${keyValue.toISOString()}` : (keyValue as string | number), id: last._id as string })
  }
}

/** Cursor keys that were Dates travel as `d:<ISO>` (already checked to be a real instant by `decodeCursor`). */
function isoToDate(key: string | number): string | number | Date {
  return typeof key === 'string' && key.startsWith('d:') ? new Date(key.slice(2)) : key
}

/**
 * Reads every document matching `where`, 100 at a time (the cloud's cap per
 * `get()` from a function), ordered by `_id`. Several reads; for server-side
 * jobs (exports, counts by hand), never for a phone's list. `field` is an
 * optional projection (e.g. `{ lines: false }`), as `get()`'s `field()`.
 */
export async function findAll<T extends { _id: string }>(db: Database, collection: string, where: Record<string, unknown>, field?: Record<string, boolean>): Promise<T[]> {
  const _ = db.command
  const out: T[] = []
  let after: string | undefined
  for (;;) {
    const condition = after ? _.and([where, { _id: _.gt(after) }]) : where
    const query = db.collection(collection).where(condition as Record<string, unknown>)
    const rows = rowsOf<T>(await (field ? query.field(field) : query).orderBy('_id', 'asc').limit(100).get())
    out.push(...rows)
    if (rows.length < 100) return out
    after = rows[rows.length - 1]._id
  }
}

/**
 * Whether a database error is a duplicate `_id` or unique-key violation
 * (CloudBase DATABASE_REQUEST_FAILED -502001, "E11000 duplicate key"). Used
 * where a deterministic `_id` makes the insert itself the "only once" check.
 */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { errCode?: number; message?: string } | undefined
  return e?.errCode === -502001 || /E11000|duplicate key/i.test(String(e?.message ?? error ?? ''))
}

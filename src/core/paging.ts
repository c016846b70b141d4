/**
 * Cursor pagination (architecture.md, "Lists"): pages of at most 20 to the
 * phone, ordered by `(sortKey, _id)`. The cursor is opaque to the client.
 */
import { z } from './zod'

export const PAGE_SIZE_MAX = 20
/**
 * Longest cursor accepted (characters of base64url). Room for a 200-unit
 * sort key in UTF-8 (a studio's 40-character Chinese sort key is 120 bytes)
 * plus an id; 200 was too short for such a key.
 */
const CURSOR_MAX = 1000

export const pageInput = {
  limit: z.number({ error: '每页条数应为数字' }).int().min(1).max(PAGE_SIZE_MAX).optional(),
  /** Opaque: base64url of `[key, id]` as written by {@link encodeCursor}; anything else is refused. */
  cursor: z.string({ error: '翻页参数不正确' }).max(CURSOR_MAX, '翻页参数不正确').regex(/^[A-Za-z0-9_-]*$/, '翻页参数不正确').optional()
}

export interface Page<T> {
  items: T[]
  /** Absent on the last page. */
  nextCursor?: string
}

/** Position after the last item of a page: its sort key and `_id`. */
export interface CursorPosition {
  key: string | number
  id: string
}

/** Server side only (uses Buffer): base64url of `[key, id]`. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url')
}

/** A cursor that is not one {@link encodeCursor} wrote; the server answers COMMON.INVALID_INPUT. */
export class BadCursorError extends Error {
  constructor(reason: string) {
    super(`bad cursor: ${reason}`)
    this.name = 'BadCursorError'
  }
}

/** `d:` + exactly what `Date.prototype.toISOString` writes (a Date sort key). */
const DATE_KEY = /^d:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/
/** Document ids: printable ASCII without spaces, 1-128 characters. */
const CURSOR_ID = /^[\x21-\x7E]{1,128}$/
/** Longest string sort key (UTF-16 units). */
const KEY_MAX = 200

/**
 * Decodes a cursor. Returns undefined for an absent (or empty) cursor; throws
 * {@link BadCursorError} for anything {@link encodeCursor} could not have
 * written (issue 13 item 7): not base64url JSON, not a `[key, id]` pair, an
 * empty or over-long key or id, a number that is not a safe integer-range
 * finite number (|n| <= 2^53 - 1), a `d:` key that is not a real instant in
 * `toISOString` form (`d:not-a-date`, `d:2025-02-30T...`). So no forged value
 * ever reaches a database query.
 */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadCursorError('not base64url')
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new BadCursorError('not JSON')
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new BadCursorError('not a [key, id] pair')
  const [key, id] = parsed as unknown[]
  if (typeof id !== 'string' || !CURSOR_ID.test(id)) throw new BadCursorError('bad id')
  if (typeof key === 'number') {
    if (!Number.isFinite(key) || Math.abs(key) > Number.MAX_SAFE_INTEGER) throw new BadCursorError('bad number key')
    return { key, id }
  }
  if (typeof key !== 'string' || key.length === 0 || key.length > KEY_MAX) throw new BadCursorError('bad key')
  if (key.startsWith('d:')) {
    const iso = DATE_KEY.exec(key)?.[1]
    const instant = iso ? new Date(iso) : undefined
    if (!iso || !instant || Number.isNaN(instant.getTime()) || instant.toISOString() !== iso) throw new BadCursorError('bad date key')
  }
  return { key, id }
}

/**
 * Cursor pagination (architecture.md, "Lists"): pages of at most 20 to the
 * phone, ordered by `(sortKey, _id)`. The cursor is opaque to the client.
 */
import { z } from './zod'

export const PAGE_SIZE_MAX = 20

export const pageInput = {
  limit: z.number({ error: '每页条数应为数字' }).int().min(1).max(PAGE_SIZE_MAX).optional(),
  cursor: z.string().max(200, '翻页参数不正确').optional()
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

export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify([position.key, position.id])
  return typeof Buffer !== 'undefined' ? Buffer.from(json, 'utf8').toString('base64url') : json
}

/** Returns undefined for an absent cursor; throws on a malformed one (caller maps to COMMON.INVALID_INPUT). */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || !['string', 'number'].includes(typeof parsed[0])) {
    throw new Error('bad cursor')
  }
  return { key: parsed[0] as string | number, id: parsed[1] }
}

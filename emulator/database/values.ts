/**
 * Value handling on the wire: canonical EJSON in and out (bson 6), the
 * server-date marker, RegExp conversion for mingo, and stable keys for ids and
 * index entries.
 */
import { randomBytes } from 'crypto'
import { BSONRegExp, EJSON } from 'bson'
import { CloudError } from '../types'

/** A stored document: plain object with `_id`. */
export type Doc = Record<string, any>

/**
 * Parse one EJSON string sent by @cloudbase/database (it always uses
 * `EJSON.stringify(x, {relaxed: false})`).
 * @throws CloudError INVALID_PARAM (SDK errCode -501007) on malformed input.
 */
export function parseEJSON(text: unknown, what: string): any {
  if (typeof text !== 'string') {
    throw new CloudError('INVALID_PARAM', `${what} must be an EJSON string`)
  }
  try {
    return EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw new CloudError('INVALID_PARAM', `malformed EJSON in ${what}: ${(e as Error).message}`)
  }
}

/** Canonical EJSON string of a value (what the SDK parses with EJSON.parse). */
export function toEJSON(value: unknown): string {
  return EJSON.stringify(value as any, { relaxed: false })
}

function isPlainObject(v: unknown): v is Record<string, any> {
  if (typeof v !== 'object' || v === null) return false
  const p = Object.getPrototypeOf(v)
  return p === Object.prototype || p === null
}

/**
 * Replace every `{"$tcb_server_date": {"offset": ms}}` marker (what
 * `db.serverDate({offset})` serialises to) with `new Date(now + offset)`.
 * `now` is the emulator's clock in ms since the epoch (UTC). Returns a new
 * value; the input is not modified.
 */
export function replaceServerDates(value: any, now: number): any {
  if (Array.isArray(value)) return value.map((v) => replaceServerDates(v, now))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(value.$tcb_server_date?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Record<string, any> = {}
  for (const k of keys) out[k] = replaceServerDates(value[k], now)
  return out
}

/**
 * Prepare a decoded query/pipeline for mingo: BSONRegExp -> RegExp (mingo
 * matches native RegExp), `{$regularExpression: {pattern, options}}` left by
 * raw queries -> RegExp, server dates replaced.
 */
export function toMingo(value: any, now: number): any {
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options)
  if (Array.isArray(value)) return value.map((v) => toMingo(v, now))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') return replaceServerDates(value, now)
  if (keys.length === 1 && keys[0] === '$regularExpression' && isPlainObject(value.$regularExpression)) {
    return toRegExp(String(value.$regularExpression.pattern ?? ''), String(value.$regularExpression.options ?? ''))
  }
  const out: Record<string, any> = {}
  for (const k of keys) out[k] = toMingo(value[k], now)
  return out
}

function toRegExp(pattern: string, options: string): RegExp {
  // MongoDB options i, m, s, x; JS has no x (extended) flag: drop it.
  const flags = options.replace(/[^ims]/g, '')
  try {
    return new RegExp(pattern, flags)
  } catch (e) {
    throw new CloudError('DATABASE_REQUEST_FAILED', `invalid regular expression /${pattern}/: ${(e as Error).message}`)
  }
}

/**
 * Stable string key of a document `_id` (number 1 and string '1' differ, as in
 * the cloud). Used as the primary key in memory and in SQLite.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return 's:' + id
  if (typeof id === 'number') return 'n:' + id
  return 'j:' + toEJSON({ v: id })
}

/**
 * Key of a value inside an index. null and missing share one key (a MongoDB
 * `{f: null}` query matches both).
 */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'z'
  switch (typeof v) {
    case 'string':
      return 's:' + v
    case 'number':
      return 'n:' + v
    case 'boolean':
      return 'b:' + v
    default:
      if (v instanceof Date) return 'd:' + v.getTime()
      return 'j:' + toEJSON({ v })
  }
}

/** True for plain JSON-like objects (not Date, RegExp, bson types). */
export { isPlainObject }

/**
 * New `_id` for a document added without one: 32 lowercase hex characters,
 * time-ordered prefix (seconds) then random, like the ids the cloud returns.
 */
export function newDocId(): string {
  const t = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')
  return t + randomBytes(12).toString('hex')
}

/**
 * Shared bits of the emulator's browser-facing endpoints (`POST /functions/<name>`,
 * `POST /storage/upload`, downloads): CORS limited to the configured H5
 * origins, and the development identity headers.
 */
import type { IncomingMessage, ServerResponse } from 'http'
import type { EmulatorContext } from '../types'

/** Header carrying the caller's OPENID (development mode only). */
export const OPENID_HEADER = 'x-wx-openid'
/** Header carrying the caller's UNIONID (optional, development mode only). */
export const UNIONID_HEADER = 'x-wx-unionid'

const ALLOWED_HEADERS = `content-type, ${OPENID_HEADER}, ${UNIONID_HEADER}`

/**
 * Add CORS headers when the request's Origin is one of `ctx.h5Origins`
 * (exact match, e.g. 'http://127.0.0.1:10086'). Other origins get no
 * Access-Control-Allow-Origin, so the browser blocks the response.
 * @returns true when the origin is allowed (or the request has no Origin)
 */
export function applyCors(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, methods = 'POST, OPTIONS'): boolean {
  const origin = req.headers.origin
  res.setHeader('Vary', 'Origin')
  if (!origin) return true
  if (!ctx.h5Origins.includes(origin)) return false
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Methods', methods)
  res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS)
  res.setHeader('Access-Control-Expose-Headers', 'x-invocation-id')
  res.setHeader('Access-Control-Max-Age', '600')
  return true
}

/**
 * Answer a CORS preflight: 204 with the allow headers for a configured origin,
 * 403 for any other.
 */
export function answerPreflight(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, methods = 'POST, OPTIONS'): void {
  const ok = applyCors(ctx, req, res, methods) && !!req.headers.origin
  res.statusCode = ok ? 204 : 403
  res.end()
}

/** Send `value` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value))
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', String(body.length))
  res.end(body)
}

export type IdentityResult =
  | { ok: true; openid?: string; unionid?: string }
  | { ok: false; status: number; errCode: number; errMsg: string }

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Read the development identity headers. Outside development mode any identity
 * header is refused (403): production callers get their identity from WeChat,
 * never from a header.
 * errCode -501008 is the SDK's INVALID_REQUEST_SOURCE; -501007 INVALID_PARAM.
 */
export function readIdentity(ctx: EmulatorContext, req: IncomingMessage): IdentityResult {
  const openid = headerValue(req, OPENID_HEADER)
  const unionid = headerValue(req, UNIONID_HEADER)
  if ((openid !== undefined || unionid !== undefined) && !ctx.development) {
    return { ok: false, status: 403, errCode: -501008, errMsg: 'identity headers are accepted only when the emulator runs in development mode' }
  }
  for (const [name, v] of [
    [OPENID_HEADER, openid],
    [UNIONID_HEADER, unionid]
  ] as const) {
    if (v !== undefined && !ID_RE.test(v)) return { ok: false, status: 400, errCode: -501007, errMsg: `invalid ${name} header` }
  }
  return { ok: true, openid, unionid }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  if (v === undefined) return undefined
  return Array.isArray(v) ? v[0] : v
}

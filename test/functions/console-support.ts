/**
 * Calls actions the way the desk console does: through the cloud's HTTP
 * access (an HTTP-shaped event, no WeChat user), with the session token in
 * the `x-console-session` header. Also signs a persona in through the real
 * ticket flow (create -> confirm in the mini-program -> poll).
 */
import { actions, type ActionName } from '../../src/core/contract'
import { SESSION_HEADER } from '../../src/core/actions/console'
import type { Envelope } from '../../src/core/errors'
import { newSession } from '../../cloudfunctions/_shared/console-session'
import { openidOf, type FunctionsCloud, type Who } from './support'

let counter = 0

export const DESK_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

/** One console call. `body` replaces the usual `{action, payload, requestId}` when given. */
export async function callConsole<T = unknown>(
  cloud: FunctionsCloud,
  token: string | undefined,
  name: ActionName,
  payload: unknown = {},
  options: { requestId?: string; body?: unknown; headers?: Record<string, string>; openid?: string } = {}
): Promise<Envelope<T> & { status: number }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': DESK_UA, ...(token ? { [SESSION_HEADER]: token } : {}), ...(options.headers ?? {}) }
  const body = options.body ?? { action: name, payload, requestId: options.requestId ?? `desk-${Date.now().toString(36)}-${++counter}` }
  const event = { path: `/api/${actions[name].fn}`, httpMethod: 'POST', headers, queryStringParameters: {}, body: JSON.stringify(body), isBase64Encoded: false }
  const { result } = await cloud.emulator.invoke<{ statusCode: number; body: string }>(actions[name].fn, event, options.openid ? { openid: options.openid } : { source: 'http' })
  return { ...(JSON.parse(result.body) as Envelope<T>), status: result.statusCode }
}

/** Signs `who` in through the ticket flow; returns the session token. */
export async function signIn(cloud: FunctionsCloud, who: Who): Promise<string> {
  const created = await callConsole<{ ticket: string; pollSecret: string }>(cloud, undefined, 'console.createTicket')
  if (!created.ok) throw new Error(`createTicket: ${created.error.code}`)
  await cloud.ok(who, 'console.confirmTicket', { ticket: created.data.ticket })
  const polled = await callConsole<{ session?: { token: string } }>(cloud, undefined, 'console.pollTicket', { ticket: created.data.ticket, pollSecret: created.data.pollSecret })
  if (!polled.ok || !polled.data.session) throw new Error(`pollTicket: ${polled.ok ? 'no session' : polled.error.code}`)
  return polled.data.session.token
}

/** A live session for `who` written straight to the database (no ticket flow): fast, for the harnesses. */
export async function consoleToken(cloud: FunctionsCloud, who: Who): Promise<string> {
  const { token, doc } = newSession(openidOf(who) ?? '', DESK_UA, 'harness', new Date())
  const { _id, ...data } = doc
  await cloud.db().collection('consoleSessions').doc(_id).set({ data })
  return token
}

/** Calls an action through the channel its `via` allows, as `who` (console calls get a fresh session). */
export async function callAnyChannel(cloud: FunctionsCloud, who: Who, name: ActionName, payload: unknown) {
  const via = (actions[name] as { via?: string }).via ?? 'both'
  if (via === 'console-anonymous') return callConsole(cloud, undefined, name, payload)
  if (via === 'console') return callConsole(cloud, await consoleToken(cloud, who), name, payload)
  return cloud.call(who, name, payload)
}

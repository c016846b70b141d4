/**
 * `defineFunction`: the one entry every cloud function uses
 * (architecture.md, "One request, end to end").
 *
 * event `{ action, payload, requestId }` ->
 *   1. the action must exist in the contract and belong to this function
 *      (else `COMMON.UNKNOWN_ACTION`);
 *   2. OPENID from `cloud.getWXContext()` only (else `AUTH.UNAUTHENTICATED`);
 *   3. caller loaded (one DB read) when the action's rule is not `anyone`,
 *      or lazily through `ctx.caller()` when the handler needs it; rule
 *      checked (else `AUTH.FORBIDDEN`) — before validation, so a caller
 *      without the role learns nothing about the input format;
 *   4. payload validated with the action's zod schema (else
 *      `COMMON.INVALID_INPUT`, message = first problem in Chinese, `details`
 *      = every problem by field path);
 *   5. the handler runs; an `AppError` becomes its code, a transaction
 *      write conflict `COMMON.BUSY`, anything else is logged with the
 *      requestId and answered as `COMMON.INTERNAL`.
 * Reply: `{ ok: true, data, requestId } | { ok: false, error: { code,
 * message, requestId, details? } }`. The function never throws to the
 * platform (a thrown function reaches the phone as an opaque error).
 *
 * Timer triggers (event.Type === 'Timer') go to `options.timers[TriggerName]`;
 * the same shape sent by a user (an OPENID in the context) gets AUTH.FORBIDDEN.
 * Calls over the cloud's HTTP access (the desk console, issue 14: an event
 * with `httpMethod`, `headers` and a JSON `body` holding `{action, payload,
 * requestId}`) carry no WeChat user: the caller is the console session in
 * the `x-console-session` header (console-session.ts), never anything in the
 * body (a body that names an openid or userInfo beside the action gets
 * AUTH.IDENTITY_IN_BODY; fields inside `payload` are the action's input). Identity comes
 * from exactly one source: an HTTP-shaped event that also has a WeChat
 * OPENID is refused. An action's `via` says which source it takes
 * (AUTH.WRONG_CHANNEL otherwise); a console call without a valid session
 * gets AUTH.SESSION_REQUIRED / AUTH.SESSION_EXPIRED / AUTH.SESSION_REVOKED,
 * and a session whose person no longer holds a console role is ended. The
 * reply to an HTTP call is an integration response `{statusCode: 200,
 * headers, body: JSON envelope}`.
 *
 * WeChat message pushes (event.Event, e.g. 'wxa_media_check') go to
 * `options.messagePushes[Event]`; the same shape sent from the mini-program
 * (SOURCE wx_client, wx_devtools or wx_localdebug) gets AUTH.FORBIDDEN — a
 * push carries the user's OPENID, so the OPENID cannot tell them apart.
 * Only the tables' own names count: `constructor`, `toString`, `__proto__`
 * and other Object.prototype names are no timer (COMMON.UNKNOWN_ACTION) and
 * no push (the event then goes on as an action call: COMMON.UNKNOWN_ACTION).
 */
import { actions, type ActionName, type ActionOutput, type ParsedInput } from '../../src/core/contract'
import { AppError, errorMessages, type Envelope, type ErrorCode } from '../../src/core/errors'
import { isAllowed, type Caller } from '../../src/core/roles'
import { CONSOLE_ROLES, SESSION_HEADER } from '../../src/core/actions/console'
import { getCloud, getDb, type Database } from './cloud'
import { callerFrom, loadCaller, type UserDocument } from './caller'
import { endSession, resolveSession } from './console-session'
import { isTransactionConflict } from './transaction'

export interface HandlerContext {
  openid: string
  requestId: string
  db: Database
  cloud: ReturnType<typeof getCloud>
  /** The caller with roles; loaded at most once per invocation. */
  caller(): Promise<Caller>
  /** The caller's `users` document (null for a plain public user); same single read as `caller()`. */
  userDocument(): Promise<UserDocument | null>
  /** Time of the request (UTC instant). */
  now: Date
  /** Set for calls from the desk console (HTTP access): the computer and, once signed in, the session. */
  console?: { userAgent: string; sessionId?: string }
  /**
   * What the action's caller read (see {@link withCallerRead}) fetched beside
   * the caller's `users` document; undefined when that read did not run.
   */
  prefetched?: unknown
}

/**
 * A read that fetches the caller's `users` document (`_id` = OPENID)
 * together with the action's own first read, in ONE database operation (an
 * aggregate on `users` matching the OPENID with a `$lookup` of the caller's
 * records). It gets the validated input; it answers `null` when it cannot
 * serve this input (the normal path then runs: caller read, then the
 * handler's own reads). Its `data` reaches the handler only after the
 * access rule passed on the `user` it returned.
 */
export type CallerRead<Input = unknown, Data = unknown> = (db: Database, openid: string, input: Input) => Promise<{ user: UserDocument | null; data: Data } | null>

/**
 * Gives `handler` a caller read (see {@link CallerRead}): defineFunction then
 * validates the input first, runs `read` as the one operation that also
 * yields the caller, checks the action's access rule on that caller exactly
 * as before (AUTH.FORBIDDEN discards the data), and calls `handler` with
 * `ctx.prefetched` = the read's `data`. Invalid input, a console call, or a
 * read that answers `null` take the normal path (the caller read first, so a
 * caller without the role still learns nothing about the input format).
 * @returns the handler to put in the function's route table
 */
export function withCallerRead<Input, Data, Output>(read: CallerRead<Input, Data>, handler: (input: Input, ctx: HandlerContext) => Promise<Output>): ((input: Input, ctx: HandlerContext) => Promise<Output>) & { callerRead: CallerRead<Input, Data> } {
  return Object.assign((input: Input, ctx: HandlerContext) => handler(input, ctx), { callerRead: read })
}

type ActionsOf<F extends string> = {
  [N in ActionName]: (typeof actions)[N]['fn'] extends F ? N : never
}[ActionName]

/** The handler of one action (input already validated by the action's schema). */
export type Handler<N extends ActionName> = (input: ParsedInput<N>, ctx: HandlerContext) => Promise<ActionOutput<N>>

export type Handlers<F extends string> = {
  [N in ActionsOf<F>]: Handler<N>
}

/** What a timer or message-push handler gets: no caller, the time of the event (UTC). */
export interface SystemContext {
  db: Database
  cloud: ReturnType<typeof getCloud>
  now: Date
}

export interface FunctionOptions {
  /** Timer trigger handlers by trigger name (config.json `triggers[].name`). */
  timers?: Record<string, (ctx: SystemContext) => Promise<unknown>>
  /** Message-push handlers by the push's `Event`; their return value is the function's reply. */
  messagePushes?: Record<string, (event: Record<string, unknown>, ctx: SystemContext) => Promise<unknown>>
}

/** `getWXContext().SOURCE` values of a call made by the mini-program itself (first link of the chain). */
const CLIENT_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug'])

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/

function newRequestId(): string {
  return `srv-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

function fail(code: ErrorCode, requestId: string, message?: string, details?: unknown): Envelope<never> {
  return { ok: false, error: { code, message: message ?? errorMessages[code], requestId, ...(details === undefined ? {} : { details }) } }
}

/**
 * The handler registered under `name`, only if the table itself holds it: a
 * plain `table[name]` also finds Object.prototype members (`constructor`,
 * `toString`, `hasOwnProperty`, `__proto__`), and a timer named `constructor`
 * would run `Object(ctx)` and reply with the SDK handles (issue 13 item 7).
 */
function ownEntry<T extends (...args: never[]) => unknown>(table: Record<string, T> | undefined, name: unknown): T | undefined {
  if (!table || typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) return undefined
  const entry = table[name]
  return typeof entry === 'function' ? entry : undefined
}

/** A call that arrived through the cloud's HTTP access service. */
interface HttpCall {
  headers: Record<string, string>
  /** The JSON body parsed (an object), or undefined when it is not JSON. */
  body: Record<string, unknown> | undefined
}

/** The HTTP access event's request, or undefined for any other event. */
function httpCallOf(raw: Record<string, unknown>): HttpCall | undefined {
  if (typeof raw.httpMethod !== 'string' || raw.headers === null || typeof raw.headers !== 'object') return undefined
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>)) if (typeof v === 'string') headers[k.toLowerCase()] = v
  let body: Record<string, unknown> | undefined
  try {
    const text = typeof raw.body === 'string' ? (raw.isBase64Encoded ? Buffer.from(raw.body, 'base64').toString('utf8') : raw.body) : ''
    const parsed: unknown = text ? JSON.parse(text) : {}
    body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    body = undefined
  }
  return { headers, body }
}

/** Keys that would name a person: never accepted from a console body. */
const IDENTITY_KEYS = ['openid', 'OPENID', 'openId', '_openid', 'unionid', 'UNIONID', 'userInfo', 'WX_OPENID']

function namesIdentity(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && !Array.isArray(value) && IDENTITY_KEYS.some((k) => Object.prototype.hasOwnProperty.call(value, k)))
}

/** The integration response the HTTP access service sends back to the console. */
function httpReply(envelope: Envelope<unknown>) {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    isBase64Encoded: false,
    body: JSON.stringify(envelope)
  }
}

export function defineFunction<F extends string>(fnName: F, handlers: Handlers<F>, options: FunctionOptions = {}) {
  return async function main(event: unknown): Promise<Envelope<unknown> | unknown> {
    const raw = (event ?? {}) as Record<string, unknown>
    const requestId = typeof raw.requestId === 'string' && REQUEST_ID.test(raw.requestId) ? raw.requestId : newRequestId()

    const push = ownEntry(options.messagePushes, raw.Event)
    if (push) {
      let source = ''
      try {
        source = String(getCloud().getWXContext().SOURCE ?? '')
      } catch {
        source = ''
      }
      if (CLIENT_SOURCES.has(source.split(',')[0])) return fail('AUTH.FORBIDDEN', requestId)
      try {
        return await push(raw, { db: getDb(), cloud: getCloud(), now: new Date() })
      } catch (error) {
        console.error(JSON.stringify({ fn: fnName, push: raw.Event, requestId, error: String((error as Error)?.stack ?? error) }))
        return fail('COMMON.INTERNAL', requestId)
      }
    }

    if (raw.Type === 'Timer' && typeof raw.TriggerName === 'string') {
      // A timer trigger carries no user; a phone sending the same shape (it
      // has an OPENID) must not run scheduled jobs at will.
      let openid: string | undefined
      try {
        openid = getCloud().getWXContext().OPENID
      } catch {
        openid = undefined
      }
      if (openid) return fail('AUTH.FORBIDDEN', requestId)
      const timer = ownEntry(options.timers, raw.TriggerName)
      if (!timer) return fail('COMMON.UNKNOWN_ACTION', requestId)
      try {
        return { ok: true, data: await timer({ db: getDb(), cloud: getCloud(), now: new Date() }), requestId }
      } catch (error) {
        console.error(JSON.stringify({ fn: fnName, timer: raw.TriggerName, requestId, error: String((error as Error)?.stack ?? error) }))
        return fail('COMMON.INTERNAL', requestId)
      }
    }

    const http = httpCallOf(raw)
    if (http) {
      const body = http.body
      const bodyRequestId = typeof body?.requestId === 'string' && REQUEST_ID.test(body.requestId) ? body.requestId : requestId
      if (!body) return httpReply(fail('COMMON.INVALID_INPUT', bodyRequestId, '请求格式不正确'))
      if (namesIdentity(body)) return httpReply(fail('AUTH.IDENTITY_IN_BODY', bodyRequestId))
      return httpReply(await runAction(body, bodyRequestId, http))
    }
    return runAction(raw, requestId, undefined)
  }

  async function runAction(raw: Record<string, unknown>, requestId: string, http: HttpCall | undefined): Promise<Envelope<unknown>> {
    const actionName = raw.action
    if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
      return fail('COMMON.UNKNOWN_ACTION', requestId)
    }
    const spec = actions[actionName as ActionName]
    const handler = ownEntry(handlers as Record<string, (input: unknown, ctx: HandlerContext) => Promise<unknown>>, actionName)
    if (spec.fn !== fnName || !handler) return fail('COMMON.UNKNOWN_ACTION', requestId)
    const via = (spec as { via?: string }).via ?? 'both'

    try {
      const cloud = getCloud()
      const db = getDb()
      const now = new Date()
      const wxOpenid = cloud.getWXContext().OPENID
      let openid: string
      let consoleCall: HandlerContext['console']
      let sessionId: string | undefined
      if (http) {
        // Exactly one source of identity: an HTTP call never also carries a WeChat user.
        if (wxOpenid) return fail('AUTH.FORBIDDEN', requestId)
        if (via === 'miniprogram') return fail('AUTH.WRONG_CHANNEL', requestId)
        const userAgent = (http.headers['user-agent'] ?? '').slice(0, 300)
        if (via === 'console-anonymous') {
          openid = ''
          consoleCall = { userAgent }
        } else {
          const token = http.headers[SESSION_HEADER]
          if (!token) return fail('AUTH.SESSION_REQUIRED', requestId)
          const session = await resolveSession(db, token, now, { signedOut: actionName === 'console.signOut' })
          openid = session.openid
          sessionId = session._id
          consoleCall = { userAgent, sessionId }
        }
      } else {
        if (!wxOpenid) return fail('AUTH.UNAUTHENTICATED', requestId)
        if (via === 'console' || via === 'console-anonymous') return fail('AUTH.WRONG_CHANNEL', requestId, '这项操作只能在电脑端进行')
        openid = wxOpenid
      }

      let loaded: Promise<{ caller: Caller; user: UserDocument | null }> | undefined
      const load = () => {
        if (!openid) throw new AppError('AUTH.SESSION_REQUIRED')
        return (loaded ??= loadCaller(db, openid))
      }
      const ctx: HandlerContext = {
        openid,
        requestId,
        db,
        cloud,
        caller: async () => (await load()).caller,
        userDocument: async () => (await load()).user,
        now,
        ...(consoleCall ? { console: consoleCall } : {})
      }
      if (sessionId) {
        // Losing every console role ends the session on its next request.
        const caller = await ctx.caller()
        if (!caller.roles.some((r) => CONSOLE_ROLES.includes(r))) {
          await endSession(db, sessionId, 'role_lost', now)
          return fail('AUTH.SESSION_REVOKED', requestId)
        }
      }
      let prefetched: { data: unknown } | undefined
      const callerRead = (handler as { callerRead?: CallerRead }).callerRead
      if (callerRead && openid && !loaded) {
        const early = spec.input.safeParse(raw.payload === undefined ? {} : raw.payload)
        const got = early.success ? await callerRead(db, openid, early.data) : null
        if (got) {
          loaded = Promise.resolve({ caller: callerFrom(openid, got.user), user: got.user })
          prefetched = { data: got.data }
        }
      }
      if (spec.access !== 'anyone') {
        if (!openid) return fail('AUTH.FORBIDDEN', requestId)
        const caller = await ctx.caller()
        if (!isAllowed(spec.access, caller)) return fail('AUTH.FORBIDDEN', requestId)
      }

      const parsed = spec.input.safeParse(raw.payload === undefined ? {} : raw.payload)
      if (!parsed.success) {
        const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
        return fail('COMMON.INVALID_INPUT', requestId, details[0]?.message ?? errorMessages['COMMON.INVALID_INPUT'], details)
      }
      if (prefetched) ctx.prefetched = prefetched.data
      const data = await handler(parsed.data, ctx)
      return { ok: true, data, requestId }
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, requestId, error.message, error.details)
      // A write conflict that escaped `transact` (./transaction.ts) is contention, not a fault.
      if (isTransactionConflict(error)) return fail('COMMON.BUSY', requestId)
      console.error(JSON.stringify({ fn: fnName, action: actionName, requestId, error: String((error as Error)?.stack ?? error) }))
      return fail('COMMON.INTERNAL', requestId)
    }
  }
}

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
 * WeChat message pushes (event.Event, e.g. 'wxa_media_check') go to
 * `options.messagePushes[Event]`; the same shape sent from the mini-program
 * (SOURCE wx_client, wx_devtools or wx_localdebug) gets AUTH.FORBIDDEN — a
 * push carries the user's OPENID, so the OPENID cannot tell them apart.
 */
import { actions, type ActionName, type ActionOutput, type ParsedInput } from '../../src/core/contract'
import { AppError, errorMessages, type Envelope, type ErrorCode } from '../../src/core/errors'
import { isAllowed, type Caller } from '../../src/core/roles'
import { getCloud, getDb, type Database } from './cloud'
import { loadCaller, type UserDocument } from './caller'
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

export function defineFunction<F extends string>(fnName: F, handlers: Handlers<F>, options: FunctionOptions = {}) {
  return async function main(event: unknown): Promise<Envelope<unknown> | unknown> {
    const raw = (event ?? {}) as Record<string, unknown>
    const requestId = typeof raw.requestId === 'string' && REQUEST_ID.test(raw.requestId) ? raw.requestId : newRequestId()

    const push = typeof raw.Event === 'string' ? options.messagePushes?.[raw.Event] : undefined
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
      const timer = options.timers?.[raw.TriggerName]
      if (!timer) return fail('COMMON.UNKNOWN_ACTION', requestId)
      try {
        return { ok: true, data: await timer({ db: getDb(), cloud: getCloud(), now: new Date() }), requestId }
      } catch (error) {
        console.error(JSON.stringify({ fn: fnName, timer: raw.TriggerName, requestId, error: String((error as Error)?.stack ?? error) }))
        return fail('COMMON.INTERNAL', requestId)
      }
    }

    const actionName = raw.action
    if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
      return fail('COMMON.UNKNOWN_ACTION', requestId)
    }
    const spec = actions[actionName as ActionName]
    const handler = (handlers as Record<string, (input: unknown, ctx: HandlerContext) => Promise<unknown>>)[actionName]
    if (spec.fn !== fnName || !handler) return fail('COMMON.UNKNOWN_ACTION', requestId)

    try {
      const cloud = getCloud()
      const openid = cloud.getWXContext().OPENID
      if (!openid) return fail('AUTH.UNAUTHENTICATED', requestId)

      const db = getDb()
      let loaded: Promise<{ caller: Caller; user: UserDocument | null }> | undefined
      const load = () => (loaded ??= loadCaller(db, openid))
      const ctx: HandlerContext = {
        openid,
        requestId,
        db,
        cloud,
        caller: async () => (await load()).caller,
        userDocument: async () => (await load()).user,
        now: new Date()
      }
      if (spec.access !== 'anyone') {
        const caller = await ctx.caller()
        if (!isAllowed(spec.access, caller)) return fail('AUTH.FORBIDDEN', requestId)
      }

      const parsed = spec.input.safeParse(raw.payload === undefined ? {} : raw.payload)
      if (!parsed.success) {
        const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
        return fail('COMMON.INVALID_INPUT', requestId, details[0]?.message ?? errorMessages['COMMON.INVALID_INPUT'], details)
      }
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

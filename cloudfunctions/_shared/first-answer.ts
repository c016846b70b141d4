/**
 * "A retry returns the first answer" (issue 13 item 3, decision 20) for
 * actions whose second run would answer differently (a wrong-state error, an
 * `already` flag) or do something twice (a notice, an audit entry, a counter).
 *
 * The first successful answer of `action` for (caller, requestId) is kept in
 * `requests` (`_id` = `<openid>:<action>:<requestId>`, the shape
 * bulletin.compile already uses); a call with the same requestId finds it
 * and answers it without running the handler again. Errors are not kept: a
 * failed attempt changed nothing, so its retry runs afresh. Costs one read
 * per call and one write per success. Two calls with the same requestId at
 * the same instant may both run (the client retries only after an answer was
 * lost, so they do not overlap); each action's own state checks still hold.
 */
import type { ActionName } from '../../src/core/contract'
import { findById } from './db'
import type { Handler, HandlerContext } from './define-function'

/** Id of the record that keeps the first answer of `action` for this caller and requestId. */
export function requestKey(ctx: Pick<HandlerContext, 'openid' | 'requestId'>, action: string): string {
  return `${ctx.openid}:${action}:${ctx.requestId}`
}

/** Wraps `handler` so that a retry with the same requestId gets the first answer (see the module doc). */
export function firstAnswer<N extends ActionName>(action: N, handler: Handler<N>): Handler<N> {
  return async (input, ctx) => {
    const key = requestKey(ctx, action)
    const kept = await findById<{ _id: string; result?: unknown }>(ctx.db, 'requests', key)
    if (kept && 'result' in kept) return kept.result as Awaited<ReturnType<Handler<N>>>
    const result = await handler(input, ctx)
    await ctx.db.collection('requests').doc(key).set({ data: { action, result: JSON.parse(JSON.stringify(result ?? null)), at: ctx.now } })
    return result
  }
}

/**
 * A person's console sessions: 我的 → 已登录的电脑, revoking one, signing out
 * (issue 14 item 1). Sessions belong to the person they were confirmed by;
 * nobody sees or ends another's.
 */
import type { ConsoleSessionView } from '../../src/core/actions/console'
import { AppError } from '../../src/core/errors'
import { writeAudit } from '../_shared/audit'
import { describeComputer, endSession, sessionProblem, type ConsoleSessionDocument } from '../_shared/console-session'
import type { HandlerContext } from '../_shared/define-function'
import { findById, rowsOf } from '../_shared/db'

function viewOf(s: ConsoleSessionDocument, current: string | undefined): ConsoleSessionView {
  return {
    id: s._id,
    computer: describeComputer(s.userAgent),
    createdAt: new Date(s.createdAt).toISOString(),
    lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
    current: s._id === current
  }
}

/** The caller's live sessions, newest first (at most 20). One read. */
export async function listSessions(_input: Record<string, never>, ctx: HandlerContext) {
  const _ = ctx.db.command
  const rows = rowsOf<ConsoleSessionDocument>(
    await ctx.db
      .collection('consoleSessions')
      .where({ openid: ctx.openid, expiresAt: _.gt(ctx.now), revokedAt: _.exists(false) })
      .orderBy('createdAt', 'desc')
      .limit(20)
      .get()
  )
  return { items: rows.filter((s) => !sessionProblem(s, ctx.now)).map((s) => viewOf(s, ctx.console?.sessionId)) }
}

/** Ends one of the caller's own sessions; an ended one answers revoked: false. */
export async function revokeSession(input: { id: string }, ctx: HandlerContext) {
  const s = await findById<ConsoleSessionDocument>(ctx.db, 'consoleSessions', input.id)
  if (!s || s.openid !== ctx.openid) throw new AppError('CONSOLE.SESSION_NOT_FOUND')
  if (s.revokedAt) return { revoked: false }
  await endSession(ctx.db, s._id, 'revoked', ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'console.revoke', target: s._id, details: { computer: describeComputer(s.userAgent) }, requestId: ctx.requestId }, ctx.now)
  return { revoked: true }
}

/** Console: ends the session this request came with; `revoked: false` when it had already ended (see `console.signOut`). */
export async function signOut(_input: Record<string, never>, ctx: HandlerContext) {
  const id = ctx.console?.sessionId
  if (!id) throw new AppError('AUTH.SESSION_REQUIRED')
  // already signed out (a resend with another requestId): nothing more to end
  const s = await findById<ConsoleSessionDocument>(ctx.db, 'consoleSessions', id)
  if (s?.revokedAt) return { revoked: false }
  await endSession(ctx.db, id, 'sign_out', ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'console.signOut', target: id, requestId: ctx.requestId }, ctx.now)
  return { revoked: true }
}

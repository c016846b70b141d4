/**
 * Login tickets (扫码登录, issue 14 item 1). A `loginTickets` document:
 * `_id` = the ticket (22 characters, 128 random bits; the mini-program
 * code's scene), `pollHash` (SHA-256 of the poll secret only the asking
 * browser holds), the browser's User-Agent, `createdAt`/`expiresAt` (UTC,
 * 2 minutes apart), `state` pending -> confirmed | declined, then `used`
 * once the console collected its session; `confirmedBy` (OPENID, never
 * answered to anyone).
 */
import { CONSOLE_LOGIN_PAGE, CONSOLE_ROLES, TICKET_TTL_MS, type TicketState } from '../../src/core/actions/console'
import { AppError } from '../../src/core/errors'
import { roleLabels } from '../../src/core/roles'
import { auditId } from '../_shared/audit'
import { transact } from '../_shared/transaction'
import { loadCaller } from '../_shared/caller'
import type { Transaction } from '../_shared/cloud'
import { describeComputer, hashToken, newSession, randomToken } from '../_shared/console-session'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'

export interface LoginTicketDocument {
  _id: string
  pollHash: string
  userAgent: string
  createdAt: Date
  expiresAt: Date
  state: 'pending' | 'confirmed' | 'declined' | 'used'
  confirmedBy?: string
  confirmedAt?: Date
  sessionId?: string
}

/** The state a person sees: a pending ticket past its expiry is `expired`. */
function stateOf(t: LoginTicketDocument, now: Date): TicketState {
  if (t.state === 'pending' && now.getTime() >= new Date(t.expiresAt).getTime()) return 'expired'
  return t.state
}

async function ticketInTx(tx: Transaction, id: string): Promise<LoginTicketDocument> {
  let doc: LoginTicketDocument | undefined
  try {
    doc = (await tx.collection('loginTickets').doc(id).get()).data as LoginTicketDocument
  } catch {
    doc = undefined
  }
  if (!doc) throw new AppError('CONSOLE.TICKET_INVALID')
  return { ...doc, _id: id }
}

/** Console, before signing in: a new ticket and its mini-program code. DB: 1 insert. */
export async function createTicket(_input: Record<string, never>, ctx: HandlerContext) {
  const ticket = randomToken(16)
  const pollSecret = randomToken(32)
  const expiresAt = new Date(ctx.now.getTime() + TICKET_TTL_MS)
  const doc: Omit<LoginTicketDocument, '_id'> = {
    pollHash: hashToken(pollSecret),
    userAgent: ctx.console?.userAgent ?? '',
    createdAt: ctx.now,
    expiresAt,
    state: 'pending'
  }
  await ctx.db.collection('loginTickets').doc(ticket).set({ data: doc })
  const code = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene: ticket, page: CONSOLE_LOGIN_PAGE, checkPath: false })) as { buffer: Buffer }
  return { ticket, pollSecret, image: `data:image/png;base64,${Buffer.from(code.buffer).toString('base64')}`, expiresAt: expiresAt.toISOString() }
}

/**
 * Console, before signing in: the ticket's state; the first poll after the
 * confirmation creates the session in the same transaction that marks the
 * ticket used, and answers the token (never stored, only its hash).
 */
export async function pollTicket(input: { ticket: string; pollSecret: string }, ctx: HandlerContext) {
  const found = await findById<LoginTicketDocument>(ctx.db, 'loginTickets', input.ticket)
  if (!found || found.pollHash !== hashToken(input.pollSecret)) throw new AppError('CONSOLE.TICKET_INVALID')
  if (found.state !== 'confirmed') return { state: stateOf(found, ctx.now) }
  const out = await transact(ctx.db, async (tx: Transaction) => {
    const t = await ticketInTx(tx, input.ticket)
    if (t.state !== 'confirmed' || !t.confirmedBy) return { state: stateOf(t, ctx.now) }
    const { token, doc } = newSession(t.confirmedBy, t.userAgent, t._id, ctx.now)
    const { _id, ...data } = doc
    await tx.collection('consoleSessions').doc(_id).set({ data })
    await tx.collection('loginTickets').doc(t._id).update({ data: { state: 'used', sessionId: _id } })
    await tx.collection('auditLog').doc(auditId()).set({
      data: { actor: t.confirmedBy, action: 'console.signIn', target: _id, details: { computer: describeComputer(t.userAgent) }, requestId: ctx.requestId, at: ctx.now }
    })
    return { state: 'used' as TicketState, token, session: doc }
  })
  if (!('token' in out) || !out.token) return { state: out.state }
  const { caller, user } = await loadCaller(ctx.db, out.session.openid)
  return {
    state: 'confirmed' as TicketState,
    session: {
      token: out.token,
      expiresAt: out.session.expiresAt.toISOString(),
      user: {
        name: user?.member?.name ?? caller.displayName ?? roleLabels[caller.roles.find((r) => CONSOLE_ROLES.includes(r)) ?? 'public'],
        roles: caller.roles,
        studioIds: caller.studioIds,
        departmentIds: caller.departmentIds
      }
    }
  }
}

/** Mini-program: who asks to sign in with this code. */
export async function describeTicket(input: { ticket: string }, ctx: HandlerContext) {
  const [t, caller] = await Promise.all([findById<LoginTicketDocument>(ctx.db, 'loginTickets', input.ticket), ctx.caller()])
  if (!t) throw new AppError('CONSOLE.TICKET_INVALID')
  const mine = caller.roles.filter((r) => CONSOLE_ROLES.includes(r))
  const state = stateOf(t, ctx.now)
  // Whoever confirmed it sees "confirmed"; anyone else sees it as used up, never whose it was.
  const shown: TicketState = (state === 'confirmed' || state === 'used') && t.confirmedBy !== ctx.openid ? 'used' : state
  return {
    state: shown,
    computer: describeComputer(t.userAgent),
    userAgent: t.userAgent,
    createdAt: new Date(t.createdAt).toISOString(),
    expiresAt: new Date(t.expiresAt).toISOString(),
    allowed: mine.length > 0,
    roleLabels: mine.map((r) => roleLabels[r])
  }
}

/** Mini-program, console roles: confirm. A retry by the same person answers confirmed again. */
export async function confirmTicket(input: { ticket: string }, ctx: HandlerContext) {
  const state = (await transact(ctx.db, async (tx: Transaction) => {
    const t = await ticketInTx(tx, input.ticket)
    if ((t.state === 'confirmed' || t.state === 'used') && t.confirmedBy === ctx.openid) return 'confirmed'
    if (t.state !== 'pending') throw new AppError('CONSOLE.TICKET_USED')
    if (ctx.now.getTime() >= new Date(t.expiresAt).getTime()) throw new AppError('CONSOLE.TICKET_EXPIRED')
    await tx.collection('loginTickets').doc(t._id).update({ data: { state: 'confirmed', confirmedBy: ctx.openid, confirmedAt: ctx.now } })
    await tx.collection('auditLog').doc(auditId()).set({
      data: { actor: ctx.openid, action: 'console.confirm', target: t._id, details: { computer: describeComputer(t.userAgent) }, requestId: ctx.requestId, at: ctx.now }
    })
    return 'confirmed'
  })) as TicketState
  return { state }
}

/** Mini-program: refuse the sign-in. */
export async function declineTicket(input: { ticket: string }, ctx: HandlerContext) {
  const state = (await transact(ctx.db, async (tx: Transaction) => {
    const t = await ticketInTx(tx, input.ticket)
    if (t.state === 'declined') return 'declined'
    if (t.state !== 'pending') throw new AppError('CONSOLE.TICKET_USED')
    await tx.collection('loginTickets').doc(t._id).update({ data: { state: 'declined' } })
    return 'declined'
  })) as TicketState
  return { state }
}

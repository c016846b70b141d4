/**
 * Member binding (domain.md, "People and roles": a member binds WeChat to a
 * roster entry with a one-time code staff issue). Rules from the foundation
 * issue: 6 digits, valid 7 days, 5 wrong tries lock it, one WeChat per
 * member and one member per WeChat.
 */
import { createHash, randomInt } from 'crypto'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findById, rowsOf } from '../_shared/db'
import { auditId, auditIdFor, writeAudit } from '../_shared/audit'
import { personKeyFor } from '../_shared/people'
import type { UserDocument } from '../_shared/caller'
import { transact } from '../_shared/transaction'

export const CODE_VALID_MS = 7 * 24 * 60 * 60 * 1000
export const MAX_WRONG_TRIES = 5

export interface MemberDocument {
  _id: string
  memberNumber: string
  name: string
  sector: string
  phone?: string
  /** The first of `committees` (kept for readers that show one 专委会). */
  specialCommittee?: string | null
  /** Committees (专委会) by managed name; absent on entries imported before issue 11. */
  committees?: string[]
  boundOpenid: string | null
  boundAt?: Date
  createdAt: Date
  updatedAt: Date
}

export interface BindingCodeDocument {
  _id: string // member id
  codeHash: string
  expiresAt: Date
  wrongTries: number
  issuedBy: string
  issuedAt: Date
  /** requestId of the issue, and the code sealed with it, so a retry answers the same code. */
  requestId?: string
  sealed?: string
}

function hashCode(memberId: string, code: string): string {
  return createHash('sha256').update(`${memberId}:${code}`).digest('hex')
}

/**
 * Seals (or, with `open`, unseals) a 6-digit code with a pad derived from
 * member id and requestId: digit-wise addition mod 10. Someone holding the
 * database alone learns no more than from `codeHash` (six digits can be
 * tried against the hash anyway); the retry of the same request (same
 * requestId) gets the same code back instead of a new one.
 */
function seal(code: string, memberId: string, requestId: string, open = false): string {
  const pad = createHash('sha256').update(`binding-code:${memberId}:${requestId}`).digest()
  return [...code].map((d, i) => String((Number(d) + (open ? 10 - (pad[i] % 10) : pad[i] % 10)) % 10)).join('')
}

/**
 * Staff issue a code. Input `{memberId}`; output `{memberId, code, expiresAt}`
 * (ISO, UTC). Replaces any earlier code; a retry with the same requestId
 * answers the same code and expiry, writing nothing. Errors:
 * MEMBER.NOT_FOUND, MEMBER.ALREADY_BOUND. DB: 2 reads (in parallel) + 1
 * write + 1 audit insert.
 */
export async function issueBindingCode(input: { memberId: string }, ctx: HandlerContext) {
  const [member, current] = await Promise.all([
    findById<MemberDocument>(ctx.db, 'members', input.memberId),
    findById<BindingCodeDocument>(ctx.db, 'bindingCodes', input.memberId)
  ])
  if (!member) throw new AppError('MEMBER.NOT_FOUND')
  if (member.boundOpenid) throw new AppError('MEMBER.ALREADY_BOUND')
  // The retry of this very issue (same staff, same requestId): the same code again.
  if (current?.requestId === ctx.requestId && current.issuedBy === ctx.openid && current.sealed) {
    const again = seal(current.sealed, member._id, ctx.requestId, true)
    if (hashCode(member._id, again) === current.codeHash) return { memberId: member._id, code: again, expiresAt: new Date(current.expiresAt).toISOString() }
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(ctx.now.getTime() + CODE_VALID_MS)
  const doc: Omit<BindingCodeDocument, '_id'> = {
    codeHash: hashCode(member._id, code),
    expiresAt,
    wrongTries: 0,
    issuedBy: ctx.openid,
    issuedAt: ctx.now,
    requestId: ctx.requestId,
    sealed: seal(code, member._id, ctx.requestId)
  }
  await ctx.db.collection('bindingCodes').doc(member._id).set({ data: doc })
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'member.issueCode', target: member._id, requestId: ctx.requestId }, ctx.now)
  return { memberId: member._id, code, expiresAt: expiresAt.toISOString() }
}

/**
 * The caller binds their WeChat to the roster entry whose name and live code
 * match. Output `{memberId, name}`. Errors: MEMBER.WECHAT_ALREADY_BOUND,
 * MEMBER.CODE_INVALID (wrong name or code; never says which),
 * MEMBER.CODE_EXPIRED, MEMBER.CODE_LOCKED, MEMBER.ALREADY_BOUND. A wrong code
 * counts against every live code for that name; the fifth wrong try locks.
 * Tries are counted before the code is compared (one conditional write per
 * live code), so parallel guesses cannot get more than five judged.
 * Idempotent: a caller already bound to a member of that name gets that
 * binding back (the retry of a call whose reply was lost).
 */
export async function bindMember(input: { name: string; code: string }, ctx: HandlerContext) {
  const _ = ctx.db.command
  const user = await ctx.userDocument()
  if (user?.member) {
    // A retry after a lost reply (the client resends with the same requestId)
    // finds the binding it made: answer it again instead of an error.
    if (user.member.name === input.name) return { memberId: user.member.id, name: user.member.name }
    throw new AppError('MEMBER.WECHAT_ALREADY_BOUND')
  }

  const candidates = rowsOf<MemberDocument>(await ctx.db.collection('members').where({ name: input.name }).limit(20).get())
  if (candidates.length === 0) throw new AppError('MEMBER.CODE_INVALID')
  const codes = rowsOf<BindingCodeDocument>(
    await ctx.db.collection('bindingCodes').where({ _id: _.in(candidates.map((m) => m._id)) }).get()
  )
  if (codes.length === 0) throw new AppError('MEMBER.CODE_INVALID')

  const live = codes.filter((c) => c.wrongTries < MAX_WRONG_TRIES)
  if (live.length === 0) throw new AppError('MEMBER.CODE_LOCKED')
  // Every try is counted BEFORE the code is compared, with a conditional
  // increment per code: guesses sent in parallel all read the same count, so
  // judging them on that read let more than five through. A code is judged
  // only when this call won one of its five tries (a right code removes the
  // document, so counting the successful try too costs nothing).
  const reserved: BindingCodeDocument[] = []
  for (const c of live) {
    const result = (await ctx.db
      .collection('bindingCodes')
      .where({ _id: c._id, wrongTries: _.lt(MAX_WRONG_TRIES) })
      .update({ data: { wrongTries: _.inc(1) } })) as { stats?: { updated?: number } }
    if (result?.stats?.updated) reserved.push(c)
  }
  if (reserved.length === 0) throw new AppError('MEMBER.CODE_LOCKED')

  const match = reserved.find((c) => c.codeHash === hashCode(c._id, input.code))
  if (match) {
    if (new Date(match.expiresAt).getTime() <= ctx.now.getTime()) throw new AppError('MEMBER.CODE_EXPIRED')
    return bindInTransaction(match._id, ctx)
  }
  const lockedNow = reserved.every((c) => c.wrongTries + 1 >= MAX_WRONG_TRIES)
  throw new AppError(lockedNow ? 'MEMBER.CODE_LOCKED' : 'MEMBER.CODE_INVALID')
}

async function bindInTransaction(memberId: string, ctx: HandlerContext) {
  const result = await transact(ctx.db, async (tx: any) => {
    const memberSnap = await tx.collection('members').doc(memberId).get()
    const member = memberSnap.data as MemberDocument
    if (member.boundOpenid) throw new AppError('MEMBER.ALREADY_BOUND')
    let existing: UserDocument | null = null
    try {
      existing = (await tx.collection('users').doc(ctx.openid).get()).data as UserDocument
    } catch {
      existing = null
    }
    if (existing?.member) throw new AppError('MEMBER.WECHAT_ALREADY_BOUND')
    const summary = { id: member._id, name: member.name, sector: member.sector }
    await tx.collection('members').doc(memberId).update({ data: { boundOpenid: ctx.openid, boundAt: ctx.now, updatedAt: ctx.now } })
    const personKey = personKeyFor(ctx.openid)
    if (existing) {
      await tx.collection('users').doc(ctx.openid).update({ data: { member: summary, personKey, updatedAt: ctx.now } })
    } else {
      await tx.collection('users').doc(ctx.openid).set({ data: { grants: [], member: summary, personKey, createdAt: ctx.now, updatedAt: ctx.now } })
    }
    await tx.collection('bindingCodes').doc(memberId).remove()
    await tx.collection('auditLog').doc(auditId()).set({ data: { actor: ctx.openid, action: 'member.bind', target: memberId, requestId: ctx.requestId, at: ctx.now } })
    return summary
  })
  // The member's activity registrations (keyed by member id: invitations,
  // sign-ups made on an earlier WeChat) send their notices to this one now.
  await ctx.db
    .collection('registrations')
    .where({ personKey: result.id as string })
    .update({ data: { openid: ctx.openid, updatedAt: ctx.now } })
  return { memberId: result.id as string, name: result.name as string }
}


/**
 * Staff release a member's binding (issue 3 leftovers: a member who changed
 * phone or WeChat account must be able to bind again). Input `{memberId,
 * reason}`; output `{memberId, unbound: true}`. One transaction: member get,
 * member update (`boundOpenid: null`), the bound user's `member` removed,
 * an audit record with the reason; then the member's activity registrations
 * lose the released OPENID (no notices to it) and get the next binding's.
 * Registrations (keyed by member id) follow the member; 社情民意 items stay
 * with the WeChat account that submitted them (docs/decisions.md 18).
 * A retry with the same requestId answers `unbound: true` again (its audit
 * entry, read only on the MEMBER.NOT_BOUND path, shows it did it).
 * Errors: MEMBER.NOT_FOUND, MEMBER.NOT_BOUND.
 */
export async function unbindMember(input: { memberId: string; reason: string }, ctx: HandlerContext) {
  const _ = ctx.db.command
  const audit = { actor: ctx.openid, action: 'member.unbind', target: input.memberId, requestId: ctx.requestId }
  let released: string
  try {
    released = await releaseInTransaction(input, audit, ctx)
  } catch (error) {
    // Not bound any more: if this very request released it (a retry after
    // a lost reply), answer as the first time.
    if (error instanceof AppError && error.code === 'MEMBER.NOT_BOUND' && (await findById(ctx.db, 'auditLog', auditIdFor(audit)))) {
      return { memberId: input.memberId, unbound: true as const }
    }
    throw error
  }
  // Notices and reminders must not reach the released account. Only its own
  // address is cleared, so a binding made meanwhile keeps the new one.
  await ctx.db
    .collection('registrations')
    .where({ personKey: input.memberId, openid: released })
    .update({ data: { openid: _.remove(), updatedAt: ctx.now } })
  return { memberId: input.memberId, unbound: true as const }
}

async function releaseInTransaction(input: { memberId: string; reason: string }, audit: { actor: string; action: string; target: string; requestId: string }, ctx: HandlerContext): Promise<string> {
  const _ = ctx.db.command
  return (await transact(ctx.db, async (tx: any) => {
    let member: MemberDocument | undefined
    try {
      member = (await tx.collection('members').doc(input.memberId).get()).data as MemberDocument
    } catch {
      member = undefined
    }
    if (!member) throw new AppError('MEMBER.NOT_FOUND')
    if (!member.boundOpenid) throw new AppError('MEMBER.NOT_BOUND')
    await tx.collection('members').doc(input.memberId).update({ data: { boundOpenid: null, boundAt: null, updatedAt: ctx.now } })
    await tx.collection('users').doc(member.boundOpenid).update({ data: { member: _.remove(), updatedAt: ctx.now } })
    await tx
      .collection('auditLog')
      .doc(auditIdFor(audit))
      .set({ data: { ...audit, details: { openid: member.boundOpenid, reason: input.reason }, at: ctx.now } })
    return member.boundOpenid
  })) as string
}

/**
 * Member claims (issue 11 item 2): a member claims work the product did not
 * record; staff approve it (the line is written, source `claim`) or refuse
 * it with a reason. Decisions are audited.
 */
import { AppError } from '../../src/core/errors'
import { ledgerKindLabels, type ClaimView, type LedgerKind } from '../../src/core/actions/ledger'
import { writeAudit } from '../_shared/audit'
import { findById, rowsOf } from '../_shared/db'
import { syncSource, yearOf } from '../_shared/ledger'
import { assertNotFuture, evidence } from './lines'
import { assertOpen, idFor, memberOf, yearDoc, type Handler } from './model'

const CLAIMS = 'ledgerClaims'
const stateLabels = { pending: '待审核', approved: '已通过', refused: '未通过' } as const

interface ClaimDocument {
  _id: string
  year: number
  memberId: string
  memberName: string
  kind: LedgerKind
  date: Date
  note: string
  fileID?: string
  state: 'pending' | 'approved' | 'refused'
  reason?: string
  submittedAt: Date
  decidedAt?: Date
}

function viewOf(c: ClaimDocument): ClaimView {
  return {
    id: c._id,
    memberId: c.memberId,
    memberName: c.memberName,
    kind: c.kind,
    kindLabel: ledgerKindLabels[c.kind],
    date: new Date(c.date).toISOString(),
    note: c.note,
    ...(c.fileID ? { fileID: c.fileID } : {}),
    state: c.state,
    stateLabel: stateLabels[c.state],
    ...(c.reason ? { reason: c.reason } : {}),
    submittedAt: new Date(c.submittedAt).toISOString()
  }
}

/** `ledger.claim`: id from caller + requestId, so a retry answers the first claim. */
export const claim: Handler<'ledger.claim'> = async (input, ctx) => {
  const me = await memberOf(ctx)
  const id = idFor('claim', ctx)
  const kept = await findById<ClaimDocument>(ctx.db, CLAIMS, id)
  if (kept) return viewOf(kept)
  const date = new Date(input.date.getTime() + 12 * 3600_000)
  assertNotFuture(input.date, ctx.now)
  assertOpen(await yearDoc(ctx.db, yearOf(date)))
  const fileID = await evidence(ctx, input.fileID)
  const m = await findById<{ name: string }>(ctx.db, 'members', me.memberId)
  const doc: ClaimDocument = { _id: id, year: yearOf(date), memberId: me.memberId, memberName: m?.name ?? me.name, kind: input.kind, date, note: input.note, ...(fileID ? { fileID } : {}), state: 'pending', submittedAt: ctx.now }
  const { _id, ...data } = doc
  await ctx.db.collection(CLAIMS).doc(_id).set({ data })
  return viewOf(doc)
}

/** `ledger.myClaims`: the caller's claims of the year, newest first. */
export const myClaims: Handler<'ledger.myClaims'> = async (input, ctx) => {
  const me = await memberOf(ctx)
  const rows = rowsOf<ClaimDocument>(await ctx.db.collection(CLAIMS).where({ memberId: me.memberId, year: input.year }).orderBy('submittedAt', 'desc').limit(100).get())
  return { items: rows.map(viewOf) }
}

/** `ledger.claims`: staff's list. */
export const claims: Handler<'ledger.claims'> = async (input, ctx) => {
  const rows = rowsOf<ClaimDocument>(await ctx.db.collection(CLAIMS).where({ year: input.year, ...(input.state ? { state: input.state } : {}) }).orderBy('submittedAt', 'desc').limit(200).get())
  return { items: rows.map(viewOf) }
}

/** `ledger.decideClaim`: approve (write the line) or refuse with a reason. Wrapped in firstAnswer (a retry answers the first decision). */
export const decideClaim: Handler<'ledger.decideClaim'> = async (input, ctx) => {
  const c = await findById<ClaimDocument>(ctx.db, CLAIMS, input.id)
  if (!c) throw new AppError('LEDGER.CLAIM_NOT_FOUND')
  if (c.state !== 'pending') throw new AppError('LEDGER.CLAIM_DECIDED')
  assertOpen(await yearDoc(ctx.db, c.year))
  const state = input.approve ? 'approved' : 'refused'
  const updated = await ctx.db.collection(CLAIMS).where({ _id: c._id, state: 'pending' }).update({ data: { state, ...(input.reason ? { reason: input.reason } : {}), decidedAt: ctx.now } })
  if (!(updated as { stats?: { updated?: number } }).stats?.updated) throw new AppError('LEDGER.CLAIM_DECIDED')
  if (input.approve) await syncSource(ctx.db, 'claim', c._id, [{ kind: c.kind, memberId: c.memberId, date: new Date(c.date), title: c.note, note: c.note, ...(c.fileID ? { fileID: c.fileID } : {}) }], ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.decideClaim', target: c._id, details: { approve: input.approve, reason: input.reason ?? '' }, requestId: ctx.requestId }, ctx.now)
  return viewOf({ ...c, state, ...(input.reason ? { reason: input.reason } : {}) })
}

/**
 * The ledger lines (issue 11 items 2 and 4): a member's own year
 * (`ledger.mine`, 2 DB operations), one member's year for staff, offline
 * lines staff enter (speeches, offline work) and their reversal, and the
 * 优秀提案 mark. Lines are written by `_shared/ledger.ts` only.
 */
import { AppError } from '../../src/core/errors'
import { ledgerKindLabels, type LedgerLineView } from '../../src/core/actions/ledger'
import { gradeOf } from '../../src/core/ledger'
import { beijingDay } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import { findById, rowsOf } from '../_shared/db'
import { inspectUploads } from '../_shared/content-safety'
import { committeesOf, LINES, rulesOf, SCORES, syncProposal, syncSource, yearOf, type LedgerMember, type LineDocument, type ScoreDocument } from '../_shared/ledger'
import { assertOpen, emptyView, idFor, memberOf, viewOfScore, yearDoc, type Handler } from './model'

const FILED = ['filed', 'assigned', 'replied', 'rehandling', 'closed']

/** `ledger.mine`: the caller's year from the score document (caller read + 1 read); a year without one reads the year's state and the roster entry. */
export const mine: Handler<'ledger.mine'> = async (input, ctx) => {
  const me = await memberOf(ctx)
  const s = await findById<ScoreDocument>(ctx.db, SCORES, `${input.year}-${me.memberId}`)
  if (s) return viewOfScore(s, ctx.now)
  return viewForMissing(ctx, input.year, me.memberId)
}

async function viewForMissing(ctx: Parameters<Handler<'ledger.mine'>>[1], year: number, memberId: string) {
  const [doc, m] = await Promise.all([yearDoc(ctx.db, year), findById<LedgerMember>(ctx.db, 'members', memberId)])
  if (!m) throw new AppError('LEDGER.MEMBER_NOT_FOUND')
  return emptyView(year, { _id: m._id, name: m.name, sector: m.sector, committees: committeesOf(m) }, doc, ctx.now, gradeOf(0, rulesOf(doc).bands))
}

/** `ledger.member`: one member's year for staff and leaders. */
export const member: Handler<'ledger.member'> = async (input, ctx) => {
  const s = await findById<ScoreDocument>(ctx.db, SCORES, `${input.year}-${input.memberId}`)
  if (s) return viewOfScore(s, ctx.now)
  return viewForMissing(ctx, input.year, input.memberId)
}

/** Throws LEDGER.DATE_FUTURE for a date after today (Beijing). */
export function assertNotFuture(date: Date, now: Date): void {
  if (date.getTime() >= beijingDay(now).end.getTime()) throw new AppError('LEDGER.DATE_FUTURE')
}

function lineView(l: LineDocument, points: number): LedgerLineView {
  return { id: l._id, kind: l.kind, kindLabel: ledgerKindLabels[l.kind], date: new Date(l.date).toISOString(), source: { type: l.sourceType, id: l.sourceId, title: l.title }, points, counted: points }
}

/**
 * An evidence file the caller uploaded (image or PDF, 20 MB, type by
 * content), copied to `ledger/evidence/` so no OPENID is in the stored file
 * ID. Errors: FILE.NOT_OWNED, FILE.NOT_FOUND, FILE.TOO_LARGE, FILE.WRONG_TYPE.
 */
export async function evidence(ctx: { cloud: Parameters<typeof inspectUploads>[0]['cloud']; openid: string }, fileID: string | undefined): Promise<string | undefined> {
  if (!fileID) return undefined
  const [record] = await inspectUploads(ctx, [fileID], { kind: 'evidence', copyTo: 'ledger/evidence' })
  return record.fileID
}

/**
 * `ledger.addLine`: an offline line by staff. The source id comes from the
 * caller and requestId, so a retry writes the same line (no second one).
 * The work's date is stored as 12:00 Beijing of the chosen day.
 */
export const addLine: Handler<'ledger.addLine'> = async (input, ctx) => {
  const date = new Date(input.date.getTime() + 12 * 3600_000)
  assertNotFuture(input.date, ctx.now)
  const m = await findById<LedgerMember>(ctx.db, 'members', input.memberId)
  if (!m) throw new AppError('LEDGER.MEMBER_NOT_FOUND')
  const doc = await yearDoc(ctx.db, yearOf(date))
  assertOpen(doc)
  const fileID = await evidence(ctx, input.fileID)
  const sourceId = idFor('m', ctx)
  await syncSource(ctx.db, 'manual', sourceId, [{ kind: input.kind, memberId: m._id, date, title: input.note, note: input.note, ...(fileID ? { fileID } : {}) }], ctx.now)
  const line = rowsOf<LineDocument>(await ctx.db.collection(LINES).where({ sourceKey: `manual:${sourceId}` }).limit(1).get())[0]
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.addLine', target: line._id, details: { memberId: m._id, kind: input.kind }, requestId: ctx.requestId }, ctx.now)
  return lineView(line, rulesOf(doc).points[input.kind])
}

/** `ledger.removeLine`: reverses an offline line (manual source only); a second call answers the same. */
export const removeLine: Handler<'ledger.removeLine'> = async (input, ctx) => {
  const line = await findById<LineDocument>(ctx.db, LINES, input.id)
  if (!line) throw new AppError('LEDGER.LINE_NOT_FOUND')
  if (line.sourceType !== 'manual') throw new AppError('LEDGER.NOT_MANUAL')
  assertOpen(await yearDoc(ctx.db, line.year))
  if (line.state === 'active') {
    await syncSource(ctx.db, 'manual', line.sourceId, [], ctx.now)
    await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.removeLine', target: line._id, details: { reason: input.reason }, requestId: ctx.requestId }, ctx.now)
  }
  return { id: line._id, reversed: true }
}

/** `ledger.markExcellent`: sets or clears `excellent` on a filed proposal, then re-syncs its lines. */
export const markExcellent: Handler<'ledger.markExcellent'> = async (input, ctx) => {
  const p = await findById<{ _id: string; state: string; excellent?: boolean; year: number; filedAt?: Date }>(ctx.db, 'proposals', input.proposalId)
  if (!p) throw new AppError('LEDGER.SOURCE_NOT_FOUND')
  if (!FILED.includes(p.state)) throw new AppError('LEDGER.NOT_FILED')
  assertOpen(await yearDoc(ctx.db, p.filedAt ? yearOf(new Date(p.filedAt)) : p.year))
  if ((p.excellent === true) !== input.excellent) {
    await ctx.db.collection('proposals').doc(p._id).update({ data: { excellent: input.excellent } })
    await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.markExcellent', target: p._id, details: { excellent: input.excellent }, requestId: ctx.requestId }, ctx.now)
  }
  await syncProposal(ctx.db, p._id, ctx.now)
  return { proposalId: p._id, excellent: input.excellent }
}

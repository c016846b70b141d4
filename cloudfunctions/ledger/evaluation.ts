/**
 * The evaluation (issue 11 item 5): the 公示 window (Beijing dates), members'
 * objections (in the window, once per line, with a reason; audited), staff
 * answers (accept: the line's points are corrected; refuse: with a reason;
 * audited), the lock (afterwards late source changes are logged in
 * `ledgerLate`, not applied) and the list of those late changes.
 */
import { AppError } from '../../src/core/errors'
import { ledgerKindLabels, objectionStateLabels, type LateChangeView, type LedgerKind, type ObjectionView } from '../../src/core/actions/ledger'
import { formatBeijing } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import { findAll, findById, rowsOf } from '../_shared/db'
import { LATE, LINES, OBJECTIONS, recomputeScores, SCORES, YEARS, yearStateOf, type LineDocument, type ObjectionDocument, type SourceType } from '../_shared/ledger'
import { assertOpen, memberOf, yearDoc, type Handler } from './model'

const DAY = 24 * 3600_000

function viewOf(o: ObjectionDocument, line: Pick<LineDocument, 'kind' | 'date'> | null, points: number): ObjectionView {
  return {
    id: o._id,
    year: o.year,
    lineId: o.lineId,
    memberId: o.memberId,
    memberName: o.memberName,
    kindLabel: line ? ledgerKindLabels[line.kind] : '',
    lineDate: line ? new Date(line.date).toISOString() : '',
    linePoints: points,
    reason: o.reason,
    state: o.state,
    stateLabel: objectionStateLabels[o.state],
    ...(o.answer ? { answer: o.answer } : {}),
    submittedAt: new Date(o.submittedAt).toISOString(),
    ...(o.answeredAt ? { answeredAt: new Date(o.answeredAt).toISOString() } : {})
  }
}

/** `ledger.openWindow`: 00:00 Beijing of the first day to 24:00 Beijing of the last; scores are recomputed so every member's document carries the window. */
export const openWindow: Handler<'ledger.openWindow'> = async (input, ctx) => {
  const doc = await yearDoc(ctx.db, input.year)
  assertOpen(doc)
  const startAt = input.startDate
  const endAt = new Date(input.endDate.getTime() + DAY)
  if (endAt.getTime() - startAt.getTime() > 31 * DAY) throw new AppError('LEDGER.WINDOW_TOO_LONG')
  const window = { startAt, endAt, startDate: formatBeijing(startAt, 'YYYY-MM-DD'), endDate: formatBeijing(input.endDate, 'YYYY-MM-DD') }
  const { _id: _ignored, ...rest } = doc ?? { _id: '' }
  await ctx.db.collection(YEARS).doc(String(input.year)).set({ data: { ...rest, year: input.year, window, updatedAt: ctx.now } })
  await recomputeScores(ctx.db, input.year, undefined, ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.openWindow', target: `ledger-${input.year}`, details: { startDate: window.startDate, endDate: window.endDate }, requestId: ctx.requestId }, ctx.now)
  return yearStateOf(input.year, { window }, ctx.now)
}

/**
 * `ledger.object`: the objection's id is derived from the line, so there is
 * at most one per line; the same requestId answers the first objection.
 */
export const object: Handler<'ledger.object'> = async (input, ctx) => {
  const me = await memberOf(ctx)
  const id = `obj-${input.lineId}`
  const kept = await findById<ObjectionDocument & { requestId?: string }>(ctx.db, OBJECTIONS, id)
  const line = await findById<LineDocument>(ctx.db, LINES, input.lineId)
  if (!line || line.memberId !== me.memberId || line.year !== input.year || line.state !== 'active') throw new AppError('LEDGER.LINE_NOT_FOUND')
  if (kept) {
    if (kept.requestId === ctx.requestId && kept.openid === ctx.openid) return viewOf(kept, line, 0)
    throw new AppError('LEDGER.ALREADY_OBJECTED')
  }
  const doc = await yearDoc(ctx.db, input.year)
  assertOpen(doc)
  if (!yearStateOf(input.year, doc, ctx.now).windowOpen) throw new AppError('LEDGER.WINDOW_CLOSED')
  const m = await findById<{ name: string }>(ctx.db, 'members', me.memberId)
  const o: ObjectionDocument & { requestId: string } = { _id: id, year: input.year, lineId: line._id, memberId: me.memberId, memberName: m?.name ?? me.name, openid: ctx.openid, reason: input.reason, state: 'open', submittedAt: ctx.now, requestId: ctx.requestId }
  const { _id, ...data } = o
  try {
    await ctx.db.collection(OBJECTIONS).add({ data: { _id, ...data } })
  } catch {
    throw new AppError('LEDGER.ALREADY_OBJECTED')
  }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.object', target: line._id, details: { objectionId: id, reason: input.reason }, requestId: ctx.requestId }, ctx.now)
  await recomputeScores(ctx.db, input.year, [me.memberId], ctx.now)
  return viewOf(o, line, 0)
}

/** `ledger.objections`: open first, then newest; with each line's points from the member's score document. */
export const objections: Handler<'ledger.objections'> = async (input, ctx) => {
  const rows = rowsOf<ObjectionDocument>(await ctx.db.collection(OBJECTIONS).where({ year: input.year, ...(input.state ? { state: input.state } : {}) }).orderBy('submittedAt', 'desc').limit(500).get())
  const _ = ctx.db.command
  const lines = rows.length ? await findAll<LineDocument>(ctx.db, LINES, { _id: _.in(rows.map((o) => o.lineId)) }) : []
  const lineOf = new Map(lines.map((l) => [l._id, l]))
  const order = { open: 0, accepted: 1, refused: 1 }
  return { items: rows.sort((a, b) => order[a.state] - order[b.state]).map((o) => viewOf(o, lineOf.get(o.lineId) ?? null, o.points ?? 0)) }
}

/** `ledger.answer`: accept (correct the line's points) or refuse; the member's score is recomputed. Wrapped in firstAnswer. */
export const answer: Handler<'ledger.answer'> = async (input, ctx) => {
  const o = await findById<ObjectionDocument>(ctx.db, OBJECTIONS, input.id)
  if (!o) throw new AppError('LEDGER.OBJECTION_NOT_FOUND')
  if (o.state !== 'open') throw new AppError('LEDGER.OBJECTION_ANSWERED')
  assertOpen(await yearDoc(ctx.db, o.year))
  const state = input.accept ? 'accepted' : 'refused'
  const change = { state, answer: input.answer, answeredAt: ctx.now, answeredBy: ctx.openid, ...(input.accept ? { points: input.points } : {}) }
  const res = await ctx.db.collection(OBJECTIONS).where({ _id: o._id, state: 'open' }).update({ data: change })
  if (!(res as { stats?: { updated?: number } }).stats?.updated) throw new AppError('LEDGER.OBJECTION_ANSWERED')
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.answer', target: o._id, details: { accept: input.accept, points: input.points ?? null, answer: input.answer }, requestId: ctx.requestId }, ctx.now)
  await recomputeScores(ctx.db, o.year, [o.memberId], ctx.now)
  const line = await findById<LineDocument>(ctx.db, LINES, o.lineId)
  return viewOf({ ...o, ...change, state } as ObjectionDocument, line, input.points ?? 0)
}

/** `ledger.lock`: after the window ended and every objection was answered; the final scores are written first. Wrapped in firstAnswer. */
export const lock: Handler<'ledger.lock'> = async (input, ctx) => {
  const doc = await yearDoc(ctx.db, input.year)
  assertOpen(doc)
  if (!doc?.window || ctx.now.getTime() < new Date(doc.window.endAt).getTime()) throw new AppError('LEDGER.WINDOW_NOT_ENDED')
  const open = await ctx.db.collection(OBJECTIONS).where({ year: input.year, state: 'open' }).count()
  if ((open as { total: number }).total > 0) throw new AppError('LEDGER.OPEN_OBJECTIONS')
  await recomputeScores(ctx.db, input.year, undefined, ctx.now)
  await ctx.db.collection(YEARS).doc(String(input.year)).update({ data: { locked: true, lockedAt: ctx.now, updatedAt: ctx.now } })
  const _ = ctx.db.command
  await ctx.db.collection(SCORES).where({ year: input.year }).update({ data: { state: _.set({ window: doc.window, locked: true, lockedAt: ctx.now }) } })
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.lock', target: `ledger-${input.year}`, requestId: ctx.requestId }, ctx.now)
  return yearStateOf(input.year, { ...doc, locked: true, lockedAt: ctx.now }, ctx.now)
}

/** `ledger.lateChanges`: newest first, with member names from the roster. */
export const lateChanges: Handler<'ledger.lateChanges'> = async (input, ctx) => {
  const rows = rowsOf<{ _id: string; year: number; memberId: string; kind: LedgerKind; change: 'write' | 'reverse'; at: Date; sourceType: SourceType; sourceId: string; title: string }>(
    await ctx.db.collection(LATE).where({ year: input.year }).orderBy('at', 'desc').limit(200).get()
  )
  const _ = ctx.db.command
  const members = rows.length ? await findAll<{ _id: string; name: string }>(ctx.db, 'members', { _id: _.in([...new Set(rows.map((r) => r.memberId))]) }) : []
  const names = new Map(members.map((m) => [m._id, m.name]))
  const items: LateChangeView[] = rows.map((r) => ({ id: r._id, year: r.year, memberName: names.get(r.memberId) ?? '', kindLabel: ledgerKindLabels[r.kind], change: r.change, at: new Date(r.at).toISOString(), source: { type: r.sourceType, id: r.sourceId, title: r.title } }))
  return { items }
}

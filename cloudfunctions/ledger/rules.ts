/**
 * The year's rules (issue 11 item 3) and what staff read from the scores:
 * the ranking by sector and committee, 未履职, absent twice without leave,
 * and the repair run on demand. Scores are kept per member per year
 * (`ledgerScores`); changing the rules recomputes them from the lines only.
 */
import { ledgerKindLabels, ledgerKinds, type RankingRow } from '../../src/core/actions/ledger'
import { beijing } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import { findAll } from '../_shared/db'
import type { SystemContext } from '../_shared/define-function'
import { committeesOf, recomputeScores, repairYear, rulesOf, SCORES, YEARS, yearStateOf, type LedgerMember, type ScoreDocument } from '../_shared/ledger'
import { gradeOf } from '../../src/core/ledger'
import { assertOpen, rowOf, yearDoc, type Handler } from './model'

/** `ledger.rules`: one read. */
export const rules: Handler<'ledger.rules'> = async (input, ctx) => {
  const doc = await yearDoc(ctx.db, input.year)
  return { rules: rulesOf(doc), saved: !!doc?.rules, state: yearStateOf(input.year, doc, ctx.now), kinds: ledgerKinds.map((k) => ({ kind: k, label: ledgerKindLabels[k] })) }
}

/** `ledger.saveRules`: saves, then recomputes every member's score of the year from the lines. */
export const saveRules: Handler<'ledger.saveRules'> = async (input, ctx) => {
  const doc = await yearDoc(ctx.db, input.year)
  assertOpen(doc)
  const { _id: _ignored, ...rest } = doc ?? { _id: '' }
  await ctx.db.collection(YEARS).doc(String(input.year)).set({ data: { ...rest, year: input.year, rules: input.rules, updatedAt: ctx.now } })
  const recomputed = await recomputeScores(ctx.db, input.year, undefined, ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.saveRules', target: `ledger-${input.year}`, details: { rules: input.rules }, requestId: ctx.requestId }, ctx.now)
  return { rules: input.rules, recomputed }
}

/** Ranking fields of a score document (what {@link rankingRowsOf} collects). */
type RankingFields = Pick<ScoreDocument, 'memberId' | 'name' | 'sector' | 'committees' | 'score' | 'grade' | 'dutyLines' | 'absences'>

/**
 * The ranking fields of every score document matching `where`, in ONE DB
 * operation (decision 93): an aggregate that groups the matching documents
 * into a single result row (`$push` of the eight fields, no lines), so the
 * cloud's 100-rows-per-read cap does not apply; 200 members (or the
 * county's ~690) stay one read, about 150 bytes each, far below the
 * 16 MB document limit.
 */
async function rankingRowsOf(db: Parameters<Handler<'ledger.ranking'>>[1]['db'], where: Record<string, unknown>): Promise<RankingFields[]> {
  const $ = db.command.aggregate
  const res = (await db
    .collection(SCORES)
    .aggregate()
    .match(where)
    .group({
      _id: null,
      rows: $.push({ memberId: '$memberId', name: '$name', sector: '$sector', committees: '$committees', score: '$score', grade: '$grade', dutyLines: '$dutyLines', absences: '$absences' })
    })
    .end()) as { list?: { rows: RankingFields[] }[] }
  return res.list?.[0]?.rows ?? []
}

function ranked(rows: RankingFields[]): RankingRow[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-Hans-CN'))
  let rank = 0
  return sorted.map((s, i) => {
    if (i === 0 || s.score !== sorted[i - 1].score) rank = i + 1
    return rowOf(s, rank)
  })
}

/** `ledger.ranking`: caller + one aggregate of the year's score documents (2 DB operations whatever the roster's size). Equal scores share a rank. */
export const ranking: Handler<'ledger.ranking'> = async (input, ctx) => {
  const where: Record<string, unknown> = { year: input.year }
  if (input.sector) where.sector = input.sector
  if (input.committee) where.committees = input.committee
  return { year: input.year, rows: ranked(await rankingRowsOf(ctx.db, where)) }
}

/** `ledger.attention`: 未履职 (no duty line; members without a score document count too) and absent ≥ 2 times without leave. */
export const attention: Handler<'ledger.attention'> = async (input, ctx) => {
  const [scores, members, doc] = await Promise.all([rankingRowsOf(ctx.db, { year: input.year }), findAll<LedgerMember>(ctx.db, 'members', {}), yearDoc(ctx.db, input.year)])
  const byMember = new Map(scores.map((s) => [s.memberId, s]))
  const zero = gradeOf(0, rulesOf(doc).bands)
  const all = members.map(
    (m) =>
      byMember.get(m._id) ??
      ({ memberId: m._id, name: m.name, sector: m.sector, committees: committeesOf(m), score: 0, grade: zero, dutyLines: 0, absences: 0 } satisfies RankingFields)
  )
  const rows = ranked(all)
  return { year: input.year, inactive: rows.filter((r) => r.dutyLines === 0), absentTwice: rows.filter((r) => r.absences >= 2) }
}

/** `ledger.rebuild`: the repair for one year now. */
export const rebuild: Handler<'ledger.rebuild'> = async (input, ctx) => {
  assertOpen(await yearDoc(ctx.db, input.year))
  const r = await repairYear(ctx.db, input.year, ctx.now)
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.rebuild', target: `ledger-${input.year}`, details: r, requestId: ctx.requestId }, ctx.now)
  return { year: input.year, sources: r.sources, written: r.written, reversed: r.reversed, scores: r.scores }
}

/**
 * Timer `repair` (hourly): this Beijing year, and in January to March (the
 * evaluation of the year before) also the last one, unless locked. One
 * year per run keeps a county's year inside the 20 s limit.
 */
export async function repairTimer({ db, now }: SystemContext): Promise<unknown> {
  const local = beijing(now)
  const thisYear = local.year()
  const years = local.month() < 3 ? [thisYear - 1, thisYear] : [thisYear]
  const out: Record<number, unknown> = {}
  for (const year of years) {
    const doc = await yearDoc(db, year)
    // every score of the year from the lines too: an in-transaction write scores from the embedded lines, so a score document left short by a crash is mended here (decision 93)
    out[year] = doc?.locked ? 'locked' : await repairYear(db, year, now, { allScores: true })
  }
  return out
}

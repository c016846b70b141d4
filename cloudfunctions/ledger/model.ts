/**
 * Shared pieces of the `ledger` function: reading a year's state, building
 * the member view from a score document, the member check, ids from
 * requestIds. The line writer itself is `_shared/ledger.ts`.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import type { MemberLedgerView, RankingRow } from '../../src/core/actions/ledger'
import { gradeLabels, type Grade } from '../../src/core/actions/ledger'
import type { Database } from '../_shared/cloud'
import { findById } from '../_shared/db'
import type { HandlerContext } from '../_shared/define-function'
import { YEARS, yearStateOf, type ScoreDocument, type YearDocument } from '../_shared/ledger'

export type { Handler } from '../_shared/define-function'

/** The `ledgerYears` document of a year, or null (default rules, no window, not locked). One read. */
export function yearDoc(db: Database, year: number): Promise<YearDocument | null> {
  return findById<YearDocument>(db, YEARS, String(year))
}

/** Throws LEDGER.YEAR_LOCKED when the year is locked. */
export function assertOpen(doc: YearDocument | null): void {
  if (doc?.locked) throw new AppError('LEDGER.YEAR_LOCKED')
}

/** The caller's roster id (bound members only), else LEDGER.NOT_MEMBER. */
export async function memberOf(ctx: HandlerContext): Promise<{ memberId: string; name: string; openid: string }> {
  const caller = await ctx.caller()
  if (!caller.memberId) throw new AppError('LEDGER.NOT_MEMBER')
  return { memberId: caller.memberId, name: caller.displayName ?? '', openid: caller.openid }
}

/** A stable id for what one request creates: `<prefix>-` + 24 hex digits of SHA-256(openid, requestId). */
export function idFor(prefix: string, ctx: Pick<HandlerContext, 'openid' | 'requestId'>, extra = ''): string {
  return `${prefix}-${createHash('sha256').update(`${ctx.openid}\n${ctx.requestId}\n${extra}`).digest('hex').slice(0, 24)}`
}

/** The member view of a score document (dates as ISO instants). */
export function viewOfScore(s: ScoreDocument, now: Date): MemberLedgerView {
  return {
    ...yearStateOf(s.year, s.state, now),
    memberId: s.memberId,
    name: s.name,
    sector: s.sector,
    committees: s.committees ?? [],
    score: s.score,
    grade: s.grade as Grade,
    gradeLabel: gradeLabels[s.grade as Grade],
    byKind: s.byKind ?? [],
    lines: (s.lines ?? []).map((l) => ({ ...l, date: new Date(l.date).toISOString() }))
  }
}

/** An empty view for a member with no score document yet (no lines, score 0). */
export function emptyView(year: number, member: { _id: string; name: string; sector: string; committees: string[] }, doc: YearDocument | null, now: Date, grade: Grade): MemberLedgerView {
  return { ...yearStateOf(year, doc, now), memberId: member._id, name: member.name, sector: member.sector, committees: member.committees, score: 0, grade, gradeLabel: gradeLabels[grade], byKind: [], lines: [] }
}

/** A ranking row (rank filled by the caller). */
export function rowOf(s: Pick<ScoreDocument, 'memberId' | 'name' | 'sector' | 'committees' | 'score' | 'grade' | 'dutyLines' | 'absences'>, rank: number): RankingRow {
  return {
    rank,
    memberId: s.memberId,
    name: s.name,
    sector: s.sector,
    committees: s.committees ?? [],
    score: s.score,
    grade: s.grade as Grade,
    gradeLabel: gradeLabels[s.grade as Grade],
    dutyLines: s.dutyLines ?? 0,
    absences: s.absences ?? 0
  }
}

/**
 * The ledger's score rule (issue 11, 《委员年度履职考评办法》), pure so the
 * `ledger` function, the shared line writer, the exports and the tests all
 * count the same way. Input: a member's active lines of one year and the
 * year's rules; output: points per line, points counted after the yearly
 * cap of each kind, the score and the grade.
 */
import { gradeLabels, isDutyKind, absenceKinds, ledgerKindLabels, ledgerKinds, type Grade, type LedgerKind, type LedgerRules } from './actions/ledger'

export interface ScorableLine {
  id: string
  kind: LedgerKind
  /** Instant of the work; lines are counted in date order (ties by id) so a cap keeps the earliest. */
  date: Date
  /** Points after an accepted objection (overrides the rules' points). */
  correctedPoints?: number
}

export interface LineScore {
  id: string
  /** Points the line is worth (rules, or the correction). */
  points: number
  /** Points that counted after the kind's cap. */
  counted: number
}

export interface ScoreResult {
  score: number
  grade: Grade
  gradeLabel: string
  lines: Map<string, LineScore>
  byKind: { kind: LedgerKind; label: string; count: number; points: number }[]
  /** Lines that count as duty done (not leave or absence) and are worth something or are duty kinds. */
  dutyLines: number
  absences: number
}

/** The grade of a score under the bands: ≥ excellent 优秀, ≥ pass 合格, ≥ basic 基本合格, else 不合格. */
export function gradeOf(score: number, bands: LedgerRules['bands']): Grade {
  if (score >= bands.excellent) return 'excellent'
  if (score >= bands.pass) return 'pass'
  if (score >= bands.basic) return 'basic'
  return 'fail'
}

/**
 * Scores one member's year. Each kind's points add up in date order; a cap
 * (absolute, e.g. at most 20 points from 社情民意 submitted, or at most 20
 * points deducted for absences) stops the running total of that kind, so
 * later lines count less or nothing. Score = sum of counted points.
 */
export function scoreYear(lines: ScorableLine[], rules: LedgerRules): ScoreResult {
  const sorted = [...lines].sort((a, b) => a.date.getTime() - b.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const totals = new Map<LedgerKind, { count: number; points: number }>()
  const out = new Map<string, LineScore>()
  let dutyLines = 0
  let absences = 0
  for (const line of sorted) {
    const points = line.correctedPoints ?? rules.points[line.kind] ?? 0
    const total = totals.get(line.kind) ?? { count: 0, points: 0 }
    const cap = rules.caps[line.kind]
    let counted = points
    if (cap !== undefined) {
      const next = total.points + points
      if (Math.abs(next) > cap) counted = Math.sign(next) * cap - total.points
    }
    total.count += 1
    total.points += counted
    totals.set(line.kind, total)
    out.set(line.id, { id: line.id, points, counted })
    // a line struck to 0 by an accepted objection is no duty done
    if (isDutyKind(line.kind) && !(line.correctedPoints === 0)) dutyLines += 1
    if ((absenceKinds as readonly LedgerKind[]).includes(line.kind) && line.correctedPoints !== 0) absences += 1
  }
  const score = [...totals.values()].reduce((sum, t) => sum + t.points, 0)
  const grade = gradeOf(score, rules.bands)
  return {
    score,
    grade,
    gradeLabel: gradeLabels[grade],
    lines: out,
    byKind: ledgerKinds.filter((k) => totals.has(k)).map((k) => ({ kind: k, label: ledgerKindLabels[k], count: totals.get(k)!.count, points: totals.get(k)!.points })),
    dutyLines,
    absences
  }
}

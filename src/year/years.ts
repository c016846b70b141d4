/**
 * The years the year page offers, and how a figure's change is worded.
 * Shared by the year page and the drill-down (and their tests).
 */
import { beijing } from '../core/time'
import { formatFigure } from '../core/figures'
import type { FigureValue } from '../core/actions/year'

/**
 * The first Beijing year with records in the product: 2025, the year the
 * county's office started entering its work (past activities of 2025 were
 * entered by hand, year.recordPast). docs/decisions.md, "year picker".
 */
export const FIRST_RECORD_YEAR = 2025

/** Beijing calendar years from the current one back to {@link FIRST_RECORD_YEAR}, newest first. */
export function recordYears(now: Date = new Date()): number[] {
  const current = Math.max(beijing(now).year(), FIRST_RECORD_YEAR)
  const years: number[] = []
  for (let y = current; y >= FIRST_RECORD_YEAR; y--) years.push(y)
  return years
}

/**
 * The change from the year before in words: “比上年增加 12次”, “比上年减少 3条”,
 * “与上年持平”; percentages change by 个百分点. Empty when either year has no number.
 */
export function changeText(value: number | null, previous: number | null, unit: string): string {
  if (value === null || previous === null) return ''
  const diff = Math.round((value - previous) * 10) / 10
  if (diff === 0) return '与上年持平'
  const amount = unit === '%' ? `${Math.abs(diff)}个百分点` : formatFigure(Math.abs(diff), unit)
  return `比上年${diff > 0 ? '增加' : '减少'}${amount}`
}

/**
 * The figures of a group worth drawing side by side (phone and console
 * charts): with a number, not a percentage, and not more than 20× the
 * group's median (16,000 people served beside 32 art shows would flatten
 * every other bar; such a figure stays in the list). docs/decisions.md 53.
 */
export function chartableFigures(figures: FigureValue[]): FigureValue[] {
  const counted = figures.filter((x) => x.value !== null && x.unit !== '%')
  const sorted = counted.map((x) => x.value as number).sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  return counted.filter((x) => median === 0 || (x.value as number) <= median * 20)
}

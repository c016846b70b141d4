/**
 * Pieces the 履职档案 pages share: the year chips (this Beijing year and the
 * one before), the evaluation state in words, dates of lines in Beijing
 * time, and the page a line's source opens.
 */
import { View, Text } from '@tarojs/components'
import type { LedgerYearState, SourceLink } from '../core/actions/ledger'
import { beijing } from '../core/time'
import './parts.scss'

/** This Beijing calendar year and the previous one (the evaluation of a year runs early in the next). */
export function ledgerYears(now: Date = new Date()): number[] {
  const y = beijing(now).year()
  return [y, y - 1]
}

/** Year chips (role radiogroup), large for older members. */
export function YearChips(props: { years: number[]; value: number; onChange: (y: number) => void }) {
  return (
    <View className='lg-years' role='radiogroup' aria-label='年度'>
      {props.years.map((y) => (
        <View key={y} role='radio' aria-checked={props.value === y} className={`lg-pick${props.value === y ? ' lg-pick--on' : ''}`} onClick={() => props.onChange(y)}>
          <Text>{`${y}年`}</Text>
        </View>
      ))}
    </View>
  )
}

/** An ISO instant as its Beijing day: `2025年3月5日`. */
export function lineDay(instant: string): string {
  return beijing(instant).format('YYYY年M月D日')
}

/** A Beijing `YYYY-MM-DD` day in words: `2026年1月5日`. */
export function dayWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/**
 * Where the evaluation of the year stands, in words:
 * 已定档 (locked), 公示中 (inside the window), 公示已结束 (after it, before the lock),
 * 待公示 (window set, not started) or 未公示 (no window yet).
 */
export function evaluationWords(state: LedgerYearState, now: Date = new Date()): { label: string; detail: string } {
  if (state.locked) return { label: '已定档', detail: '本年度考评结果已确定' }
  const w = state.window
  if (!w) return { label: '未公示', detail: '考评结果尚未公示，以下为当前累计' }
  const range = `公示期 ${dayWords(w.startDate)} 至 ${dayWords(w.endDate)}`
  if (state.windowOpen) return { label: '公示中', detail: `${range}，对某一项有不同意见可提出异议` }
  if (now.getTime() < new Date(w.startAt).getTime()) return { label: '待公示', detail: range }
  return { label: '公示已结束', detail: `${range}，等待确定结果` }
}

/** Route of a line's source page, when it has one (activities, proposals, 社情民意); offline lines have none. */
export function sourceRoute(source: SourceLink): string | undefined {
  const id = encodeURIComponent(source.id)
  if (source.type === 'activity') return `/pages/activity/detail/index?id=${id}`
  if (source.type === 'opinion') return `/pages/opinion/detail/index?id=${id}`
  if (source.type === 'proposal') return `/proposal/detail/index?id=${id}`
  return undefined
}

/** Points with their sign: `+10分`, `-5分`, `0分`. */
export function pointsWords(points: number): string {
  return `${points > 0 ? '+' : ''}${points}分`
}

/**
 * The one way dates and times are written for a person to read (issue 12,
 * item 3), in the mini-program and the console alike:
 *
 * - always Beijing time (Asia/Shanghai, via `beijing()` in ./time), without
 *   saying so on every line;
 * - the year is written only when it is not the current Beijing year
 *   (`3月5日`, `2025年12月31日`);
 * - 今天 / 明天 / 昨天 replace the date when the day is next to today
 *   (Beijing calendar days), unless `relative: false`;
 * - times are 24-hour `HH:mm`.
 *
 * Lists and details use the same functions, so a thing reads the same in
 * both. Form values (`YYYY-MM-DD HH:mm` wall-clock strings sent to the
 * server) are not display text and stay with `formatBeijing` / `parseBeijing`.
 */
import { beijing } from './time'

/** Anything dayjs reads as an instant: a Date, an ISO string or epoch milliseconds. */
export type Instant = Date | string | number

/** Options shared by the display helpers. */
export interface ShowOptions {
  /** The instant counted as "now" (default: the current time); tests pass a fixed one. */
  now?: Instant
  /** Write 今天/明天/昨天 for adjacent Beijing days (default true). */
  relative?: boolean
}

const relativeWords: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天' }

/**
 * The Beijing calendar day of `instant` in words: `今天`, `明天`, `昨天`,
 * `3月5日` in the current Beijing year, otherwise `2025年3月5日`.
 */
export function showDay(instant: Instant, options: ShowOptions = {}): string {
  const t = beijing(instant)
  const now = beijing(options.now ?? new Date())
  if (options.relative !== false) {
    const diff = t.startOf('day').diff(now.startOf('day'), 'day')
    const word = relativeWords[diff]
    if (word) return word
  }
  return t.year() === now.year() ? t.format('M月D日') : t.format('YYYY年M月D日')
}

/** Beijing wall-clock time of `instant`, 24-hour `HH:mm`. */
export function showTime(instant: Instant): string {
  return beijing(instant).format('HH:mm')
}

/** Day and time: `今天 09:30`, `3月5日 09:30`, `2025年3月5日 09:30` (see {@link showDay}). */
export function showDayTime(instant: Instant, options: ShowOptions = {}): string {
  return `${showDay(instant, options)} ${showTime(instant)}`
}

/**
 * A span of time: `3月5日 09:00-11:00` when both ends fall on the same
 * Beijing day, otherwise `3月5日 09:00 至 3月6日 11:00`.
 */
export function showRange(start: Instant, end: Instant, options: ShowOptions = {}): string {
  const sameDay = beijing(start).format('YYYY-MM-DD') === beijing(end).format('YYYY-MM-DD')
  return sameDay ? `${showDayTime(start, options)}-${showTime(end)}` : `${showDayTime(start, options)} 至 ${showDayTime(end, options)}`
}

/**
 * A calendar day given as a Beijing `YYYY-MM-DD` string (a deadline with no
 * time), in the words of {@link showDay}. Parsed at Beijing noon so no time
 * zone shift moves it to a neighbouring day.
 */
export function showCalendarDay(day: string, options: ShowOptions = {}): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  const noonUtc = Date.UTC(y, m - 1, d, 4)
  return showDay(noonUtc, options)
}

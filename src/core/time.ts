/**
 * Time rules (architecture.md, "Time"): instants are stored as Date (UTC);
 * every day, week, month and year boundary a person sees is computed in
 * Asia/Shanghai with dayjs utc + timezone, whatever the process TZ is.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import customParseFormat from 'dayjs/plugin/customParseFormat'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(customParseFormat)

export const BEIJING = 'Asia/Shanghai'

/** An instant viewed in Beijing time. */
export function beijing(instant: Date | string | number = new Date()) {
  return dayjs(instant).tz(BEIJING)
}

/** Formats an instant in Beijing time, default `YYYY-MM-DD HH:mm`. */
export function formatBeijing(instant: Date | string | number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return beijing(instant).format(pattern)
}

/** Parses a wall-clock `YYYY-MM-DD HH:mm` in Beijing time to an instant. Never `new Date(string)` (iOS rejects it). */
export function parseBeijing(wallClock: string, pattern = 'YYYY-MM-DD HH:mm'): Date {
  // Strict check first: dayjs.tz alone rolls '13-40' over into a later date.
  if (!dayjs(wallClock, pattern, true).isValid()) throw new Error(`invalid Beijing time: ${wallClock}`)
  const parsed = dayjs.tz(wallClock, pattern, BEIJING)
  return parsed.toDate()
}

/** [start, end) of the Beijing calendar day containing `instant`. */
export function beijingDay(instant: Date | number = new Date()): { start: Date; end: Date } {
  const start = beijing(instant).startOf('day')
  return { start: start.toDate(), end: start.add(1, 'day').toDate() }
}

/** [start, end) of a Beijing calendar year. */
export function beijingYear(year: number): { start: Date; end: Date } {
  const start = dayjs.tz(`${year}-01-01 00:00`, 'YYYY-MM-DD HH:mm', BEIJING)
  return { start: start.toDate(), end: start.add(1, 'year').toDate() }
}

export { dayjs }

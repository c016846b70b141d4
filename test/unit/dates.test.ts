import { showCalendarDay, showDay, showDayTime, showRange, showTime } from '../../src/core/dates'

/** 2026-06-15 10:00 Beijing. */
const midYear = new Date('2026-06-15T02:00:00Z')

describe('one way to write dates (Beijing time)', () => {
  it('writes today, tomorrow and yesterday by Beijing calendar day, not UTC', () => {
    // 2026-06-15 23:30 Beijing is still 15:30 UTC the same day; 00:30 Beijing on the 16th is 16:30 UTC on the 15th.
    expect(showDay(new Date('2026-06-15T15:30:00Z'), { now: midYear })).toBe('今天')
    expect(showDay(new Date('2026-06-15T16:30:00Z'), { now: midYear })).toBe('明天')
    expect(showDay(new Date('2026-06-14T15:59:00Z'), { now: midYear })).toBe('昨天')
    expect(showDay(new Date('2026-06-13T15:59:00Z'), { now: midYear })).toBe('6月13日')
  })

  it('leaves out the year only within the current Beijing year', () => {
    expect(showDay(new Date('2026-03-05T01:00:00Z'), { now: midYear })).toBe('3月5日')
    expect(showDay(new Date('2025-03-05T01:00:00Z'), { now: midYear })).toBe('2025年3月5日')
    expect(showDay(new Date('2027-01-05T01:00:00Z'), { now: midYear })).toBe('2027年1月5日')
  })

  it('at 00:30 on 1 January Beijing (still 31 December in UTC) last year has its year', () => {
    const newYear = new Date('2026-12-31T16:30:00Z') // 2027-01-01 00:30 Beijing
    expect(showDay(new Date('2026-12-31T15:00:00Z'), { now: newYear })).toBe('昨天')
    expect(showDay(new Date('2026-12-31T15:00:00Z'), { now: newYear, relative: false })).toBe('2026年12月31日')
    expect(showDay(new Date('2026-12-30T10:00:00Z'), { now: newYear })).toBe('2026年12月30日')
    expect(showDay(new Date('2027-01-03T02:00:00Z'), { now: newYear })).toBe('1月3日')
  })

  it('at 23:30 on 31 December Beijing, 1 January is 明天 and has the next year without the word', () => {
    const eve = new Date('2026-12-31T15:30:00Z') // 2026-12-31 23:30 Beijing
    expect(showDay(new Date('2026-12-31T16:10:00Z'), { now: eve })).toBe('明天')
    expect(showDay(new Date('2026-12-31T16:10:00Z'), { now: eve, relative: false })).toBe('2027年1月1日')
  })

  it('writes times as 24-hour Beijing wall clock', () => {
    expect(showTime(new Date('2026-03-09T23:30:00Z'))).toBe('07:30')
    expect(showDayTime('2026-03-09T23:30:00.000Z', { now: midYear })).toBe('3月10日 07:30')
    expect(showDayTime(new Date('2026-06-15T06:05:00Z'), { now: midYear })).toBe('今天 14:05')
  })

  it('writes a span once when it stays within a Beijing day, both ends otherwise', () => {
    expect(showRange('2026-03-10T01:00:00Z', '2026-03-10T03:00:00Z', { now: midYear })).toBe('3月10日 09:00-11:00')
    expect(showRange('2026-03-10T01:00:00Z', '2026-03-10T16:30:00Z', { now: midYear })).toBe('3月10日 09:00 至 3月11日 00:30')
    expect(showRange('2025-12-31T01:00:00Z', '2026-01-02T03:00:00Z', { now: midYear })).toBe('2025年12月31日 09:00 至 1月2日 11:00')
  })

  it('reads a Beijing calendar day (a deadline) without shifting it', () => {
    expect(showCalendarDay('2026-06-16', { now: midYear })).toBe('明天')
    expect(showCalendarDay('2026-01-01', { now: midYear })).toBe('1月1日')
    expect(showCalendarDay('2025-12-31', { now: midYear })).toBe('2025年12月31日')
  })
})

import { beijingDay, beijingYear, formatBeijing, parseBeijing } from '../../src/core/time'

describe('Beijing time rules', () => {
  it('runs these tests in UTC like the cloud functions do', () => {
    expect(new Date(0).getTimezoneOffset()).toBe(0)
  })

  it('07:30 Beijing (23:30 UTC the day before) belongs to the Beijing day', () => {
    const instant = new Date('2026-03-09T23:30:00Z')
    const { start, end } = beijingDay(instant)
    expect(start.toISOString()).toBe('2026-03-09T16:00:00.000Z')
    expect(end.toISOString()).toBe('2026-03-10T16:00:00.000Z')
    expect(formatBeijing(instant)).toBe('2026-03-10 07:30')
  })

  it('a Beijing year starts at 16:00 UTC on 31 December', () => {
    const { start, end } = beijingYear(2025)
    expect(start.toISOString()).toBe('2024-12-31T16:00:00.000Z')
    expect(end.toISOString()).toBe('2025-12-31T16:00:00.000Z')
  })

  it('parses a wall-clock Beijing time without new Date(string)', () => {
    expect(parseBeijing('2026-05-01 09:00').toISOString()).toBe('2026-05-01T01:00:00.000Z')
    expect(() => parseBeijing('2026-13-40 99:99')).toThrow()
  })
})

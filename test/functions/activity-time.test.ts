/** "Today's activities" boundaries in Beijing time (issue 5): pure, no cloud needed. */
import { listWindow, effectiveState } from '../../cloudfunctions/activity/engine'

describe('list windows in Beijing time', () => {
  it("at 07:30 Beijing (23:30 UTC the day before) 'today' is the Beijing day, not yesterday's UTC day", () => {
    const now = new Date('2026-03-09T23:30:00Z') // 2026-03-10 07:30 Beijing
    const w = listWindow('today', now)
    expect(w.gte?.toISOString()).toBe('2026-03-09T16:00:00.000Z') // 2026-03-10 00:00 Beijing
    expect(w.lt?.toISOString()).toBe('2026-03-10T16:00:00.000Z')
    const yesterdayEvening = new Date('2026-03-09T12:00:00Z') // 03-09 20:00 Beijing
    const thisMorning = new Date('2026-03-10T01:00:00Z') // 03-10 09:00 Beijing
    const inside = (d: Date) => d >= w.gte! && d < w.lt!
    expect(inside(yesterdayEvening)).toBe(false)
    expect(inside(thisMorning)).toBe(true)
  })

  it('effective state follows the deadline, check-in window and end', () => {
    const a = {
      state: 'published' as const,
      signupDeadline: new Date('2026-03-10T00:00:00Z'),
      checkinStartAt: new Date('2026-03-10T01:30:00Z'),
      startAt: new Date('2026-03-10T02:00:00Z'),
      endAt: new Date('2026-03-10T04:00:00Z'),
      checkinEndAt: new Date('2026-03-10T04:00:00Z')
    }
    expect(effectiveState(a, new Date('2026-03-09T23:00:00Z'))).toBe('published')
    expect(effectiveState(a, new Date('2026-03-10T01:00:00Z'))).toBe('registration_closed')
    expect(effectiveState(a, new Date('2026-03-10T02:30:00Z'))).toBe('checkin_open')
    expect(effectiveState(a, new Date('2026-03-10T05:00:00Z'))).toBe('ended')
    expect(effectiveState({ ...a, state: 'cancelled' }, new Date('2026-03-10T02:30:00Z'))).toBe('cancelled')
  })
})

/**
 * Timer triggers from config.json: fired on demand and on schedule, with the
 * event and context a timer-triggered function gets in the cloud.
 */
import type { Emulator } from '../../emulator'
import type { FunctionsModule } from '../../emulator/functions'
import { nextFire, timerEvent } from '../../emulator/functions/timers'
import { startFixtureEmulator } from './functions-support'

jest.setTimeout(30000)

describe('fireTimer', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startFixtureEmulator()
  })
  afterAll(async () => {
    await emu.stop()
  })

  it('runs the function with the timer event, SOURCE wx_trigger and no user', async () => {
    const out = await emu.fireTimer<any>('ticker', 'nightly')
    expect(out.result.event).toEqual({ Type: 'Timer', TriggerName: 'nightly', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), Message: '' })
    expect(out.result.ctx).toEqual({ ENV: 'cppcc-local', SOURCE: 'wx_trigger' })
    expect(emu.outbox().map((m) => m.data.thing1.value)).toEqual([`nightly ${out.result.event.Time}`])
  })

  it('rejects an unknown trigger name', async () => {
    await expect(emu.fireTimer('ticker', 'hourly')).rejects.toThrow(/no timer trigger named hourly/)
  })

  it('does not run triggers on schedule unless asked to', async () => {
    expect((emu.modules.functions as FunctionsModule).timers()).toEqual([])
  })
})

describe('on schedule', () => {
  it('a "* * * * * * *" trigger runs by itself once the emulator starts with timers on', async () => {
    const emu = await startFixtureEmulator({ functions: { timers: true } })
    try {
      const scheduled = (emu.modules.functions as FunctionsModule).timers()
      expect(scheduled.map((t) => `${t.fn}/${t.trigger}`).sort()).toEqual(['ticker/everySecond', 'ticker/nightly'])
      // wait (bounded) for the every-second trigger to have run at least twice
      const deadline = Date.now() + 15000
      while (emu.outbox().filter((m) => m.data.thing1.value.startsWith('everySecond ')).length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
      }
      const ticks = emu.outbox().filter((m) => m.data.thing1.value.startsWith('everySecond '))
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      expect(ticks.some((m) => m.data.thing1.value.startsWith('nightly'))).toBe(false)
    } finally {
      await emu.stop()
    }
  })
})

describe('cron with seconds and year (WeChat 7-field form), Beijing time', () => {
  it('computes the next firing in Asia/Shanghai and honours the year field', () => {
    const after = new Date('2026-11-29T00:00:00Z') // 08:00 in Beijing
    expect(nextFire('0 0 2 * * * *', after)?.toISOString()).toBe('2026-11-29T18:00:00.000Z') // 02:00 Beijing next day
    expect(nextFire('0 30 9 * * * *', after)?.toISOString()).toBe('2026-11-29T01:30:00.000Z')
    expect(nextFire('0 0 2 1 1 * 2030', after)?.toISOString()).toBe('2029-12-31T18:00:00.000Z')
    expect(nextFire('0 0 2 1 1 * 2020', after)).toBeNull()
  })

  it('refuses an expression without the seconds and year fields', () => {
    expect(() => nextFire('0 2 * * *', new Date())).toThrow(/7 fields/)
  })

  it('builds the event with second precision in UTC', () => {
    expect(timerEvent('t', new Date('2026-01-02T03:04:05.678Z'))).toEqual({ Type: 'Timer', TriggerName: 't', Time: '2026-01-02T03:04:05Z', Message: '' })
  })
})

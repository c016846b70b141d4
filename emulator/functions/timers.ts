/**
 * Timer triggers from config.json (`triggers: [{name, type: 'timer', config}]`).
 *
 * `config` is WeChat's 7-field cron: `second minute hour day-of-month month
 * day-of-week year`. The first six go to cron-parser (day-of-week 0 or 7 =
 * Sunday, as in Tencent SCF's documentation); the year field may be `*`, a
 * year, a range `2026-2030` or a comma list of those. Schedules are evaluated
 * in Beijing time (Asia/Shanghai), the zone CloudBase runs triggers in.
 *
 * The function receives the event the cloud sends a timer-triggered function:
 * `{Type: 'Timer', TriggerName, Time: '<UTC, YYYY-MM-DDTHH:mm:ssZ>', Message: ''}`
 * with SOURCE `wx_trigger` and no user.
 */
import { CronExpressionParser } from 'cron-parser'
import type { TimerTrigger } from './config'

export const TRIGGER_TIME_ZONE = 'Asia/Shanghai'

/** The event a timer trigger passes as `event`. */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  /** UTC instant, second precision, e.g. '2026-11-29T02:00:00Z'. */
  Time: string
  Message: string
}

/** Build the event for a trigger firing at `at`. */
export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

const beijingYear = new Intl.DateTimeFormat('en', { timeZone: TRIGGER_TIME_ZONE, year: 'numeric' })

function yearMatcher(field: string): { test: (year: number) => boolean; max: number } {
  if (field === '*' || field === '?') return { test: () => true, max: 2099 }
  const parts = field.split(',').map((p) => {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(p.trim())
    if (!m) throw new Error(`unsupported year field "${field}" (use *, YYYY, YYYY-YYYY or a comma list)`)
    const a = Number(m[1])
    const b = m[2] ? Number(m[2]) : a
    return [a, b] as const
  })
  return { test: (y) => parts.some(([a, b]) => y >= a && y <= b), max: Math.max(...parts.map(([, b]) => b)) }
}

/**
 * Next firing time strictly after `after`, or null when the year field allows no more.
 * @throws Error for an expression that is not 7 fields or that cron-parser rejects
 */
export function nextFire(cron: string, after: Date): Date | null {
  const fields = cron.trim().split(/\s+/)
  if (fields.length !== 7) throw new Error(`timer trigger cron must have 7 fields (sec min hour day month week year): "${cron}"`)
  const years = yearMatcher(fields[6])
  const expr = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: after, tz: TRIGGER_TIME_ZONE })
  for (let i = 0; i < 100000; i++) {
    const d = expr.next().toDate()
    const y = Number(beijingYear.format(d))
    if (y > years.max) return null
    if (years.test(y)) return d
  }
  return null
}

/** Validate every trigger's cron (throws the first problem). */
export function validateTriggers(fnName: string, triggers: TimerTrigger[]): void {
  const names = new Set<string>()
  for (const t of triggers) {
    if (names.has(t.name)) throw new Error(`${fnName}: duplicate trigger name ${t.name}`)
    names.add(t.name)
    nextFire(t.config, new Date())
  }
}

export interface ScheduledTimer {
  fn: string
  trigger: string
  cron: string
  next: Date | null
}

/**
 * Runs triggers on schedule. Each trigger keeps one timeout to its next
 * firing; timeouts are unref'd (they never keep the process alive) and a
 * firing never overlaps the previous run of the same trigger.
 */
export class TimerScheduler {
  private readonly timers = new Map<string, { t: TimerTrigger; fn: string; next: Date | null; handle?: NodeJS.Timeout; running: boolean }>()
  private stopped = false

  constructor(private readonly fire: (fn: string, trigger: string, at: Date) => Promise<unknown>) {}

  /** Schedule `triggers` of function `fn` (replacing earlier ones of that function). */
  schedule(fn: string, triggers: TimerTrigger[]): void {
    for (const [k, v] of this.timers) {
      if (v.fn === fn) {
        if (v.handle) clearTimeout(v.handle)
        this.timers.delete(k)
      }
    }
    for (const t of triggers) {
      const entry = { t, fn, next: null as Date | null, running: false, handle: undefined as NodeJS.Timeout | undefined }
      this.timers.set(`${fn}/${t.name}`, entry)
      this.arm(entry)
    }
  }

  private arm(entry: { t: TimerTrigger; fn: string; next: Date | null; handle?: NodeJS.Timeout; running: boolean }): void {
    if (this.stopped) return
    entry.next = nextFire(entry.t.config, new Date())
    if (!entry.next) return
    // setTimeout caps at ~24.8 days; re-arm in steps.
    const wait = Math.min(entry.next.getTime() - Date.now(), 2 ** 31 - 1)
    const at = entry.next
    entry.handle = setTimeout(
      () => {
        if (Date.now() < at.getTime()) return this.arm(entry)
        if (!entry.running) {
          entry.running = true
          this.fire(entry.fn, entry.t.name, at)
            .catch(() => undefined)
            .finally(() => {
              entry.running = false
            })
        }
        this.arm(entry)
      },
      Math.max(0, wait)
    )
    entry.handle.unref()
  }

  /** What is scheduled, with next firing times. */
  list(): ScheduledTimer[] {
    return [...this.timers.values()].map((e) => ({ fn: e.fn, trigger: e.t.name, cron: e.t.config, next: e.next }))
  }

  stop(): void {
    this.stopped = true
    for (const e of this.timers.values()) if (e.handle) clearTimeout(e.handle)
    this.timers.clear()
  }
}

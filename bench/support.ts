/**
 * What the benches share: a percentile that rounds to 0.1 ms, and an
 * in-memory local cloud hosting the real functions with the demo county
 * loaded through the real SDK (`withDemoCloud`), stopped afterwards.
 */
import path from 'path'
import { startEmulator, type Emulator } from '../emulator'
import { loadDemoData } from '../database/demo/load'

/** Nearest-rank percentile `p` (0-100) of `values`, rounded to one decimal. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] * 10) / 10
}

/** Runs, p50/p95 (ms) and the fewest and most DB operations of a set of timed calls. */
export function summary(times: number[], ops: number[]) {
  return { runs: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), dbOps: { min: Math.min(...ops), max: Math.max(...ops) } }
}

/** Runs `body` with a fresh demo cloud: the emulator and the SDK's database, both ready. */
export async function withDemoCloud<T>(body: (emulator: Emulator, db: any) => Promise<T>): Promise<T> {
  process.env.TZ = 'UTC'
  const emulator = await startEmulator({ memory: true, quiet: true, development: true, functionsDir: path.join(__dirname, '..', 'cloudfunctions') })
  try {
    Object.assign(process.env, emulator.env())
    const cloud = require('wx-server-sdk')
    cloud.init({ env: emulator.envId })
    const db = cloud.database()
    await loadDemoData(db)
    return await body(emulator, db)
  } finally {
    await emulator.stop()
  }
}

/** One timed call: milliseconds, DB operations, and whether it succeeded. */
export interface TimedCall {
  ms: number
  dbOps: { total: number; byKind: Record<string, number>; inTransaction: number }
  ok: boolean
  code?: string
}

/**
 * Calls `action` `runs` times after one warm-up call (worker and bundle),
 * failing on any error; returns the last call's DB operations and the p50 /
 * p95 of the wall-clock times (ms).
 */
export async function measureAction(
  call: (action: string, payload: unknown, openid: string) => Promise<TimedCall>,
  action: string,
  payload: (i: number) => unknown,
  openid: (i: number) => string,
  runs: number
) {
  const times: number[] = []
  let last: TimedCall | undefined
  await call(action, payload(-1), openid(-1))
  for (let i = 0; i < runs; i++) {
    last = await call(action, payload(i), openid(i))
    if (!last.ok) throw new Error(`${action}: ${last.code}`)
    times.push(last.ms)
  }
  return { dbOps: last!.dbOps.total, byKind: last!.dbOps.byKind, inTransaction: last!.dbOps.inTransaction, p50: percentile(times, 50), p95: percentile(times, 95), runs }
}

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

/**
 * The year's figures (issue 10, "Rules": a bounded number of DB operations):
 * `year.figures` for the demo year 2025, then again after the year's
 * records were multiplied by ten (activities with their check-ins, outcomes,
 * contacts, designations, 社情民意 items): DB operations (must not change)
 * and time p50/p95 (ms), plus the demo load time. Run alone: `npx tsx bench/year.ts`.
 */
import { personas } from '../src/dev/personas'
import { percentile, withDemoCloud } from './support'

export async function run(): Promise<Record<string, unknown>> {
  const started = Date.now()
  return withDemoCloud(async (emulator, db) => {
    const loadMs = Date.now() - started
    const staff = personas.find((p) => p.key === 'staff')!.openid
    let n = 0
    const measure = async (runs: number) => {
      const times: number[] = []
      const ops: number[] = []
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint()
        const { result, dbOps } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>('year', { action: 'year.figures', payload: { year: 2025 }, requestId: `bench-year-${++n}-${Date.now().toString(36)}` }, { openid: staff })
        if (!result.ok) throw new Error(`year.figures: ${result.error?.code}`)
        times.push(Number(process.hrtime.bigint() - t) / 1e6)
        ops.push(dbOps.total)
      }
      return { runs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), dbOps: { min: Math.min(...ops), max: Math.max(...ops) } }
    }
    await measure(1) // warm the worker and the bundle
    const demo = await measure(10)

    const readAll = async (collection: string, where: Record<string, unknown>) => {
      const out: Record<string, unknown>[] = []
      for (;;) {
        const rows = (await db.collection(collection).where(where).orderBy('_id', 'asc').skip(out.length).limit(100).get()).data as Record<string, unknown>[]
        out.push(...rows)
        if (rows.length < 100) return out
      }
    }
    const _ = db.command
    const year = { startAt: _.gte(new Date(Date.UTC(2024, 11, 31, 16))).and(_.lt(new Date(Date.UTC(2025, 11, 31, 16)))) }
    const copies: [string, Record<string, unknown>[], (d: Record<string, unknown>, k: number) => Record<string, unknown>][] = [
      ['activities', await readAll('activities', { state: 'finalized', ...year }), (d, k) => ({ ...d, _id: `${d._id}-x${k}` })],
      ['registrations', await readAll('registrations', { activityStartAt: year.startAt }), (d, k) => ({ ...d, _id: `${d._id}-x${k}`, activityId: `${d.activityId}-x${k}`, pass: `${d.pass}x${k}` })],
      ['activityOutcomes', await readAll('activityOutcomes', { year: 2025 }), (d, k) => ({ ...d, _id: `${d._id}-x${k}`, activityId: `${d.activityId}-x${k}` })],
      ['memberContacts', await readAll('memberContacts', { year: 2025 }), (d, k) => ({ ...d, _id: `${d._id}-x${k}` })],
      ['supervisorDesignations', await readAll('supervisorDesignations', { year: 2025 }), (d, k) => ({ ...d, _id: `${d._id}-x${k}` })],
      ['opinions', await readAll('opinions', { year: 2025 }), (d, k) => ({ ...d, _id: `${d._id}-x${k}` })]
    ]
    let records = 0
    for (const [collection, docs, copy] of copies) {
      for (let k = 1; k < 10; k++) {
        const batch = docs.map((d) => copy(d, k))
        for (let i = 0; i < batch.length; i += 500) await db.collection(collection).add({ data: batch.slice(i, i + 500) })
        records += batch.length
      }
    }
    const tenfold = await measure(10)
    return { demoLoadMs: loadMs, demoYear: demo, tenfoldYear: { ...tenfold, addedRecords: records }, target: 'dbOps the same for both (bounded)' }
  })
}

if (require.main === module) {
  run().then((r) => {
    console.log(JSON.stringify(r, null, 2))
    process.exit(0)
  })
}

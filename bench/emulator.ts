/**
 * Emulator benchmark: insert, indexed get and unindexed get at 1k, 10k and
 * 100k documents, measured end to end through the real wx-server-sdk against
 * an in-memory emulator in this process (HTTP on 127.0.0.1 included).
 *
 *   npx tsx bench/emulator.ts            # prints JSON
 *   import { benchEmulator } from './emulator'
 *
 * Figures (milliseconds per operation, wall clock):
 *   sizes[N].insert        one `add` of one document into a collection of N docs
 *   sizes[N].indexedGet    `where({memberNumber})` served by the unique index
 *   sizes[N].unindexedGet  `where({title})` on a field without index (full scan)
 *   indexedGetRatio100kTo1k  p50(indexed get @100k) / p50(@1k); goal <= 1.5
 *   memoryAt100k           heap and RSS after loading 100k docs (MB)
 */
import { startEmulator } from '../emulator'

export interface Percentiles {
  p50: number
  p95: number
  samples: number
}

export interface EmulatorBenchFigures {
  sizes: Record<string, { insert: Percentiles; indexedGet: Percentiles; unindexedGet: Percentiles; loadSeconds: number }>
  indexedGetRatio100kTo1k: number | null
  memoryAt100k: { heapUsedMB: number; rssMB: number; heapDeltaMB: number } | null
  node: string
  store: 'memory'
}

function pct(values: number[]): Percentiles {
  const a = values.slice().sort((x, y) => x - y)
  const at = (q: number) => a[Math.min(a.length - 1, Math.floor(q * (a.length - 1)))]
  const r = (x: number) => Math.round(x * 1000) / 1000
  return { p50: r(at(0.5)), p95: r(at(0.95)), samples: a.length }
}

async function timeIt(n: number, f: (k: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let k = 0; k < n; k++) {
    const t = process.hrtime.bigint()
    await f(k)
    out.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return out
}

const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10

/**
 * Run the benchmark.
 * @param opts.sizes collection sizes (default [1000, 10000, 100000])
 * @param opts.samples operations timed per figure (default 200; unindexed gets
 *        at sizes >= 50k use a tenth, at least 20)
 */
export async function benchEmulator(opts: { sizes?: number[]; samples?: number } = {}): Promise<EmulatorBenchFigures> {
  const sizes = opts.sizes ?? [1000, 10000, 100000]
  const samples = opts.samples ?? 200
  const emu = await startEmulator({ memory: true, quiet: true })
  const saved = { ...process.env }
  Object.assign(process.env, emu.env())
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const members = () => db.collection('members')
    const figures: EmulatorBenchFigures = { sizes: {}, indexedGetRatio100kTo1k: null, memoryAt100k: null, node: process.version, store: 'memory' }

    // warm up the SDK, the server and the JIT so the first size is not penalised
    await members().add({ data: Array.from({ length: 500 }, (_, k) => ({ _id: `w${k}`, memberNumber: `W${k}`, title: `w ${k}` })) })
    for (let k = 0; k < 300; k++) {
      await members().where({ memberNumber: `W${k % 500}` }).get()
      await members().where({ title: `w ${k % 500}` }).get()
      await members().add({ data: { memberNumber: `WW${k}`, title: 'x' } })
    }
    await emu.reset()
    if (global.gc) global.gc()
    const baseHeap = process.memoryUsage().heapUsed

    for (const size of sizes) {
      await emu.reset()
      const t0 = Date.now()
      for (let i = 0; i < size; i += 1000) {
        const batch = Array.from({ length: Math.min(1000, size - i) }, (_, k) => {
          const n = i + k
          return { _id: `m${n}`, memberNumber: `M${n}`, boundOpenid: `o${n % 500}`, title: `委员 ${n}`, i: n, at: new Date(1700000000000 + n) }
        })
        await members().add({ data: batch })
      }
      const loadSeconds = (Date.now() - t0) / 1000
      if (size === 100000) {
        if (global.gc) global.gc()
        const m = process.memoryUsage()
        figures.memoryAt100k = { heapUsedMB: mb(m.heapUsed), rssMB: mb(m.rss), heapDeltaMB: mb(m.heapUsed - baseHeap) }
      }
      const rnd = (k: number) => (k * 7919) % size
      const insert = await timeIt(samples, (k) =>
        members().add({ data: { _id: `x${size}-${k}`, memberNumber: `X${size}-${k}`, title: `新 ${k}`, i: -k } })
      )
      const indexed = await timeIt(samples, async (k) => {
        const r = await members().where({ memberNumber: `M${rnd(k)}` }).get()
        if (r.data.length !== 1) throw new Error('indexed get found nothing')
      })
      const scanSamples = size >= 50000 ? Math.max(20, Math.floor(samples / 10)) : samples
      const unindexed = await timeIt(scanSamples, async (k) => {
        const r = await members().where({ title: `委员 ${rnd(k)}` }).get()
        if (r.data.length !== 1) throw new Error('unindexed get found nothing')
      })
      figures.sizes[String(size)] = { insert: pct(insert), indexedGet: pct(indexed), unindexedGet: pct(unindexed), loadSeconds }
    }
    const small = figures.sizes['1000']?.indexedGet.p50
    const large = figures.sizes['100000']?.indexedGet.p50
    if (small && large) figures.indexedGetRatio100kTo1k = Math.round((large / small) * 100) / 100
    return figures
  } finally {
    await emu.stop()
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
}

if (require.main === module) {
  benchEmulator().then(
    (f) => {
      console.log(JSON.stringify(f, null, 2))
      process.exit(0)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}

/**
 * 社情民意 targets (issue 4, "Targets (bench)") on an in-memory local cloud
 * with the demo data, through the real SDK inside the hosted `opinion`
 * function:
 * - submit: DB operations (target <= 3, plus the content check) with and
 *   without images, and time p50/p95 (ms);
 * - the staff review list and the submitter's list: DB operations (target 1
 *   each; the staff list also reads the caller's roles once — both numbers
 *   are reported) and time;
 * - compiling a 20-item bulletin (transaction + .docx + upload): time
 *   p50/p95 (target < 2 s on the emulator) and DB operations.
 * Run alone: `npx tsx bench/opinion.ts`.
 */
import { personas } from '../src/dev/personas'
import { summary, withDemoCloud } from './support'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

export async function run(): Promise<Record<string, unknown>> {
  return withDemoCloud(async (emulator, db) => {
    const who = (key: string) => personas.find((p) => p.key === key)!.openid
    let n = 0
    const invoke = async (persona: string, action: string, payload: unknown) => {
      const started = process.hrtime.bigint()
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; data?: any; error?: { code: string } }>(
        'opinion',
        { action, payload, requestId: `bench-opinion-${++n}-${Date.now().toString(36)}` },
        { openid: who(persona) }
      )
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (!result.ok) throw new Error(`${action}: ${result.error?.code}`)
      return { ms, dbOps: dbOps.total, data: result.data }
    }
    const base = { title: '关于小区门口增设减速带的建议', categoryId: 'cat-livelihood', content: '小区门口车速过快，老人孩子出行不安全，建议增设减速带。' }

    // warm the worker and the bundle
    await invoke('public', 'opinion.submit', base)

    const RUNS = 20
    const plain = { times: [] as number[], ops: [] as number[] }
    const withImages = { times: [] as number[], ops: [] as number[] }
    for (let i = 0; i < RUNS; i++) {
      const r = await invoke('public', 'opinion.submit', base)
      plain.times.push(r.ms)
      plain.ops.push(r.dbOps)
      const images = [1, 2, 3].map((k) => emulator.storage.put(`uploads/${who('informant')}/bench-${i}-${k}.png`, PNG, { openid: who('informant') }).fileID)
      const s = await invoke('informant', 'opinion.submit', { ...base, images })
      withImages.times.push(s.ms)
      withImages.ops.push(s.dbOps)
    }

    const review = { times: [] as number[], ops: [] as number[] }
    const mine = { times: [] as number[], ops: [] as number[] }
    for (let i = 0; i < RUNS; i++) {
      const r = await invoke('staff', 'opinion.reviewList', { state: 'adopted', limit: 20 })
      review.times.push(r.ms)
      review.ops.push(r.dbOps)
      const m = await invoke('informant', 'opinion.mine', { limit: 20 })
      mine.times.push(m.ms)
      mine.ops.push(m.dbOps)
    }

    // 20-item bulletins: fresh adopted items for each run
    const COMPILES = 5
    const now = new Date()
    const docs = Array.from({ length: 20 * COMPILES }, (_, i) => ({
      _id: `bench-adopted-${String(i).padStart(3, '0')}`,
      title: `基准测试采用信息 ${i + 1}`,
      categoryId: 'cat-other',
      categoryName: '其他',
      content: '建议有关部门加强统筹，'.repeat(40),
      images: [],
      imageTraceIds: [],
      anonymous: i % 3 === 0,
      mayPublish: true,
      notify: ['published'],
      submitterOpenid: who('informant'),
      submitterRole: 'informant',
      state: 'adopted',
      flags: [],
      key: i % 5 === 0,
      receivedAt: now,
      year: 2026,
      updatedAt: now,
      adoptedAt: now,
      adopted: { title: `基准测试采用信息 ${i + 1}`, content: '建议有关部门加强统筹，'.repeat(40), key: false, at: now, by: who('staff') },
      timeline: [{ step: 'received', at: now }],
      history: [],
      upward: []
    }))
    await db.collection('opinions').add({ data: docs })
    const compile = { times: [] as number[], ops: [] as number[] }
    for (let c = 0; c < COMPILES; c++) {
      const itemIds = docs.slice(c * 20, c * 20 + 20).map((d) => d._id)
      const r = await invoke('staff', 'bulletin.compile', { itemIds, editor: '李春燕', approver: '王建华' })
      compile.times.push(r.ms)
      compile.ops.push(r.dbOps)
    }

    return {
      submit: { target: '<= 3 DB operations plus the content check', noImages: summary(plain.times, plain.ops), threeImages: summary(withImages.times, withImages.ops) },
      reviewList: { target: '1 DB operation (plus 1 read of the caller\'s roles for a staff-only action)', ...summary(review.times, review.ops), listReads: 1, callerReads: 1 },
      mySubmissions: { target: '1 DB operation', ...summary(mine.times, mine.ops) },
      compile20: { target: '< 2000 ms on the emulator', ...summary(compile.times, compile.ops), note: 'transaction: idempotency record + counter + 20 item reads + bulletin + 20 item updates; then .docx render, upload, fileID update; notices' }
    }
  })
}

if (require.main === module) {
  run().then(
    (r) => {
      console.log(JSON.stringify(r, null, 2))
      process.exit(0)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}

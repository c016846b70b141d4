/**
 * 提案 targets (issue 9, "Tests and targets") on an in-memory local cloud with
 * the demo data, through the real SDK inside the hosted `proposal` function:
 * DB operations and time for my proposals, the review queue, filing (one
 * transaction), a unit's tasks; and the time of the 105-proposal 提案汇编
 * (target < 3 s on the emulator). Every staff-only or member-only action
 * also reads the caller's roles once; that read is included in the numbers.
 * Run alone: `npx tsx bench/proposal.ts`.
 */
import { personas } from '../src/dev/personas'
import { summary, withDemoCloud } from './support'

export async function run(): Promise<Record<string, unknown>> {
  return withDemoCloud(async (emulator, db) => {
    const who = (key: string) => personas.find((p) => p.key === key)!.openid
    let n = 0
    const invoke = async (persona: string, action: string, payload: unknown) => {
      const started = process.hrtime.bigint()
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; data?: unknown; error?: { code: string } }>(
        'proposal',
        { action, payload, requestId: `bench-proposal-${++n}-${Date.now().toString(36)}` },
        { openid: who(persona) }
      )
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (!result.ok) throw new Error(`${action}: ${result.error?.code}`)
      return { ms, dbOps: dbOps.total }
    }
    const measure = async (runs: number, persona: string, action: string, payload: (i: number) => unknown) => {
      const times: number[] = []
      const ops: number[] = []
      for (let i = 0; i < runs; i++) {
        const r = await invoke(persona, action, payload(i))
        times.push(r.ms)
        ops.push(r.dbOps)
      }
      return summary(times, ops)
    }
    await invoke('member', 'proposal.mine', {}) // warm the worker and the bundle

    const RUNS = 20
    const mine = await measure(RUNS, 'member', 'proposal.mine', () => ({ limit: 20 }))
    const queue = await measure(RUNS, 'staff', 'proposal.reviewList', () => ({ limit: 20 }))
    const tasks = await measure(RUNS, 'department', 'proposal.tasks', () => ({ limit: 20 }))
    const base = (await db.collection('proposals').doc('demo-pr-2026-09').get()).data as Record<string, unknown>
    delete base._id
    for (let i = 0; i < RUNS; i++) await db.collection('proposals').doc(`bench-file-${i}`).set({ data: { ...base, title: `基准测试提案 ${i + 1}` } })
    const filing = await measure(RUNS, 'staff', 'proposal.file', (i) => ({ id: `bench-file-${i}` }))
    const compilation = await measure(3, 'staff', 'proposal.exportCompilation', () => ({ termId: 'term-15', sessionNumber: 4 }))
    return {
      myProposals: { target: '1 DB operation (first page: the caller and the list in one aggregate)', ...mine },
      reviewQueue: { target: '<= 2 DB operations', ...queue },
      unitTasks: { target: '<= 2 DB operations', ...tasks },
      filing: { target: 'one transaction', ...filing, note: 'caller + transaction (request record, proposal, counter, update, counter set, audit, request record) + notice lookups + idempotency result' },
      compilation105: { target: '< 3000 ms on the emulator', ...compilation }
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

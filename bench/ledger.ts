/**
 * 委员履职档案 targets (issue 11, "Rules") on an in-memory local cloud with
 * the demo data, through the real SDK inside the hosted `ledger` function:
 * DB operations and time of 我的履职 (target ≤ 2 with the caller's read) and
 * of the staff ranking of the year (target ≤ 3; the demo year has 92
 * members, the bench adds score documents up to 200); and the writer under
 * crashes: 1,000 random attendance events on one meeting (check in, leave,
 * absence, back to expected), each followed by the line sync unless a crash
 * is injected (20 %: the source changed, its sync never ran), then the repair
 * of the year; counted afterwards: lines missing, lines that should not be
 * active, and members with more than one active line for the meeting.
 * Run alone: `npx tsx bench/ledger.ts`.
 */
import { personas } from '../src/dev/personas'
import { activityLines, lineIdOf, repairYear, syncActivity } from '../cloudfunctions/_shared/ledger'
import { summary, withDemoCloud } from './support'

export async function run(): Promise<Record<string, unknown>> {
  return withDemoCloud(async (emulator, db) => {
    const who = (key: string) => personas.find((p) => p.key === key)!.openid
    let n = 0
    const invoke = async (persona: string, action: string, payload: unknown) => {
      const started = process.hrtime.bigint()
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>(
        'ledger',
        { action, payload, requestId: `bench-ledger-${++n}-${Date.now().toString(36)}` },
        { openid: who(persona) }
      )
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (!result.ok) throw new Error(`${action}: ${result.error?.code}`)
      return { ms, dbOps: dbOps.total }
    }
    const measure = async (runs: number, persona: string, action: string, payload: unknown) => {
      const times: number[] = []
      const ops: number[] = []
      for (let i = 0; i < runs; i++) {
        const r = await invoke(persona, action, payload)
        times.push(r.ms)
        ops.push(r.dbOps)
      }
      return summary(times, ops)
    }
    await invoke('member', 'ledger.mine', { year: 2025 })

    // 200 members' scores: the demo's plus copies
    const base = (await db.collection('ledgerScores').where({ year: 2025 }).limit(1).get()).data[0] as Record<string, unknown>
    const have = (await db.collection('ledgerScores').where({ year: 2025 }).count()).total as number
    for (let i = have; i < 200; i++) {
      const { _id: _ignored, ...rest } = base
      await db.collection('ledgerScores').doc(`2025-bench-${i}`).set({ data: { ...rest, memberId: `bench-${i}`, name: `基准委员${i}`, score: i } })
    }
    const RUNS = 20
    const mine = await measure(RUNS, 'member', 'ledger.mine', { year: 2025 })
    const ranking = await measure(RUNS, 'staff', 'ledger.ranking', { year: 2025 })

    // 1,000 random events with crashes injected
    const activityId = 'ledger-2025-standing-1'
    const regs = (await db.collection('registrations').where({ activityId }).limit(100).get()).data as { _id: string; memberId: string }[]
    const states = ['attended', 'leave_approved', 'absent', 'confirmed', 'checked_in']
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    let crashes = 0
    const started = Date.now()
    for (let i = 0; i < 1000; i++) {
      const r = regs[Math.floor(random() * regs.length)]
      await db.collection('registrations').doc(r._id).update({ data: { state: states[Math.floor(random() * states.length)] } })
      if (random() < 0.2) crashes++
      else await syncActivity(db, activityId, new Date())
    }
    const eventsMs = Date.now() - started
    const repairStarted = Date.now()
    const repair = await repairYear(db, 2025, new Date())
    const repairMs = Date.now() - repairStarted

    const activity = (await db.collection('activities').doc(activityId).get()).data
    const now = (await db.collection('registrations').where({ activityId }).limit(100).get()).data
    const wanted = new Set(activityLines(activity, now).map((l) => lineIdOf(l.kind, 'activity', activityId, l.memberId)))
    const active = (await db.collection('ledgerLines').where({ sourceKey: `activity:${activityId}`, state: 'active' }).limit(1000).get()).data as { _id: string; memberId: string }[]
    const perMember = new Map<string, number>()
    for (const l of active) perMember.set(l.memberId, (perMember.get(l.memberId) ?? 0) + 1)
    return {
      myLedger: { target: '<= 2 DB operations (caller + score document)', ...mine },
      ranking200: { target: '<= 3 DB operations for 200 members', members: 200, ...ranking },
      crashes1000: {
        target: 'zero missing or duplicate lines after the repair',
        events: 1000,
        crashesInjected: crashes,
        eventsMs,
        repairMs,
        repairWritten: repair.written,
        repairReversed: repair.reversed,
        missing: [...wanted].filter((id) => !active.some((l) => l._id === id)).length,
        unwanted: active.filter((l) => !wanted.has(l._id)).length,
        duplicates: [...perMember.values()].filter((c) => c > 1).length
      }
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

/**
 * 委员履职档案 targets (issue 11, "Rules") on an in-memory local cloud with
 * the demo data, through the real SDK inside the hosted `ledger` function:
 * DB operations and time of 我的履职 (target ≤ 2 with the caller's read) and
 * of the staff ranking of the year (target ≤ 3; the demo year has 92
 * members, the bench adds score documents up to 200); and the writer under
 * crashes: 1,000 random attendance events on one meeting (check in, leave,
 * absence, back to expected), each followed by the line sync unless a crash
 * is injected (20 %: the source changed, its sync never ran), then the repair
 * of the year; and the same 1,000 events on another meeting through the
 * in-transaction writer (decision 93), crashing inside the transaction
 * (10 %, nothing happens) or right after the commit (10 %). Counted before
 * and after the repair: lines missing, lines that should not be active,
 * members with more than one active line for the meeting, and score
 * documents that do not hold exactly the member's line of the meeting.
 * Run alone: `npx tsx bench/ledger.ts`.
 */
import { personas } from '../src/dev/personas'
import { activityLines, lineIdOf, repairYear, syncActivity, syncRegistrationInTx, type ActivityLike, type RegistrationLike, type ScoreDocument } from '../cloudfunctions/_shared/ledger'
import { getInTx, transact } from '../cloudfunctions/_shared/transaction'
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

    // 1,000 random events per path with crashes injected
    const states = ['attended', 'leave_approved', 'absent', 'confirmed', 'checked_in'] as const
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const regsOf = async (activityId: string) => (await db.collection('registrations').where({ activityId }).limit(100).get()).data as (RegistrationLike & { _id: string })[]
    /** Lines missing, active lines not wanted, members with more than one active line of the activity; and whether each active member's score document holds exactly its lines. */
    const check = async (activityId: string) => {
      const activity = (await db.collection('activities').doc(activityId).get()).data as ActivityLike
      const wantedLines = activityLines(activity, await regsOf(activityId))
      const wanted = new Set(wantedLines.map((l) => lineIdOf(l.kind, 'activity', activityId, l.memberId)))
      const active = (await db.collection('ledgerLines').where({ sourceKey: `activity:${activityId}`, state: 'active' }).limit(1000).get()).data as { _id: string; memberId: string }[]
      const perMember = new Map<string, number>()
      for (const l of active) perMember.set(l.memberId, (perMember.get(l.memberId) ?? 0) + 1)
      let scoreMismatches = 0
      for (const l of wantedLines) {
        const s = (await db.collection('ledgerScores').doc(`2025-${l.memberId}`).get()).data as ScoreDocument
        const own = (s.lines ?? []).filter((e) => e.source.id === activityId).map((e) => e.id)
        if (own.length !== 1 || !wanted.has(own[0])) scoreMismatches++
      }
      return {
        missing: [...wanted].filter((id) => !active.some((l) => l._id === id)).length,
        unwanted: active.filter((l) => !wanted.has(l._id)).length,
        duplicates: [...perMember.values()].filter((c) => c > 1).length,
        scoreMismatches
      }
    }

    // path 1, after the source (non-transactional sources): the change, then the sync unless a crash (20 %) kills it; the repair catches up
    const afterId = 'ledger-2025-standing-1'
    const afterRegs = await regsOf(afterId)
    let afterCrashes = 0
    let started = Date.now()
    for (let i = 0; i < 1000; i++) {
      const r = afterRegs[Math.floor(random() * afterRegs.length)]
      await db.collection('registrations').doc(r._id).update({ data: { state: states[Math.floor(random() * states.length)] } })
      if (random() < 0.2) afterCrashes++
      else await syncActivity(db, afterId, new Date())
    }
    const afterEventsMs = Date.now() - started
    const afterBeforeRepair = await check(afterId)
    let repairStarted = Date.now()
    const repair = await repairYear(db, 2025, new Date())
    const afterRepairMs = Date.now() - repairStarted
    const afterResult = await check(afterId)

    // path 2, inside the source's transaction (check-in, marking, leave): the change and its line in one
    // transaction; a crash either inside it before the commit (10 %: nothing happens) or right after
    // the commit (10 %: the after hook never runs, and there is none to lose)
    const txId = 'ledger-2025-standing-2'
    const txRegs = await regsOf(txId)
    let abortedInside = 0
    let crashedAfter = 0
    started = Date.now()
    for (let i = 0; i < 1000; i++) {
      const r = txRegs[Math.floor(random() * txRegs.length)]
      const state = states[Math.floor(random() * states.length)]
      const fault = random()
      try {
        await transact(db, async (t) => {
          const a = (await getInTx<ActivityLike>(t, 'activities', txId))!
          const reg = (await getInTx<RegistrationLike & { _id: string }>(t, 'registrations', r._id))!
          await t.collection('registrations').doc(r._id).update({ data: { state } })
          await syncRegistrationInTx(t, a, { ...reg, state }, new Date())
          if (fault < 0.1) throw new Error('crash inside the transaction')
        })
        if (fault < 0.2) crashedAfter++
      } catch {
        abortedInside++
      }
    }
    const txEventsMs = Date.now() - started
    const txBeforeRepair = await check(txId)
    repairStarted = Date.now()
    const txRepair = await repairYear(db, 2025, new Date())
    const txRepairMs = Date.now() - repairStarted
    const txResult = await check(txId)

    return {
      myLedger: { target: '<= 2 DB operations (caller + score document)', ...mine },
      ranking200: { target: '<= 3 DB operations for 200 members', members: 200, ...ranking },
      crashes1000: {
        target: 'zero missing or duplicate lines after 1,000 random source events with crashes injected, on both paths',
        afterSource: {
          events: 1000,
          crashesInjected: afterCrashes,
          eventsMs: afterEventsMs,
          beforeRepair: afterBeforeRepair,
          repairMs: afterRepairMs,
          repairWritten: repair.written,
          repairReversed: repair.reversed,
          ...afterResult
        },
        inTransaction: {
          events: 1000,
          crashesInsideTransaction: abortedInside,
          crashesAfterCommit: crashedAfter,
          eventsMs: txEventsMs,
          beforeRepair: txBeforeRepair,
          repairMs: txRepairMs,
          repairWritten: txRepair.written,
          repairReversed: txRepair.reversed,
          ...txResult
        }
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

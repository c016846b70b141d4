/**
 * Activity bench (issue 5, "Targets (bench)"): DB operations and latency
 * (ms, p50/p95 wall clock per invocation; one shared 2-core machine: noisy) of
 * - sign-up (`activity.signup`; target ≤ 3 DB operations in one
 *   transaction): the emulator counts every request (`dbOps`, transaction
 *   start and commit included) and, apart, the document operations sent
 *   inside a transaction (`inTransaction`); the caller's identity read that
 *   every signed-in action makes comes before the transaction,
 * - the activity list (`activity.list`; target 1),
 * - a burst of 500 simultaneous sign-ups on capacity 100 (must end with
 *   exactly 100 registered), its p95 printed beside the uncontended p95,
 *   and each caller's DB operations (mean, max) by ending (seat or
 *   waitlist) beside the uncontended sign-up that ends the same way
 *   (issue 13 item 4: mean <= 1.5x, max <= 3x), with how many waitlist
 *   positions in the replies were the real ones,
 * - a burst of 50 on capacity 1.
 * Runs on its own in-memory local cloud with the demo county.
 * `npx tsx bench/activity.ts` prints the figures.
 */
import { measureAction, percentile, withDemoCloud, type TimedCall } from './support'
import { formatBeijing } from '../src/core/time'

const STAFF = 'oDemoStaff00000000000000001'

export async function run(): Promise<Record<string, unknown>> {
  return withDemoCloud(async (emulator, db) => {
    let seq = 0
    const call = async (action: string, payload: unknown, openid: string) => {
      const started = performance.now()
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }>(
        'activity',
        { action, payload, requestId: `bench-activity-${++seq}-x` },
        { openid }
      )
      return { ms: performance.now() - started, dbOps, ok: result.ok, data: result.data, code: result.ok ? 'ok' : result.error?.code }
    }
    const create = async (capacity: number) => {
      const start = Date.now() + 3 * 24 * 3600_000
      const r = await call(
        'activity.create',
        {
          title: `压测活动 ${capacity}`,
          type: 'studio_activity',
          place: '县政务服务中心',
          startAt: formatBeijing(start),
          endAt: formatBeijing(start + 2 * 3600_000),
          signupDeadline: formatBeijing(start - 3600_000),
          capacity,
          audience: 'public',
          publish: true
        },
        STAFF
      )
      if (!r.ok) throw new Error(`create: ${r.code}`)
      return String(r.data!.id)
    }
    const measure = (action: string, payload: (i: number) => unknown, openid: (i: number) => string, n = 40) =>
      measureAction(call as (action: string, payload: unknown, openid: string) => Promise<TimedCall>, action, payload, openid, n)

    const open = await create(0)
    const signup = await measure('activity.signup', () => ({ id: open, consent: true }), (i) => `oBenchSolo${i + 1}`)
    // Uncontended sign-up that ends on the waitlist (a full activity, one caller at a time).
    const full = await create(1)
    await call('activity.signup', { id: full }, 'oBenchFullSeat')
    const waitlistSolo = await measure('activity.signup', () => ({ id: full, consent: true }), (i) => `oBenchSoloWait${i + 1}`, 20)
    const list = await measure('activity.list', () => ({ scope: 'upcoming' }), (i) => `oBenchReader${i + 1}`)

    const burst = async (capacity: number, callers: number) => {
      const id = await create(capacity)
      const started = performance.now()
      const replies = await Promise.all(Array.from({ length: callers }, (_, i) => call('activity.signup', { id }, `oBenchBurst${capacity}x${i}`)))
      const wall = performance.now() - started
      const activity = (await db.collection('activities').doc(id).get()).data as { registeredCount: number; waitlistCount: number }
      const registered = ((await db.collection('registrations').where({ activityId: id, state: 'registered' }).count()) as { total: number }).total
      const waitlisted = ((await db.collection('registrations').where({ activityId: id, state: 'waitlisted' }).count()) as { total: number }).total
      const times = replies.map((r) => r.ms)
      // DB operations per caller, by how the sign-up ended, against the uncontended sign-up that ends the same way.
      const opsOf = (state: string) => replies.filter((r) => r.ok && r.data?.state === state).map((r) => r.dbOps.total)
      const figure = (ops: number[], alone: number) => {
        const mean = ops.length ? ops.reduce((x, y) => x + y, 0) / ops.length : 0
        const max = ops.length ? Math.max(...ops) : 0
        return { callers: ops.length, mean: Math.round(mean * 10) / 10, max, uncontended: alone, meanRatio: Math.round((mean / alone) * 100) / 100, maxRatio: Math.round((max / alone) * 100) / 100 }
      }
      const perCaller = { seat: figure(opsOf('registered'), signup.dbOps), waitlist: figure(opsOf('waitlisted'), waitlistSolo.dbOps) }
      // Real positions: each waitlisted reply against the final line (by waitlistSeq, then _id).
      const line: { _id: string; openid: string; waitlistSeq: Date }[] = []
      for (;;) {
        // 100 per read (the cloud's cap per get).
        const page = (await db.collection('registrations').where({ activityId: id, state: 'waitlisted' }).field({ openid: true, waitlistSeq: true }).orderBy('_id', 'asc').skip(line.length).limit(100).get()).data as typeof line
        line.push(...page)
        if (page.length < 100) break
      }
      line.sort((x, y) => new Date(x.waitlistSeq).getTime() - new Date(y.waitlistSeq).getTime() || (x._id < y._id ? -1 : 1))
      const rank = new Map(line.map((r, i) => [r.openid, i + 1]))
      const told = replies.map((r, i) => ({ r, who: `oBenchBurst${capacity}x${i}` })).filter(({ r }) => r.ok && r.data?.state === 'waitlisted')
      const positionsReal = told.filter(({ r, who }) => r.data?.waitlistPosition === rank.get(who)).length
      return {
        callers,
        capacity,
        ok: replies.filter((r) => r.ok).length,
        registered,
        waitlisted,
        counter: activity.registeredCount,
        exact: registered === capacity && activity.registeredCount === capacity && waitlisted === callers - capacity,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        wallMs: Math.round(wall),
        maxDbOps: Math.max(...replies.map((r) => r.dbOps.total)),
        dbOpsPerCaller: perCaller,
        positions: { waitlisted: told.length, real: positionsReal, distinct: new Set(told.map(({ r }) => r.data?.waitlistPosition)).size },
        busy: replies.filter((r) => r.code === 'COMMON.BUSY').length
      }
    }
    const burst50 = await burst(1, 50)
    const burst500 = await burst(100, 500)
    return {
      signup: {
        ...signup,
        transactions: signup.byKind.startTransaction ?? 0,
        target: '≤ 3 DB operations after the identity read (issue 5 read it as one transaction; decision 48: the seat is claimed atomically instead, no transaction)',
        met: signup.dbOps - 1 <= 3 && (signup.byKind.startTransaction ?? 0) <= 1,
        note: 'taking a seat: the identity read (users, by OPENID), get activity, one conditional atomic claim of the seat counter (registeredCount < capacity), insert registration (deterministic id): 4 requests, no transaction, so a burst never conflicts. A person who already has a registration (repeat, re-sign-up, invitee) costs a transaction that reads it. Joining the waitlist: insert (place in line stamped by the database), +1 atomic inc of waitlistCount, +1 read of the activity, +1 read back of the registration (its place; a cancellation may have promoted the person meanwhile), +1 count for the position'
      },
      list: { ...list, target: 1, met: list.dbOps === 1 },
      burst50onCapacity1: burst50,
      waitlistSignup: { ...waitlistSolo, note: 'uncontended sign-up on a full activity (ends on the waitlist)' },
      burst500onCapacity100: {
        ...burst500,
        uncontendedP95: signup.p95,
        target: 'exactly 100 registered; DB operations per caller vs an uncontended sign-up that ends the same way: mean <= 1.5x, max <= 3x; every waitlist position real',
        met:
          burst500.exact &&
          burst500.dbOpsPerCaller.seat.meanRatio <= 1.5 &&
          burst500.dbOpsPerCaller.waitlist.meanRatio <= 1.5 &&
          burst500.dbOpsPerCaller.seat.maxRatio <= 3 &&
          burst500.dbOpsPerCaller.waitlist.maxRatio <= 3 &&
          burst500.positions.real === burst500.positions.waitlisted
      }
    }
  })
}

if (require.main === module) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)), (e) => {
    console.error(e)
    process.exit(1)
  })
}

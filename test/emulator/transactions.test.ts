/**
 * Transactions and concurrency through the real wx-server-sdk: commit, abort,
 * snapshot reads, conflicts (and the SDK's retry), all-or-nothing commits,
 * and concurrent writers in worker threads.
 */
import path from 'path'
import { Worker } from 'worker_threads'
import { useCloud } from '../helpers/cloud'

const cloud = useCloud()

/** Start workers, wait until each has loaded the SDK, then let them all go at once. */
async function runWorkers(jobs: Array<{ data: Record<string, unknown>; invocationId: string }>): Promise<any[]> {
  const workers = jobs.map(
    (j) =>
      new Worker(path.join(__dirname, 'support', 'inc-worker.js'), {
        workerData: j.data,
        env: { ...process.env, ...cloud.emulator.env(j.invocationId) }
      })
  )
  const messages = workers.map((w) => {
    const queue: any[] = []
    const waiters: Array<(m: any) => void> = []
    w.on('message', (m) => (waiters.length ? (waiters.shift() as (m: any) => void)(m) : queue.push(m)))
    w.on('error', (e) => (waiters.length ? (waiters.shift() as (m: any) => void)({ error: String(e) }) : queue.push({ error: String(e) })))
    return () => new Promise<any>((resolve) => (queue.length ? resolve(queue.shift()) : waiters.push(resolve)))
  })
  try {
    await Promise.all(messages.map((next) => next()))
    workers.forEach((w) => w.postMessage('go'))
    const results = await Promise.all(messages.map((next) => next()))
    for (const r of results) if (r && r.error) throw new Error(r.error)
    return results
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

async function errOf(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to fail')
}

describe('transactions', () => {
  beforeEach(async () => {
    await cloud.db().collection('topics').add({ data: { _id: 'act', seats: 0, title: 'a' } })
  })

  it('runTransaction commits every write together and returns the callback result', async () => {
    const db = cloud.db()
    const out = await db.runTransaction(async (t: any) => {
      const a = (await t.collection('topics').doc('act').get()).data
      await t.collection('topics').doc('act').update({ data: { seats: a.seats + 1 } })
      await t.collection('requests').add({ data: { _id: 'r1', activity: 'act' } })
      await t.collection('requests').doc('r0').set({ data: { note: 'set' } })
      return a.seats
    })
    expect(out).toBe(0)
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(1)
    expect((await db.collection('requests').count()).total).toBe(2)
  })

  it('writes inside a transaction are invisible outside until commit; reads see own writes', async () => {
    const db = cloud.db()
    const t = await db.startTransaction()
    await t.collection('topics').doc('act').update({ data: { seats: 5 } })
    expect((await t.collection('topics').doc('act').get()).data.seats).toBe(5)
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(0)
    await t.commit()
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(5)
  })

  it('a thrown callback aborts: nothing is written, the error reaches the caller', async () => {
    const db = cloud.db()
    const e = await errOf(
      db.runTransaction(async (t: any) => {
        await t.collection('topics').doc('act').update({ data: { seats: 9 } })
        await t.collection('requests').add({ data: { _id: 'x' } })
        throw new Error('boom')
      })
    )
    expect(e.message).toBe('boom')
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(0)
    expect((await db.collection('requests').count()).total).toBe(0)
  })

  it('rollback(reason) aborts and rejects with the reason', async () => {
    const db = cloud.db()
    const e = await errOf(
      db.runTransaction(async (t: any) => {
        await t.collection('topics').doc('act').update({ data: { seats: 9 } })
        await t.rollback('ACTIVITY.FULL')
      })
    )
    expect(e).toBe('ACTIVITY.FULL')
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(0)
  })

  it('reads are a snapshot taken at the start of the transaction', async () => {
    const db = cloud.db()
    const t = await db.startTransaction()
    await db.collection('topics').doc('act').update({ data: { seats: 3 } })
    await db.collection('requests').add({ data: { _id: 'late' } })
    expect((await t.collection('topics').doc('act').get()).data.seats).toBe(0)
    // a document added after the snapshot does not exist for the transaction
    expect(String((await errOf(t.collection('requests').doc('late').get())).errMsg)).toMatch(/does not exist/)
    await t.commit()
  })

  it('two concurrent transactions writing one document: the second commit conflicts and writes nothing', async () => {
    const db = cloud.db()
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const s1 = (await t1.collection('topics').doc('act').get()).data.seats
    const s2 = (await t2.collection('topics').doc('act').get()).data.seats
    await t1.collection('topics').doc('act').update({ data: { seats: s1 + 1 } })
    await t2.collection('topics').doc('act').update({ data: { seats: s2 + 1 } })
    await t2.collection('requests').add({ data: { _id: 'from-t2' } })
    await t1.commit()
    const e = await errOf(t2.commit())
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(1)
    expect((await db.collection('requests').count()).total).toBe(0)
  })

  it('runTransaction retries after a conflict and then succeeds', async () => {
    const db = cloud.db()
    let attempts = 0
    await db.runTransaction(async (t: any) => {
      attempts++
      const a = (await t.collection('topics').doc('act').get()).data
      if (attempts === 1) await db.collection('topics').doc('act').update({ data: { seats: 10 } })
      await t.collection('topics').doc('act').update({ data: { seats: a.seats + 1 } })
    })
    expect(attempts).toBe(2)
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(11)
  })

  it('a commit that breaks a unique index writes nothing (-502001)', async () => {
    const db = cloud.db()
    await db.collection('members').add({ data: { _id: 'm1', memberNumber: 'N1' } })
    const e = await errOf(
      db.runTransaction(async (t: any) => {
        await t.collection('topics').doc('act').update({ data: { seats: 1 } })
        await t.collection('members').add({ data: { _id: 'm2', memberNumber: 'N1' } })
      })
    )
    expect(String(e.message ?? e.errMsg)).toMatch(/duplicate key/)
    expect((await db.collection('topics').doc('act').get()).data.seats).toBe(0)
    expect((await db.collection('members').count()).total).toBe(1)
  })

  it('only document operations are allowed inside a transaction', async () => {
    const db = cloud.db()
    const t = await db.startTransaction()
    const e = await errOf(t.collection('topics').where({ seats: 0 }).get())
    expect(String(e.errMsg ?? e.message)).toMatch(/only document operations/)
    await t.rollback()
  })
})

describe('concurrency from worker threads', () => {
  it('200 concurrent _.inc(1) from 8 workers add exactly 200, attributed per worker', async () => {
    const db = cloud.db()
    await db.collection('topics').add({ data: { _id: 'counter', n: 0 } })
    await runWorkers(Array.from({ length: 8 }, (_, i) => ({ data: { mode: 'inc', collection: 'topics', id: 'counter', times: 25 }, invocationId: `w${i}` })))
    expect((await db.collection('topics').doc('counter').get()).data.n).toBe(200)
    for (let i = 0; i < 8; i++) {
      expect(cloud.emulator.counters.get(`w${i}`)).toEqual({ total: 25, byKind: { modify: 25 }, inTransaction: 0 })
    }
  }, 60_000)

  it('competing seat transactions from 4 workers never lose an update', async () => {
    const db = cloud.db()
    await db.collection('topics').add({ data: { _id: 'event', seats: 0 } })
    const results = await runWorkers(
      Array.from({ length: 4 }, (_, i) => ({ data: { mode: 'seats', activity: 'event', times: 8, capacity: 20, who: `w${i}` }, invocationId: `s${i}` }))
    )
    const ok = results.reduce((n, r) => n + r.ok, 0)
    const seats = (await db.collection('topics').doc('event').get()).data.seats
    expect(seats).toBe(ok)
    expect((await db.collection('requests').count()).total).toBe(ok)
    expect(seats).toBeLessThanOrEqual(20)
    expect(ok).toBeGreaterThan(0)
    // every call ended one way or another, and conflicts really happened (retries started extra transactions)
    expect(results.reduce((n, r) => n + r.ok + r.failed + r.full, 0)).toBe(32)
    const starts = [0, 1, 2, 3].reduce((n, i) => n + (cloud.emulator.counters.get(`s${i}`).byKind.startTransaction ?? 0), 0)
    expect(starts).toBeGreaterThan(32)
  }, 60_000)
})

/**
 * The emulator around the database: declared collections and indexes, the
 * unindexed-query log, reset, per-invocation counters, the SDK environment,
 * and the network guard of the test setup.
 */
import net from 'net'
import dns from 'dns'
import { adminUrl } from '../../emulator/types'
import { useCloud } from '../helpers/cloud'

const cloud = useCloud()

async function errOf(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to fail')
}

describe('collections and indexes', () => {
  it('declared collections exist at start; undeclared ones only after addCollection; reset drops them', async () => {
    const db = cloud.db()
    await db.collection('auditLog').add({ data: { at: new Date() } })
    expect((await errOf(db.collection('ad_hoc').add({ data: { a: 1 } }))).errCode).toBe(-502005)
    await db.createCollection('ad_hoc')
    await db.collection('ad_hoc').add({ data: { a: 1 } })
    await cloud.emulator.reset()
    expect((await db.collection('auditLog').count()).total).toBe(0)
    expect((await errOf(db.collection('ad_hoc').count())).errCode).toBe(-502005)
  })

  it('a unique index is enforced on add, update and set (-502001), others are not', async () => {
    const db = cloud.db()
    const members = db.collection('members')
    await members.add({ data: { _id: 'a', memberNumber: 'M-1', boundOpenid: 'o1' } })
    await members.add({ data: { _id: 'b', memberNumber: 'M-2', boundOpenid: 'o1' } }) // boundOpenid is not unique
    expect((await errOf(members.add({ data: { _id: 'c', memberNumber: 'M-1' } }))).errCode).toBe(-502001)
    expect((await errOf(members.doc('b').update({ data: { memberNumber: 'M-1' } }))).errCode).toBe(-502001)
    expect((await errOf(members.doc('z').set({ data: { memberNumber: 'M-2' } }))).errCode).toBe(-502001)
    await members.doc('a').update({ data: { memberNumber: 'M-9' } })
    await members.add({ data: { _id: 'c', memberNumber: 'M-1' } }) // freed by the update
    expect((await members.count()).total).toBe(3)
    expect((await members.where({ memberNumber: 'M-9' }).get()).data.map((d: any) => d._id)).toEqual(['a'])
  })

  it('indexed lookups see updates and removals', async () => {
    const db = cloud.db()
    const users = db.collection('users')
    await users.add({ data: [{ _id: 'u1', memberId: 'm1' }, { _id: 'u2', memberId: 'm1' }, { _id: 'u3', memberId: 'm2' }] })
    await users.doc('u2').update({ data: { memberId: 'm2' } })
    await users.doc('u3').remove()
    expect((await users.where({ memberId: 'm1' }).get()).data.map((d: any) => d._id)).toEqual(['u1'])
    expect((await users.where({ memberId: db.command.in(['m1', 'm2']) }).get()).data.map((d: any) => d._id)).toEqual(['u1', 'u2'])
  })

  it('a query no index serves on a collection over 1,000 documents is logged once with its shape', async () => {
    const db = cloud.db()
    const _ = db.command
    const docs = Array.from({ length: 1001 }, (_x, i) => ({ _id: `t${i}`, state: i % 3 === 0 ? 'open' : 'done', updatedAt: i, visible: i % 2 === 0, title: `t${i}` }))
    for (let i = 0; i < docs.length; i += 500) await db.collection('topics').add({ data: docs.slice(i, i + 500) })
    const warnings = () => cloud.emulator.logs().filter((l) => l.level === 'warn' && /not served by any index/.test(l.msg))
    await db.collection('topics').where({ state: 'open' }).orderBy('updatedAt', 'desc').limit(5).get()
    await db.collection('topics').where({ visible: true, updatedAt: _.gt(3) }).get()
    expect(warnings()).toHaveLength(0)
    await db.collection('topics').where({ title: 't5' }).get()
    await db.collection('topics').where({ title: 't6' }).get()
    await db.collection('topics').where({ updatedAt: _.gt(5) }).count()
    const w = warnings()
    expect(w).toHaveLength(2)
    expect(w[0].extra).toMatchObject({ collection: 'topics', shape: { filter: { title: 1 } } })
    expect(w[1].extra).toMatchObject({ shape: { filter: { updatedAt: { $gt: 1 } } } })
  })
})

describe('SDK environment and counters', () => {
  it('env() points the SDK at the emulator with placeholders and UTC', () => {
    const env = cloud.emulator.env()
    expect(JSON.parse(env.TCB_CONTEXT_CNFG).URL).toBe(`${cloud.emulator.url}/admin`)
    expect(env).toMatchObject({ SCF_NAMESPACE: 'cppcc-local', TCB_ENV: 'cppcc-local', TENCENTCLOUD: 'true', TZ: 'UTC' })
    expect(env.TENCENTCLOUD_SECRETID).toBeTruthy()
    expect(env.TENCENTCLOUD_SECRETKEY).toBeTruthy()
    expect(JSON.parse(cloud.emulator.env('inv-1').TCB_CONTEXT_CNFG).URL).toBe(adminUrl(cloud.emulator.url, 'inv-1'))
  })

  it('counts database operations per invocation and by kind (the SDK keeps the /admin/inv/<id> path)', async () => {
    const db = cloud.db()
    await db.collection('users').add({ data: { _id: 'a' } })
    const saved = process.env.TCB_CONTEXT_CNFG
    process.env.TCB_CONTEXT_CNFG = cloud.emulator.env('job-7').TCB_CONTEXT_CNFG
    try {
      await db.collection('users').doc('a').get()
      await db.collection('users').where({}).count()
      await db.collection('users').doc('a').update({ data: { x: 1 } })
      // a transaction: its get and update count as operations inside it; start and commit do not
      await db.runTransaction(async (t: any) => {
        await t.collection('users').doc('a').get()
        await t.collection('users').doc('a').update({ data: { x: 2 } })
      })
    } finally {
      process.env.TCB_CONTEXT_CNFG = saved
    }
    expect(cloud.emulator.counters.get('job-7')).toEqual({
      total: 7,
      byKind: { get: 2, count: 1, modify: 2, startTransaction: 1, commitTransaction: 1 },
      inTransaction: 2
    })
    expect(cloud.emulator.counters.get('')).toEqual({ total: 1, byKind: { insert: 1 }, inTransaction: 0 })
    expect(cloud.emulator.counters.totals()).toMatchObject({ total: 8, inTransaction: 2 })
  })
})

describe('network guard of the test setup', () => {
  it('refuses connections and DNS lookups off the loopback', async () => {
    expect(() => net.connect({ host: '203.0.113.5', port: 443 })).toThrow(/network guard/)
    await expect(new Promise((resolve, reject) => dns.lookup('tcb-api.tencentcloudapi.com', (e, a) => (e ? reject(e) : resolve(a))))).rejects.toThrow(
      /network guard/
    )
  })
})

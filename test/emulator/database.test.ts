/**
 * Conformance of the database actions through the real wx-server-sdk 4.0.2:
 * every action and option the functions use, the cloud's error codes and limits.
 */
import { useCloud } from '../helpers/cloud'

const cloud = useCloud()

async function errOf(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p
  } catch (e: any) {
    return { errCode: e.errCode, errMsg: String(e.errMsg ?? e.message) }
  }
  throw new Error('expected the call to fail')
}

describe('add / get by id', () => {
  it('adds a document, generates a 32-hex _id, and reads it back with types intact', async () => {
    const db = cloud.db()
    const when = new Date('2026-03-01T02:03:04.005Z')
    const res = await db.collection('users').add({
      data: { name: '张三', n: 1, f: 1.5, ok: true, nil: null, when, tags: ['a', 'b'], nested: { x: { y: 2 } } }
    })
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
    const { data } = await db.collection('users').doc(res._id).get()
    expect(data).toEqual({
      _id: res._id,
      name: '张三',
      n: 1,
      f: 1.5,
      ok: true,
      nil: null,
      when,
      tags: ['a', 'b'],
      nested: { x: { y: 2 } }
    })
    expect(data.when).toBeInstanceOf(Date)
  })

  it('keeps a given _id (string or number) and does not stamp _openid on a server-side add', async () => {
    const db = cloud.db()
    await db.collection('users').add({ data: { _id: 'u1', a: 1 } })
    await db.collection('users').add({ data: { _id: 7, a: 2 } })
    const { data } = await db.collection('users').doc('u1').get()
    expect(data).toEqual({ _id: 'u1', a: 1 })
    expect(data._openid).toBeUndefined()
    expect((await db.collection('users').doc(7).get()).data.a).toBe(2)
  })

  it('replaces db.serverDate() with the server time (and its offset)', async () => {
    const db = cloud.db()
    const before = Date.now()
    await db.collection('users').add({ data: { _id: 's', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } })
    const after = Date.now()
    const { data } = await db.collection('users').doc('s').get()
    expect(data.at).toBeInstanceOf(Date)
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(data.at.getTime()).toBeLessThanOrEqual(after)
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000)
  })

  it('round-trips RegExp and GeoJSON points', async () => {
    const db = cloud.db()
    await db.collection('users').add({
      data: { _id: 'g', re: db.RegExp({ regexp: '^a', options: 'i' }), loc: db.Geo.Point(123.4, 41.8) }
    })
    const { data } = await db.collection('users').doc('g').get()
    expect(data.loc.longitude).toBe(123.4)
    expect(data.loc.latitude).toBe(41.8)
    expect(data.re).toMatchObject({ pattern: '^a', options: 'i' })
  })

  it('batch add inserts all documents and returns their ids in order', async () => {
    const db = cloud.db()
    const res = await db.collection('users').add({ data: [{ _id: 'b1' }, { _id: 'b2' }, { n: 3 }] })
    expect(res._ids.slice(0, 2)).toEqual(['b1', 'b2'])
    expect(res._ids).toHaveLength(3)
    expect((await db.collection('users').count()).total).toBe(3)
  })

  it('doc().get of a missing id fails as the SDK reports it', async () => {
    const db = cloud.db()
    const e = await errOf(db.collection('users').doc('nobody').get())
    expect(e.errMsg).toMatch(/does not exist/)
  })
})

describe('errors copied from the cloud', () => {
  it('a missing collection is -502005 for every action', async () => {
    const db = cloud.db()
    const c = db.collection('noSuchCollection')
    for (const p of [
      c.get(),
      c.count(),
      c.add({ data: { a: 1 } }),
      c.doc('x').update({ data: { a: 1 } }),
      c.doc('x').set({ data: { a: 1 } }),
      c.where({ a: 1 }).remove()
    ]) {
      expect((await errOf(p)).errCode).toBe(-502005)
    }
    // the SDK's aggregate wrapper does not map codes (errCode -1); the cloud's message comes through
    expect((await errOf(c.aggregate().match({ a: 1 }).end())).errMsg).toMatch(/not exist/)
  })

  it('a duplicate _id is -502001 and a batch with one duplicate writes nothing', async () => {
    const db = cloud.db()
    await db.collection('users').add({ data: { _id: 'dup' } })
    expect((await errOf(db.collection('users').add({ data: { _id: 'dup' } }))).errCode).toBe(-502001)
    const e = await errOf(db.collection('users').add({ data: [{ _id: 'n1' }, { _id: 'dup' }, { _id: 'n2' }] }))
    expect(e.errCode).toBe(-502001)
    expect((await db.collection('users').count()).total).toBe(1)
  })

  it('updating _id fails (SDK guard and server guard)', async () => {
    const db = cloud.db()
    const _ = db.command
    await db.collection('users').add({ data: { _id: 'i', a: 1 } })
    expect((await errOf(db.collection('users').doc('i').update({ data: { _id: 'j' } }))).errCode).toBe(-501007)
    const e = await errOf(db.collection('users').where({ a: 1 }).update({ data: { x: _.rename('_id') } }))
    expect(e.errCode).toBe(-502001)
    expect((await db.collection('users').doc('i').get()).data).toEqual({ _id: 'i', a: 1 })
  })

  it('an unknown query operator is -502002 (database invalid command)', async () => {
    const db = cloud.db()
    await db.collection('users').add({ data: { a: 1 } })
    expect((await errOf(db.collection('users').where({ a: { $foo: 1 } }).get())).errCode).toBe(-502002)
  })

  it('a $-prefixed field name is refused for storage', async () => {
    const db = cloud.db()
    await db.collection('users').add({ data: { _id: 'd', a: 1 } })
    expect((await errOf(db.collection('users').doc('d').update({ data: { a: { $foo: 1 } } }))).errCode).toBe(-502001)
    expect((await db.collection('users').doc('d').get()).data).toEqual({ _id: 'd', a: 1 })
  })

  it('addCollection creates a collection; creating it twice fails', async () => {
    const db = cloud.db()
    await db.createCollection('scratch')
    await db.collection('scratch').add({ data: { a: 1 } })
    expect((await db.collection('scratch').count()).total).toBe(1)
    const e = await errOf(db.createCollection('scratch'))
    expect(e.errMsg).toMatch(/already exists/)
  })
})

describe('queries', () => {
  beforeEach(async () => {
    const db = cloud.db()
    const docs = Array.from({ length: 10 }, (_, i) => ({
      _id: `t${i}`,
      i,
      even: i % 2 === 0,
      title: `议题 ${i}`,
      tags: i < 5 ? ['low'] : ['high'],
      at: new Date(Date.UTC(2026, 0, 1 + i)),
      meta: { rank: 10 - i }
    }))
    await db.collection('topics').add({ data: docs })
  })

  it('where with comparison, logic, in, exists, regex and nested paths', async () => {
    const db = cloud.db()
    const _ = db.command
    const ids = async (q: any) => (await q.get()).data.map((d: any) => d._id).sort()
    const c = db.collection('topics')
    expect(await ids(c.where({ i: _.gte(8) }))).toEqual(['t8', 't9'])
    expect(await ids(c.where({ i: _.lt(2).or(_.gt(8)) }))).toEqual(['t0', 't1', 't9'])
    expect(await ids(c.where(_.or([{ i: 0 }, { i: 3 }])))).toEqual(['t0', 't3'])
    expect(await ids(c.where({ i: _.in([4, 5]), even: true }))).toEqual(['t4'])
    expect(await ids(c.where({ i: _.nin([0, 1, 2, 3, 4, 5, 6, 7]) }))).toEqual(['t8', 't9'])
    expect(await ids(c.where({ tags: 'high', i: _.lte(5) }))).toEqual(['t5'])
    expect(await ids(c.where({ title: db.RegExp({ regexp: '议题 [12]$' }) }))).toEqual(['t1', 't2'])
    expect(await ids(c.where({ title: /题 3/ }))).toEqual(['t3'])
    expect(await ids(c.where({ meta: { rank: 1 } }))).toEqual(['t9'])
    expect(await ids(c.where({ 'meta.rank': _.gt(8) }))).toEqual(['t0', 't1'])
    expect(await ids(c.where({ missing: _.exists(false), i: _.eq(2) }))).toEqual(['t2'])
    expect(await ids(c.where({ at: _.gte(new Date(Date.UTC(2026, 0, 9))) }))).toEqual(['t8', 't9'])
    expect(await ids(c.where({ tags: _.all(['low']), i: _.neq(0) }))).toHaveLength(4)
    expect(await ids(c.where({ tags: _.size(1), i: 9 }))).toEqual(['t9'])
  })

  it('orderBy (multiple keys), skip, limit and field projection', async () => {
    const db = cloud.db()
    const res = await db
      .collection('topics')
      .where({ even: false })
      .orderBy('even', 'asc')
      .orderBy('i', 'desc')
      .skip(1)
      .limit(2)
      .field({ i: true, title: true })
      .get()
    expect(res.data).toEqual([
      { _id: 't7', i: 7, title: '议题 7' },
      { _id: 't5', i: 5, title: '议题 5' }
    ])
    const excl = await db.collection('topics').doc('t1').field({ tags: false, meta: false, at: false }).get()
    expect(excl.data).toEqual({ _id: 't1', i: 1, even: false, title: '议题 1' })
  })

  it('returns documents in insertion order when no order is given', async () => {
    const db = cloud.db()
    const res = await db.collection('topics').get()
    expect(res.data.map((d: any) => d.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('count (calculateDocument) with and without where', async () => {
    const db = cloud.db()
    expect((await db.collection('topics').count()).total).toBe(10)
    expect((await db.collection('topics').where({ even: true }).count()).total).toBe(5)
  })

  it('aggregate: match, group, sort, project, unwind, count, lookup', async () => {
    const db = cloud.db()
    const $ = db.command.aggregate
    const grouped = await db
      .collection('topics')
      .aggregate()
      .match({ i: db.command.gte(2) })
      .group({ _id: '$even', total: $.sum('$i'), n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(grouped.list).toEqual([
      { _id: false, total: 3 + 5 + 7 + 9, n: 4 },
      { _id: true, total: 2 + 4 + 6 + 8, n: 4 }
    ])
    const unwound = await db.collection('topics').aggregate().unwind('$tags').match({ tags: 'low' }).count('n').end()
    expect(unwound.list).toEqual([{ n: 5 }])
    await db.collection('studios').add({ data: { _id: 's1', topicId: 't3' } })
    const joined = await db
      .collection('studios')
      .aggregate()
      .lookup({ from: 'topics', localField: 'topicId', foreignField: '_id', as: 'topic' })
      .project({ _id: 0, title: $.arrayElemAt(['$topic.title', 0]) })
      .end()
    expect(joined.list).toEqual([{ title: '议题 3' }])
  })

  it('geo: geoNear orders nearest first within maxDistance; geoWithin polygon and centerSphere', async () => {
    const db = cloud.db()
    const _ = db.command
    const P = (lng: number, lat: number) => db.Geo.Point(lng, lat)
    await db.collection('studios').add({
      data: [
        { _id: 'near', loc: P(123.0, 41.0) },
        { _id: 'mid', loc: P(123.05, 41.0) },
        { _id: 'far', loc: P(124.0, 41.0) }
      ]
    })
    const near = await db
      .collection('studios')
      .where({ loc: _.geoNear({ geometry: P(123.0, 41.0), maxDistance: 10_000 }) })
      .get()
    expect(near.data.map((d: any) => d._id)).toEqual(['near', 'mid'])
    const poly = db.Geo.Polygon([db.Geo.LineString([P(122.9, 40.9), P(123.1, 40.9), P(123.1, 41.1), P(122.9, 41.1), P(122.9, 40.9)])])
    const within = await db.collection('studios').where({ loc: _.geoWithin({ geometry: poly }) }).get()
    expect(within.data.map((d: any) => d._id).sort()).toEqual(['mid', 'near'])
    const sphere = await db
      .collection('studios')
      .where({ loc: _.geoWithin({ centerSphere: [[124.0, 41.0], 1000 / 6378100] }) })
      .get()
    expect(sphere.data.map((d: any) => d._id)).toEqual(['far'])
  })
})

describe('the 100-document cap', () => {
  it('one get returns 100 of 130; skip/limit paging reaches all 130', async () => {
    const db = cloud.db()
    const docs = Array.from({ length: 130 }, (_, i) => ({ _id: `m${String(i).padStart(3, '0')}`, i }))
    await db.collection('members').add({ data: docs.map((d) => ({ ...d, memberNumber: d._id })) })
    expect((await db.collection('members').get()).data).toHaveLength(100)
    expect((await db.collection('members').limit(500).get()).data).toHaveLength(100)
    const seen: number[] = []
    for (let skip = 0; ; skip += 20) {
      const page = (await db.collection('members').orderBy('i', 'asc').skip(skip).limit(20).get()).data
      seen.push(...page.map((d: any) => d.i))
      if (page.length < 20) break
    }
    expect(seen).toEqual(docs.map((d) => d.i))
    // cursor paging on (i) also reaches everything
    const viaCursor: number[] = []
    let last = -1
    for (;;) {
      const page = (await db.collection('members').where({ i: db.command.gt(last) }).orderBy('i', 'asc').limit(100).get()).data
      if (!page.length) break
      viaCursor.push(...page.map((d: any) => d.i))
      last = page[page.length - 1].i
    }
    expect(viaCursor).toHaveLength(130)
  })
})

describe('updates', () => {
  beforeEach(async () => {
    await cloud.db().collection('users').add({
      data: { _id: 'u', n: 1, list: [1, 2, 3], obj: { a: 1, b: 2 }, name: 'x', drop: true, m: 5 }
    })
  })

  it('doc().update merges fields and applies the update operators', async () => {
    const db = cloud.db()
    const _ = db.command
    const r = await db.collection('users').doc('u').update({
      data: {
        n: _.inc(2),
        m: _.mul(3),
        list: _.push([4]),
        drop: _.remove(),
        obj: { a: 10 },
        added: 'new',
        when: db.serverDate()
      }
    })
    expect(r.stats.updated).toBe(1)
    const { data } = await db.collection('users').doc('u').get()
    expect(data).toMatchObject({ n: 3, m: 15, list: [1, 2, 3, 4], obj: { a: 10, b: 2 }, added: 'new', name: 'x' })
    expect(data.drop).toBeUndefined()
    expect(data.when).toBeInstanceOf(Date)
  })

  it('array operators: pop, shift, unshift, pull, pullAll, addToSet; set replaces a sub-object', async () => {
    const db = cloud.db()
    const _ = db.command
    const doc = db.collection('users').doc('u')
    await doc.update({ data: { list: _.pop() } })
    await doc.update({ data: { list: _.shift() } })
    await doc.update({ data: { list: _.unshift([0]) } })
    expect((await doc.get()).data.list).toEqual([0, 2])
    await doc.update({ data: { list: _.addToSet(2) } })
    await doc.update({ data: { list: _.addToSet(9) } })
    expect((await doc.get()).data.list).toEqual([0, 2, 9])
    await doc.update({ data: { list: _.pull(0) } })
    await doc.update({ data: { list: _.pullAll([9]) } })
    expect((await doc.get()).data.list).toEqual([2])
    await doc.update({ data: { obj: _.set({ c: 3 }) } })
    expect((await doc.get()).data.obj).toEqual({ c: 3 })
    await doc.update({ data: { n: _.min(0) } })
    await doc.update({ data: { m: _.max(50) } })
    expect((await doc.get()).data).toMatchObject({ n: 0, m: 50 })
  })

  it('an update that changes nothing reports updated 0; updating a missing doc reports 0', async () => {
    const db = cloud.db()
    expect((await db.collection('users').doc('u').update({ data: { name: 'x' } })).stats.updated).toBe(0)
    expect((await db.collection('users').doc('none').update({ data: { name: 'x' } })).stats.updated).toBe(0)
  })

  it('doc().set replaces the whole document, or creates it (upsert)', async () => {
    const db = cloud.db()
    const replaced = await db.collection('users').doc('u').set({ data: { only: 1 } })
    expect(replaced.stats).toEqual({ updated: 1, created: 0 })
    expect((await db.collection('users').doc('u').get()).data).toEqual({ _id: 'u', only: 1 })
    const created = await db.collection('users').doc('fresh').set({ data: { v: 2, at: db.serverDate() } })
    expect(created.stats).toEqual({ updated: 0, created: 1 })
    const fresh = (await db.collection('users').doc('fresh').get()).data
    expect(fresh.v).toBe(2)
    expect(fresh.at).toBeInstanceOf(Date)
  })

  it('where().update changes every match (multi); remove deletes matches', async () => {
    const db = cloud.db()
    const _ = db.command
    await db.collection('users').add({ data: [{ _id: 'a', g: 1 }, { _id: 'b', g: 1 }, { _id: 'c', g: 2 }] })
    const r = await db.collection('users').where({ g: 1 }).update({ data: { seen: true, g: _.inc(10) } })
    expect(r.stats.updated).toBe(2)
    expect((await db.collection('users').where({ g: 11, seen: true }).count()).total).toBe(2)
    const rm = await db.collection('users').where({ g: _.gt(1) }).remove()
    expect(rm.stats.removed).toBe(3)
    expect((await db.collection('users').count()).total).toBe(1)
    expect((await db.collection('users').doc('u').remove()).stats.removed).toBe(1)
    expect((await db.collection('users').doc('u').remove()).stats.removed).toBe(0)
  })
})

/**
 * Bad input on the wire: each is answered HTTP 200 with the cloud's error code,
 * the server keeps serving, and nothing is half-written. Requests the SDK
 * cannot produce (malformed EJSON, unknown actions) are sent as raw HTTP to
 * the same /admin endpoint the SDK uses.
 */
import http from 'http'
import { useCloud } from '../helpers/cloud'

const cloud = useCloud()

function post(body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }, pathName = '/admin'): Promise<{ status: number; json: any }> {
  const url = new URL(pathName + '?env=cppcc-local&seqId=1', cloud.emulator.url)
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const admin = (o: Record<string, unknown>) => post(JSON.stringify(o))

afterEach(async () => {
  // the server is still alive and nothing was written
  const health = await new Promise<number>((resolve, reject) =>
    http.get(new URL('/_health', cloud.emulator.url), (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    }).on('error', reject)
  )
  expect(health).toBe(200)
  expect((await cloud.db().collection('users').count()).total).toBe(0)
})

it('malformed EJSON in a query or a document -> INVALID_PARAM', async () => {
  for (const body of [
    { action: 'database.getDocument', collectionName: 'users', query: '{"a":{"$date":{}}}' },
    { action: 'database.getDocument', collectionName: 'users', query: '{not json' },
    { action: 'database.insertDocument', collectionName: 'users', data: ['{"a":'] },
    { action: 'database.insertDocument', collectionName: 'users', data: ['{"ok":1}', '{"b":'] }
  ]) {
    const r = await admin(body)
    expect(r.status).toBe(200)
    expect(r.json.code).toBe('INVALID_PARAM')
    expect(typeof r.json.requestId).toBe('string')
  }
})

it('a body that is not JSON -> INVALID_PARAM', async () => {
  const r = await post('{"action": "database.getDocument", ')
  expect(r.status).toBe(200)
  expect(r.json.code).toBe('INVALID_PARAM')
})

it('an unknown action -> INVALID_ACTION (JSON and multipart bodies)', async () => {
  expect((await admin({ action: 'database.dropDatabase', collectionName: 'users' })).json.code).toBe('INVALID_ACTION')
  expect((await admin({ action: 'no.such.action' })).json.code).toBe('INVALID_ACTION')
  const boundary = '----emulatortest'
  const form = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.noSuchApi\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from([0x0a, 0x00, 0xff, 0x0d, 0x0a]),
    Buffer.from(`\r\n--${boundary}--\r\n`)
  ])
  const r = await post(form, { 'content-type': `multipart/form-data; boundary=${boundary}` })
  expect(r.json.code).toBe('INVALID_ACTION')
  expect(r.json.message).toMatch(/wx\.noSuchApi/)
})

it('an unknown update operator or pipeline stage -> DATABASE_INVALID_OPERRATOR, document unchanged', async () => {
  const db = cloud.db()
  await db.createCollection('scratch')
  await db.collection('scratch').add({ data: { _id: 'a', n: 1 } })
  const upd = await admin({
    action: 'database.modifyDocument',
    collectionName: 'scratch',
    queryType: 'DOC',
    query: '{"_id":"a"}',
    data: '{"$foo":{"n":{"$numberInt":"2"}}}',
    merge: true,
    multi: false,
    upsert: false
  })
  expect(upd.json.code).toBe('DATABASE_INVALID_OPERRATOR')
  const agg = await admin({
    action: 'database.aggregateDocuments',
    collectionName: 'scratch',
    stages: [{ stageKey: '$explode', stageValue: '{}' }]
  })
  expect(agg.json.code).toBe('DATABASE_INVALID_OPERRATOR')
  expect((await db.collection('scratch').doc('a').get()).data).toEqual({ _id: 'a', n: 1 })
})

it('an env the emulator does not serve -> INVALID_ENV', async () => {
  const r = await admin({ action: 'database.getDocument', collectionName: 'users', envName: 'prod-123' })
  expect(r.json.code).toBe('INVALID_ENV')
})

it('a body over the size limit -> EXCEED_REQUEST_SIZE_LIMIT through the SDK, nothing written', async () => {
  const db = cloud.db()
  let err: any
  try {
    await db.collection('users').add({ data: { blob: 'x'.repeat(17 * 1024 * 1024) } })
  } catch (e) {
    err = e
  }
  expect(err).toBeDefined()
  expect(err.errCode).toBe(-501001)
  expect(String(err.errMsg)).toMatch(/EXCEED_REQUEST_SIZE_LIMIT/)
})

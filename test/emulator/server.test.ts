/**
 * The local cloud is not a door (issue 13 item 8). A web page open on the
 * developer's machine can send requests to 127.0.0.1: it must not reach the
 * admin API (which writes any document, so it could grant itself staff),
 * nor anything at all through a domain name it re-bound to 127.0.0.1. The
 * H5 build's own routes keep working from the configured origin (the
 * persona switcher), and browser uploads follow the production storage rule:
 * a user writes only under `uploads/<OPENID>/`; functions write anywhere.
 */
import http from 'http'
import type { Emulator } from '../../emulator'
import { startFixtureEmulator } from './functions-support'

jest.setTimeout(30000)

let emu: Emulator
const h5 = 'http://127.0.0.1:10086'

beforeAll(async () => {
  emu = await startFixtureEmulator({ development: true, h5Origins: [h5] })
})
afterAll(async () => {
  await emu.stop()
})
beforeEach(async () => {
  await emu.reset()
})

/** Raw HTTP (fetch cannot set Host or the Sec-Fetch-* headers). */
function raw(method: string, pathName: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  const url = new URL(pathName, emu.url)
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** What a hostile page would post: make itself staff. */
const grantStaff = (openid: string) =>
  JSON.stringify({
    action: 'database.modifyDocument',
    collectionName: 'users',
    queryType: 'DOC',
    query: JSON.stringify({ _id: openid }),
    data: JSON.stringify({ $set: { grants: [{ role: 'staff' }] } }),
    merge: true,
    multi: false,
    upsert: true
  })

async function userExists(openid: string): Promise<boolean> {
  const reply = await raw('POST', '/admin?env=cppcc-local', {}, JSON.stringify({ action: 'database.getDocument', collectionName: 'users', queryType: 'WHERE', query: JSON.stringify({ _id: openid }), limit: 1 }))
  return (JSON.parse(reply.text) as { data?: { list?: unknown[] } }).data?.list?.length === 1
}

describe('POST /admin refuses what a browser sends', () => {
  it('a Node client (the SDK, tools) still writes', async () => {
    const ok = await raw('POST', '/admin?env=cppcc-local', {}, grantStaff('oToolUser0001'))
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.text).code).toBeUndefined()
    expect(await userExists('oToolUser0001')).toBe(true)
    // Node's own fetch sends Sec-Fetch-Mode: cors and no Origin: still a tool
    const viaFetch = await fetch(`${emu.url}/admin?env=cppcc-local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: grantStaff('oToolUser0002') })
    expect(viaFetch.status).toBe(200)
    expect(await userExists('oToolUser0002')).toBe(true)
  })

  const browserHeaders: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['the H5 origin itself', { origin: h5 }],
    ['Origin null (sandboxed frame, file://)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }],
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site none (typed in the address bar)', { 'sec-fetch-site': 'none' }],
    ['Sec-Fetch-Mode no-cors (a form post)', { 'sec-fetch-mode': 'no-cors' }],
    ['Sec-Fetch-Mode navigate', { 'sec-fetch-mode': 'navigate' }],
    ['Sec-Fetch-User', { 'sec-fetch-user': '?1' }]
  ]

  it.each(browserHeaders)('%s: 403, nothing written', async (_label, headers) => {
    for (const contentType of ['application/json', 'text/plain']) {
      const reply = await raw('POST', '/admin?env=cppcc-local', { ...headers, 'content-type': contentType }, grantStaff('oWebPage00001'))
      expect(reply.status).toBe(403)
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'PERMISSION_DENIED' })
    }
    // and the attributed path the SDK uses per invocation
    expect((await raw('POST', '/admin/inv/x1?env=cppcc-local', headers, grantStaff('oWebPage00001'))).status).toBe(403)
    expect(await userExists('oWebPage00001')).toBe(false)
  })
})

describe('a foreign Host reaches nothing (DNS rebinding)', () => {
  it.each(['evil.example:<port>', 'evil.example', '127.0.0.1.evil.example:<port>', '0.0.0.0:<port>', '127.0.0.1'])('Host %s: 403 on every route', async (host) => {
    const hostValue = host.replace('<port>', new URL(emu.url).port)
    const routes: [string, string][] = [
      ['POST', '/admin?env=cppcc-local'],
      ['POST', '/functions/whoami'],
      ['POST', '/storage/upload?cloudPath=uploads/oWebPage00001/a.txt'],
      ['GET', '/_outbox?format=json'],
      ['GET', '/_media_checks'],
      ['GET', '/_health']
    ]
    for (const [method, route] of routes) {
      const reply = await raw(method, route, { host: hostValue, 'x-wx-openid': 'oWebPage00001' }, method === 'POST' ? grantStaff('oWebPage00001') : '')
      expect([route, reply.status]).toEqual([route, 403])
    }
    expect(await userExists('oWebPage00001')).toBe(false)
    expect(emu.storage.files()).toEqual([])
  })

  it('127.0.0.1:<port> and localhost:<port> are this emulator', async () => {
    const port = new URL(emu.url).port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw('GET', '/_health', { host })).status).toBe(200)
    }
    expect((await raw('GET', '/_health', { host: `127.0.0.1:${Number(port) + 1}` })).status).toBe(403)
  })
})

describe('the H5 build keeps its own routes', () => {
  it('POST /functions/<name> from the H5 origin runs the function as the persona of the header (the switcher)', async () => {
    const res = await fetch(`${emu.url}/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: h5, 'x-wx-openid': 'oPersonaStaff01' },
      body: JSON.stringify({ tag: 'h5' })
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(h5)
    const body = (await res.json()) as { before: { OPENID: string; SOURCE: string } }
    expect(body.before).toMatchObject({ OPENID: 'oPersonaStaff01', SOURCE: 'wx_client' })
  })

  it('the same route refuses any other origin before the function runs', async () => {
    const before = emu.counters.totals().total
    const res = await fetch(`${emu.url}/functions/dbuser`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'x-wx-openid': 'oPersonaStaff01' },
      body: JSON.stringify({})
    })
    expect(res.status).toBe(403)
    expect(emu.counters.totals().total).toBe(before)
  })
})

describe('browser uploads follow the production storage rule', () => {
  const upload = (cloudPath: string, openid: string, bytes = 'x') =>
    fetch(`${emu.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: h5, 'x-wx-openid': openid },
      body: bytes
    })

  it('a user writes under uploads/<own OPENID>/, at any depth', async () => {
    for (const cloudPath of ['uploads/oMember000001/a.png', 'uploads/oMember000001/opinion/2026/b.png']) {
      const res = await upload(cloudPath, 'oMember000001', cloudPath)
      expect(res.status).toBe(200)
      const { fileID } = (await res.json()) as { fileID: string }
      expect(emu.storage.read(fileID)?.toString()).toBe(cloudPath)
    }
  })

  it('nowhere else: not a bulletin, not another person\'s folder, not the folder itself', async () => {
    const bulletin = emu.storage.put('bulletins/2026/第1期.docx', Buffer.from('the real bulletin'), { openid: null })
    const theirs = emu.storage.put('uploads/oOther0000001/photo.png', Buffer.from('their photo'), { openid: 'oOther0000001' })
    for (const cloudPath of ['bulletins/2026/第1期.docx', 'uploads/oOther0000001/photo.png', 'uploads/oMember0000011/x.png', 'uploads/oMember000001', 'exports/a.xlsx', 'x.png']) {
      const res = await upload(cloudPath, 'oMember000001', 'overwritten')
      expect([cloudPath, res.status]).toEqual([cloudPath, 403])
      expect(((await res.json()) as { errCode: number }).errCode).toBe(-503002)
    }
    expect(emu.storage.read(bulletin.fileID)?.toString()).toBe('the real bulletin')
    expect(emu.storage.read(theirs.fileID)?.toString()).toBe('their photo')
    expect(emu.storage.files().map((f) => f.cloudPath).sort()).toEqual(['bulletins/2026/第1期.docx', 'uploads/oOther0000001/photo.png'])
  })

  it('functions (server side) still write anywhere', async () => {
    const up = await emu.invoke<{ fileID: string }>('files', { op: 'upload', cloudPath: 'bulletins/2026/第2期.docx', base64: Buffer.from('compiled').toString('base64') }, { openid: 'oStaff0000001' })
    expect(emu.storage.read(up.result.fileID)?.toString()).toBe('compiled')
  })
})

/**
 * The function host: real wx-server-sdk 4.0.2 inside fixture functions run by
 * the emulator (worker per invocation, identity through the SDK's env vars).
 */
import type { Emulator } from '../../emulator'
import { FunctionError } from '../../emulator/functions'
import { startFixtureEmulator } from './functions-support'

type WhoAmI = {
  before: Record<string, unknown>
  after: Record<string, unknown>
  event: Record<string, unknown>
  tz: string
  offset: number
  functionName: string
}

jest.setTimeout(30000)

let emu: Emulator

beforeAll(async () => {
  emu = await startFixtureEmulator({ functions: { appid: 'wxTestApp000001' } })
})

afterAll(async () => {
  await emu.stop()
})

describe('identity', () => {
  it('getWXContext() returns the caller given to invoke(), with ENV and SOURCE, in UTC', async () => {
    const out = await emu.invoke<WhoAmI>('whoami', { tag: 'x' }, { openid: 'oAlice', unionid: 'uAlice' })
    expect(out.result.before).toEqual({ OPENID: 'oAlice', APPID: 'wxTestApp000001', UNIONID: 'uAlice', ENV: 'cppcc-local', SOURCE: 'wx_client' })
    expect(out.result.tz).toBe('UTC')
    expect(out.result.offset).toBe(0)
    expect(out.result.functionName).toBe('whoami')
    // the cloud injects userInfo into events from the mini-program
    expect(out.result.event).toEqual({ tag: 'x', userInfo: { appId: 'wxTestApp000001', openId: 'oAlice' } })
    expect(typeof out.invocationId).toBe('string')
    expect(out.dbOps.total).toBe(0)
  })

  it('concurrent callers with different OPENIDs never see each other (40 parallel calls)', async () => {
    const n = 40
    const calls = Array.from({ length: n }, (_, i) =>
      emu.invoke<WhoAmI>('whoami', { delayMs: (i * 7) % 40, tag: `t${i}` }, { openid: `oUser${i}`, unionid: i % 2 ? `uUser${i}` : undefined })
    )
    const results = await Promise.all(calls)
    results.forEach((r, i) => {
      for (const seen of [r.result.before, r.result.after]) {
        expect(seen.OPENID).toBe(`oUser${i}`)
        if (i % 2) expect(seen.UNIONID).toBe(`uUser${i}`)
        else expect(seen).not.toHaveProperty('UNIONID')
      }
      expect(r.result.event.tag).toBe(`t${i}`)
    })
    expect(new Set(results.map((r) => r.invocationId)).size).toBe(n)
  })

  it('a call without a user has no OPENID but still ENV and SOURCE', async () => {
    const out = await emu.invoke<WhoAmI>('whoami', {}, { source: 'wx_http' })
    expect(out.result.before).toEqual({ ENV: 'cppcc-local', SOURCE: 'wx_http' })
  })
})

describe('database operations per invocation', () => {
  it('invoke() reports the invocation\'s own database operations, by kind', async () => {
    const [a, b] = await Promise.all([
      emu.invoke<any>('dbuser', { tag: 'ops-a' }, { openid: 'oOpsA' }),
      emu.invoke<any>('whoami', {}, { openid: 'oOpsB' })
    ])
    expect(a.result).toEqual({ total: 1, actors: ['oOpsA'], hasOpenidStamp: false })
    expect(a.dbOps).toEqual({ total: 3, byKind: { insert: 1, count: 1, get: 1 }, inTransaction: 0 })
    expect(b.dbOps.total).toBe(0)
    expect(emu.counters.get(a.invocationId)).toEqual(a.dbOps)
  })
})

describe('failures', () => {
  it('a function that throws rejects with the cloud error -504002 carrying its message', async () => {
    const err = await emu.invoke('thrower', { tag: 'a1' }, { openid: 'oA' }).catch((e) => e)
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.errCode).toBe(-504002)
    expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(err.errMsg).toContain('Error: boom-a1')
    const sync = await emu.invoke('thrower', { tag: 'b2', sync: true }, { openid: 'oA' }).catch((e) => e)
    expect(sync.errMsg).toContain('TypeError: sync-boom-b2')
    // the worker survives a thrown error: the next call works
    await expect(emu.invoke('whoami', {}, { openid: 'oA' })).resolves.toBeDefined()
  })

  it('a function running past its config.json timeout fails with the timeout error', async () => {
    const err = await emu.invoke('sleepy', { ms: 5000 }, { openid: 'oA' }).catch((e) => e)
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.errCode).toBe(-504002)
    expect(err.errMsg).toBe('Invoking task timed out after 1 seconds')
    expect(err.reason).toBe('timeout')
    // within the limit it returns normally
    await expect(emu.invoke('sleepy', { ms: 10 })).resolves.toMatchObject({ result: { slept: 10 } })
  })

  it('a function that kills its worker fails with -504002 and the host carries on', async () => {
    const err = await emu.invoke('thrower', { tag: 'x', exit: true }).catch((e) => e)
    expect(err).toBeInstanceOf(FunctionError)
    expect(err.errCode).toBe(-504002)
    expect(err.reason).toBe('crashed')
    await expect(emu.invoke('thrower', { tag: 'again' })).rejects.toMatchObject({ reason: 'thrown' })
  })

  it('an unknown function is -504001', async () => {
    const err = await emu.invoke('nope', {}).catch((e) => e)
    expect(err.errCode).toBe(-504001)
  })
})

describe('sandbox', () => {
  it('a function cannot open a connection off 127.0.0.1', async () => {
    const out = await emu.invoke<any>('escape', { host: 'example.invalid' })
    expect(out.result).toMatchObject({ connected: false, code: 'ECONNREFUSED' })
    expect(out.result.message).toContain('functions may only reach 127.0.0.1')
  })
})

describe('cloud.callFunction between functions', () => {
  it('the callee acts for the same user and its SOURCE follows the chain', async () => {
    const out = await emu.invoke<any>('caller', { callee: 'whoami', data: { tag: 'inner' } }, { openid: 'oBob' })
    expect(out.result.mine).toMatchObject({ OPENID: 'oBob', SOURCE: 'wx_client' })
    expect(out.result.callee.before).toMatchObject({ OPENID: 'oBob', APPID: 'wxTestApp000001', SOURCE: 'wx_client,scf', ENV: 'cppcc-local' })
    expect(out.result.callee.event).toEqual({ tag: 'inner' })
    // the caller's own identity is unchanged after the call
    expect(out.result.after.OPENID).toBe('oBob')
  })

  it("a callee's failure reaches the caller as the SDK reports it", async () => {
    // The server answers {code: 'FUNCTIONS_EXECUTE_FAIL', message}; @cloudbase/node-sdk
    // throws that as a TcbError and wx-server-sdk 4.0.2 turns any Error into errCode -1
    // with 'callFunction:fail <message>'.
    const out = await emu.invoke<any>('caller', { callee: 'thrower', data: { tag: 'deep' } }, { openid: 'oBob' })
    expect(out.result.error.errCode).toBe(-1)
    expect(out.result.error.errMsg).toMatch(/^callFunction:fail Error: boom-deep/)
  })

  it('parallel chains keep their users apart', async () => {
    const outs = await Promise.all(
      Array.from({ length: 4 }, (_, i) => emu.invoke<any>('caller', { callee: 'whoami', data: { i } }, { openid: `oChain${i}` }))
    )
    outs.forEach((o, i) => expect(o.result.callee.before.OPENID).toBe(`oChain${i}`))
  })
})

describe('POST /functions/<name>', () => {
  it('outside development mode an identity header is refused with 403', async () => {
    const res = await fetch(`${emu.url}/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'oMallory' },
      body: '{}'
    })
    expect(res.status).toBe(403)
    expect((await res.json()).errCode).toBe(-501008)
  })
})

describe('POST /functions/<name> in development mode', () => {
  let dev: Emulator
  const origin = 'http://127.0.0.1:10086'
  beforeAll(async () => {
    dev = await startFixtureEmulator({ development: true, h5Origins: [origin] })
  })
  afterAll(async () => {
    await dev.stop()
  })

  it('runs the function as the header identity and answers its return value as JSON', async () => {
    const res = await fetch(`${dev.url}/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'oDemoMember0000000000000001', origin },
      body: JSON.stringify({ tag: 'h5' })
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    expect(res.headers.get('x-invocation-id')).toBeTruthy()
    const body = await res.json()
    expect(body.before).toMatchObject({ OPENID: 'oDemoMember0000000000000001', SOURCE: 'wx_client' })
    expect(body.event.tag).toBe('h5')
  })

  it('parallel HTTP callers keep their identities', async () => {
    const bodies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(`${dev.url}/functions/whoami`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-wx-openid': `oHttp${i}` },
          body: JSON.stringify({ delayMs: (i * 5) % 25 })
        }).then((r) => r.json())
      )
    )
    bodies.forEach((b, i) => expect(b.after.OPENID).toBe(`oHttp${i}`))
  })

  it('answers the CORS preflight for the H5 origin only', async () => {
    const ok = await fetch(`${dev.url}/functions/whoami`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-wx-openid' }
    })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin)
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-wx-openid')
    const evil = await fetch(`${dev.url}/functions/whoami`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } })
    expect(evil.status).toBe(403)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const post = await fetch(`${dev.url}/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example', 'x-wx-openid': 'oX' },
      body: '{}'
    })
    expect(post.status).toBe(403)
    expect(post.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('reports a thrown function as 502 with the cloud error, an unknown one as 404, a bad body as 400', async () => {
    const thrown = await fetch(`${dev.url}/functions/thrower`, { method: 'POST', body: JSON.stringify({ tag: 'http' }) })
    expect(thrown.status).toBe(502)
    expect(await thrown.json()).toMatchObject({ errCode: -504002 })
    const missing = await fetch(`${dev.url}/functions/nothing-here`, { method: 'POST', body: '{}' })
    expect(missing.status).toBe(404)
    const bad = await fetch(`${dev.url}/functions/whoami`, { method: 'POST', body: '{not json' })
    expect(bad.status).toBe(400)
  })
})

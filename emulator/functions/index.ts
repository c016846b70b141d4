/**
 * The functions service module: the function host (./host.ts), timer triggers
 * (./timers.ts), the `functions.invokeFunction` admin action that
 * `cloud.callFunction` sends, and the H5 endpoint `POST /functions/<name>`.
 *
 * `POST /functions/<name>` — body: JSON event; reply: 200 with the JSON of the
 * function's return value, or 502 `{errCode: -504002, errMsg}` when it threw
 * or timed out, 404 `{errCode: -504001}` for an unknown function, 400 for a
 * body that is not JSON. Identity: header `x-wx-openid` (and optionally
 * `x-wx-unionid`), accepted ONLY when the emulator runs in development mode;
 * otherwise any identity header gets 403. A call without identity runs with
 * no OPENID. CORS: `Access-Control-Allow-Origin` only for `h5Origins`
 * (preflight `OPTIONS` answered 204, other origins 403). The response carries
 * `x-invocation-id`.
 *
 * `POST /api/<name>` — the cloud's HTTP access service (HTTP 访问服务) as the
 * desk console reaches functions (issue 14): the function gets the event
 * the service builds (`path`, `httpMethod`, lower-cased `headers`,
 * `queryStringParameters`, `body` as text, `isBase64Encoded`) and runs with
 * NO WeChat user (no OPENID, SOURCE `http`), whatever headers the request
 * carries. An integration response (`{statusCode, headers, body,
 * isBase64Encoded}`) is sent as it says; any other return value as JSON.
 * Requests with an `Origin` header are refused (403): the console's own
 * server forwards them (same origin in production).
 */
import type { IncomingMessage, ServerResponse } from 'http'
import { CloudError, type EmulatorContext, type ServiceModule } from '../types'
import { FunctionError, FunctionHost, assertUtcProcess, type CallerIdentity, type InvokeResult } from './host'
import { TimerScheduler, timerEvent, validateTriggers, type ScheduledTimer } from './timers'
import { answerPreflight, applyCors, readIdentity, sendJson } from './http-helpers'
import { findInvocation, registerInvocationLookup, registerService } from './registry'

export { FunctionError } from './host'
export type { CallerIdentity, InvokeResult } from './host'

/** Options of the function host, given to startEmulator as `functions`. */
export interface FunctionsOptions {
  /** AppID reported for callers that give none (default 'wx0000000000000000'). */
  appid?: string
  /** Deploy variables every function sees (the console's environment variables). */
  env?: Record<string, string>
  /** Run timer triggers on their schedule (default false: tests fire them with fireTimer). */
  timers?: boolean
  /** Most concurrent workers (default 8). */
  maxWorkers?: number
  /** Idle worker lifetime, ms (default 30000). */
  idleMs?: number
}

export interface FunctionsModule extends ServiceModule {
  host: FunctionHost
  /**
   * Invoke a function as a user of the mini-program.
   * `identity.source` defaults to 'wx_client'; the event gets `userInfo:
   * {appId, openId}` like a mini-program call.
   * @throws FunctionError (`errCode` -504002 thrown/timeout, -504001 unknown function)
   */
  invoke<T = unknown>(name: string, event: unknown, identity?: CallerIdentity): Promise<InvokeResult<T>>
  /** Run a timer trigger now, with the event the cloud sends (SOURCE wx_trigger). */
  fireTimer<T = unknown>(name: string, triggerName: string): Promise<InvokeResult<T>>
  /** Scheduled triggers (empty unless the `timers` option is on). */
  timers(): ScheduledTimer[]
  /** Function names available. */
  list(): string[]
}

/** Add `userInfo` as the cloud does for calls from the mini-program. */
function withUserInfo(event: unknown, who: CallerIdentity, appid: string): unknown {
  if (!who.openid || event === null || typeof event !== 'object' || Array.isArray(event)) return event
  return { ...(event as Record<string, unknown>), userInfo: { appId: who.appid ?? appid, openId: who.openid } }
}

/**
 * Create the functions module.
 * @throws Error when the process does not run in UTC (see assertUtcProcess)
 */
export function createFunctionsModule(ctx: EmulatorContext, opts: FunctionsOptions = {}): FunctionsModule {
  assertUtcProcess()
  const appid = opts.appid ?? 'wx0000000000000000'
  const host = new FunctionHost(ctx, {
    functionsDir: ctx.functionsDir ?? 'cloudfunctions',
    appid,
    functionEnv: opts.env,
    maxWorkers: opts.maxWorkers,
    idleMs: opts.idleMs
  })
  registerInvocationLookup(ctx, (id) => host.invocation(id))
  const scheduler = new TimerScheduler((fn, trigger, at) =>
    host.invoke(fn, timerEvent(trigger, at), { source: 'wx_trigger' }).catch((e: Error) => {
      ctx.logger.warn(`timer ${fn}/${trigger} failed: ${e.message}`)
    })
  )

  const invoke = <T>(name: string, event: unknown, identity: CallerIdentity = {}): Promise<InvokeResult<T>> => {
    const who: CallerIdentity = { source: 'wx_client', ...identity }
    return host.invoke<T>(name, withUserInfo(event ?? {}, who, appid), who)
  }

  /** A function that threw, timed out or does not exist: 502 / 404 with the platform's code; anything else is rethrown. */
  function sendFunctionError(res: ServerResponse, e: unknown): void {
    if (!(e instanceof FunctionError)) throw e
    res.setHeader('x-invocation-id', e.invocationId)
    sendJson(res, e.reason === 'not-found' ? 404 : 502, { errCode: e.errCode, errMsg: e.errMsg })
  }

  async function handleHttpAccess(req: IncomingMessage, res: ServerResponse, body: Buffer, name: string, url: URL): Promise<boolean> {
    if (req.method !== 'POST') return false
    if (req.headers.origin) {
      sendJson(res, 403, { errCode: -501008, errMsg: 'HTTP access is reached through the console server, not from a browser page' })
      return true
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v
    const event = {
      path: url.pathname,
      httpMethod: req.method,
      headers,
      queryStringParameters: Object.fromEntries(url.searchParams.entries()),
      body: body.toString('utf8'),
      isBase64Encoded: false
    }
    try {
      const out = await host.invoke<unknown>(name, event, { source: 'http' })
      res.setHeader('x-invocation-id', out.invocationId)
      const reply = out.result as { statusCode?: unknown; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | null
      if (reply && typeof reply === 'object' && typeof reply.statusCode === 'number') {
        res.statusCode = reply.statusCode
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, String(v))
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null)
        res.end(reply.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'))
      } else sendJson(res, 200, out.result)
    } catch (e) {
      sendFunctionError(res, e)
    }
    return true
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const access = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
    if (access) return handleHttpAccess(req, res, body, access[1], url)
    const m = /^\/functions\/([^/]+)\/?$/.exec(url.pathname)
    if (!m) return false
    if (req.method === 'OPTIONS') {
      answerPreflight(ctx, req, res)
      return true
    }
    if (req.method !== 'POST') return false
    if (!applyCors(ctx, req, res)) {
      sendJson(res, 403, { errCode: -501008, errMsg: `origin ${req.headers.origin} is not an allowed H5 origin` })
      return true
    }
    const who = readIdentity(ctx, req)
    if (!who.ok) {
      sendJson(res, who.status, { errCode: who.errCode, errMsg: who.errMsg })
      return true
    }
    let event: unknown = {}
    if (body.length) {
      try {
        event = JSON.parse(body.toString('utf8'))
      } catch (e) {
        sendJson(res, 400, { errCode: -501007, errMsg: `body is not JSON: ${(e as Error).message}` })
        return true
      }
    }
    const name = decodeURIComponent(m[1])
    try {
      const out = await invoke(name, event, { openid: who.openid, unionid: who.unionid, source: 'wx_client' })
      res.setHeader('x-invocation-id', out.invocationId)
      sendJson(res, 200, out.result)
    } catch (e) {
      sendFunctionError(res, e)
    }
    return true
  }

  const mod: FunctionsModule = {
    name: 'functions',
    host,
    adminActions: {
      'functions.invokeFunction': async (params, request) => {
        const name = String(params.function_name ?? '')
        if (!name) throw new CloudError('INVALID_PARAM', 'function_name is required')
        let data: unknown = {}
        if (typeof params.request_data === 'string' && params.request_data !== '') {
          try {
            data = JSON.parse(params.request_data)
          } catch {
            throw new CloudError('INVALID_PARAM', 'request_data is not JSON')
          }
        }
        const caller = findInvocation(ctx, request.invocationId)
        // Documented: SOURCE follows the chain ('wx_client' -> 'wx_client,scf').
        // The callee also acts for the caller's user (OPENID/APPID/UNIONID).
        const who: CallerIdentity = caller
          ? { openid: caller.identity.openid, appid: caller.identity.appid, unionid: caller.identity.unionid, source: `${caller.identity.source ?? ''},scf`.replace(/^,/, '') }
          : { source: 'scf' }
        try {
          const out = await host.invoke(name, data, who, caller?.id ?? 'external')
          return { data: { response_data: JSON.stringify(out.result) } }
        } catch (e) {
          if (e instanceof FunctionError) throw new CloudError(e.code, e.errMsg)
          throw e
        }
      }
    },
    handleHttp,
    start() {
      if (!opts.timers) return
      for (const name of host.catalog.list()) {
        try {
          const cfg = host.catalog.config(name)
          validateTriggers(name, cfg.triggers)
          scheduler.schedule(name, cfg.triggers)
        } catch (e) {
          ctx.logger.error(`timer triggers of ${name} not scheduled: ${(e as Error).message}`)
        }
      }
    },
    async stop() {
      scheduler.stop()
      await host.stop()
    },
    invoke,
    fireTimer<T>(name: string, triggerName: string) {
      const cfg = host.catalog.config(name)
      const t = cfg.triggers.find((x) => x.name === triggerName)
      if (!t) return Promise.reject(new Error(`${name} has no timer trigger named ${triggerName}`))
      return host.invoke<T>(name, timerEvent(triggerName, new Date()), { source: 'wx_trigger' })
    },
    timers: () => scheduler.list(),
    list: () => host.catalog.list()
  }
  registerService(ctx, 'functions', mod)
  return mod
}

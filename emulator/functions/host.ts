/**
 * The function host: runs cloud functions the way CloudBase does, one
 * invocation per worker thread at a time.
 *
 * Identity. Each invocation's WX context travels in the worker's own
 * `process.env` (worker_threads give every worker a private copy), exactly the
 * variables wx-server-sdk 4.0.2's `getWXContext()` reads: `WX_CONTEXT_KEYS`
 * (comma list) and each key it names (`WX_OPENID`, `WX_APPID`, `WX_UNIONID`,
 * `WX_CLIENTIP`), `TCB_ENV`/`SCF_NAMESPACE` -> `ENV`, `TCB_SOURCE` -> `SOURCE`.
 * Workers are single-flight (never two invocations at once) and reused; the
 * previous invocation's variables are removed before the next one's are set,
 * so concurrent callers never see each other's identity. A worker loads the
 * SDK once (the expensive part, ~0.7 s of CPU) and then any function bundle on
 * first use, like a warm cloud instance that is shared by functions; a pool of
 * at most `maxWorkers` (default 8) serves all functions.
 *
 * Time zone. Functions run with TZ=UTC like the cloud. A worker cannot have
 * its own zone (it keeps the process's), so the HOST PROCESS must run with
 * TZ=UTC; {@link assertUtcProcess} checks it and startEmulator calls it.
 *
 * Errors (what `cloud.callFunction` / wx.cloud.callFunction report):
 *  - the function throws (or returns a rejected promise): code
 *    `FUNCTIONS_EXECUTE_FAIL` -> errCode -504002, message = the error's stack;
 *  - it runs past its `config.json` timeout (default 3 s): the worker is
 *    killed, code `FUNCTIONS_EXECUTE_FAIL` (-504002), message
 *    `Invoking task timed out after <n> seconds` (SCF's wording);
 *  - no such function: code `FUNCTIONS_REQUEST_FAIL` (-504001).
 *
 * Context rules for function -> function calls (`cloud.callFunction`):
 * WeChat documents that SOURCE follows the call chain (`wx_client` in A,
 * `wx_client,scf` in B). The callee also receives the caller's OPENID, APPID
 * and UNIONID (the user whose request it is): developers rely on this and it is
 * what the cloud does in practice, but the docs only state SOURCE. Timer
 * triggers run with SOURCE `wx_trigger` and no user.
 */
import crypto from 'crypto'
import path from 'path'
import { Worker } from 'worker_threads'
import type { EmulatorContext, InvocationCounts } from '../types'
import { FunctionCatalog, type ResolvedFunction } from './catalog'

/** Who is calling: the identity `getWXContext()` will report. */
export interface CallerIdentity {
  /** User OPENID (absent for timers and anonymous HTTP calls). */
  openid?: string
  /** Mini-program AppID; defaults to the host's `appid` when an openid is given. */
  appid?: string
  unionid?: string
  /** SOURCE; default 'wx_client' (a mini-program user). */
  source?: string
  /** Client IPv4, reported as CLIENTIP. */
  clientIp?: string
}

/** What an invocation returns to Node callers. */
export interface InvokeResult<T = unknown> {
  /** The function's return value after a JSON round trip (undefined -> null). */
  result: T
  invocationId: string
  /** Database operations this invocation made (its own, not its callees'). */
  dbOps: InvocationCounts
}

/** Error codes the host produces (the cloud's string codes). */
export type FunctionErrorCode = 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_REQUEST_FAIL'

/** SDK errCode for each code (wx-server-sdk 4.0.2 TCB_ERR_CODE). */
export const FUNCTION_ERR_CODES: Record<FunctionErrorCode, number> = {
  FUNCTIONS_EXECUTE_FAIL: -504002,
  FUNCTIONS_REQUEST_FAIL: -504001
}

/** A failed invocation, shaped like the cloud's error (code, errCode, errMsg). */
export class FunctionError extends Error {
  readonly errCode: number
  constructor(
    readonly code: FunctionErrorCode,
    readonly errMsg: string,
    readonly invocationId: string,
    readonly dbOps: InvocationCounts,
    /** 'thrown' | 'timeout' | 'not-found' | 'crashed' */
    readonly reason: 'thrown' | 'timeout' | 'not-found' | 'crashed'
  ) {
    super(errMsg)
    this.name = 'FunctionError'
    this.errCode = FUNCTION_ERR_CODES[code]
  }
}

/** Record of a running invocation (used by callFunction and the open API for attribution). */
export interface InvocationRecord {
  id: string
  name: string
  identity: CallerIdentity
  config: ResolvedFunction['config']
  startedAt: number
}

export interface FunctionHostOptions {
  /** Folder of functions: sources (`<name>/index.ts`) or bundles (`<name>/index.js`). */
  functionsDir: string
  /** AppID reported when a caller gives none. Default 'wx0000000000000000' (placeholder). */
  appid?: string
  /** Most workers alive at once (nested callFunction may exceed it to avoid deadlock). Default 8. */
  maxWorkers?: number
  /** Idle worker lifetime, ms. Default 30000. */
  idleMs?: number
  /** Deploy-time variables every function sees (what the console's env-variable page sets). */
  functionEnv?: Record<string, string>
  /** Bundle cache folder (default inside node_modules/.cache). */
  cacheDir?: string
}

/** Throw unless this process runs in UTC (workers inherit the process's zone, not env.TZ). */
export function assertUtcProcess(): void {
  const offset = new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset() + new Date(Date.UTC(2026, 6, 15, 12)).getTimezoneOffset()
  if (offset !== 0) {
    throw new Error(
      'the local cloud must run with TZ=UTC (cloud functions run in UTC and a worker keeps its process time zone); ' +
        'start it as `TZ=UTC node ...` / set process.env.TZ = "UTC" before anything reads the clock'
    )
  }
}

const WORKER_ENTRY = path.join(__dirname, 'worker-entry.js')

interface PooledWorker {
  worker: Worker
  /** Bundles this worker has already required (warm for those functions). */
  loaded: Set<string>
  busy: boolean
  dead: boolean
  idleTimer?: NodeJS.Timeout
  ready: Promise<void>
  /** Settles the invocation in flight, if any. */
  onMessage?: (msg: any) => void
  onFailure?: (err: Error) => void
}

export class FunctionHost {
  readonly catalog: FunctionCatalog
  private readonly workers = new Set<PooledWorker>()
  private readonly waiters: Array<() => void> = []
  private readonly running = new Map<string, InvocationRecord>()
  private readonly appid: string
  private readonly maxWorkers: number
  private readonly idleMs: number
  private stopped = false

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly opts: FunctionHostOptions
  ) {
    this.catalog = new FunctionCatalog(opts.functionsDir, opts.cacheDir)
    this.appid = opts.appid ?? 'wx0000000000000000'
    this.maxWorkers = Math.max(1, opts.maxWorkers ?? 8)
    this.idleMs = opts.idleMs ?? 30000
  }

  /** The running invocation with this id (undefined once it finished). */
  invocation(id: string): InvocationRecord | undefined {
    return this.running.get(id)
  }

  /**
   * Run function `name` with `event` as `identity`.
   * @param parentInvocationId set for cloud.callFunction from inside a function (bypasses the worker cap)
   * @returns the JSON-round-tripped return value, the invocation id and its database op counts
   * @throws FunctionError (-504002 thrown/timeout, -504001 unknown function)
   */
  async invoke<T = unknown>(
    name: string,
    event: unknown,
    identity: CallerIdentity = {},
    parentInvocationId?: string
  ): Promise<InvokeResult<T>> {
    if (this.stopped) throw new Error('function host stopped')
    const invocationId = crypto.randomUUID()
    const zero = (): InvocationCounts => this.ctx.counters.get(invocationId)
    if (!this.catalog.has(name)) {
      throw new FunctionError('FUNCTIONS_REQUEST_FAIL', `[ResourceNotFound.Function] function not found: ${name}`, invocationId, zero(), 'not-found')
    }
    let fn: ResolvedFunction
    try {
      fn = await this.catalog.resolve(name)
    } catch (e) {
      throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', `build failed for ${name}: ${(e as Error).message}`, invocationId, zero(), 'crashed')
    }
    const who: CallerIdentity = { source: 'wx_client', ...identity }
    if (who.openid && !who.appid) who.appid = this.appid
    const record: InvocationRecord = { id: invocationId, name, identity: who, config: fn.config, startedAt: Date.now() }
    this.running.set(invocationId, record)
    try {
      const json = await this.runInWorker(fn, invocationId, event, who, !!parentInvocationId)
      const result = JSON.parse(json) as T
      return { result, invocationId, dbOps: this.ctx.counters.get(invocationId) }
    } catch (e) {
      if (e instanceof FunctionError) {
        throw new FunctionError(e.code, e.errMsg, invocationId, this.ctx.counters.get(invocationId), e.reason)
      }
      throw e
    } finally {
      this.running.delete(invocationId)
    }
  }

  /** Variables one invocation puts into its worker's process.env. */
  invocationEnv(invocationId: string, who: CallerIdentity): Record<string, string | null> {
    const sdk = this.ctx.sdkEnv(invocationId)
    const env: Record<string, string | null> = {
      TCB_CONTEXT_CNFG: sdk.TCB_CONTEXT_CNFG,
      TCB_SOURCE: who.source ?? null,
      WX_OPENID: null,
      WX_APPID: null,
      WX_UNIONID: null,
      WX_CLIENTIP: null,
      WX_TRIGGER_API_TOKEN_V0: null,
      WX_API_TOKEN: null
    }
    const keys: string[] = []
    const put = (k: string, v: string | undefined): void => {
      if (v) {
        env[k] = v
        keys.push(k)
      }
    }
    put('WX_OPENID', who.openid)
    put('WX_APPID', who.appid)
    put('WX_UNIONID', who.unionid)
    put('WX_CLIENTIP', who.clientIp)
    if (keys.length === 0) {
      // getWXContext() returns {} (not even ENV) when WX_CONTEXT_KEYS is empty. The
      // cloud names a token key (which the SDK's blacklist hides) for trigger and
      // server calls, so ENV and SOURCE still show; do the same.
      const tokenKey = who.source === 'wx_trigger' ? 'WX_TRIGGER_API_TOKEN_V0' : 'WX_API_TOKEN'
      put(tokenKey, crypto.randomBytes(12).toString('hex'))
    }
    env.WX_CONTEXT_KEYS = keys.join(',')
    return env
  }

  private async runInWorker(fn: ResolvedFunction, invocationId: string, event: unknown, who: CallerIdentity, nested: boolean): Promise<string> {
    const pw = await this.acquire(fn, nested)
    try {
      await pw.ready
    } catch (e) {
      this.discard(pw)
      throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', (e as Error).stack ?? String(e), invocationId, this.ctx.counters.get(invocationId), 'crashed')
    }
    const env = this.invocationEnv(invocationId, who)
    const context = {
      request_id: invocationId,
      function_name: fn.name,
      function_version: '$LATEST',
      namespace: this.ctx.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: fn.config.timeoutMs,
      tencentcloud_region: 'ap-shanghai',
      environment: JSON.stringify(Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== null && k !== 'TCB_CONTEXT_CNFG')))
    }
    return await new Promise<string>((resolve, reject) => {
      const seconds = fn.config.timeoutMs / 1000
      const timer = setTimeout(() => {
        pw.onMessage = undefined
        pw.onFailure = undefined
        this.discard(pw)
        reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', `Invoking task timed out after ${seconds} seconds`, invocationId, this.ctx.counters.get(invocationId), 'timeout'))
      }, fn.config.timeoutMs)
      pw.onMessage = (msg) => {
        if (msg.type !== 'result' || msg.id !== invocationId) return
        clearTimeout(timer)
        pw.onMessage = undefined
        pw.onFailure = undefined
        this.release(pw)
        if (msg.ok) resolve(msg.json as string)
        else {
          const err = msg.error as { name: string; message: string; stack: string }
          reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', err.stack || `${err.name}: ${err.message}`, invocationId, this.ctx.counters.get(invocationId), 'thrown'))
        }
      }
      pw.onFailure = (e) => {
        clearTimeout(timer)
        pw.onMessage = undefined
        pw.onFailure = undefined
        reject(new FunctionError('FUNCTIONS_EXECUTE_FAIL', e.stack ?? String(e), invocationId, this.ctx.counters.get(invocationId), 'crashed'))
      }
      pw.loaded.add(fn.entry)
      pw.worker.postMessage({ type: 'invoke', id: invocationId, entry: fn.entry, event: event === undefined ? {} : event, context, env })
    })
  }

  private baseEnv(): Record<string, string> {
    const keep = ['PATH', 'HOME', 'LANG', 'NODE_PATH']
    const env: Record<string, string> = {}
    for (const k of keep) if (process.env[k]) env[k] = process.env[k] as string
    return { ...env, ...(this.opts.functionEnv ?? {}), ...this.ctx.sdkEnv(), TZ: 'UTC' }
  }

  private spawn(fn: ResolvedFunction): PooledWorker {
    const sdkUrl = JSON.parse(this.ctx.sdkEnv().TCB_CONTEXT_CNFG).URL as string
    const expectedAdminPrefix = `${this.ctx.url}/admin`
    if (!sdkUrl.startsWith(expectedAdminPrefix) || !/^http:\/\/127\.0\.0\.1:\d+$/.test(this.ctx.url)) {
      throw new Error(`refusing to run ${fn.name}: the SDK URL ${sdkUrl} does not point at this emulator (${this.ctx.url})`)
    }
    const worker = new Worker(WORKER_ENTRY, {
      env: this.baseEnv(),
      workerData: { expectedAdminPrefix, sdkPath: require.resolve('wx-server-sdk') },
      execArgv: ['--enable-source-maps']
    })
    worker.unref()
    const pw: PooledWorker = { worker, loaded: new Set(), busy: true, dead: false, ready: Promise.resolve() }
    pw.ready = new Promise<void>((resolve, reject) => {
      const onReady = (msg: any): void => {
        if (msg?.type === 'ready') {
          worker.off('message', onReady)
          resolve()
        } else if (msg?.type === 'init-error') {
          worker.off('message', onReady)
          reject(Object.assign(new Error(msg.error?.message ?? 'init failed'), { stack: msg.error?.stack }))
        }
      }
      worker.on('message', onReady)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} during start`)))
    })
    pw.ready.catch(() => undefined)
    worker.on('message', (msg) => pw.onMessage?.(msg))
    worker.on('error', (e) => {
      pw.dead = true
      this.workers.delete(pw)
      pw.onFailure?.(e)
      this.wake()
    })
    worker.on('exit', () => {
      pw.dead = true
      this.workers.delete(pw)
      pw.onFailure?.(new Error('cloud function worker exited'))
      this.wake()
    })
    this.workers.add(pw)
    return pw
  }

  private async acquire(fn: ResolvedFunction, nested: boolean): Promise<PooledWorker> {
    for (;;) {
      if (this.stopped) throw new Error('function host stopped')
      // Workers are generic (the SDK is loaded once per worker, which is what
      // costs: ~0.7 s of CPU); prefer one that already loaded this bundle.
      const idle = [...this.workers].filter((w) => !w.busy && !w.dead)
      const pw = idle.find((w) => w.loaded.has(fn.entry)) ?? idle[0]
      if (pw) {
        pw.busy = true
        if (pw.idleTimer) clearTimeout(pw.idleTimer)
        return pw
      }
      if (this.workers.size < this.maxWorkers || nested) return this.spawn(fn)
      await new Promise<void>((r) => this.waiters.push(r))
    }
  }

  private release(pw: PooledWorker): void {
    if (pw.dead || this.stopped) return
    pw.busy = false
    pw.idleTimer = setTimeout(() => this.discard(pw), this.idleMs)
    pw.idleTimer.unref()
    this.wake()
  }

  private discard(pw: PooledWorker): void {
    if (pw.idleTimer) clearTimeout(pw.idleTimer)
    pw.dead = true
    pw.onMessage = undefined
    pw.onFailure = undefined
    this.workers.delete(pw)
    void pw.worker.terminate().catch(() => undefined)
    this.wake()
  }

  private wake(): void {
    const w = this.waiters.shift()
    if (w) w()
  }

  /** Terminate every worker and delete the bundle cache. */
  async stop(): Promise<void> {
    this.stopped = true
    const all = [...this.workers]
    this.workers.clear()
    while (this.waiters.length) this.wake()
    await Promise.all(all.map((pw) => pw.worker.terminate().catch(() => undefined)))
    this.catalog.dispose()
  }
}

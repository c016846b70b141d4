/**
 * The seam between the emulator core (HTTP server, database, stores, counters)
 * and the service modules plugged into it (function host, storage, open API,
 * timers).
 *
 * How a request flows
 * -------------------
 * The real wx-server-sdk (through @cloudbase/node-sdk 3.17.2) sends every call
 * as `POST <TCB_CONTEXT_CNFG.URL>?env=<envId>&seqId=<seq>`; the URL we inject is
 * `http://127.0.0.1:<port>/admin` or, for an invocation run by the function host,
 * `http://127.0.0.1:<port>/admin/inv/<invocationId>` (see {@link adminUrl}; the
 * SDK keeps the path and only appends its query string, verified with the real
 * SDK in test/emulator/seam.test.ts).
 *
 * Bodies come in two shapes:
 *  - JSON (`content-type: application/json`): every `database.*`,
 *    `storage.*`, `functions.invokeFunction` call. The object holds `action`,
 *    the action's own fields, and SDK bookkeeping (`envName`,
 *    `wxCloudApiToken`, `tcb_sessionToken`, ...).
 *  - multipart/form-data: `wx.openApi` / `wx.wxPayApi` (the SDK's
 *    `callCompatibleWxOpenApi`): text fields `action`, `apiName`, `cgiName`,
 *    `envName`, ... and `requestData` = protobuf bytes. The server keeps every
 *    part's raw bytes in {@link AdminRequest.parts} and also puts each part,
 *    decoded as UTF-8, into `params` (so `params.action` works for both).
 *
 * The server parses every /admin request into an {@link AdminRequest} and
 * dispatches on `action`: `database.*` goes to the database engine (core);
 * everything else is looked up in the `adminActions` of the registered
 * {@link ServiceModule}s (registered in emulator/index.ts, list `MODULES`).
 * A handler returns a plain JSON object (sent with HTTP 200 as
 * `application/json`; the server adds `requestId` if missing) or a
 * {@link RawReply} (bytes with a content type, for wx.openApi). To fail the
 * way the cloud fails, throw {@link CloudError}: the server answers HTTP 200
 * `{code, message, requestId}` and the SDK maps `code` to its errCode
 * (e.g. `DATABASE_COLLECTION_NOT_EXIST` -> -502005, `STORAGE_FILE_NONEXIST` ->
 * -503003, unknown codes -> -501001). Any other thrown error is logged and
 * answered as `SYS_ERR`; the server never crashes on a handler's error.
 *
 * Routes outside /admin (upload PUT, downloads, `POST /functions/<name>`,
 * `/_outbox`) are offered to each module's `handleHttp(req, res, body)` in
 * order; the first one that returns true owns the response. Unclaimed routes
 * get 404.
 *
 * Counters: the server counts every database operation per invocation id (the
 * `/admin/inv/<id>` segment; requests without it count under `''`). Modules
 * and tests read them through `ctx.counters` ({@link Counters}).
 */
import type { IncomingMessage, ServerResponse } from 'http'

/** Minimal logger: the emulator's own log lines (quiet mode drops info). */
export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void
  warn(msg: string, extra?: Record<string, unknown>): void
  error(msg: string, extra?: Record<string, unknown>): void
}

/** Kinds of database operation the counters distinguish. */
export type DbOpKind =
  | 'get'
  | 'insert'
  | 'modify'
  | 'remove'
  | 'count'
  | 'aggregate'
  | 'addCollection'
  | 'startTransaction'
  | 'commitTransaction'
  | 'abortTransaction'

/** Per-invocation tally: `total` database operations and a count per kind. */
export interface InvocationCounts {
  /** Every `database.*` request, transaction control included. */
  total: number
  byKind: Partial<Record<DbOpKind, number>>
  /** Document operations (get, insert, modify, …) sent inside a transaction, i.e. carrying a transactionId; start/commit/abort not included. */
  inTransaction: number
}

/**
 * Database operation counters, keyed by invocation id ('' = requests that came
 * without an invocation segment, e.g. a test calling the SDK directly).
 */
export interface Counters {
  /** Record one operation (called by the server; modules need not call it). */
  record(invocationId: string, kind: DbOpKind, inTransaction?: boolean): void
  /** Counts for one invocation (zeros if none recorded). */
  get(invocationId: string): InvocationCounts
  /** Every invocation's counts (a copy). */
  all(): Record<string, InvocationCounts>
  /** Sum over all invocations. */
  totals(): InvocationCounts
  /** Forget one invocation's counts, or all when no id is given. */
  clear(invocationId?: string): void
}

/** Read-only view of the document store that modules may use (e.g. timers, tests). */
export interface StoreInfo {
  /** 'memory' or 'sqlite' */
  readonly kind: 'memory' | 'sqlite'
  /** Names of existing collections. */
  collections(): string[]
}

/** What every service module receives when it is created. */
export interface EmulatorContext {
  /** Env id the emulator answers for, e.g. 'cppcc-local'. */
  envId: string
  /** Base URL, e.g. 'http://127.0.0.1:43123' (no trailing slash). */
  url: string
  /** Started in development mode (identity headers on /functions allowed). */
  development: boolean
  /** Origins allowed to call the HTTP endpoints from the H5 build (CORS). */
  h5Origins: string[]
  /** Directory of cloud functions (source or bundled), if given. */
  functionsDir?: string
  /** Directory for durable data (undefined in memory mode). */
  dataDir?: string
  store: StoreInfo
  counters: Counters
  logger: Logger
  /**
   * Environment variables that point a wx-server-sdk at this emulator
   * (TCB_CONTEXT_CNFG, SCF_NAMESPACE, TCB_ENV, secrets placeholders,
   * TENCENTCLOUD=true, TZ=UTC, ...). Pass an invocation id to get the URL with
   * the attribution segment.
   */
  sdkEnv(invocationId?: string): Record<string, string>
}

/** A parsed /admin request. */
export interface AdminRequest {
  action: string
  /** JSON body fields, or multipart text fields (each part decoded as UTF-8). */
  params: Record<string, any>
  /** Multipart only: each part's raw bytes, by field name (last one wins). */
  parts: Record<string, Buffer>
  headers: IncomingMessage['headers']
  /** From the /admin/inv/<id> path segment; '' when absent. */
  invocationId: string
  /** Query string of the request (`env`, `seqId`, ...). */
  query: Record<string, string>
  /** Request id the reply will carry. */
  requestId: string
}

const RAW = Symbol.for('cppcc.emulator.rawReply')

/** A reply sent as raw bytes (HTTP 200) instead of JSON. */
export interface RawReply {
  [RAW]: true
  body: Buffer
  contentType: string
}

/** Build a {@link RawReply}: `body` bytes with `contentType` (e.g. 'application/octet-stream'). */
export function rawReply(body: Buffer, contentType = 'application/octet-stream'): RawReply {
  return { [RAW]: true, body, contentType }
}

/** True when a handler's return value is a {@link RawReply}. */
export function isRawReply(v: unknown): v is RawReply {
  return typeof v === 'object' && v !== null && (v as any)[RAW] === true
}

/** JSON object reply, or raw bytes. */
export type AdminReply = Record<string, unknown> | RawReply

/** One /admin action handler. `params` is {@link AdminRequest.params}. */
export type AdminAction = (params: Record<string, any>, request: AdminRequest) => Promise<AdminReply>

/**
 * A pluggable part of the emulator (function host, storage, open API, timers).
 * Created by a factory `(ctx: EmulatorContext) => ServiceModule`.
 */
export interface ServiceModule {
  /** Name for logs, e.g. 'storage'. */
  name: string
  /** action name (e.g. 'storage.getUploadMetadata') -> handler. */
  adminActions: Record<string, AdminAction>
  /**
   * Offered every non-/admin request; return true if this module answered it.
   * `body` is the whole request body (already read; bounded by the server's limit).
   */
  handleHttp?(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>
  /** Called once after the server listens (ctx.url is final). */
  start?(): Promise<void> | void
  /** Called on stop(), before the server closes. */
  stop?(): Promise<void> | void
  /** Called by reset(): drop module state (files, outbox, ...). */
  reset?(): Promise<void> | void
}

/** Factory signature of a module listed in emulator/index.ts. */
export type ServiceModuleFactory = (ctx: EmulatorContext) => ServiceModule

/**
 * An error the cloud would return: the server answers HTTP 200
 * `{code, message, requestId}`. `code` is the cloud's string code, e.g.
 * 'DATABASE_REQUEST_FAILED' (SDK errCode -502001),
 * 'DATABASE_COLLECTION_NOT_EXIST' (-502005), 'INVALID_PARAM' (-501007),
 * 'DATABASE_TRANSACTION_CONFLICT' (retried by runTransaction),
 * 'STORAGE_FILE_NONEXIST' (-503003), 'FUNCTIONS_EXECUTE_FAIL' (-504002).
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'CloudError'
  }
}

/**
 * The URL (TCB_CONTEXT_CNFG.URL) a wx-server-sdk must use to reach this
 * emulator. With an invocation id the path becomes `/admin/inv/<id>` so every
 * request of that invocation is attributed to it in the counters.
 * @param baseUrl e.g. 'http://127.0.0.1:43123'
 * @param invocationId any string of [A-Za-z0-9_-]; omitted -> plain '/admin'
 */
export function adminUrl(baseUrl: string, invocationId?: string): string {
  const base = baseUrl.replace(/\/+$/, '')
  if (!invocationId) return `${base}/admin`
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(invocationId)) {
    throw new Error(`invalid invocation id: ${invocationId}`)
  }
  return `${base}/admin/inv/${invocationId}`
}

/**
 * Parse the invocation id out of a request path ('/admin/inv/<id>' -> id,
 * '/admin' -> ''). Returns null if the path is not an admin path.
 */
export function parseAdminPath(pathname: string): { invocationId: string } | null {
  if (pathname === '/admin' || pathname === '/admin/') return { invocationId: '' }
  const m = /^\/admin\/inv\/([A-Za-z0-9_-]{1,128})\/?$/.exec(pathname)
  return m ? { invocationId: m[1] } : null
}

/**
 * Environment that points a wx-server-sdk at an emulator.
 * @param baseUrl emulator base URL
 * @param envId env id ('cppcc-local')
 * @param invocationId optional attribution id (see {@link adminUrl})
 * @returns plain string map to merge into process.env or a worker's env
 */
export function sdkEnvFor(baseUrl: string, envId: string, invocationId?: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl(baseUrl, invocationId) }),
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TENCENTCLOUD: 'true',
    TZ: 'UTC',
    SILENCE: 'true'
  }
}

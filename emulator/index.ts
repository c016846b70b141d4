/**
 * Node API of the local CloudBase emulator.
 *
 *   const emu = await startEmulator({ memory: true })
 *   Object.assign(process.env, emu.env())   // the real wx-server-sdk now talks to it
 *   ...
 *   await emu.reset()                       // clean cloud between tests
 *   await emu.stop()
 *
 * Service modules (function host, storage, open API, timers) are listed in
 * MODULES below; see emulator/types.ts for the seam.
 */
import fs from 'fs'
import path from 'path'
import type { Server } from 'http'
import type { Counters, EmulatorContext, Logger, ServiceModule } from './types'
import { sdkEnvFor } from './types'
import { createCounters } from './counters'
import { DatabaseEngine, type CollectionDecl, type DatabaseSnapshot } from './database/engine'
import { MemoryPersistence, SqlitePersistence, type Persistence } from './store/persistence'
import { createServer, listen } from './server'
import { createFunctionsModule, type FunctionsModule, type FunctionsOptions } from './functions'
import { createStorageModule, type StorageModule } from './storage'
import { createOpenApiModule, type OpenApiModule, type OpenApiOptions } from './openapi'

/**
 * Registered service modules, in dispatch order. Engineer B adds one
 * import + one entry per module here.
 */
const MODULES: Array<(ctx: EmulatorContext, options: StartOptions) => ServiceModule> = [
  (ctx, o) => createFunctionsModule(ctx, o.functions),
  (ctx) => createStorageModule(ctx),
  (ctx, o) => createOpenApiModule(ctx, o.openapi)
]

export interface StartOptions {
  /** TCP port on 127.0.0.1; 0 or undefined = a random free port. */
  port?: number
  /** Directory for the SQLite store (cloud.db) and module data; durable mode. */
  dataDir?: string
  /** Keep everything in memory (default when no dataDir is given). */
  memory?: boolean
  /** Env id answered and put into SCF_NAMESPACE / TCB_ENV (default 'cppcc-local'). */
  envId?: string
  /** Allow development identity headers on /functions (default false). */
  development?: boolean
  /** Origins allowed by CORS on the H5 endpoints. */
  h5Origins?: string[]
  /** Max documents per get (default 100, as the cloud returns to functions). */
  getLimit?: number
  /** Collection/index declarations (default <repo>/database/collections.json). */
  collectionsFile?: string
  /** Cloud functions directory (default <repo>/cloudfunctions). */
  functionsDir?: string
  /** Print only errors (tests). */
  quiet?: boolean
  /** Largest /admin request body in bytes (default 16 MiB). */
  maxAdminBodyBytes?: number
  /** Function host: appid, deploy env variables, timers on schedule (default off), worker cap. */
  functions?: FunctionsOptions
  /** Open API: word list file, function that receives media-check verdicts. */
  openapi?: OpenApiOptions
}

/** One log line kept by the emulator (also printed unless quiet). */
export interface LogLine {
  level: 'info' | 'warn' | 'error'
  msg: string
  extra?: Record<string, unknown>
  at: string
}

/**
 * Members added to the handle by service modules (engineer B): e.g.
 * `invoke(name, event, identity)` and `outbox()`. Declare them here and assign
 * them in startEmulator where marked.
 */
export interface EmulatorExtensions {
  /**
   * Run cloud function `name` as a mini-program user (`{openid, appid?, unionid?, source?}`).
   * Resolves `{result, invocationId, dbOps}`; rejects with FunctionError
   * (`errCode` -504002 thrown/timeout, -504001 unknown function).
   */
  invoke: FunctionsModule['invoke']
  /** Fire a config.json timer trigger now (event `{Type: 'Timer', TriggerName, Time, Message}`). */
  fireTimer: FunctionsModule['fireTimer']
  /** Subscription messages sent through `subscribeMessage.send`, oldest first. */
  outbox: OpenApiModule['outbox']
  /** Content-safety controls: word list, recorded media checks, pending deliveries. */
  contentSafety: Pick<OpenApiModule, 'words' | 'setWords' | 'resetWords' | 'mediaChecks' | 'settled' | 'pushVerdictsBeforeReply'>
  /** Make subscribeMessage.send to a user fail with 43101 (refused), or allow again. */
  refuseSubscription: OpenApiModule['refuseSubscription']
  /** Stored files with their uploader; read bytes; seed files. */
  storage: Pick<StorageModule, 'files' | 'file' | 'read' | 'put' | 'fileIdFor'>
}

export interface Emulator extends EmulatorExtensions {
  /** 'http://127.0.0.1:<port>' */
  url: string
  port: number
  envId: string
  /** Variables pointing a wx-server-sdk at this emulator (optionally attributed to an invocation). */
  env(invocationId?: string): Record<string, string>
  /** Empty every declared collection, drop runtime-created ones, reset modules and counters. */
  reset(): Promise<void>
  /** A copy of the whole database (not storage), for {@link Emulator.restore}. */
  snapshot(): DatabaseSnapshot
  /** Like reset(), then the database exactly as in `snap` (milliseconds for thousands of documents). */
  restore(snap: DatabaseSnapshot): Promise<void>
  counters: Counters
  /** Collections and sizes (read-only view, for tests and bench). */
  database: { collections(): string[]; size(name: string): number; getLimit: number }
  /** Log lines so far (most recent 1000). */
  logs(): LogLine[]
  /** The running modules, by name. */
  modules: Record<string, ServiceModule>
  /** The emulator context modules received. */
  context: EmulatorContext
  stop(): Promise<void>
}

/** Repo root (emulator/..). */
export const REPO_ROOT = path.resolve(__dirname, '..')

/** Read collection declarations: `{collections: [{name, indexes: [{name, keys, unique}]}]}`. */
export function loadDeclarations(file: string): CollectionDecl[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  const list = Array.isArray(raw) ? raw : raw.collections
  if (!Array.isArray(list)) throw new Error(`${file}: expected {collections: [...]}`)
  return list.map((c: any) => ({ name: String(c.name), indexes: Array.isArray(c.indexes) ? c.indexes : [] }))
}

function makeLogger(quiet: boolean, sink: LogLine[]): Logger {
  const put = (level: LogLine['level'], msg: string, extra?: Record<string, unknown>) => {
    sink.push({ level, msg, extra, at: new Date().toISOString() })
    if (sink.length > 1000) sink.splice(0, sink.length - 1000)
    if (quiet && level !== 'error') return
    const line = `[emulator] ${level} ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`
    if (level === 'error') console.error(line)
    else console.log(line)
  }
  return {
    info: (m, e) => put('info', m, e),
    warn: (m, e) => put('warn', m, e),
    error: (m, e) => put('error', m, e)
  }
}

/**
 * Start an emulator.
 * @returns a handle; `url` is final once the promise resolves.
 * @throws if the port is taken or the collections file is unreadable.
 */
export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const envId = options.envId ?? 'cppcc-local'
  const memory = options.memory === true || !options.dataDir
  const logLines: LogLine[] = []
  const logger = makeLogger(options.quiet === true, logLines)
  const collectionsFile = options.collectionsFile ?? path.join(REPO_ROOT, 'database', 'collections.json')
  const declarations = fs.existsSync(collectionsFile) ? loadDeclarations(collectionsFile) : []
  const persistence: Persistence = memory ? new MemoryPersistence() : new SqlitePersistence(options.dataDir as string)
  const engine = new DatabaseEngine({ persistence, declarations, getLimit: options.getLimit, logger })
  const counters = createCounters()

  const ctx: EmulatorContext = {
    envId,
    url: '',
    development: options.development === true,
    h5Origins: options.h5Origins ?? [],
    functionsDir: options.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions'),
    dataDir: memory ? undefined : options.dataDir,
    store: { kind: persistence.kind, collections: () => engine.collections() },
    counters,
    logger,
    sdkEnv: (invocationId?: string) => sdkEnvFor(ctx.url, envId, invocationId)
  }
  const modules = MODULES.map((f) => f(ctx, options))
  const server: Server = createServer({
    engine,
    counters,
    logger,
    envId,
    modules: () => modules,
    maxAdminBodyBytes: options.maxAdminBodyBytes
  })
  let port: number
  try {
    port = await listen(server, options.port ?? 0)
  } catch (e) {
    persistence.close()
    throw e
  }
  ctx.url = `http://127.0.0.1:${port}`
  for (const m of modules) await m.start?.()
  logger.info(`env ${envId} on ${ctx.url}, ${persistence.kind} store${memory ? '' : ' in ' + options.dataDir}`)

  let stopped = false
  const fnMod = modules.find((m) => m.name === 'functions') as FunctionsModule
  const storageMod = modules.find((m) => m.name === 'storage') as StorageModule
  const openapiMod = modules.find((m) => m.name === 'openapi') as OpenApiModule
  const handle: Emulator = {
    invoke: (name, event, identity) => fnMod.invoke(name, event, identity),
    fireTimer: (name, trigger) => fnMod.fireTimer(name, trigger),
    outbox: () => openapiMod.outbox(),
    contentSafety: {
      words: () => openapiMod.words(),
      setWords: (w) => openapiMod.setWords(w),
      resetWords: () => openapiMod.resetWords(),
      mediaChecks: () => openapiMod.mediaChecks(),
      settled: () => openapiMod.settled(),
      pushVerdictsBeforeReply: (on) => openapiMod.pushVerdictsBeforeReply(on)
    },
    refuseSubscription: (openid, refuse) => openapiMod.refuseSubscription(openid, refuse),
    storage: {
      files: () => storageMod.files(),
      file: (id) => storageMod.file(id),
      read: (id) => storageMod.read(id),
      put: (p, b, o) => storageMod.put(p, b, o),
      fileIdFor: (p) => storageMod.fileIdFor(p)
    },
    url: ctx.url,
    port,
    envId,
    env: (invocationId?: string) => ctx.sdkEnv(invocationId),
    async reset() {
      engine.reset()
      counters.clear()
      for (const m of modules) await m.reset?.()
    },
    snapshot: () => engine.snapshot(),
    async restore(snap) {
      engine.restore(snap)
      counters.clear()
      for (const m of modules) await m.reset?.()
    },
    counters,
    database: { collections: () => engine.collections(), size: (n) => engine.size(n), getLimit: engine.getLimit },
    logs: () => logLines.slice(),
    modules: Object.fromEntries(modules.map((m) => [m.name, m])),
    context: ctx,
    async stop() {
      if (stopped) return
      stopped = true
      for (const m of modules) await m.stop?.()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      persistence.close()
    }
  }
  // --- members provided by service modules (engineer B): assign them here,
  // e.g. Object.assign(handle, { invoke: ..., outbox: ... })
  return handle
}

export type { EmulatorContext, ServiceModule, ServiceModuleFactory } from './types'
export { adminUrl, sdkEnvFor, CloudError, rawReply } from './types'

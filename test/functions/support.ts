/**
 * Harness for cloud-function tests: one in-memory local cloud per test file
 * hosting the real functions from cloudfunctions/ (bundled on the fly), a
 * clean database before each test, and helpers to call actions as a persona
 * or any OPENID, exactly as the mini-program does.
 */
import path from 'path'
import { actions, type ActionName, type ActionInput, type ActionOutput } from '../../src/core/contract'
import type { Envelope } from '../../src/core/errors'
import { personas, type Persona } from '../../src/dev/personas'
import { loadDemoData } from '../../database/demo/load'
import { useCloud, type CloudHandle } from '../helpers/cloud'

export type Who = Persona['key'] | { openid: string } | 'anonymous'

export function openidOf(who: Who): string | undefined {
  if (who === 'anonymous') return undefined
  if (typeof who === 'object') return who.openid
  return personas.find((p) => p.key === who)!.openid
}

export interface FunctionsCloud extends CloudHandle {
  /** Calls an action as `who`; returns the reply envelope and the DB operations it made. */
  call<N extends ActionName>(who: Who, name: N, payload: ActionInput<N> | unknown, requestId?: string): Promise<Envelope<ActionOutput<N>> & { dbOps: number }>
  /** Like `call` but expects success and returns the data. */
  ok<N extends ActionName>(who: Who, name: N, payload: ActionInput<N> | unknown): Promise<ActionOutput<N>>
  /**
   * Loads the demo county (personas get their roles): written through the SDK
   * the first time in a file, restored from a snapshot afterwards.
   */
  seedDemo(now?: Date): Promise<void>
}

let counter = 0

// Function calls go through worker threads and a bundler, and a file's first
// seedDemo loads the whole demo county (every area, then the 2025 ledger):
// allow more than jest's 5 s. A bound against hangs, not a timing target.
jest.setTimeout(60000)

export function useFunctionsCloud(options: { functionEnv?: Record<string, string> } = {}): FunctionsCloud {
  const cloud = useCloud({
    functionsDir: path.join(__dirname, '..', '..', 'cloudfunctions'),
    development: true,
    functions: { env: options.functionEnv ?? {} }
  })
  const demoSnapshots = new Map<string, ReturnType<CloudHandle['emulator']['snapshot']>>()
  const call = async (who: Who, name: ActionName, payload: unknown, requestId?: string) => {
    const spec = actions[name]
    const openid = openidOf(who)
    const { result, dbOps } = await cloud.emulator.invoke<Envelope<unknown>>(
      spec.fn,
      { action: name, payload, requestId: requestId ?? `test-${Date.now().toString(36)}-${++counter}` },
      openid ? { openid } : {}
    )
    return { ...(result as Envelope<unknown>), dbOps: dbOps.total }
  }
  return {
    get emulator() {
      return cloud.emulator
    },
    sdk: () => cloud.sdk(),
    db: () => cloud.db(),
    call: call as FunctionsCloud['call'],
    ok: (async (who: Who, name: ActionName, payload: unknown) => {
      const reply = await call(who, name, payload)
      if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`)
      return reply.data
    }) as FunctionsCloud['ok'],
    seedDemo: async (now?: Date) => {
      // Seeding writes hundreds of documents through the SDK; do it once per
      // file (per `now`) and restore the copy for later tests.
      const key = now ? now.toISOString() : 'now'
      const cached = demoSnapshots.get(key)
      if (cached) return cloud.emulator.restore(cached)
      await loadDemoData(cloud.db(), now)
      demoSnapshots.set(key, cloud.emulator.snapshot())
    }
  }
}

/** Narrows an envelope to its error code (undefined when ok). */
export function codeOf(reply: { ok: boolean; error?: { code: string } }): string | undefined {
  return reply.ok ? undefined : reply.error?.code
}

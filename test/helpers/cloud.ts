/**
 * Jest helper: one in-memory emulator per test file, a clean cloud before
 * each test, the SDK environment applied to process.env so test code can
 * `require('wx-server-sdk')` and use it directly.
 *
 *   const cloud = useCloud()
 *   it('...', async () => {
 *     const db = cloud.db()                 // wx-server-sdk database, initialised
 *     await db.collection('users').add({ data: { ... } })
 *     expect(cloud.emulator.counters.totals().total).toBe(1)
 *   })
 *
 * Options are passed to startEmulator (memory: true and quiet: true are
 * defaults). The network guard (test/emulator/support/network-guard.ts) is
 * installed by the jest projects that use it.
 */
import { startEmulator, type Emulator, type StartOptions } from '../../emulator'

export interface CloudHandle {
  /** The running emulator (valid inside tests / beforeEach). */
  readonly emulator: Emulator
  /** `require('wx-server-sdk')`, initialised with the current env. */
  sdk(): any
  /** `sdk().database()` */
  db(): any
}

export function useCloud(options: StartOptions = {}): CloudHandle {
  let emu: Emulator | undefined
  let saved: Record<string, string | undefined> = {}
  let sdk: any

  beforeAll(async () => {
    emu = await startEmulator({ memory: true, quiet: true, ...options })
    const env = emu.env()
    saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
    Object.assign(process.env, env)
  })

  beforeEach(async () => {
    await emu?.reset()
  })

  afterAll(async () => {
    await emu?.stop()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  return {
    get emulator(): Emulator {
      if (!emu) throw new Error('useCloud: the emulator is not started yet (use it inside tests or hooks)')
      return emu
    },
    sdk() {
      if (!sdk) {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        sdk = require('wx-server-sdk')
        sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
      }
      return sdk
    },
    db() {
      return this.sdk().database()
    }
  }
}

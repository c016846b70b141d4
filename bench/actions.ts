/**
 * DB operations per action on the demo data: every action in the contract,
 * called once with its sample input (test/functions/samples) by the first
 * persona its access rule allows, on a freshly seeded in-memory local cloud.
 * The count includes the caller lookup that restricted actions make (one read
 * of `users`); actions open to anyone skip it.
 */
import path from 'path'
import { actionNames, actions, type ActionName } from '../src/core/contract'
import { isAllowed } from '../src/core/roles'
import { personas } from '../src/dev/personas'
import { samples } from '../test/functions/samples'
import { startEmulator } from '../emulator'
import { loadDemoData } from '../database/demo/load'

const demoRoles: Record<string, string[]> = {
  public: ['public'],
  member: ['public', 'member'],
  informant: ['public', 'informant'],
  studio_admin: ['public', 'studio_admin'],
  staff: ['public', 'staff'],
  department: ['public', 'department'],
  leader: ['public', 'leader']
}

export interface ActionCost {
  persona: string
  dbOps: number
  byKind: Record<string, number>
  /** Reply code, `ok` for success: a cost measured on an error path says so. */
  outcome: string
}

export async function run(): Promise<Record<ActionName, ActionCost>> {
  process.env.TZ = 'UTC'
  const emulator = await startEmulator({ memory: true, quiet: true, development: true, functionsDir: path.join(__dirname, '..', 'cloudfunctions') })
  try {
    Object.assign(process.env, emulator.env())
    const cloud = require('wx-server-sdk')
    cloud.init({ env: emulator.envId })
    const out = {} as Record<ActionName, ActionCost>
    for (const name of actionNames) {
      await emulator.reset()
      await loadDemoData(cloud.database())
      const spec = actions[name]
      const persona = personas.find((p) => isAllowed(spec.access, { roles: (demoRoles[p.key] ?? ['public']) as never }))
      if (!persona) throw new Error(`bench/actions: no demo persona may call ${name}`)
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>(
        spec.fn,
        { action: name, payload: samples[name], requestId: `bench-${name.replace('.', '-')}-0001` },
        { openid: persona.openid }
      )
      out[name] = { persona: persona.key, dbOps: dbOps.total, byKind: dbOps.byKind as Record<string, number>, outcome: result.ok ? 'ok' : result.error?.code ?? 'error' }
    }
    return out
  } finally {
    await emulator.stop()
  }
}

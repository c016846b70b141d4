/**
 * The role × action matrix: for every action in the contract and every
 * persona, the answer is allowed (anything but AUTH.* and COMMON.INTERNAL) or
 * AUTH.FORBIDDEN exactly as the action's access rule says for the roles the
 * server gives that persona; a caller without an OPENID gets
 * AUTH.UNAUTHENTICATED everywhere. New actions join automatically.
 */
import { actionNames, actions } from '../../src/core/contract'
import { isAllowed, type Role } from '../../src/core/roles'
import { personas } from '../../src/dev/personas'
import { samples } from './samples'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()

function consoleOnly(name: keyof typeof actions): boolean {
  const via = (actions[name] as { via?: string }).via
  return via === 'console' || via === 'console-anonymous'
}

describe('role × action matrix', () => {
  it('every action has a sample input', () => {
    expect(actionNames.filter((name) => !(name in samples))).toEqual([])
  })

  it.each(actionNames)('%s', async (name) => {
    await cloud.seedDemo()
    const spec = actions[name]
    const rows: string[] = []
    for (const persona of personas) {
      const me = await cloud.ok(persona.key, 'user.me', {})
      const allowed = isAllowed(spec.access, { roles: me.roles as Role[] })
      const reply = await cloud.call(persona.key, name, samples[name])
      const code = codeOf(reply) ?? 'ok'
      // Console-only actions are refused on the phone, whoever calls (issue 14).
      const expected = consoleOnly(name) ? 'AUTH.WRONG_CHANNEL' : allowed ? 'allowed' : 'AUTH.FORBIDDEN'
      const verdict = expected === 'allowed' ? !code.startsWith('AUTH.') && code !== 'COMMON.INTERNAL' : code === expected
      if (!verdict) rows.push(`${persona.key}: expected ${expected}, got ${code}`)
    }
    const anonymous = codeOf(await cloud.call('anonymous', name, samples[name]))
    if (anonymous !== 'AUTH.UNAUTHENTICATED') rows.push(`anonymous: expected AUTH.UNAUTHENTICATED, got ${anonymous}`)
    expect(rows).toEqual([])
  })
})

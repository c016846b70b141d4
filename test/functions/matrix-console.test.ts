/**
 * The role × action matrix over the second identity source (issue 14,
 * "Tests and targets"): every action called the way the desk console calls
 * it — HTTP access with a session — as every persona holding a console
 * role. The answer is allowed or AUTH.FORBIDDEN exactly as the access rule
 * says; phone-only actions answer AUTH.WRONG_CHANNEL; without a session
 * everything but the sign-in steps answers AUTH.SESSION_REQUIRED; and a
 * session of a person without a console role is ended (AUTH.SESSION_REVOKED).
 */
import { actionNames, actions } from '../../src/core/contract'
import { CONSOLE_ROLES } from '../../src/core/actions/console'
import { isAllowed, type Role } from '../../src/core/roles'
import { personas } from '../../src/dev/personas'
import { samples } from './samples'
import { useFunctionsCloud, codeOf } from './support'
import { callConsole, consoleToken } from './console-support'

const cloud = useFunctionsCloud()
// Seven personas per action through two channels: allow for a loaded machine.
jest.setTimeout(120_000)

describe('role × action matrix, from the console', () => {
  it.each(actionNames)('%s', async (name) => {
    await cloud.seedDemo()
    const via = (actions[name] as { via?: string }).via ?? 'both'
    const rows: string[] = []
    for (const persona of personas) {
      const me = await cloud.ok(persona.key, 'user.me', {})
      const roles = me.roles as Role[]
      const token = await consoleToken(cloud, persona.key)
      const code = codeOf(await callConsole(cloud, via === 'console-anonymous' ? undefined : token, name, samples[name])) ?? 'ok'
      let expected: string
      if (via === 'console-anonymous') expected = 'allowed'
      else if (via === 'miniprogram') expected = 'AUTH.WRONG_CHANNEL'
      else if (!roles.some((r) => CONSOLE_ROLES.includes(r))) expected = 'AUTH.SESSION_REVOKED'
      else expected = isAllowed(actions[name].access, { roles }) ? 'allowed' : 'AUTH.FORBIDDEN'
      const verdict = expected === 'allowed' ? !code.startsWith('AUTH.') && code !== 'COMMON.INTERNAL' : code === expected
      if (!verdict) rows.push(`${persona.key}: expected ${expected}, got ${code}`)
    }
    const noSession = codeOf(await callConsole(cloud, undefined, name, samples[name])) ?? 'ok'
    const expectedNoSession = via === 'console-anonymous' ? 'allowed' : via === 'miniprogram' ? 'AUTH.WRONG_CHANNEL' : 'AUTH.SESSION_REQUIRED'
    if (expectedNoSession === 'allowed' ? noSession.startsWith('AUTH.') || noSession === 'COMMON.INTERNAL' : noSession !== expectedNoSession) {
      rows.push(`no session: expected ${expectedNoSession}, got ${noSession}`)
    }
    expect(rows).toEqual([])
  })
})

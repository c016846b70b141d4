/**
 * Generated retry test (issue 13 item 3): for every mutating action in the
 * contract (`isMutating`), its scenario (`retry-scenarios.ts`) runs once
 * with a requestId R on the seeded demo county and must succeed; the same
 * call again with R — the client's resend after a lost reply — must answer
 * exactly the first answer and change nothing more in the database. The
 * first call must change the database (else the action is not mutating, or
 * the scenario does not exercise it). New mutating actions need a scenario.
 */
import { isDeepStrictEqual } from 'node:util'
import { actionNames, actions, isMutating, type ActionName } from '../../src/core/contract'
import { As, knownRetryFailures, retryScenarios } from './retry-scenarios'
import { samples } from './samples'
import { useFunctionsCloud } from './support'
import { diffSnapshots } from './snapshot-diff'
import { callConsole, consoleToken } from './console-support'

const cloud = useFunctionsCloud()
const mutating = actionNames.filter((name) => isMutating(actions[name]))

/** A reply as the client receives it (JSON: dates as ISO strings). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null))

/** What goes wrong for one action's retry, or undefined when it holds. */
async function retryProblem(name: ActionName): Promise<string | undefined> {
  await cloud.seedDemo()
  const scenario = retryScenarios[name]!
  const prepared = scenario.setup ? await scenario.setup(cloud) : samples[name]
  const { who, payload } = prepared instanceof As ? prepared : { who: scenario.who, payload: prepared }
  const requestId = `retry-${name.replace('.', '-')}-r1`
  // console actions go over HTTP; both calls carry the same session, as the desk's resend does
  const via = actions[name].via ?? 'both'
  const token = via === 'console' ? await consoleToken(cloud, who) : undefined
  const call = () => (via === 'console' || via === 'console-anonymous' ? callConsole(cloud, token, name, payload, { requestId }) : cloud.call(who, name, payload, requestId))
  const before = cloud.emulator.snapshot()
  const first = await call()
  if (!first.ok) return `first call failed: ${first.error.code} ${first.error.message}`
  const afterFirst = cloud.emulator.snapshot()
  if (diffSnapshots(before, afterFirst).length === 0) return 'first call changed nothing (not mutating, or the scenario does not exercise it)'
  const second = await call()
  if (!second.ok) return `retry answered ${second.error.code} ${second.error.message}`
  // the same answer: same fields and values (the order of an object's keys is not part of an answer)
  if (!isDeepStrictEqual(plain(second.data), plain(first.data))) return `retry answered differently: ${JSON.stringify(first.data).slice(0, 300)} then ${JSON.stringify(second.data).slice(0, 300)}`
  const changed = diffSnapshots(afterFirst, cloud.emulator.snapshot())
  if (changed.length) return `retry wrote again: ${changed.slice(0, 5).join(', ')}`
  return undefined
}

describe('a retry with the same requestId returns the first answer', () => {
  it('every mutating action has a scenario, and every scenario is a mutating action', () => {
    expect(mutating.filter((name) => !retryScenarios[name])).toEqual([])
    expect(Object.keys(retryScenarios).filter((name) => !mutating.includes(name as ActionName))).toEqual([])
    expect(knownRetryFailures.filter((name) => !mutating.includes(name))).toEqual([])
  })

  it.each(mutating)('%s', async (name) => {
    const problem = await retryProblem(name)
    if (knownRetryFailures.includes(name)) {
      // Listed as failing today: once it holds, take it off the list.
      expect({ name, problem: problem ?? 'passes now: remove it from knownRetryFailures' }).toEqual({ name, problem: expect.not.stringMatching(/^passes now/) })
    } else {
      expect({ name, problem }).toEqual({ name, problem: undefined })
    }
  })
})

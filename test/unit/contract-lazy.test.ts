/**
 * Action inputs built on first use (src/core/contract-helpers.ts `action`,
 * issue 13 item 10): `input: () => z.object(...)` builds nothing when the
 * action is declared, builds once when `spec.input` is first read, and every
 * reader gets the same schema; the plain form still works.
 */
import { z } from '../../src/core/zod'
import { action } from '../../src/core/contract-helpers'
import { actions, actionNames } from '../../src/core/contract'

describe('lazy action inputs', () => {
  it('builds the schema on the first read of spec.input, once, and validates with it', () => {
    let built = 0
    const spec = action<{ ok: true }>()({
      name: 'demo.lazy',
      fn: 'demo',
      input: () => {
        built += 1
        return z.object({ n: z.number({ error: '应为数字' }) })
      },
      access: 'anyone',
      doc: 'test'
    })
    expect(built).toBe(0)
    expect(spec.name).toBe('demo.lazy')
    const first = spec.input
    expect(built).toBe(1)
    expect(spec.input).toBe(first)
    expect(built).toBe(1)
    expect(spec.input.safeParse({ n: 1 }).success).toBe(true)
    expect(spec.input.safeParse({ n: 'x' }).error?.issues[0].message).toBe('应为数字')
    // A copy keeps its input (the getter is enumerable).
    expect({ ...spec }.input).toBe(first)
  })

  it('keeps the plain form: a schema given as is is the spec\'s input', () => {
    const schema = z.object({ id: z.string() })
    const spec = action<null>()({ name: 'demo.plain', fn: 'demo', input: schema, access: 'anyone', doc: 'test' })
    expect(spec.input).toBe(schema)
  })

  it('gives every action of the contract a zod schema as its input', () => {
    for (const name of actionNames) {
      const input = actions[name].input as unknown
      expect(input).toBeInstanceOf(z.ZodType)
      expect(actions[name].input).toBe(input)
    }
  })
})

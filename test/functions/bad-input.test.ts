/**
 * Bad input sent to every action in the contract, by a caller the action
 * allows: wrong types, missing fields, non-object payloads, and hostile
 * strings (control and zero-width characters, 10k-character text, emoji,
 * regex metacharacters). The answer is always a clear code, never
 * COMMON.INTERNAL; structurally wrong input is always COMMON.INVALID_INPUT
 * with a Chinese message. Generated with fast-check from each action's zod
 * schema (as JSON Schema), so new actions join automatically.
 */
import fc from 'fast-check'
import { actionNames, actions, type ActionName } from '../../src/core/contract'
import { isAllowed } from '../../src/core/roles'
import { z } from '../../src/core/zod'
import { personas } from '../../src/dev/personas'
import { samples } from './samples'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()

/** Roles the demo gives each persona (checked against user.me in the matrix test). */
const demoRoles: Record<string, string[]> = {
  public: ['public'],
  member: ['public', 'member'],
  informant: ['public', 'informant'],
  studio_admin: ['public', 'studio_admin'],
  staff: ['public', 'staff'],
  department: ['public', 'department'],
  leader: ['public', 'leader']
}

function allowedPersona(name: ActionName) {
  const persona = personas.find((p) => isAllowed(actions[name].access, { roles: demoRoles[p.key] as never }))
  if (!persona) throw new Error(`no persona may call ${name}`)
  return persona.key
}

interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  enum?: unknown[]
}

function schemaOf(name: ActionName): JsonSchema {
  return z.toJSONSchema(actions[name].input as never, { unrepresentable: 'any', io: 'input' }) as JsonSchema
}

const hostileString = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.constant('\u200B\u200C\u200D\uFEFF'),
  fc.constant('\u0000\u0001\u0007\u001B[31m'),
  fc.constant('x'.repeat(10_000)),
  fc.constant('👨‍👩‍👧🇨🇳'.repeat(50)),
  fc.constant('.*(+[?\\'),
  fc.constant('{"$where":"1"}'),
  fc.string({ unit: 'binary', maxLength: 40 })
)

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ $gt: '' }),
  fc.array(fc.integer(), { maxLength: 3 })
)

function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  // values that can never satisfy the declared type
  return wrongValue.filter((v) => {
    switch (schema.type) {
      case 'string':
        return typeof v !== 'string'
      case 'integer':
      case 'number':
        return typeof v !== 'number' || !Number.isFinite(v) || (schema.type === 'integer' && !Number.isInteger(v)) || (v as number) < -1e9
      case 'array':
        return !Array.isArray(v)
      case 'object':
        return v === null || typeof v !== 'object' || Array.isArray(v)
      case 'boolean':
        return typeof v !== 'boolean'
      default:
        return false
    }
  })
}

async function answer(name: ActionName, payload: unknown): Promise<{ code: string | undefined; message?: string }> {
  const reply = await cloud.call(allowedPersona(name), name, payload)
  return { code: codeOf(reply), message: reply.ok ? undefined : reply.error.message }
}

describe('bad input to every action', () => {
  beforeEach(() => cloud.seedDemo())

  it.each(actionNames)('%s: structurally wrong input is COMMON.INVALID_INPUT in Chinese', async (name) => {
    const schema = schemaOf(name)
    const failures: string[] = []
    const cases: unknown[] = [null, 42, 'text', [samples[name]], true]
    for (const field of schema.required ?? []) {
      const copy = { ...(samples[name] as Record<string, unknown>) }
      delete copy[field]
      cases.push(copy)
    }
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      const values = fc.sample(wrongTypeFor(fieldSchema), 3)
      for (const v of values) cases.push({ ...(samples[name] as Record<string, unknown>), [field]: v })
    }
    for (const payload of cases) {
      const { code, message } = await answer(name, payload)
      if (code !== 'COMMON.INVALID_INPUT' || !/[\u4e00-\u9fff]/.test(message ?? '')) failures.push(`${JSON.stringify(payload)?.slice(0, 80)} -> ${code} ${message}`)
    }
    expect(failures).toEqual([])
  })

  it.each(actionNames)('%s: hostile strings never reach COMMON.INTERNAL', async (name) => {
    const schema = schemaOf(name)
    const stringFields = Object.entries(schema.properties ?? {}).filter(([, s]) => s.type === 'string' && !s.enum)
    if (stringFields.length === 0) return
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stringFields.map(([f]) => f)), hostileString, async (field, value) => {
        const { code } = await answer(name, { ...(samples[name] as Record<string, unknown>), [field]: value })
        return code !== 'COMMON.INTERNAL' && !code?.startsWith('AUTH.')
      }),
      { numRuns: 12 }
    )
  })
})

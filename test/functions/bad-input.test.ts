/**
 * Bad input sent to every action in the contract, by a caller the action
 * allows: wrong types, missing fields, non-object payloads, and hostile
 * strings (control and zero-width characters, 10k-character text, emoji,
 * regex metacharacters). The answer is always a clear code, never
 * COMMON.INTERNAL; structurally wrong input is always COMMON.INVALID_INPUT
 * with a Chinese message. Generated with fast-check from each action's zod
 * schema (as JSON Schema), so new actions join automatically.
 * Every action with a `cursor` field also gets forged paging cursors (bad
 * dates, empty keys, wrong JSON shapes, huge numbers): always
 * COMMON.INVALID_INPUT. Timer and message-push names that are not the
 * function's own (Object.prototype members) are COMMON.UNKNOWN_ACTION.
 */
import fc from 'fast-check'
import { actionNames, actions, type ActionName } from '../../src/core/contract'
import { isAllowed } from '../../src/core/roles'
import { CONSOLE_ROLES } from '../../src/core/actions/console'
import { z } from '../../src/core/zod'
import { personas } from '../../src/dev/personas'
import { samples } from './samples'
import { useFunctionsCloud, codeOf } from './support'
import { callAnyChannel } from './console-support'

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
  // Console-only actions need someone who may hold a console session.
  const consoleOnly = (actions[name] as { via?: string }).via === 'console'
  const persona = personas.find(
    (p) => isAllowed(actions[name].access, { roles: demoRoles[p.key] as never }) && (!consoleOnly || demoRoles[p.key].some((r) => CONSOLE_ROLES.includes(r as never)))
  )
  if (!persona) throw new Error(`no persona may call ${name}`)
  return persona.key
}

interface JsonSchema {
  type?: string
  /** A union, e.g. a nullable field: `{anyOf: [{type: 'integer'}, {type: 'null'}]}`. */
  anyOf?: JsonSchema[]
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
  return wrongValue.filter((v) => isWrongFor(schema, v))
}

/** True when `v` can satisfy no branch of `schema` (a union is wrong only when wrong for every branch). */
function isWrongFor(schema: JsonSchema, v: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.every((branch) => isWrongFor(branch, v))
  switch (schema.type) {
    case 'null':
      return v !== null
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
}

async function answer(name: ActionName, payload: unknown): Promise<{ code: string | undefined; message?: string }> {
  const reply = await callAnyChannel(cloud, allowedPersona(name), name, payload)
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

const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64url')

/** Cursors `encodeCursor` never writes (issue 13 item 7). */
const forgedCursors: [string, string][] = [
  ['raw d:not-a-date', 'd:not-a-date'],
  ['bad date key', b64('["d:not-a-date","x-1"]')],
  ['impossible date', b64('["d:2025-02-30T00:00:00.000Z","x-1"]')],
  ['date without time', b64('["d:2025-01-01","x-1"]')],
  ['empty date', b64('["d:","x-1"]')],
  ['empty key', b64('["","x-1"]')],
  ['empty id', b64('["k",""]')],
  ['id with a space', b64('["k","a b"]')],
  ['over-long key', b64(JSON.stringify(['k'.repeat(300), 'x-1']))],
  ['over-long id', b64(JSON.stringify(['k', 'i'.repeat(300)]))],
  ['infinite number', b64('[1e999,"x-1"]')],
  ['beyond safe integers', b64('[9007199254740993,"x-1"]')],
  ['huge negative', b64('[-1e308,"x-1"]')],
  ['null key', b64('[null,"x-1"]')],
  ['boolean key', b64('[true,"x-1"]')],
  ['operator key', b64('[{"$gt":""},"x-1"]')],
  ['array key', b64('[["a"],"x-1"]')],
  ['number id', b64('["a",1]')],
  ['object shape', b64('{"key":"a","id":"x-1"}')],
  ['three items', b64('["a","x-1","z"]')],
  ['one item', b64('["a"]')],
  ['bare string', b64('"a"')],
  ['bare number', b64('42')],
  ['null', b64('null')],
  ['not JSON', b64('[a,')],
  ['not UTF-8', Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url')],
  ['not base64url', '%%%==='],
  ['standard base64', Buffer.from('["k","x-1"]>>>???').toString('base64')],
  ['too long', 'A'.repeat(1001)]
]

/** Well-formed cursors whose key type need not match the sorted field: an odd page is fine, an internal error is not. */
const oddButWellFormed = [b64('[0,"x-1"]'), b64('["zzz","x-1"]'), b64('["d:1970-01-01T00:00:00.000Z","x-1"]'), b64('[-5,"~"]')]

const pagedActions = actionNames.filter((name) => 'cursor' in (schemaOf(name).properties ?? {}))

describe('forged paging cursors', () => {
  beforeEach(() => cloud.seedDemo())

  it('every list action takes part', () => {
    expect(pagedActions.length).toBeGreaterThan(10)
  })

  it.each(pagedActions)('%s: a forged cursor is COMMON.INVALID_INPUT in Chinese', async (name) => {
    const failures: string[] = []
    for (const [label, cursor] of forgedCursors) {
      const { code, message } = await answer(name, { ...(samples[name] as Record<string, unknown>), cursor })
      if (code !== 'COMMON.INVALID_INPUT' || !/[\u4e00-\u9fff]/.test(message ?? '')) failures.push(`${label} -> ${code} ${message}`)
    }
    for (const cursor of oddButWellFormed) {
      const { code } = await answer(name, { ...(samples[name] as Record<string, unknown>), cursor })
      if (code === 'COMMON.INTERNAL' || code?.startsWith('AUTH.')) failures.push(`${Buffer.from(cursor, 'base64url').toString()} -> ${code}`)
    }
    expect(failures).toEqual([])
  })
})

describe('names that are not the function\'s own', () => {
  const inherited = ['constructor', 'hasOwnProperty', '__proto__', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__']
  const functions = [...new Set(actionNames.map((name) => actions[name].fn))]

  it.each(functions)('%s: a timer, a message push or an action named after Object.prototype is COMMON.UNKNOWN_ACTION', async (fn) => {
    const replies: unknown[] = []
    for (const name of inherited) {
      const timer = { Type: 'Timer', TriggerName: name, Time: new Date().toISOString(), Message: '' }
      replies.push((await cloud.emulator.invoke(fn, timer, { source: 'wx_trigger' })).result)
      replies.push((await cloud.emulator.invoke(fn, { Event: name }, { openid: 'oPushForger0001', source: 'wx_unknown' })).result)
      replies.push((await cloud.emulator.invoke(fn, { action: name, payload: {} }, { openid: 'oPushForger0001' })).result)
    }
    // exactly the refusal: no echo of the event, no SDK handle, no stack
    expect(replies).toEqual(replies.map(() => ({ ok: false, error: { code: 'COMMON.UNKNOWN_ACTION', message: '不支持的操作', requestId: expect.any(String) } })))
  })
})

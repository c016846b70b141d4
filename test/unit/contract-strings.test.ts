/**
 * Every string an action accepts is either text a person typed, and then it
 * goes through the one text rule (`textField` / `optionalTextField`: cleaned,
 * counted as a person sees it), or it is constrained so it cannot carry free
 * text: an enum or literal, or a string with a pattern (ids, dates, phone
 * numbers, cursors). The few others are listed below with the reason they are
 * exempt (issue 13 item 7: `studio.create`'s sort key was stored unchecked).
 * Derived by walking each action's zod schema, so new actions join
 * automatically; numbers are checked to be bounded integers or bounded.
 */
import type { z } from 'zod'
import { actionNames, actions } from '../../src/core/contract'
import { isTextRule, textField } from '../../src/core/text'
import { z as zz } from '../../src/core/zod'

/** `action:path` -> why a string there needs neither the text rule nor a pattern. */
const FILE_ID = 'a cloud file ID: the handler checks it against storage (exists, the caller\'s own upload, kind, size, type by content) and it is never shown as text'
const exempt: Record<string, string> = {
  'user.importRoster:fileID': FILE_ID,
  'studio.saveAnnouncement:coverFileID': FILE_ID,
  'studio.saveAnnouncement:attachments[].fileID': FILE_ID,
  'opinion.submit:images[]': FILE_ID,
  'opinion.resubmit:images[]': FILE_ID,
  'opinion.reportUp:evidenceFileID': FILE_ID,
  'proposal.saveDraft:attachments[]': FILE_ID,
  'proposal.saveDraft:attachmentNames{key}': 'keys are attachment file IDs: only names of files listed in attachments are kept (the names themselves pass the text rule)',
  'proposal.reply:letterFileID': FILE_ID,
  'user.listMembers:keyword': 'a search keyword, never stored: the handler cleans it (cleanText) and matches it literally (escapeRegExp)',
  'opinion.submit:contactPhone': 'refined to a mobile or fixed-line number after spaces and dashes are removed (a refine, which the walk cannot read)',
  'opinion.resubmit:contactPhone': 'as opinion.submit:contactPhone'
}

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  element?: z.ZodType
  options?: z.ZodType[]
  in?: z.ZodType
  out?: z.ZodType
  keyType?: z.ZodType
  valueType?: z.ZodType
  left?: z.ZodType
  right?: z.ZodType
  checks?: { _zod: { def: { check: string; format?: string; value?: number; inclusive?: boolean } } }[]
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def)

interface Finding {
  path: string
  kind: 'free string' | 'unbounded number' | 'unknown'
  detail?: string
}

function walk(schema: z.ZodType, path: string, out: Finding[]): void {
  if (isTextRule(schema)) return
  const def = defOf(schema)
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) walk(value, path ? `${path}.${key}` : key, out)
      return
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return walk(def.innerType!, path, out)
    case 'array':
      return walk(def.element!, `${path}[]`, out)
    case 'union':
      def.options!.forEach((o, i) => walk(o, `${path}|${i}`, out))
      return
    case 'intersection':
      walk(def.left!, path, out)
      walk(def.right!, path, out)
      return
    case 'record':
      walk(def.keyType!, `${path}{key}`, out)
      walk(def.valueType!, `${path}{}`, out)
      return
    case 'pipe':
      // the input side decides what is accepted; a transform after it only reshapes
      return walk(def.in!, path, out)
    case 'string': {
      const constrained = checksOf(def).some((c) => c.check === 'string_format')
      if (!constrained) out.push({ path, kind: 'free string' })
      return
    }
    case 'number': {
      const checks = checksOf(def)
      const bounded = checks.some((c) => c.check === 'greater_than') && checks.some((c) => c.check === 'less_than')
      if (!bounded) out.push({ path, kind: 'unbounded number' })
      return
    }
    case 'enum':
    case 'literal':
    case 'boolean':
    case 'date':
    case 'never':
    case 'undefined':
    case 'null':
      return
    default:
      out.push({ path, kind: 'unknown', detail: def.type })
  }
}

const findings = actionNames.flatMap((name) => {
  const out: Finding[] = []
  walk(actions[name].input as unknown as z.ZodType, '', out)
  return out.map((f) => ({ ...f, key: `${name}:${f.path}` }))
})

describe('every string and number of every action input is constrained', () => {
  it('each free string goes through the text rule or is exempt with a reason', () => {
    expect(findings.filter((f) => f.kind === 'free string' && !exempt[f.key]).map((f) => f.key)).toEqual([])
  })

  it('every number has a lower and an upper bound (no NaN, Infinity or 1e308 reaches a query)', () => {
    expect(findings.filter((f) => f.kind === 'unbounded number').map((f) => f.key)).toEqual([])
  })

  it('the walk understands every schema it meets', () => {
    expect(findings.filter((f) => f.kind === 'unknown').map((f) => `${f.key} (${f.detail})`)).toEqual([])
  })

  it('every exemption is still needed', () => {
    const found = new Set(findings.map((f) => f.key))
    expect(Object.keys(exempt).filter((key) => !found.has(key))).toEqual([])
  })

  it('the walk recognises the text rule and a bare string (it can fail)', () => {
    const probe: Finding[] = []
    walk(zz.object({ a: textField({ label: '甲', max: 5 }).optional(), b: zz.string().max(5), c: zz.string().regex(/^x$/), d: zz.number().int() }) as never, '', probe)
    expect(probe.map((f) => `${f.path}:${f.kind}`)).toEqual(['b:free string', 'd:unbounded number'])
  })
})

/**
 * Secondary indexes of one collection: hash maps from key values to document
 * keys, one map per key prefix of each declared index, so equality (and `$in`)
 * on a leading run of an index's fields finds candidates without a scan.
 *
 * Declarations come from database/collections.json:
 *   { "name": "memberNumber_unique", "keys": { "memberNumber": 1 }, "unique": true }
 * Compound keys keep their order; the direction (1 / -1) does not matter for
 * equality lookups. Unique indexes are enforced as MongoDB does: a missing
 * field counts as null, so two documents both missing a unique field collide.
 */
import type { Doc } from './values'
import { valueKey } from './values'

export interface IndexDecl {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

/** Marker: the doc's value at a path crosses an array before the leaf. */
const UNINDEXABLE = Symbol('unindexable')
/** Marker: the field is missing (indexed like null). */
const MISSING = Symbol('missing')

function pathValues(doc: Doc, path: string): unknown[] | typeof UNINDEXABLE {
  const parts = path.split('.')
  let cur: any = doc
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || cur === undefined) return [MISSING]
    if (Array.isArray(cur)) return UNINDEXABLE
    if (typeof cur !== 'object') return [MISSING]
    cur = cur[parts[i]]
  }
  if (Array.isArray(cur)) {
    // multikey: each element, plus the whole array (exact-array equality)
    return [...cur, cur]
  }
  return [cur === undefined ? MISSING : cur]
}

function keyOfPart(v: unknown): string {
  return v === MISSING ? 'z' : valueKey(v)
}

/** Composite entry keys of `doc` for the first `n` fields (cartesian over multikeys). */
function entryKeys(doc: Doc, fields: string[], n: number): string[] | null {
  let acc: string[] = ['']
  for (let i = 0; i < n; i++) {
    const vals = pathValues(doc, fields[i])
    if (vals === UNINDEXABLE) return null
    const parts = Array.from(new Set(vals.map(keyOfPart)))
    const next: string[] = []
    for (const a of acc) for (const p of parts) next.push(i === 0 ? p : a + '\u0000' + p)
    acc = next
  }
  return acc
}

class Index {
  readonly fields: string[]
  /** maps[i] = composite key of fields[0..i] -> doc keys */
  readonly maps: Map<string, Set<string>>[]
  /** docs whose values cross an array: always candidates */
  readonly loose = new Set<string>()

  constructor(readonly decl: IndexDecl) {
    this.fields = Object.keys(decl.keys)
    this.maps = this.fields.map(() => new Map())
  }

  add(key: string, doc: Doc): void {
    for (let i = 0; i < this.fields.length; i++) {
      const ks = entryKeys(doc, this.fields, i + 1)
      if (ks === null) {
        this.loose.add(key)
        return
      }
      for (const k of ks) {
        let set = this.maps[i].get(k)
        if (!set) this.maps[i].set(k, (set = new Set()))
        set.add(key)
      }
    }
  }

  remove(key: string, doc: Doc): void {
    this.loose.delete(key)
    for (let i = 0; i < this.fields.length; i++) {
      const ks = entryKeys(doc, this.fields, i + 1)
      if (ks === null) return
      for (const k of ks) {
        const set = this.maps[i].get(k)
        if (set) {
          set.delete(key)
          if (set.size === 0) this.maps[i].delete(k)
        }
      }
    }
  }

  /** Keys of other docs that already hold `doc`'s full unique key. */
  uniqueClash(key: string, doc: Doc): string | null {
    const ks = entryKeys(doc, this.fields, this.fields.length)
    if (ks === null) return null
    const last = this.maps[this.fields.length - 1]
    for (const k of ks) {
      const set = last.get(k)
      if (set) for (const other of set) if (other !== key) return k
    }
    return null
  }
}

/** Equality constraints found at the top level of a query (and inside top-level $and). */
export type Constraints = Map<string, unknown[]>

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false
  const p = Object.getPrototypeOf(v)
  if (p !== Object.prototype && p !== null) return false
  const ks = Object.keys(v)
  return ks.length > 0 && ks.every((k) => k.startsWith('$'))
}

/**
 * Collect `field -> allowed values` from a mingo-ready query: plain values
 * (not arrays, not RegExp), `{$eq: v}` and `{$in: [...]}`.
 */
export function equalityConstraints(query: Record<string, any>, out: Constraints = new Map()): Constraints {
  for (const [field, v] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(v)) {
      for (const sub of v) if (sub && typeof sub === 'object') equalityConstraints(sub, out)
      continue
    }
    if (field.startsWith('$')) continue
    let vals: unknown[] | null = null
    if (isOperatorObject(v)) {
      if ('$eq' in v && okScalar(v.$eq)) vals = [v.$eq]
      else if ('$in' in v && Array.isArray(v.$in) && v.$in.every(okScalar)) vals = v.$in as unknown[]
    } else if (okScalar(v)) {
      vals = [v]
    }
    if (vals && !out.has(field)) out.set(field, vals)
  }
  return out
}

function okScalar(v: unknown): boolean {
  return !(v instanceof RegExp) && !Array.isArray(v) && !(typeof v === 'object' && v !== null && !(v instanceof Date))
}

export interface Plan {
  /** Candidate doc keys, or null = scan everything. */
  candidates: Set<string> | null
  /** Name of the index used ('_id' for id lookups), or null. */
  index: string | null
}

const MAX_COMBOS = 1000

/** All indexes of one collection. */
export class IndexSet {
  private readonly list: Index[]

  constructor(decls: IndexDecl[]) {
    this.list = decls.map((d) => new Index(d))
  }

  get declarations(): IndexDecl[] {
    return this.list.map((i) => i.decl)
  }

  add(key: string, doc: Doc): void {
    for (const i of this.list) i.add(key, doc)
  }

  remove(key: string, doc: Doc): void {
    for (const i of this.list) i.remove(key, doc)
  }

  clear(): void {
    for (const i of this.list) {
      i.maps.forEach((m) => m.clear())
      i.loose.clear()
    }
  }

  /**
   * Check unique indexes for `doc` stored under `key` (the doc must not be
   * indexed yet under a different value). Returns the clashing index name or null.
   */
  uniqueViolation(key: string, doc: Doc): string | null {
    for (const i of this.list) {
      if (i.decl.unique && i.uniqueClash(key, doc) !== null) return i.decl.name
    }
    return null
  }

  /** Whether an index's first field is `field` (used to judge sort-only queries). */
  leadsWith(field: string): boolean {
    return this.list.some((i) => i.fields[0] === field)
  }

  /**
   * Choose the index with the longest run of leading fields constrained by
   * equality / $in, and return its candidate doc keys.
   */
  plan(cons: Constraints): Plan {
    let best: { idx: Index; n: number } | null = null
    for (const idx of this.list) {
      let n = 0
      while (n < idx.fields.length && cons.has(idx.fields[n])) n++
      if (n > 0 && (!best || n > best.n)) best = { idx, n }
    }
    if (!best) return { candidates: null, index: null }
    const { idx, n } = best
    let combos: string[] = ['']
    for (let i = 0; i < n; i++) {
      const parts = Array.from(new Set((cons.get(idx.fields[i]) as unknown[]).map(valueKey)))
      const next: string[] = []
      for (const a of combos) for (const p of parts) next.push(i === 0 ? p : a + '\u0000' + p)
      combos = next
      if (combos.length > MAX_COMBOS) return { candidates: null, index: null }
    }
    const out = new Set<string>(idx.loose)
    const map = idx.maps[n - 1]
    for (const c of combos) {
      const set = map.get(c)
      if (set) for (const k of set) out.add(k)
    }
    return { candidates: out, index: idx.decl.name }
  }
}

/**
 * The document database behind the `database.*` admin actions, answering in
 * the shapes @cloudbase/database 1.4.3 reads:
 *
 *   getDocument        -> {data: {list: [EJSON...], offset, limit}}
 *   calculateDocument  -> {data: {total}}
 *   insertDocument     -> {data: {insertedIds: [...]}}
 *   modifyDocument     -> {data: {updated, upsert_id?}}
 *   removeDocument     -> {data: {deleted}}
 *   aggregateDocuments -> {data: {list: [EJSON...]}}
 *   addCollection      -> {}
 *   startTransaction   -> {transactionId}; commit/abortTransaction -> {}
 *
 * Rules copied from the cloud (see emulator/README.md for what is confirmed):
 *  - a collection must exist: DATABASE_COLLECTION_NOT_EXIST (errCode -502005);
 *  - duplicate `_id` or unique-index key: DATABASE_REQUEST_FAILED (-502001),
 *    message starts with "E11000 duplicate key error";
 *  - changing `_id` by an update: DATABASE_REQUEST_FAILED;
 *  - unknown query / update / pipeline operator: DATABASE_INVALID_OPERRATOR (-502002);
 *  - malformed EJSON or parameters: INVALID_PARAM (-501007);
 *  - one get returns at most `getLimit` documents (default 100);
 *  - no `_openid` is added to documents (a server-side add does not stamp it).
 *
 * All work is synchronous inside one request, so requests never interleave:
 * each write batch is applied to memory and persisted (one SQLite transaction)
 * before the reply, and a failing batch changes nothing.
 *
 * Transactions: optimistic, snapshot isolation. startTransaction records the
 * current commit sequence; reads inside the transaction see the data as of
 * that moment plus the transaction's own writes (before-images of documents
 * changed later are kept while a transaction may need them); writes are
 * buffered and applied at commit, all or nothing. Commit fails with
 * DATABASE_TRANSACTION_CONFLICT if another write touched any document this
 * transaction wrote after it started (write-write conflict, as MongoDB) —
 * `db.runTransaction` retries on that code. Only document-level operations
 * are allowed inside: `doc().get/set/update/remove` and `add`.
 */
import { Aggregator, ProcessingMode, Query, find, update as mingoUpdate } from 'mingo'
import { randomBytes } from 'crypto'
import type { Logger } from '../types'
import { CloudError } from '../types'
import type { Persistence, RowChange } from '../store/persistence'
import { geoContext, distanceMeters, parseNear, pointAt } from './geo'
import { IndexSet, equalityConstraints, type IndexDecl } from './indexes'
import { type Doc, idKey, isPlainObject, newDocId, parseEJSON, replaceServerDates, toEJSON, toMingo } from './values'

/** A collection declaration from database/collections.json. */
export interface CollectionDecl {
  name: string
  indexes?: IndexDecl[]
}

export interface EngineOptions {
  persistence: Persistence
  declarations: CollectionDecl[]
  /** Max documents one getDocument returns (default 100). */
  getLimit?: number
  /** Collections above this size log queries no index serves (default 1000). */
  scanWarnThreshold?: number
  logger: Logger
  /** Clock in ms since epoch (UTC); tests of the engine may fix it. */
  now?: () => number
  /** Idle transactions are dropped after this many ms (default 60 000). */
  transactionTimeoutMs?: number
}

interface Entry {
  id: unknown
  doc: Doc
  json: string
  /** insertion order, for natural order of results */
  ord: number
}

interface Coll {
  name: string
  entries: Map<string, Entry>
  indexes: IndexSet
}

interface TxnWrite {
  coll: string
  key: string
  entry: Entry | null
}

interface Txn {
  id: string
  startSeq: number
  writes: Map<string, TxnWrite>
  touchedAt: number
}

interface HistoryRec {
  seq: number
  before: Entry | null
}

const UPDATE_OPS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$rename',
  '$min',
  '$max',
  '$currentDate',
  '$bit'
])

const PIPELINE_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$geoNear',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$project',
  '$replaceRoot',
  '$sample',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unwind'
])

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

/** The database action names this engine answers (without the 'database.' prefix). */
export const DATABASE_ACTIONS = [
  'getDocument',
  'insertDocument',
  'modifyDocument',
  'removeDocument',
  'calculateDocument',
  'aggregateDocuments',
  'addCollection',
  'startTransaction',
  'commitTransaction',
  'abortTransaction'
] as const

function hk(coll: string, key: string): string {
  return coll + '\u0000' + key
}

function dup(coll: string, what: string): CloudError {
  return new CloudError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${coll} index: ${what} dup key`
  )
}

function translateMingoError(e: unknown): never {
  if (e instanceof CloudError) throw e
  const msg = (e as Error)?.message ?? String(e)
  if (/unknown (query|update) operator|unregistered pipeline operator|unknown.*operator|invalid operator/i.test(msg)) {
    throw new CloudError('DATABASE_INVALID_OPERRATOR', msg)
  }
  throw new CloudError('DATABASE_REQUEST_FAILED', msg)
}

const queryOptions = { context: geoContext, scriptEnabled: false }

/** What {@link DatabaseEngine.snapshot} returns: opaque to callers. */
export interface DatabaseSnapshot {
  collections: { name: string; rows: { key: string; json: string }[] }[]
}

export class DatabaseEngine {
  private readonly colls = new Map<string, Coll>()
  private readonly declared: Map<string, IndexDecl[]>
  private readonly txns = new Map<string, Txn>()
  private readonly history = new Map<string, HistoryRec[]>()
  private readonly warned = new Set<string>()
  private seq = 0
  private ord = 0
  readonly getLimit: number
  private readonly scanWarn: number
  private readonly now: () => number
  private readonly txnTimeout: number

  constructor(private readonly opts: EngineOptions) {
    this.getLimit = opts.getLimit ?? 100
    this.scanWarn = opts.scanWarnThreshold ?? 1000
    this.now = opts.now ?? Date.now
    this.txnTimeout = opts.transactionTimeoutMs ?? 60_000
    this.declared = new Map(opts.declarations.map((d) => [d.name, d.indexes ?? []]))
    for (const { name, rows } of opts.persistence.load()) {
      const c = this.makeColl(name)
      for (const r of rows) {
        const doc = parseEJSON(r.json, 'stored document') as Doc
        const entry: Entry = { id: doc._id, doc, json: r.json, ord: this.ord++ }
        c.entries.set(r.key, entry)
        c.indexes.add(r.key, doc)
      }
    }
    for (const d of opts.declarations) {
      if (!this.colls.has(d.name)) {
        opts.persistence.createCollection(d.name)
        this.makeColl(d.name)
      }
    }
  }

  private makeColl(name: string): Coll {
    const c: Coll = { name, entries: new Map(), indexes: new IndexSet(this.declared.get(name) ?? []) }
    this.colls.set(name, c)
    return c
  }

  /** Names of existing collections. */
  collections(): string[] {
    return Array.from(this.colls.keys())
  }

  /** Number of documents in a collection (for tests and the bench). */
  size(name: string): number {
    return this.colls.get(name)?.entries.size ?? 0
  }

  /**
   * Empty every declared collection, drop collections created at run time,
   * forget transactions. Used between tests.
   */
  reset(): void {
    this.txns.clear()
    this.history.clear()
    this.warned.clear()
    for (const name of Array.from(this.colls.keys())) {
      if (this.declared.has(name)) {
        this.opts.persistence.clearCollection(name)
        const c = this.colls.get(name) as Coll
        c.entries.clear()
        c.indexes.clear()
      } else {
        this.opts.persistence.dropCollection(name)
        this.colls.delete(name)
      }
    }
  }

  /**
   * Every collection's documents as stored (EJSON text): a cheap copy that
   * {@link restore} puts back. Tests seed a large fixture once per file and
   * restore it before each test instead of writing it again through the SDK.
   */
  snapshot(): DatabaseSnapshot {
    return {
      collections: Array.from(this.colls.values()).map((c) => ({
        name: c.name,
        rows: Array.from(c.entries.entries()).map(([key, e]) => ({ key, json: e.json }))
      }))
    }
  }

  /** Resets, then puts back exactly the documents of `snap` (also in the durable store). */
  restore(snap: DatabaseSnapshot): void {
    this.reset()
    for (const { name, rows } of snap.collections) {
      let c = this.colls.get(name)
      if (!c) {
        this.opts.persistence.createCollection(name)
        c = this.makeColl(name)
      }
      for (const r of rows) {
        const doc = parseEJSON(r.json, 'snapshot document') as Doc
        c.entries.set(r.key, { id: doc._id, doc, json: r.json, ord: this.ord++ })
        c.indexes.add(r.key, doc)
      }
      this.opts.persistence.commit(rows.map((r) => ({ collection: name, key: r.key, json: r.json })))
    }
  }

  /**
   * Run one database action. `action` is without the 'database.' prefix.
   * @throws CloudError with the cloud's code
   */
  handle(action: string, p: Record<string, any>): Record<string, unknown> {
    this.expireTransactions()
    switch (action) {
      case 'getDocument':
        return this.getDocument(p)
      case 'calculateDocument':
        return this.calculateDocument(p)
      case 'insertDocument':
        return this.insertDocument(p)
      case 'modifyDocument':
        return this.modifyDocument(p)
      case 'removeDocument':
        return this.removeDocument(p)
      case 'aggregateDocuments':
        return this.aggregateDocuments(p)
      case 'addCollection':
        return this.addCollection(p)
      case 'startTransaction':
        return this.startTransaction()
      case 'commitTransaction':
        return this.commitTransaction(p)
      case 'abortTransaction':
        return this.abortTransaction(p)
      default:
        throw new CloudError('INVALID_ACTION', `unknown action database.${action}`)
    }
  }

  // ---------------------------------------------------------------- helpers

  private coll(name: unknown): Coll {
    if (typeof name !== 'string' || !name) throw new CloudError('INVALID_PARAM', 'collectionName is required')
    const c = this.colls.get(name)
    if (!c) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    return c
  }

  private query(p: Record<string, any>): Record<string, any> {
    if (p.query === undefined || p.query === null || p.query === '') return {}
    const q = toMingo(parseEJSON(p.query, 'query'), this.now())
    if (!isPlainObject(q)) throw new CloudError('INVALID_PARAM', 'query must be an object')
    return q
  }

  private compile(q: Record<string, any>): Query {
    try {
      return new Query(q, queryOptions)
    } catch (e) {
      translateMingoError(e)
    }
  }

  /** Documents matching `q`, natural order, using an index when one serves. */
  private match(c: Coll, q: Record<string, any>, order?: Record<string, 1 | -1>): Entry[] {
    const query = this.compile(q)
    let pool: Iterable<Entry>
    const cons = equalityConstraints(q)
    const idVals = cons.get('_id')
    if (idVals) {
      const out: Entry[] = []
      for (const v of idVals) {
        const e = c.entries.get(idKey(v))
        if (e) out.push(e)
      }
      pool = out.sort((a, b) => a.ord - b.ord)
    } else {
      const plan = c.indexes.plan(cons)
      if (plan.candidates) {
        const out: Entry[] = []
        for (const k of plan.candidates) {
          const e = c.entries.get(k)
          if (e) out.push(e)
        }
        pool = out.sort((a, b) => a.ord - b.ord)
      } else {
        this.maybeWarn(c, q, order)
        pool = c.entries.values()
      }
    }
    const out: Entry[] = []
    try {
      for (const e of pool) if (query.test(e.doc)) out.push(e)
    } catch (e) {
      translateMingoError(e)
    }
    return out
  }

  private maybeWarn(c: Coll, q: Record<string, any>, order?: Record<string, 1 | -1>): void {
    if (c.entries.size <= this.scanWarn) return
    const emptyFilter = Object.keys(q).length === 0
    const sortKeys = order ? Object.keys(order) : []
    if (emptyFilter && (sortKeys.length === 0 || c.indexes.leadsWith(sortKeys[0]))) return
    const shape = JSON.stringify({ filter: shapeOf(q), sort: order ?? null })
    const key = c.name + ' ' + shape
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.opts.logger.warn(`query on ${c.name} (${c.entries.size} docs) is not served by any index`, {
      collection: c.name,
      shape: JSON.parse(shape)
    })
  }

  private seqBump(): number {
    return ++this.seq
  }

  /**
   * Apply a batch of changes (already validated) to memory, persistence and
   * history. Unique indexes are checked first; on a clash nothing changes.
   */
  private applyBatch(changes: Array<{ c: Coll; key: string; entry: Entry | null }>): void {
    if (changes.length === 0) return
    // 1) unique check with rollback of index state
    const undo: Array<() => void> = []
    try {
      for (const ch of changes) {
        const old = ch.c.entries.get(ch.key)
        if (old) {
          ch.c.indexes.remove(ch.key, old.doc)
          undo.push(() => ch.c.indexes.add(ch.key, old.doc))
        }
        if (ch.entry) {
          const clash = ch.c.indexes.uniqueViolation(ch.key, ch.entry.doc)
          if (clash) throw dup(ch.c.name, clash)
          ch.c.indexes.add(ch.key, ch.entry.doc)
          const doc = ch.entry.doc
          undo.push(() => ch.c.indexes.remove(ch.key, doc))
        }
      }
    } catch (e) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]()
      throw e
    }
    // 2) durable write, then memory
    const rows: RowChange[] = changes.map((ch) => ({ collection: ch.c.name, key: ch.key, json: ch.entry ? ch.entry.json : null }))
    try {
      this.opts.persistence.commit(rows)
    } catch (e) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]()
      throw new CloudError('DATABASE_REQUEST_FAILED', `write failed: ${(e as Error).message}`)
    }
    const seq = this.seqBump()
    const keepHistory = this.txns.size > 0
    for (const ch of changes) {
      const old = ch.c.entries.get(ch.key) ?? null
      if (keepHistory) {
        const h = hk(ch.c.name, ch.key)
        let list = this.history.get(h)
        if (!list) this.history.set(h, (list = []))
        list.push({ seq, before: old })
      }
      if (ch.entry) {
        if (old) ch.entry.ord = old.ord
        ch.c.entries.set(ch.key, ch.entry)
      } else {
        ch.c.entries.delete(ch.key)
      }
    }
  }

  private makeEntry(doc: Doc, ord?: number): Entry {
    return { id: doc._id, doc, json: toEJSON(doc), ord: ord ?? this.ord++ }
  }

  // ---------------------------------------------------------------- transactions

  private txn(id: unknown): Txn {
    const t = typeof id === 'string' ? this.txns.get(id) : undefined
    if (!t) throw new CloudError('DATABASE_REQUEST_FAILED', `transaction ${String(id)} does not exist or has ended`)
    t.touchedAt = this.now()
    return t
  }

  /** Document as the transaction sees it: own writes, else the snapshot. */
  private txnRead(t: Txn, c: Coll, key: string): Entry | null {
    const own = t.writes.get(hk(c.name, key))
    if (own) return own.entry
    const hist = this.history.get(hk(c.name, key))
    if (hist) for (const r of hist) if (r.seq > t.startSeq) return r.before
    return c.entries.get(key) ?? null
  }

  private startTransaction(): Record<string, unknown> {
    const id = randomBytes(16).toString('hex')
    this.txns.set(id, { id, startSeq: this.seq, writes: new Map(), touchedAt: this.now() })
    return { transactionId: id }
  }

  private endTxn(t: Txn): void {
    this.txns.delete(t.id)
    if (this.txns.size === 0) {
      this.history.clear()
      return
    }
    let min = Infinity
    for (const o of this.txns.values()) min = Math.min(min, o.startSeq)
    for (const [k, list] of this.history) {
      const keep = list.filter((r) => r.seq > min)
      if (keep.length === 0) this.history.delete(k)
      else if (keep.length !== list.length) this.history.set(k, keep)
    }
  }

  private expireTransactions(): void {
    if (this.txns.size === 0) return
    const limit = this.now() - this.txnTimeout
    for (const t of Array.from(this.txns.values())) if (t.touchedAt < limit) this.endTxn(t)
  }

  private commitTransaction(p: Record<string, any>): Record<string, unknown> {
    const t = this.txn(p.transactionId)
    for (const [h] of t.writes) {
      const hist = this.history.get(h)
      if (hist && hist.some((r) => r.seq > t.startSeq)) {
        this.endTxn(t)
        throw new CloudError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict: a document written by this transaction was changed by another write')
      }
    }
    const changes: Array<{ c: Coll; key: string; entry: Entry | null }> = []
    for (const w of t.writes.values()) {
      const c = this.colls.get(w.coll)
      if (!c) {
        this.endTxn(t)
        throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${w.coll}`)
      }
      changes.push({ c, key: w.key, entry: w.entry ? { ...w.entry, ord: c.entries.get(w.key)?.ord ?? this.ord++ } : null })
    }
    try {
      this.applyBatch(changes)
    } finally {
      this.endTxn(t)
    }
    return {}
  }

  private abortTransaction(p: Record<string, any>): Record<string, unknown> {
    const t = this.txn(p.transactionId)
    this.endTxn(t)
    return {}
  }

  private txnDocKey(p: Record<string, any>, q: Record<string, any>): { key: string; id: unknown } {
    if (p.queryType !== 'DOC' || q._id === undefined || Object.keys(q).length !== 1 || (typeof q._id === 'object' && q._id !== null)) {
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        'only document operations (doc().get/set/update/remove and add) are supported inside a transaction'
      )
    }
    return { key: idKey(q._id), id: q._id }
  }

  // ---------------------------------------------------------------- reads

  private parseOrder(p: Record<string, any>): Record<string, 1 | -1> | undefined {
    if (p.order === undefined || p.order === null || p.order === '') return undefined
    const raw = typeof p.order === 'string' ? parseEJSON(p.order, 'order') : p.order
    const out: Record<string, 1 | -1> = {}
    if (Array.isArray(raw)) {
      for (const o of raw) {
        if (o && typeof o.field === 'string') out[o.field] = o.direction === 'desc' || o.direction === -1 ? -1 : 1
        else if (isPlainObject(o)) for (const [k, v] of Object.entries(o)) out[k] = Number(v) < 0 ? -1 : 1
      }
    } else if (isPlainObject(raw)) {
      for (const [k, v] of Object.entries(raw)) out[k] = v === 'desc' || Number(v) < 0 ? -1 : 1
    } else {
      throw new CloudError('INVALID_PARAM', 'order must be an object')
    }
    return Object.keys(out).length ? out : undefined
  }

  private parseProjection(p: Record<string, any>): Record<string, any> | undefined {
    if (p.projection === undefined || p.projection === null || p.projection === '') return undefined
    const proj = typeof p.projection === 'string' ? parseEJSON(p.projection, 'projection') : p.projection
    if (!isPlainObject(proj)) throw new CloudError('INVALID_PARAM', 'projection must be an object')
    return Object.keys(proj).length ? toMingo(proj, this.now()) : undefined
  }

  private render(entries: Entry[], projection?: Record<string, any>): string[] {
    if (!projection) return entries.map((e) => e.json)
    try {
      return find(
        entries.map((e) => e.doc),
        {},
        projection,
        queryOptions
      )
        .all()
        .map((d) => toEJSON(d))
    } catch (e) {
      translateMingoError(e)
    }
  }

  private getDocument(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    const q = this.query(p)
    const projection = this.parseProjection(p)
    if (p.transactionId) {
      const t = this.txn(p.transactionId)
      const { key } = this.txnDocKey(p, q)
      const e = this.txnRead(t, c, key)
      return { data: { list: this.render(e ? [e] : [], projection), offset: 0, limit: 1 } }
    }
    const order = this.parseOrder(p)
    const offset = Math.max(0, Number(p.offset) || 0)
    const asked = Number(p.limit)
    const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, this.getLimit) : this.getLimit
    let matched = this.match(c, q, order)
    matched = this.orderNear(q, matched, order)
    if (order) {
      const byDoc = new Map<Doc, Entry>(matched.map((e) => [e.doc, e]))
      try {
        const docs = find(matched.map((e) => e.doc), {}, undefined, queryOptions)
          .sort(order)
          .skip(offset)
          .limit(limit)
          .all() as Doc[]
        matched = docs.map((d) => byDoc.get(d) as Entry)
      } catch (e) {
        translateMingoError(e)
      }
    } else {
      matched = matched.slice(offset, offset + limit)
    }
    return { data: { list: this.render(matched, projection), offset, limit } }
  }

  /** `$nearSphere` results come nearest first (when no explicit order is given). */
  private orderNear(q: Record<string, any>, list: Entry[], order?: Record<string, 1 | -1>): Entry[] {
    if (order) return list
    for (const [field, v] of Object.entries(q)) {
      if (isPlainObject(v) && v.$nearSphere) {
        const near = parseNear(v.$nearSphere)
        const dist = (e: Entry) => {
          const pt = pointAt(e.doc, field)
          return pt ? distanceMeters(near.center, pt) : Infinity
        }
        return list.map((e) => ({ e, d: dist(e) })).sort((a, b) => a.d - b.d).map((x) => x.e)
      }
    }
    return list
  }

  private calculateDocument(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    const q = this.query(p)
    return { data: { total: this.match(c, q).length } }
  }

  private aggregateDocuments(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    if (!Array.isArray(p.stages)) throw new CloudError('INVALID_PARAM', 'stages must be an array')
    const now = this.now()
    const pipeline = p.stages.map((s: any) => {
      if (!s || typeof s.stageKey !== 'string') throw new CloudError('INVALID_PARAM', 'malformed aggregation stage')
      if (!PIPELINE_STAGES.has(s.stageKey)) {
        throw new CloudError('DATABASE_INVALID_OPERRATOR', `unsupported aggregation stage ${s.stageKey}`)
      }
      if (s.stageKey === '$geoNear') {
        throw new CloudError('DATABASE_INVALID_OPERRATOR', '$geoNear is not supported by the local emulator; use where({field: _.geoNear(...)})')
      }
      const value = typeof s.stageValue === 'string' ? parseEJSON(s.stageValue, `stage ${s.stageKey}`) : s.stageValue
      return { [s.stageKey]: toMingo(value, now) }
    })
    try {
      const agg = new Aggregator(pipeline, {
        ...queryOptions,
        processingMode: ProcessingMode.CLONE_INPUT,
        collectionResolver: (name: string) => Array.from(this.colls.get(name)?.entries.values() ?? []).map((e) => e.doc)
      })
      const out = agg.run(Array.from(c.entries.values()).map((e) => e.doc)) as Doc[]
      return { data: { list: out.map((d) => toEJSON(d)) } }
    } catch (e) {
      translateMingoError(e)
    }
  }

  // ---------------------------------------------------------------- writes

  private addCollection(p: Record<string, any>): Record<string, unknown> {
    const name = p.collectionName
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw new CloudError('INVALID_PARAM', `invalid collection name: ${String(name)}`)
    }
    if (this.colls.has(name)) {
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    }
    this.opts.persistence.createCollection(name)
    this.makeColl(name)
    return {}
  }

  private decodeDoc(text: unknown, now: number): Doc {
    const doc = replaceServerDates(parseEJSON(text, 'data'), now)
    if (!isPlainObject(doc)) throw new CloudError('INVALID_PARAM', 'a document must be an object')
    checkStorable(doc, 'document')
    return doc
  }

  private insertDocument(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    const list = Array.isArray(p.data) ? p.data : p.data === undefined ? [] : [p.data]
    if (list.length === 0) throw new CloudError('INVALID_PARAM', 'data is required')
    const now = this.now()
    const docs = list.map((text: unknown) => {
      const doc = this.decodeDoc(text, now)
      if (doc._id === undefined || doc._id === null) doc._id = newDocId()
      return { _id: doc._id, ...doc }
    })
    if (p.transactionId) {
      const t = this.txn(p.transactionId)
      for (const doc of docs) {
        const key = idKey(doc._id)
        if (this.txnRead(t, c, key)) throw dup(c.name, '_id_')
        t.writes.set(hk(c.name, key), { coll: c.name, key, entry: this.makeEntry(doc) })
      }
      return { data: { insertedIds: docs.map((d: Doc) => d._id) } }
    }
    const seen = new Set<string>()
    const changes = docs.map((doc: Doc) => {
      const key = idKey(doc._id)
      if (c.entries.has(key) || seen.has(key)) throw dup(c.name, '_id_')
      seen.add(key)
      return { c, key, entry: this.makeEntry(doc) }
    })
    this.applyBatch(changes)
    return { data: { insertedIds: docs.map((d: Doc) => d._id) } }
  }

  /** Compute the new version of `old` (or of a fresh upsert seed). */
  private applyModify(base: Doc, data: any, merge: boolean): Doc {
    if (merge) {
      const next = parseEJSON(toEJSON(base), 'document') as Doc
      try {
        mingoUpdate(next, data, undefined, undefined, { cloneMode: 'deep', queryOptions })
      } catch (e) {
        translateMingoError(e)
      }
      if (idKey(next._id) !== idKey(base._id)) {
        throw new CloudError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'")
      }
      return next
    }
    if (data._id !== undefined && idKey(data._id) !== idKey(base._id)) {
      throw new CloudError('DATABASE_REQUEST_FAILED', "After applying the update, the (immutable) field '_id' was found to have been altered")
    }
    const { _id: _ignored, ...rest } = data
    return { _id: base._id, ...rest }
  }

  private validateModifier(data: any, merge: boolean): void {
    if (!isPlainObject(data)) throw new CloudError('INVALID_PARAM', 'data must be an object')
    const keys = Object.keys(data)
    if (!merge) {
      checkStorable(data, 'document')
      return
    }
    if (keys.length === 0) throw new CloudError('INVALID_PARAM', 'update data is empty')
    for (const k of keys) {
      if (!k.startsWith('$')) throw new CloudError('DATABASE_REQUEST_FAILED', `update data mixes fields and operators: ${k}`)
      if (!UPDATE_OPS.has(k)) throw new CloudError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${k}`)
      const fields = data[k]
      if (!isPlainObject(fields)) throw new CloudError('INVALID_PARAM', `${k} needs an object`)
      for (const f of Object.keys(fields)) {
        for (const seg of f.split('.')) {
          if (seg.startsWith('$') && !POSITIONAL.test(seg)) {
            throw new CloudError('DATABASE_REQUEST_FAILED', `The dollar ($) prefixed field '${seg}' in '${f}' is not valid for storage`)
          }
        }
        if (k === '$set' || k === '$push' || k === '$addToSet') checkStorable(stripModifiers(fields[f]), f)
        if (f === '_id' || f.startsWith('_id.')) {
          throw new CloudError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'")
        }
        if (k === '$rename' && (fields[f] === '_id' || String(fields[f]).startsWith('_id.'))) {
          throw new CloudError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'")
        }
      }
    }
  }

  private upsertSeed(q: Record<string, any>): Doc {
    const seed: Doc = {}
    for (const [k, v] of Object.entries(q)) {
      if (k.startsWith('$') || k.includes('.')) continue
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) seed[k] = v.$eq
        continue
      }
      if (v instanceof RegExp) continue
      seed[k] = v
    }
    if (seed._id === undefined) seed._id = newDocId()
    return seed
  }

  private modifyDocument(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    const now = this.now()
    const q = this.query(p)
    const merge = p.merge !== false
    const upsert = p.upsert === true
    const data = replaceServerDates(parseEJSON(p.data, 'data'), now)
    this.validateModifier(data, merge)

    if (p.transactionId) {
      const t = this.txn(p.transactionId)
      const { key, id } = this.txnDocKey(p, q)
      const cur = this.txnRead(t, c, key)
      if (!cur && !upsert) return { data: { updated: 0 } }
      const base = cur ? cur.doc : { _id: id }
      const next = this.applyModify(base, data, merge)
      const entry = this.makeEntry(next)
      const changed = !cur || cur.json !== entry.json
      if (changed) t.writes.set(hk(c.name, key), { coll: c.name, key, entry })
      return { data: cur ? { updated: changed ? 1 : 0 } : { updated: 0, upsert_id: id } }
    }

    let targets: Entry[]
    if (p.queryType === 'DOC' && q._id !== undefined && Object.keys(q).length === 1 && !isPlainObject(q._id)) {
      const e = c.entries.get(idKey(q._id))
      targets = e ? [e] : []
    } else {
      targets = this.match(c, q)
      if (p.multi === false) targets = targets.slice(0, 1)
    }
    if (targets.length === 0) {
      if (!upsert) return { data: { updated: 0 } }
      const seed = this.upsertSeed(q)
      const doc = merge ? this.applyModify(seed, data, true) : this.applyModify(seed, data, false)
      const key = idKey(doc._id)
      if (c.entries.has(key)) throw dup(c.name, '_id_')
      this.applyBatch([{ c, key, entry: this.makeEntry(doc) }])
      return { data: { updated: 0, upsert_id: doc._id } }
    }
    const changes: Array<{ c: Coll; key: string; entry: Entry }> = []
    for (const e of targets) {
      const next = this.applyModify(e.doc, data, merge)
      const entry = this.makeEntry(next, e.ord)
      if (entry.json !== e.json) changes.push({ c, key: idKey(e.id), entry })
    }
    this.applyBatch(changes)
    return { data: { updated: changes.length } }
  }

  private removeDocument(p: Record<string, any>): Record<string, unknown> {
    const c = this.coll(p.collectionName)
    const q = this.query(p)
    if (p.transactionId) {
      const t = this.txn(p.transactionId)
      const { key } = this.txnDocKey(p, q)
      const cur = this.txnRead(t, c, key)
      if (!cur) return { data: { deleted: 0 } }
      t.writes.set(hk(c.name, key), { coll: c.name, key, entry: null })
      return { data: { deleted: 1 } }
    }
    let targets = this.match(c, q)
    if (p.multi === false) targets = targets.slice(0, 1)
    this.applyBatch(targets.map((e) => ({ c, key: idKey(e.id), entry: null })))
    return { data: { deleted: targets.length } }
  }
}

/** `{$each: [...], $position, $slice, $sort}` of $push/$addToSet -> the values. */
function stripModifiers(v: any): any {
  if (isPlainObject(v) && Array.isArray(v.$each)) return v.$each
  return v
}

/** Reject field names starting with '$' anywhere in a stored value (MongoDB storage rule). */
function checkStorable(v: any, where: string): void {
  if (Array.isArray(v)) {
    for (const x of v) checkStorable(x, where)
    return
  }
  if (!isPlainObject(v)) return
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) {
      throw new CloudError('DATABASE_REQUEST_FAILED', `The dollar ($) prefixed field '${k}' in '${where}' is not valid for storage`)
    }
    checkStorable(x, where + '.' + k)
  }
}

const POSITIONAL = /^\$(\[[^\]]*\])?$/

/** Query shape for logs: values replaced by 1, operators and fields kept. */
function shapeOf(q: any): any {
  if (Array.isArray(q)) return q.map(shapeOf)
  if (isPlainObject(q)) {
    const out: Record<string, any> = {}
    for (const [k, v] of Object.entries(q)) out[k] = shapeOf(v)
    return out
  }
  return 1
}

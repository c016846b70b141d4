/**
 * Per-invocation database operation counters (see {@link Counters} in
 * emulator/types.ts). The server records one operation per `database.*`
 * request, attributed to the invocation id in the request path.
 */
import type { Counters, DbOpKind, InvocationCounts } from './types'

const ACTION_KIND: Record<string, DbOpKind> = {
  getDocument: 'get',
  insertDocument: 'insert',
  modifyDocument: 'modify',
  removeDocument: 'remove',
  calculateDocument: 'count',
  aggregateDocuments: 'aggregate',
  addCollection: 'addCollection',
  startTransaction: 'startTransaction',
  commitTransaction: 'commitTransaction',
  abortTransaction: 'abortTransaction'
}

const TRANSACTION_CONTROL = new Set<DbOpKind>(['startTransaction', 'commitTransaction', 'abortTransaction'])

/** Kind of a database action name without the 'database.' prefix, or undefined. */
export function kindOfAction(action: string): DbOpKind | undefined {
  return ACTION_KIND[action]
}

function empty(): InvocationCounts {
  return { total: 0, byKind: {}, inTransaction: 0 }
}

function copy(c: InvocationCounts): InvocationCounts {
  return { total: c.total, byKind: { ...c.byKind }, inTransaction: c.inTransaction }
}

/** In-memory {@link Counters}. */
export function createCounters(): Counters {
  const map = new Map<string, InvocationCounts>()
  return {
    record(invocationId, kind, inTransaction = false) {
      let c = map.get(invocationId)
      if (!c) map.set(invocationId, (c = empty()))
      c.total++
      if (inTransaction && !TRANSACTION_CONTROL.has(kind)) c.inTransaction++
      c.byKind[kind] = (c.byKind[kind] ?? 0) + 1
    },
    get(invocationId) {
      const c = map.get(invocationId)
      return c ? copy(c) : empty()
    },
    all() {
      const out: Record<string, InvocationCounts> = {}
      for (const [k, v] of map) out[k] = copy(v)
      return out
    },
    totals() {
      const t = empty()
      for (const c of map.values()) {
        t.total += c.total
      t.inTransaction += c.inTransaction
        for (const [k, n] of Object.entries(c.byKind)) t.byKind[k as DbOpKind] = (t.byKind[k as DbOpKind] ?? 0) + (n ?? 0)
      }
      return t
    },
    clear(invocationId) {
      if (invocationId === undefined) map.clear()
      else map.delete(invocationId)
    }
  }
}

/**
 * Where documents live between restarts.
 *
 * The database engine keeps every collection in memory (documents plus their
 * canonical EJSON text, and the index maps); a Persistence is told about each
 * committed batch of writes before the engine acknowledges it.
 *  - MemoryPersistence: nothing to do (tests; reset in milliseconds).
 *  - SqlitePersistence (better-sqlite3 12): one table per collection
 *    (`c_<name>`: k TEXT UNIQUE = id key, doc TEXT = canonical EJSON), WAL
 *    journal, each batch in one SQLite transaction. A batch is written before
 *    the HTTP reply is sent, so an acknowledged write survives `kill -9` of the
 *    emulator (synchronous=NORMAL: the WAL is in the OS page cache once the
 *    transaction commits; a power cut could lose the last commits, a killed
 *    process cannot).
 */
import fs from 'fs'
import path from 'path'

/** One row change: json = canonical EJSON of the new doc, or null = delete. */
export interface RowChange {
  collection: string
  key: string
  json: string | null
}

export interface Persistence {
  readonly kind: 'memory' | 'sqlite'
  /** Collections and their rows in insertion order (called once at start). */
  load(): Array<{ name: string; rows: Array<{ key: string; json: string }> }>
  createCollection(name: string): void
  dropCollection(name: string): void
  clearCollection(name: string): void
  /** Apply all changes atomically (all or nothing). */
  commit(changes: RowChange[]): void
  close(): void
}

/** No durability: for tests and `--memory`. */
export class MemoryPersistence implements Persistence {
  readonly kind = 'memory' as const
  load() {
    return []
  }
  createCollection(): void {}
  dropCollection(): void {}
  clearCollection(): void {}
  commit(): void {}
  close(): void {}
}

type Stmts = { upsert: any; del: any }

/** better-sqlite3 store in `<dataDir>/cloud.db`. */
export class SqlitePersistence implements Persistence {
  readonly kind = 'sqlite' as const
  private readonly db: any
  private readonly stmts = new Map<string, Stmts>()

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true })
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Database = require('better-sqlite3')
    this.db = new Database(path.join(dataDir, 'cloud.db'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec('CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL)')
  }

  private table(name: string): string {
    return `"c_${name.replace(/"/g, '""')}"`
  }

  private statements(name: string): Stmts {
    let s = this.stmts.get(name)
    if (!s) {
      const t = this.table(name)
      s = {
        upsert: this.db.prepare(`INSERT INTO ${t} (k, doc) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET doc = excluded.doc`),
        del: this.db.prepare(`DELETE FROM ${t} WHERE k = ?`)
      }
      this.stmts.set(name, s)
    }
    return s
  }

  load() {
    const names: string[] = this.db
      .prepare('SELECT name FROM _collections ORDER BY created_at, name')
      .all()
      .map((r: any) => r.name)
    return names.map((name) => ({
      name,
      rows: this.db.prepare(`SELECT k AS key, doc AS json FROM ${this.table(name)} ORDER BY rowid`).all()
    }))
  }

  createCollection(name: string): void {
    const tx = this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table(name)} (k TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)`)
      this.db.prepare('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, Date.now())
    })
    tx()
  }

  dropCollection(name: string): void {
    this.stmts.delete(name)
    const tx = this.db.transaction(() => {
      this.db.exec(`DROP TABLE IF EXISTS ${this.table(name)}`)
      this.db.prepare('DELETE FROM _collections WHERE name = ?').run(name)
    })
    tx()
  }

  clearCollection(name: string): void {
    this.db.exec(`DELETE FROM ${this.table(name)}`)
  }

  commit(changes: RowChange[]): void {
    if (changes.length === 0) return
    const tx = this.db.transaction((list: RowChange[]) => {
      for (const c of list) {
        const s = this.statements(c.collection)
        if (c.json === null) s.del.run(c.key)
        else s.upsert.run(c.key, c.json)
      }
    })
    tx(changes)
  }

  close(): void {
    try {
      this.db.close()
    } catch {
      /* already closed */
    }
  }
}

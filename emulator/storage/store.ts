/**
 * Where the emulator keeps uploaded files: in memory (tests) or on disk under
 * `<dataDir>/storage/` (durable mode). On disk every file is two entries named
 * by the sha256 of its fileID: `blobs/<hash>` (the bytes) and `meta/<hash>.json`
 * (the record below). The blob is written and fsynced before the record, and
 * the record is written to a temp name and renamed, so a killed emulator never
 * leaves a record that points at missing or partial bytes.
 */
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'

/** What the emulator knows about one stored file. */
export interface StoredFile {
  /** `cloud://<env>.<bucket>/<cloudPath>` */
  fileID: string
  cloudPath: string
  /** Bytes. */
  size: number
  /** Content type given at upload (may be ''); sniff the bytes yourself for checks. */
  contentType: string
  /** OPENID of the uploader: the H5 caller, or the user of the invocation whose
   *  function uploaded it; null for uploads with no user (timers, tests). */
  openid: string | null
  /** 'http' (POST /storage/upload, the H5 build) or 'sdk' (cloud.uploadFile). */
  via: 'http' | 'sdk'
  /** Invocation that uploaded it through the SDK, if any. */
  invocationId: string | null
  /** ISO-8601 UTC. */
  uploadedAt: string
}

export interface FileStore {
  put(meta: StoredFile, bytes: Buffer): void
  get(fileID: string): { meta: StoredFile; bytes: Buffer } | null
  meta(fileID: string): StoredFile | null
  remove(fileID: string): boolean
  list(): StoredFile[]
  clear(): void
}

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, { meta: StoredFile; bytes: Buffer }>()
  put(meta: StoredFile, bytes: Buffer): void {
    this.files.set(meta.fileID, { meta, bytes: Buffer.from(bytes) })
  }
  get(fileID: string): { meta: StoredFile; bytes: Buffer } | null {
    return this.files.get(fileID) ?? null
  }
  meta(fileID: string): StoredFile | null {
    return this.files.get(fileID)?.meta ?? null
  }
  remove(fileID: string): boolean {
    return this.files.delete(fileID)
  }
  list(): StoredFile[] {
    return [...this.files.values()].map((f) => f.meta)
  }
  clear(): void {
    this.files.clear()
  }
}

export class DiskFileStore implements FileStore {
  private readonly blobs: string
  private readonly metas: string
  constructor(root: string) {
    this.blobs = path.join(root, 'blobs')
    this.metas = path.join(root, 'meta')
    fs.mkdirSync(this.blobs, { recursive: true })
    fs.mkdirSync(this.metas, { recursive: true })
  }
  private key(fileID: string): string {
    return crypto.createHash('sha256').update(fileID).digest('hex')
  }
  put(meta: StoredFile, bytes: Buffer): void {
    const k = this.key(meta.fileID)
    const blob = path.join(this.blobs, k)
    const tmpBlob = `${blob}.tmp-${process.pid}`
    writeSynced(tmpBlob, bytes)
    fs.renameSync(tmpBlob, blob)
    const m = path.join(this.metas, `${k}.json`)
    const tmpMeta = `${m}.tmp-${process.pid}`
    writeSynced(tmpMeta, Buffer.from(JSON.stringify(meta)))
    fs.renameSync(tmpMeta, m)
  }
  get(fileID: string): { meta: StoredFile; bytes: Buffer } | null {
    const meta = this.meta(fileID)
    if (!meta) return null
    try {
      return { meta, bytes: fs.readFileSync(path.join(this.blobs, this.key(fileID))) }
    } catch {
      return null
    }
  }
  meta(fileID: string): StoredFile | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.metas, `${this.key(fileID)}.json`), 'utf8')) as StoredFile
    } catch {
      return null
    }
  }
  remove(fileID: string): boolean {
    const k = this.key(fileID)
    const m = path.join(this.metas, `${k}.json`)
    if (!fs.existsSync(m)) return false
    fs.rmSync(m, { force: true })
    fs.rmSync(path.join(this.blobs, k), { force: true })
    return true
  }
  list(): StoredFile[] {
    return fs
      .readdirSync(this.metas)
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        try {
          return JSON.parse(fs.readFileSync(path.join(this.metas, f), 'utf8')) as StoredFile
        } catch {
          return null
        }
      })
      .filter((m): m is StoredFile => m !== null)
  }
  clear(): void {
    for (const dir of [this.metas, this.blobs]) {
      for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true })
    }
  }
}

function writeSynced(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'w')
  try {
    fs.writeSync(fd, bytes)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

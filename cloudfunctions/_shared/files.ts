/**
 * Files people uploaded. The phone uploads to cloud storage under
 * `uploads/<OPENID>/...` (the storage security rule in production allows a
 * user to write only below their own OPENID) and sends file IDs; functions
 * accept only the caller's own files. The desk console cannot write to
 * storage itself: it sends the file to `console.upload`, which stores it as
 * `console-uploads/<hash>.<ext>` (no OPENID in the path) and records the
 * uploader in `consoleUploads` (same `_id` as the hash).
 */
import { AppError } from '../../src/core/errors'
import type { getCloud, Database } from './cloud'
import { findById } from './db'

/** `cloud://<env>.<bucket>/<path>` -> `<path>`; null when it is not a file ID. */
export function cloudPathOf(fileID: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  return match ? match[1] : null
}

/** The cloud path a user's upload must start with. */
export function uploadPrefix(openid: string): string {
  return `uploads/${openid}/`
}

/** Throws `FILE.NOT_OWNED` unless `fileID` lies under the caller's own upload folder. */
export function assertOwnUpload(fileID: string, openid: string): void {
  const path = cloudPathOf(fileID)
  if (!path || !path.startsWith(uploadPrefix(openid)) || path.includes('..')) {
    throw new AppError('FILE.NOT_OWNED')
  }
}

/** The neutral folder of the console's uploads (cloud path prefix). */
export const CONSOLE_UPLOAD_FOLDER = 'console-uploads'

/** A console upload's record (`consoleUploads`, `_id` = the file's base name). */
export interface ConsoleUploadDocument {
  _id: string
  openid: string
  fileID: string
  /** The console upload kind (src/core/actions/console.ts CONSOLE_UPLOAD_KINDS). */
  kind: string
  name: string
  mime: string
  /** Bytes. */
  bytes: number
  createdAt: Date
}

/** The `consoleUploads` id of a console upload's file ID, or null when the file is not one. */
export function consoleUploadIdOf(fileID: string): string | null {
  const path = cloudPathOf(fileID)
  const match = path ? /^console-uploads\/([a-f0-9]{24,64})\.[a-z0-9]{1,8}$/.exec(path) : null
  return match ? match[1] : null
}

/**
 * Throws `FILE.NOT_OWNED` unless `fileID` is the caller's own: under their
 * upload folder (the phone), or a console upload recorded as theirs of the
 * given `kind` (one read by id; none for a phone upload). Output: the
 * console upload's record, or null for a phone upload.
 */
export async function assertOwnFile(ctx: { db: Database; openid: string }, fileID: string, kind: string): Promise<ConsoleUploadDocument | null> {
  const id = consoleUploadIdOf(fileID)
  if (!id) {
    assertOwnUpload(fileID, ctx.openid)
    return null
  }
  const doc = await findById<ConsoleUploadDocument>(ctx.db, 'consoleUploads', id)
  if (!doc || doc.openid !== ctx.openid || doc.fileID !== fileID || doc.kind !== kind) throw new AppError('FILE.NOT_OWNED')
  return doc
}

/** getTempFileURL takes at most this many files per call. */
const TEMP_URL_BATCH = 50

/**
 * Temporary download URLs for file IDs (one storage call per 50 distinct
 * files, no DB operation). Output: fileID -> URL; a file storage cannot
 * serve is left out, and a failing call is logged and leaves its files out
 * (the page shows the file as unavailable, it does not fail).
 */
export async function tempUrls(ctx: { cloud: ReturnType<typeof getCloud> }, fileIDs: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(fileIDs.filter(Boolean))]
  const out: Record<string, string> = {}
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) {
    try {
      const reply = (await ctx.cloud.getTempFileURL({ fileList: unique.slice(i, i + TEMP_URL_BATCH) })) as { fileList: { fileID: string; tempFileURL?: string }[] }
      for (const f of reply.fileList) if (f.tempFileURL) out[f.fileID] = f.tempFileURL
    } catch (error) {
      console.warn(JSON.stringify({ getTempFileURL: 'failed', error: String((error as Error)?.message ?? error) }))
    }
  }
  return out
}

/**
 * Files the phone uploaded. The phone uploads to cloud storage under
 * `uploads/<OPENID>/...` (the storage security rule in production allows a
 * user to write only below their own OPENID) and sends file IDs; functions
 * accept only the caller's own files.
 */
import { AppError } from '../../src/core/errors'
import type { getCloud } from './cloud'

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

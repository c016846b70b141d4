/**
 * Files the phone uploaded. The phone uploads to cloud storage under
 * `uploads/<OPENID>/...` (the storage security rule in production allows a
 * user to write only below their own OPENID) and sends file IDs; functions
 * accept only the caller's own files.
 */
import { AppError } from '../../src/core/errors'

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

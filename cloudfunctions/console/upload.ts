/**
 * The console's upload channel (issue 14): the desk's browser cannot write to
 * cloud storage (no WeChat sign-in there), so it sends the file's bytes to
 * `console.upload` over the HTTP access service. The file passes the same
 * shared checks as the phone's uploads (content-safety.ts `inspectContent`:
 * the kind's byte limit, type by content) and is stored under the neutral
 * folder `console-uploads/` (files.ts) so no OPENID appears in its file ID;
 * `consoleUploads` records whose it is, so only its uploader can use it
 * (files.ts `assertOwnFile`, e.g. in `user.importRoster`).
 */
import { createHash } from 'crypto'
import { CONSOLE_UPLOAD_KINDS, CONSOLE_UPLOAD_MAX_BYTES, type ConsoleUploadKind, type ConsoleUploadOutput } from '../../src/core/actions/console'
import { AppError } from '../../src/core/errors'
import { inspectContent } from '../_shared/content-safety'
import { CONSOLE_UPLOAD_FOLDER, type ConsoleUploadDocument } from '../_shared/files'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'

/**
 * Checks and stores one console upload. Input: kind, the file's name, its
 * bytes as base64 (at most {@link CONSOLE_UPLOAD_MAX_BYTES} decoded). The
 * stored name is a hash of the caller and the requestId: a retry (same
 * requestId) finds the first attempt's record and answers it, writing nothing.
 * Errors: AUTH.FORBIDDEN (a roster from anyone but staff), FILE.TOO_LARGE,
 * FILE.WRONG_TYPE. DB: caller (already loaded) + 1 read + 1 write; storage: 1 upload.
 */
export async function uploadFile(input: { kind: ConsoleUploadKind; name: string; content: string }, ctx: HandlerContext): Promise<ConsoleUploadOutput> {
  const caller = await ctx.caller()
  if (input.kind === 'roster' && !caller.roles.includes('staff')) throw new AppError('AUTH.FORBIDDEN')
  const id = createHash('sha256').update(`${ctx.openid}\n${ctx.requestId}`).digest('hex').slice(0, 32)
  // A resend after a lost reply: the first attempt's file, written once.
  const first = await findById<ConsoleUploadDocument>(ctx.db, 'consoleUploads', id)
  if (first) return { fileID: first.fileID, name: first.name, bytes: first.bytes, mime: first.mime }
  const content = Buffer.from(input.content, 'base64')
  const label = CONSOLE_UPLOAD_KINDS[input.kind]
  if (content.length > CONSOLE_UPLOAD_MAX_BYTES) {
    throw new AppError('FILE.TOO_LARGE', `${label}有 ${(content.length / 1024 / 1024).toFixed(1)} MB，电脑端一次最多上传 ${CONSOLE_UPLOAD_MAX_BYTES / 1024 / 1024} MB`)
  }
  const type = await inspectContent(content, input.kind, label)
  const stored = (await ctx.cloud.uploadFile({ cloudPath: `${CONSOLE_UPLOAD_FOLDER}/${id}.${type.ext}`, fileContent: content })) as { fileID: string }
  const record: Omit<ConsoleUploadDocument, '_id'> = { openid: ctx.openid, fileID: stored.fileID, kind: input.kind, name: input.name, mime: type.mime, bytes: content.length, createdAt: ctx.now }
  await ctx.db.collection('consoleUploads').doc(id).set({ data: record })
  return { fileID: stored.fileID, name: input.name, bytes: content.length, mime: type.mime }
}

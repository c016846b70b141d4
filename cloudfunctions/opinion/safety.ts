/**
 * Content safety and uploaded-file checks for 社情民意 (issue 4, "Content
 * safety" and "Bad input"):
 * - text through `security.msgSecCheck` v2, acting on `result.suggest`:
 *   `risky` -> OPINION.CONTENT_RISKY (nothing stored); `review` -> flag
 *   `text_review`; the check itself failing -> flag `text_check_failed`.
 *   Flagged items go to staff review, never straight through.
 * - images: the caller's own upload (`uploads/<OPENID>/`), at most
 *   {@link OPINION_LIMITS.imageBytes} bytes, an image by its content
 *   (`file-type`, never the name), then `security.mediaCheckAsync`, whose
 *   verdict arrives later as a `wxa_media_check` push (see index.ts).
 */
import { createHash } from 'crypto'
import { fromBuffer as fileTypeFromBuffer } from 'file-type'
import { OPINION_LIMITS, type SafetyFlag } from '../../src/core/actions/opinion'
import { AppError } from '../../src/core/errors'
import { assertOwnUpload } from '../_shared/files'
import type { HandlerContext } from '../_shared/define-function'
import type { ImageRecord } from './model'

/** MIME types accepted as images (what WeChat's image picker produces, plus GIF/WebP). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif']
/** Evidence of an upward adoption: an image or a PDF. */
export const EVIDENCE_TYPES = [...IMAGE_TYPES, 'application/pdf']

/** msgSecCheck takes at most this many characters per call. */
const CHECK_CHUNK = 2500

/** Scene 3 = forum post (论坛), the closest of WeChat's four scenes to a public submission. */
const SCENE = 3

type Cloud = HandlerContext['cloud']

/**
 * Checks text with msgSecCheck v2. Returns the flags to keep (empty = pass).
 * Throws OPINION.CONTENT_RISKY when any chunk is `risky`.
 */
export async function checkText(cloud: Cloud, openid: string, text: string): Promise<SafetyFlag[]> {
  const chunks: string[] = []
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i += CHECK_CHUNK) chunks.push(chars.slice(i, i + CHECK_CHUNK).join(''))
  const flags = new Set<SafetyFlag>()
  for (const content of chunks) {
    let suggest: string | undefined
    try {
      const reply = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: SCENE, openid })) as { result?: { suggest?: string } }
      suggest = reply?.result?.suggest
    } catch (error) {
      console.warn(JSON.stringify({ check: 'msgSecCheck', error: String((error as Error)?.message ?? error) }))
      flags.add('text_check_failed')
      continue
    }
    if (suggest === 'risky') throw new AppError('OPINION.CONTENT_RISKY')
    if (suggest === 'review') flags.add('text_review')
    else if (suggest !== 'pass') flags.add('text_check_failed')
  }
  return [...flags]
}

/**
 * Downloads and inspects uploaded files: own upload, size, type by content.
 * `label` names the file in messages (图片 / 佐证材料). Output: one record per
 * file, in input order (check `pending`). With `copyTo` (a cloud folder) each
 * checked file is copied to `<copyTo>/<hash of its fileID>.<ext>` and the
 * record carries the copy's fileID: an anonymous item's images must not keep
 * the submitter's `uploads/<OPENID>/` path (issue 4, "Privacy"); the copy's
 * name is stable, so a retried submit writes the same file.
 * Errors: FILE.NOT_OWNED, FILE.NOT_FOUND,
 * OPINION.IMAGE_DUPLICATE, OPINION.IMAGE_TOO_LARGE, OPINION.IMAGE_NOT_IMAGE
 * (or OPINION.EVIDENCE_TYPE when `evidence`).
 */
export async function inspectUploads(
  ctx: Pick<HandlerContext, 'cloud' | 'openid'>,
  fileIDs: string[],
  options: { evidence?: boolean; copyTo?: string } = {}
): Promise<ImageRecord[]> {
  if (new Set(fileIDs).size !== fileIDs.length) throw new AppError('OPINION.IMAGE_DUPLICATE')
  const nth = (i: number) => (options.evidence ? '佐证材料' : fileIDs.length > 1 ? `第 ${i + 1} 张图片` : '图片')
  fileIDs.forEach((id, i) => {
    try {
      assertOwnUpload(id, ctx.openid)
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `${nth(i)}不是您本人上传的文件，请重新选择`)
      throw error
    }
  })
  const maxBytes = options.evidence ? OPINION_LIMITS.evidenceBytes : OPINION_LIMITS.imageBytes
  const allowed = options.evidence ? EVIDENCE_TYPES : IMAGE_TYPES
  return Promise.all(
    fileIDs.map(async (fileID, i) => {
      let content: Buffer
      try {
        content = (await ctx.cloud.downloadFile({ fileID })).fileContent as Buffer
      } catch {
        throw new AppError('FILE.NOT_FOUND', `${nth(i)}不存在或已过期，请重新上传`)
      }
      if (content.length > maxBytes) {
        const mb = (content.length / 1024 / 1024).toFixed(1)
        if (options.evidence) throw new AppError('OPINION.EVIDENCE_TYPE', `佐证材料有 ${mb} MB，不能超过 ${maxBytes / 1024 / 1024} MB`)
        throw new AppError('OPINION.IMAGE_TOO_LARGE', `${nth(i)}有 ${mb} MB，不能超过 ${maxBytes / 1024 / 1024} MB，请压缩后重新上传`)
      }
      const type = await fileTypeFromBuffer(content)
      if (!type || !allowed.includes(type.mime)) {
        if (options.evidence) throw new AppError('OPINION.EVIDENCE_TYPE')
        throw new AppError('OPINION.IMAGE_NOT_IMAGE', `${nth(i)}不是图片文件（只能上传 JPG、PNG、GIF、WebP、HEIC 图片）`)
      }
      if (options.copyTo) {
        const name = createHash('sha256').update(fileID).digest('hex').slice(0, 24)
        const copied = (await ctx.cloud.uploadFile({ cloudPath: `${options.copyTo}/${name}.${type.ext}`, fileContent: content })) as { fileID: string }
        return { fileID: copied.fileID, mime: type.mime, bytes: content.length, check: 'pending' as const }
      }
      return { fileID, mime: type.mime, bytes: content.length, check: 'pending' as const }
    })
  )
}

/**
 * Starts the asynchronous image check of each record still `pending` without
 * a trace id. A call that fails marks the record `error` (flag
 * `image_check_failed`). Mutates and returns the records.
 */
export async function startImageChecks(cloud: Cloud, openid: string, images: ImageRecord[]): Promise<ImageRecord[]> {
  const todo = images.filter((i) => i.check === 'pending' && !i.traceId)
  if (!todo.length) return images
  let urls: Record<string, string> = {}
  try {
    const reply = (await cloud.getTempFileURL({ fileList: todo.map((i) => i.fileID) })) as { fileList: { fileID: string; tempFileURL: string }[] }
    urls = Object.fromEntries(reply.fileList.map((f) => [f.fileID, f.tempFileURL]))
  } catch (error) {
    console.warn(JSON.stringify({ check: 'getTempFileURL', error: String((error as Error)?.message ?? error) }))
  }
  await Promise.all(
    todo.map(async (image) => {
      try {
        if (!urls[image.fileID]) throw new Error('no temp URL')
        const reply = (await cloud.openapi.security.mediaCheckAsync({ mediaUrl: urls[image.fileID], mediaType: 2, version: 2, scene: SCENE, openid })) as { traceId?: string }
        if (!reply?.traceId) throw new Error('no traceId')
        image.traceId = reply.traceId
      } catch (error) {
        console.warn(JSON.stringify({ check: 'mediaCheckAsync', error: String((error as Error)?.message ?? error) }))
        image.check = 'error'
      }
    })
  )
  return images
}

/** Flags an item carries because of its images. */
export function imageFlags(images: ImageRecord[]): SafetyFlag[] {
  const flags = new Set<SafetyFlag>()
  for (const i of images) {
    if (i.check === 'risky') flags.add('image_risky')
    else if (i.check === 'review') flags.add('image_review')
    else if (i.check === 'error') flags.add('image_check_failed')
  }
  return [...flags]
}

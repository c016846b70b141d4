/**
 * The one content-safety check for everything a person can publish (issue 13
 * item 1): 社情民意, topics and their comments and ratings, studio profiles,
 * announcements, activities, department progress, proposals. Every caller
 * fails closed: a `review` or `error` verdict holds the content for a person,
 * never publishes it.
 *
 * - Text: `security.msgSecCheck` v2 on `result.suggest`, in chunks of
 *   {@link CHECK_CHUNK} characters. `risky` throws CONTENT.RISKY (nothing is
 *   stored); `review` and a failed check are returned for the caller to hold.
 * - Files: the caller's own upload (`uploads/<OPENID>/`, decision 3), at most
 *   the kind's byte limit, of an allowed type by its content (`file-type`,
 *   never the name). With `copyTo` each file is copied to a neutral folder
 *   so no file ID or URL shown to others carries the uploader's OPENID
 *   (issue 13 item 2).
 * - Images: `security.mediaCheckAsync`, whose verdict arrives later as a
 *   `wxa_media_check` push (media-verdict.ts). Until it arrives an image is
 *   `pending`; other people see only images whose check is `pass`
 *   ({@link publicImages}).
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import { assertOwnUpload } from './files'
import type { getCloud } from './cloud'

type Cloud = ReturnType<typeof getCloud>

/** The outcome of an image's asynchronous check. `pending` until WeChat pushes the verdict. */
export type ImageCheck = 'pending' | 'pass' | 'review' | 'risky' | 'error'

/** A checked upload as stored on the record that holds it. */
export interface FileRecord {
  fileID: string
  mime: string
  /** Size in bytes. */
  bytes: number
  /** Images only: the asynchronous check; documents are `pass` once their type is known. */
  check: ImageCheck
  /** Images only: the trace id of the pending `mediaCheckAsync`. */
  traceId?: string
  /** The name the person gave the file (documents), shown beside it. */
  name?: string
}

/** What a text check says: `pass` publishes; `review` and `error` hold the content for a person. */
export type TextVerdict = 'pass' | 'review' | 'error'

/** msgSecCheck takes at most this many characters per call. */
export const CHECK_CHUNK = 2500

/** WeChat's scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type CheckScene = 1 | 2 | 3 | 4

/**
 * Checks text with msgSecCheck v2 (empty parts are skipped; parts are joined
 * by newlines). Output: the worst verdict of the chunks other than risky.
 * Throws CONTENT.RISKY when any chunk is `risky`. A failing check is
 * `error` (logged), never a pass.
 */
export async function checkText(ctx: { cloud: Cloud; openid: string }, parts: string | (string | undefined)[], scene: CheckScene = 3): Promise<TextVerdict> {
  const text = (Array.isArray(parts) ? parts : [parts]).filter((p): p is string => Boolean(p && p.trim())).join('\n')
  if (!text) return 'pass'
  const chars = Array.from(text)
  let worst: TextVerdict = 'pass'
  for (let i = 0; i < chars.length; i += CHECK_CHUNK) {
    const content = chars.slice(i, i + CHECK_CHUNK).join('')
    let suggest: string | undefined
    try {
      const reply = (await ctx.cloud.openapi.security.msgSecCheck({ content, version: 2, scene, openid: ctx.openid })) as { result?: { suggest?: string } }
      suggest = reply?.result?.suggest
    } catch (error) {
      console.warn(JSON.stringify({ check: 'msgSecCheck', error: String((error as Error)?.message ?? error) }))
      suggest = undefined
    }
    if (suggest === 'risky') throw new AppError('CONTENT.RISKY')
    const verdict: TextVerdict = suggest === 'pass' ? 'pass' : suggest === 'review' ? 'review' : 'error'
    if (verdict === 'error' || (verdict === 'review' && worst === 'pass')) worst = verdict
  }
  return worst
}

/** MIME types accepted as images (what WeChat's image picker produces, plus GIF/WebP). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif']

/** The kinds of upload, with what each accepts. */
export const UPLOAD_KINDS = {
  /** Photos: 10 MB, images only; checked asynchronously. */
  image: { types: IMAGE_TYPES, maxBytes: 10 * 1024 * 1024, label: '图片', typesText: 'JPG、PNG、GIF、WebP、HEIC 图片' },
  /** Evidence of an upward adoption or a result: image or PDF, 20 MB. */
  evidence: { types: [...IMAGE_TYPES, 'application/pdf'], maxBytes: 20 * 1024 * 1024, label: '佐证材料', typesText: '图片或 PDF 文件' },
  /** Attachments and reply letters: image, PDF or Word, 20 MB. */
  document: {
    types: [...IMAGE_TYPES, 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-cfb', 'application/msword'],
    maxBytes: 20 * 1024 * 1024,
    label: '附件',
    typesText: '图片、PDF 或 Word 文件'
  },
  /** The roster sheet staff import (user.importRoster): .xlsx only, 5 MB (the county's ~700 rows are a few tens of KB). */
  roster: { types: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], maxBytes: 5 * 1024 * 1024, label: '名册文件', typesText: 'Excel 表格（.xlsx）' }
} as const
export type UploadKind = keyof typeof UPLOAD_KINDS

/**
 * The size and type rule of one upload kind, on the file's bytes: at most
 * the kind's `maxBytes`, of one of its types by content (`file-type`, never
 * the name). `what` names the file in the messages (e.g. 第 2 张图片, 名册文件).
 * Output: the type found ({ext, mime}). Errors: FILE.TOO_LARGE, FILE.WRONG_TYPE.
 * Used for the phone's uploads ({@link inspectUploads}) and the console's
 * (cloudfunctions/console/upload.ts).
 */
export async function inspectContent(content: Buffer, kindName: UploadKind, what: string = UPLOAD_KINDS[kindName].label): Promise<{ ext: string; mime: string }> {
  const kind = UPLOAD_KINDS[kindName]
  if (content.length > kind.maxBytes) {
    const mb = (content.length / 1024 / 1024).toFixed(1)
    throw new AppError('FILE.TOO_LARGE', `${what}有 ${mb} MB，不能超过 ${kind.maxBytes / 1024 / 1024} MB，请压缩后重新上传`)
  }
  // Loaded on first use, not at module load (cold start, issue 13 item 10).
  // file-type 16 is CommonJS: its functions are named exports in a bundle, under `default` in a native import().
  const fileType = (await import('file-type')) as typeof import('file-type') & { default?: typeof import('file-type') }
  const fileTypeFromBuffer = fileType.fromBuffer ?? fileType.default!.fromBuffer
  const type = await fileTypeFromBuffer(content)
  if (!type || !(kind.types as readonly string[]).includes(type.mime)) {
    throw new AppError('FILE.WRONG_TYPE', `${what}的类型不对（只能上传${kind.typesText}）`)
  }
  return { ext: type.ext, mime: type.mime }
}

/**
 * Downloads and inspects uploaded files: own upload, size, type by content.
 * Output: one record per file, in input order; images are `pending` (start
 * their check with {@link startImageChecks}), other files `pass`. With
 * `copyTo` (a cloud folder without any OPENID) each file is copied to
 * `<copyTo>/<hash of its fileID>.<ext>` and the record holds the copy; the
 * name is stable, so a retry writes the same file.
 * Errors: FILE.NOT_OWNED, FILE.NOT_FOUND, FILE.DUPLICATE, FILE.TOO_LARGE,
 * FILE.WRONG_TYPE (messages name the file: 第 2 张图片…).
 */
export async function inspectUploads(
  ctx: { cloud: Cloud; openid: string },
  fileIDs: string[],
  options: { kind?: UploadKind; copyTo?: string; names?: Record<string, string> } = {}
): Promise<FileRecord[]> {
  const kind = UPLOAD_KINDS[options.kind ?? 'image']
  if (new Set(fileIDs).size !== fileIDs.length) throw new AppError('FILE.DUPLICATE', `同一份${kind.label}上传了两次`)
  const nth = (i: number) => (fileIDs.length > 1 ? `第 ${i + 1} ${kind.label === '图片' ? '张' : '份'}${kind.label}` : kind.label)
  fileIDs.forEach((id, i) => {
    try {
      assertOwnUpload(id, ctx.openid)
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `${nth(i)}不是您本人上传的文件，请重新选择`)
      throw error
    }
  })
  return Promise.all(
    fileIDs.map(async (fileID, i) => {
      let content: Buffer
      try {
        content = (await ctx.cloud.downloadFile({ fileID })).fileContent as Buffer
      } catch {
        throw new AppError('FILE.NOT_FOUND', `${nth(i)}不存在或已过期，请重新上传`)
      }
      const type = await inspectContent(content, options.kind ?? 'image', nth(i))
      const isImage = IMAGE_TYPES.includes(type.mime)
      const name = options.names?.[fileID]
      const base = { mime: type.mime, bytes: content.length, check: (isImage ? 'pending' : 'pass') as ImageCheck, ...(name ? { name } : {}) }
      if (options.copyTo) {
        const hashed = createHash('sha256').update(fileID).digest('hex').slice(0, 24)
        const copied = (await ctx.cloud.uploadFile({ cloudPath: `${options.copyTo}/${hashed}.${type.ext}`, fileContent: content })) as { fileID: string }
        return { fileID: copied.fileID, ...base }
      }
      return { fileID, ...base }
    })
  )
}

/**
 * Starts the asynchronous image check of each record still `pending` without
 * a trace id. A call that fails marks the record `error` (held for a
 * person). Mutates and returns the records.
 */
export async function startImageChecks(cloud: Cloud, openid: string, images: FileRecord[], scene: CheckScene = 3): Promise<FileRecord[]> {
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
        const reply = (await cloud.openapi.security.mediaCheckAsync({ mediaUrl: urls[image.fileID], mediaType: 2, version: 2, scene, openid })) as { traceId?: string }
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

/**
 * Inspects, copies to `copyTo` and starts the checks of the images in
 * `fileIDs` that `previous` does not already hold (those are kept as they
 * were). Output: the records in `fileIDs` order and the trace ids still
 * pending (store them as `imageTraceIds`: the push finds the record by it).
 */
export async function checkImages(
  ctx: { cloud: Cloud; openid: string },
  fileIDs: string[],
  options: { copyTo: string; previous?: FileRecord[]; scene?: CheckScene }
): Promise<{ images: FileRecord[]; imageTraceIds: string[] }> {
  const previous = options.previous ?? []
  const fresh = fileIDs.filter((id) => !previous.some((p) => p.fileID === id))
  const inspected = await inspectUploads(ctx, fresh, { kind: 'image', copyTo: options.copyTo })
  await startImageChecks(ctx.cloud, ctx.openid, inspected, options.scene)
  const images = fileIDs.map((id) => previous.find((p) => p.fileID === id) ?? inspected[fresh.indexOf(id)])
  return { images, imageTraceIds: pendingTraceIds(images) }
}

/** Trace ids of checks still waiting for their verdict. */
export function pendingTraceIds(images: FileRecord[]): string[] {
  return images.filter((i) => i.check === 'pending' && i.traceId).map((i) => i.traceId!)
}

/** The images other people may see: only those whose check passed (fail closed). */
export function publicImages<T extends Pick<FileRecord, 'check'>>(images: T[] | undefined): T[] {
  return (images ?? []).filter((i) => i.check === 'pass')
}

/** Whether any image waits for a person (its check said review or risky, or failed). */
export function imagesNeedReview(images: Pick<FileRecord, 'check'>[] | undefined): boolean {
  return (images ?? []).some((i) => i.check === 'review' || i.check === 'risky' || i.check === 'error')
}

/** Chinese label of an image's check, for the staff who review it (never the raw value). */
export const imageCheckLabels: Record<ImageCheck, string> = {
  pending: '图片检测中',
  pass: '图片检测通过',
  review: '图片待人工复核',
  risky: '图片疑似违规',
  error: '图片检测失败，待人工复核'
}

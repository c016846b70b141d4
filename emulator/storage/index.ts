/**
 * Cloud storage, as wx-server-sdk 4.0.2 (@cloudbase/node-sdk 3.17.2) uses it.
 *
 * Admin actions (POST /admin, JSON):
 *  - `storage.getUploadMetadata {path}` -> `{data: {url, token, authorization,
 *    fileId, cosFileId, download_url}}`; the SDK then PUTs the bytes to `url`
 *    (`PUT /_cos/upload/<token>`, answered with an empty 200 like COS; an
 *    unknown or used token gets COS's XML error, which the SDK reports as
 *    STORAGE_REQUEST_FAIL -503001). `cloud.uploadFile` resolves to `{fileID}`.
 *  - `storage.batchGetDownloadUrl {file_list: [{fileid, max_age}]}` ->
 *    `{data: {download_list: [{code: 'SUCCESS'|'STORAGE_FILE_NONEXIST', fileID,
 *    tempFileURL}]}}` (what getTempFileURL returns and downloadFile fetches).
 *  - `storage.batchDeleteFile {fileid_list}` -> `{data: {delete_list: [{code, fileID}]}}`.
 *
 * fileIDs look like the cloud's: `cloud://<envId>.<bucket>/<cloudPath>`, bucket
 * `<hex of the env id's first 2 chars>-<envId>-1250000000`.
 * Temp URLs: `<emulator>/_files/<bucket>/<cloudPath>?sign=<hmac>&t=<expiry, unix s>`;
 * expired or tampered links get 403. `max_age` is in SECONDS (default 86400).
 *
 * Browser endpoints (H5 build, development mode): `POST /storage/upload?cloudPath=<path>`
 * with the raw bytes as body and header `x-wx-openid` -> `{fileID}`; the
 * uploader's OPENID is recorded (see {@link StorageModule.files}). As the
 * production storage rule (README, deploy step 4): a user writes only under
 * `uploads/<OPENID>/`; any other path is 403 STORAGE_EXCEED_AUTHORITY
 * (-503002), so no persona overwrites a bulletin, an export or another
 * person's upload. Functions (the SDK, server side) write anywhere.
 */
import crypto from 'crypto'
import path from 'path'
import type { IncomingMessage, ServerResponse } from 'http'
import { CloudError, type EmulatorContext, type ServiceModule } from '../types'
import { findInvocation, registerService } from '../functions/registry'
import { answerPreflight, applyCors, readIdentity, sendJson } from '../functions/http-helpers'
import { DiskFileStore, MemoryFileStore, type FileStore, type StoredFile } from './store'

export type { StoredFile } from './store'

/** Default temp URL lifetime, seconds. */
export const DEFAULT_MAX_AGE_S = 86400
/** Pending upload slot lifetime, ms (the cloud's signed PUT URL lasts minutes). */
const UPLOAD_SLOT_MS = 10 * 60 * 1000
/** Largest cloudPath, characters (COS object key limit is 850 bytes). */
const MAX_PATH = 850

export interface StorageModule extends ServiceModule {
  /** Every stored file with its uploader (OPENID, via, time). */
  files(): StoredFile[]
  /** One file's record, or null. */
  file(fileID: string): StoredFile | null
  /** One file's bytes, or null. */
  read(fileID: string): Buffer | null
  /** The fileID a cloudPath gets in this env. */
  fileIdFor(cloudPath: string): string
  /** Store bytes directly (seeding demo data); returns the record. */
  put(cloudPath: string, bytes: Buffer, opts?: { openid?: string | null; contentType?: string }): StoredFile
}

/** Bucket name shaped like the cloud's for `envId`. */
export function bucketFor(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`
}

/** Split `cloud://<env>.<bucket>/<path>`; null if malformed. */
export function parseFileId(fileID: string): { envId: string; bucket: string; cloudPath: string } | null {
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID)
  return m ? { envId: m[1], bucket: m[2], cloudPath: m[3] } : null
}

/** Refuse paths COS would not accept or that escape (leading '/', '..', control chars). */
function checkCloudPath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0) throw new CloudError('INVALID_PARAM', 'cloudPath must be a non-empty string')
  if (p.length > MAX_PATH) throw new CloudError('INVALID_PARAM', `cloudPath longer than ${MAX_PATH} characters`)
  if (p.startsWith('/')) throw new CloudError('INVALID_PARAM', 'cloudPath must not start with /')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) throw new CloudError('INVALID_PARAM', 'cloudPath contains control characters')
  if (p.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) {
    throw new CloudError('INVALID_PARAM', 'cloudPath has an empty, "." or ".." segment')
  }
  return p
}

/**
 * The production storage rule for client uploads: a user writes only below
 * their own folder `uploads/<OPENID>/` (a file in it, at any depth). The path
 * has already passed {@link checkCloudPath} (no `..`, no empty segment).
 */
export function clientMayWrite(cloudPath: string, openid: string): boolean {
  const folder = `uploads/${openid}/`
  return cloudPath.startsWith(folder) && cloudPath.length > folder.length
}

interface Slot {
  cloudPath: string
  openid: string | null
  invocationId: string | null
  expires: number
}

/** Create the storage service module (memory store without `ctx.dataDir`, disk store with it). */
export function createStorageModule(ctx: EmulatorContext): StorageModule {
  const store: FileStore = ctx.dataDir ? new DiskFileStore(path.join(ctx.dataDir, 'storage')) : new MemoryFileStore()
  const secret = crypto.randomBytes(32)
  const slots = new Map<string, Slot>()
  const bucket = bucketFor(ctx.envId)

  const fileIdFor = (cloudPath: string): string => `cloud://${ctx.envId}.${bucket}/${cloudPath}`
  const sign = (fileID: string, t: number): string => crypto.createHmac('sha256', secret).update(`${fileID}\n${t}`).digest('hex').slice(0, 32)
  const tempUrl = (fileID: string, cloudPath: string, maxAgeS: number): string => {
    const t = Math.floor(Date.now() / 1000) + maxAgeS
    // Raw path on purpose: node-sdk's downloadFile runs encodeURI() on it.
    return `${ctx.url}/_files/${bucket}/${cloudPath}?sign=${sign(fileID, t)}&t=${t}`
  }

  const record = (cloudPath: string, bytes: Buffer, meta: Partial<StoredFile>): StoredFile => {
    const m: StoredFile = {
      fileID: fileIdFor(cloudPath),
      cloudPath,
      size: bytes.length,
      contentType: meta.contentType ?? '',
      openid: meta.openid ?? null,
      via: meta.via ?? 'sdk',
      invocationId: meta.invocationId ?? null,
      uploadedAt: new Date().toISOString()
    }
    store.put(m, bytes)
    return m
  }

  const cosError = (res: ServerResponse, status: number, code: string, message: string): void => {
    const id = crypto.randomBytes(8).toString('hex')
    const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n<Resource>/</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>`
    res.statusCode = status
    res.setHeader('Content-Type', 'application/xml')
    res.end(xml)
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const p = url.pathname
    if (p.startsWith('/_cos/upload/')) {
      if (req.method !== 'PUT' && req.method !== 'POST') return false
      const token = p.slice('/_cos/upload/'.length)
      const slot = slots.get(token)
      if (!slot || slot.expires < Date.now()) {
        cosError(res, 403, 'AccessDenied', 'Request has expired or the upload token is unknown')
        return true
      }
      slots.delete(token)
      const ct = req.headers['content-type']
      record(slot.cloudPath, body, { openid: slot.openid, invocationId: slot.invocationId, via: 'sdk', contentType: typeof ct === 'string' ? ct : '' })
      res.statusCode = 200
      res.setHeader('ETag', `"${crypto.createHash('md5').update(body).digest('hex')}"`)
      res.end()
      return true
    }
    if (p.startsWith(`/_files/`)) {
      if (req.method === 'OPTIONS') {
        answerPreflight(ctx, req, res, 'GET, HEAD, OPTIONS')
        return true
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return false
      applyCors(ctx, req, res, 'GET, HEAD, OPTIONS')
      const rest = p.slice('/_files/'.length)
      const slash = rest.indexOf('/')
      let cloudPath = ''
      try {
        cloudPath = decodeURIComponent(rest.slice(slash + 1))
      } catch {
        cosError(res, 400, 'InvalidURI', 'malformed path')
        return true
      }
      const b = rest.slice(0, slash)
      const fileID = `cloud://${ctx.envId}.${b}/${cloudPath}`
      const t = Number(url.searchParams.get('t'))
      const s = url.searchParams.get('sign') ?? ''
      const expected = sign(fileID, t)
      if (!Number.isFinite(t) || s.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(s), Buffer.from(expected))) {
        cosError(res, 403, 'AccessDenied', 'Access Denied.')
        return true
      }
      if (t < Math.floor(Date.now() / 1000)) {
        cosError(res, 403, 'AccessDenied', 'Request has expired')
        return true
      }
      const f = store.get(fileID)
      if (!f) {
        cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
        return true
      }
      res.statusCode = 200
      res.setHeader('Content-Type', f.meta.contentType || 'application/octet-stream')
      res.setHeader('Content-Length', String(f.bytes.length))
      res.end(req.method === 'HEAD' ? undefined : f.bytes)
      return true
    }
    if (p === '/storage/upload') {
      if (req.method === 'OPTIONS') {
        answerPreflight(ctx, req, res)
        return true
      }
      if (req.method !== 'POST') return false
      const corsOk = applyCors(ctx, req, res)
      if (!corsOk) {
        sendJson(res, 403, { errCode: -501008, errMsg: 'origin not allowed' })
        return true
      }
      if (!ctx.development) {
        sendJson(res, 403, { errCode: -501008, errMsg: 'POST /storage/upload is available only in development mode' })
        return true
      }
      const who = readIdentity(ctx, req)
      if (!who.ok) {
        sendJson(res, who.status, { errCode: who.errCode, errMsg: who.errMsg })
        return true
      }
      if (!who.openid) {
        sendJson(res, 401, { errCode: -501007, errMsg: 'x-wx-openid header required' })
        return true
      }
      let cloudPath: string
      try {
        cloudPath = checkCloudPath(url.searchParams.get('cloudPath') ?? '')
      } catch (e) {
        sendJson(res, 400, { errCode: -501007, errMsg: (e as Error).message })
        return true
      }
      if (!clientMayWrite(cloudPath, who.openid)) {
        sendJson(res, 403, { errCode: -503002, errMsg: `STORAGE_EXCEED_AUTHORITY: a user may write only under uploads/${who.openid}/ (not ${cloudPath})` })
        return true
      }
      const ct = req.headers['content-type']
      const m = record(cloudPath, body, { openid: who.openid, via: 'http', contentType: typeof ct === 'string' ? ct : '' })
      sendJson(res, 200, { fileID: m.fileID })
      return true
    }
    return false
  }

  const mod: StorageModule = {
    name: 'storage',
    adminActions: {
      'storage.getUploadMetadata': async (params, request) => {
        const cloudPath = checkCloudPath(params.path)
        const inv = findInvocation(ctx, request.invocationId)
        const token = crypto.randomBytes(16).toString('hex')
        slots.set(token, {
          cloudPath,
          openid: inv?.identity.openid ?? null,
          invocationId: inv ? inv.id : null,
          expires: Date.now() + UPLOAD_SLOT_MS
        })
        for (const [k, s] of slots) if (s.expires < Date.now()) slots.delete(k)
        const fileID = fileIdFor(cloudPath)
        return {
          data: {
            url: `${ctx.url}/_cos/upload/${token}`,
            token,
            authorization: `q-sign-algorithm=sha1&q-ak=local-emulator&q-signature=${token}`,
            fileId: fileID,
            cosFileId: `cos-${token}`,
            download_url: `${ctx.url}/_files/${bucket}/${cloudPath}`
          }
        }
      },
      'storage.batchGetDownloadUrl': async (params) => {
        const list = params.file_list
        if (!Array.isArray(list) || list.length === 0) throw new CloudError('INVALID_PARAM', 'file_list must be a non-empty array')
        if (list.length > 50) throw new CloudError('INVALID_PARAM', 'file_list holds at most 50 files')
        const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
          const fileID = String(item?.fileid ?? '')
          const parsed = parseFileId(fileID)
          if (!parsed || parsed.envId !== ctx.envId || parsed.bucket !== bucket || !store.meta(fileID)) {
            return { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '', message: '[STORAGE_FILE_NONEXIST] file not exists' }
          }
          const maxAge = Number(item.max_age) > 0 ? Math.floor(Number(item.max_age)) : DEFAULT_MAX_AGE_S
          return { code: 'SUCCESS', fileID, tempFileURL: tempUrl(fileID, parsed.cloudPath, maxAge), maxAge }
        })
        return { data: { download_list } }
      },
      'storage.batchDeleteFile': async (params) => {
        const list = params.fileid_list
        if (!Array.isArray(list) || list.length === 0) throw new CloudError('INVALID_PARAM', 'fileid_list must be a non-empty array')
        if (list.length > 50) throw new CloudError('INVALID_PARAM', 'fileid_list holds at most 50 files')
        const delete_list = list.map((fileID: unknown) => {
          const id = String(fileID)
          return store.remove(id) ? { code: 'SUCCESS', fileID: id } : { code: 'STORAGE_FILE_NONEXIST', fileID: id, message: '[STORAGE_FILE_NONEXIST] file not exists' }
        })
        return { data: { delete_list } }
      }
    },
    handleHttp,
    reset() {
      store.clear()
      slots.clear()
    },
    files: () => store.list(),
    file: (fileID) => store.meta(fileID),
    read: (fileID) => store.get(fileID)?.bytes ?? null,
    fileIdFor,
    put: (cloudPath, bytes, opts) => record(checkCloudPath(cloudPath), bytes, { openid: opts?.openid ?? null, contentType: opts?.contentType ?? '', via: 'sdk' })
  }
  registerService(ctx, 'storage', mod)
  return mod
}

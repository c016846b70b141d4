/**
 * WeChat Open API calls (`cloud.openapi.*`) as the local cloud answers them.
 * The SDK sends `wx.openApi` as multipart with a protobuf `requestData`
 * (see ./proto.ts); the reply is a protobuf `CommOpenApiResp` whose `respData`
 * is the WeChat API's JSON (or PNG for QR codes).
 *
 * Permission: a call made from a hosted function must be listed in that
 * function's config.json `permissions.openapi`, or it fails with errCode
 * -604101 like the cloud. Calls without an invocation (a test using the SDK
 * directly) are not checked.
 *
 * Implemented (errcodes as WeChat documents them):
 *  - `security.msgSecCheck`: v2 (`version: 2`, needs `openid` and `scene` 1-4,
 *    `content` <= 2500 chars) -> `{result: {suggest, label}, detail: [...],
 *    trace_id}`; v1 (no version) -> errcode 87014 for risky text, else ok.
 *    Missing/invalid arguments -> 40003 (openid) / 40097 (others). A word from
 *    the list's `errorWords` -> errcode -1 (system error).
 *  - `security.mediaCheckAsync` (v2, `media_url`, `media_type` 1 audio / 2
 *    image, `scene`, `openid`) -> `{trace_id}` at once; the verdict is decided
 *    from markers in the URL, the stored file's path and its first 64 KB, is
 *    RECORDED (`mediaChecks()`, `GET /_media_checks?format=json`) and, when a
 *    `mediaCheckFunction` is configured, DELIVERED as the cloud's message push
 *    event (`Event: 'wxa_media_check'`) to that function.
 *  - `subscribeMessage.send` -> written to the outbox (`outbox()`, `GET /_outbox`);
 *    errcodes 40003 touser missing, 40037 template_id missing, 47003 data
 *    missing/invalid or page missing (the cloud accepts a missing page; this
 *    project requires one so every message opens a page), 43101 when a test
 *    made the user refuse (`refuseSubscription`).
 *  - `wxacode.getUnlimited` -> a real PNG QR code (qrcode package) encoding
 *    `wxacode:<page>?scene=<scene>`; `scene` missing, over 32 characters or
 *    with characters outside WeChat's set -> 40169; a page starting with '/'
 *    -> 41030.
 * Any other API -> platform error -604100 (API not found).
 */
import crypto from 'crypto'
import type { IncomingMessage, ServerResponse } from 'http'
import QRCode from 'qrcode'
import { CloudError, rawReply, type AdminRequest, type EmulatorContext, type ServiceModule } from '../types'
import { findInvocation, findService, registerService } from '../functions/registry'
import { sendJson } from '../functions/http-helpers'
import type { StorageModule } from '../storage'
import { decodeOpenApiRequest, encodeOpenApiResponse } from './proto'
import { judge, loadWordList, type Suggest, type WordList } from './content-safety'

/** A message `subscribeMessage.send` accepted. */
export interface OutboxMessage {
  /** Sequence number (1, 2, ...). */
  id: number
  msgid: number
  /** ISO-8601 UTC. */
  sentAt: string
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
  /** Function that sent it (null when sent by a test through the SDK directly). */
  fromFunction: string | null
  invocationId: string | null
}

/** One `security.mediaCheckAsync` request and its verdict. */
export interface MediaCheckRecord {
  trace_id: string
  media_url: string
  media_type: number
  openid: string
  scene: number
  /** ISO-8601 UTC. */
  requestedAt: string
  /** 'error' = the check itself failed (the push carries errcode -1, no result). */
  suggest: Suggest | 'error'
  label: number
  /** Function the verdict was pushed to, and how that went. */
  delivery: { function: string; status: 'pending' | 'delivered' | 'failed'; error?: string } | null
}

export interface OpenApiModule extends ServiceModule {
  /** Messages sent, oldest first. */
  outbox(): OutboxMessage[]
  /** Media checks requested, oldest first. */
  mediaChecks(): MediaCheckRecord[]
  /** Resolves when every pending media-check delivery has finished. */
  settled(): Promise<void>
  /** The word list in force (a copy). */
  words(): WordList
  /** Replace (part of) the word list, e.g. in a test; `resetWords()` restores the file. */
  setWords(list: Partial<WordList>): void
  resetWords(): void
  /** Make `subscribeMessage.send` to `openid` fail with 43101 (user refused), or allow again. */
  refuseSubscription(openid: string, refuse?: boolean): void
  /**
   * Deliver each media-check verdict BEFORE answering `mediaCheckAsync`
   * (on), instead of just after (off, the default): the order in which a
   * verdict reaches the function before the item that holds the image is
   * saved. `reset()` turns it off.
   */
  pushVerdictsBeforeReply(on?: boolean): void
}

export interface OpenApiOptions {
  /** Word list file (default emulator/openapi/content-safety-words.json). */
  wordsFile?: string
  /** Function that receives media-check verdicts as message-push events. */
  mediaCheckFunction?: string
}

interface WxReply {
  body: Buffer
  contentType: string
  errorCode?: number
}

const json = (v: unknown): WxReply => ({ body: Buffer.from(JSON.stringify(v)), contentType: 'application/json; charset=UTF-8' })
const wxError = (errcode: number, errmsg: string): WxReply => json({ errcode, errmsg })

/** Scene characters WeChat allows in wxacode.getUnlimited. */
const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

/** Create the open API module. */
export function createOpenApiModule(ctx: EmulatorContext, opts: OpenApiOptions = {}): OpenApiModule {
  let words = loadWordList(opts.wordsFile)
  const outbox: OutboxMessage[] = []
  const media: MediaCheckRecord[] = []
  const pending = new Set<Promise<void>>()
  const refused = new Set<string>()
  let msgSeq = 0
  /** Deliver media-check verdicts before answering mediaCheckAsync (see pushVerdictsBeforeReply). */
  let pushFirst = false

  function parseParams(req: AdminRequest): { api: string; args: Record<string, unknown>; files: Record<string, { bytes: Buffer; filename?: string }> } {
    const api = String(req.params.apiName ?? '')
    const bytes = req.parts.requestData
    if (!bytes) throw new CloudError('INVALID_PARAM', 'wx.openApi: requestData missing')
    let decoded
    try {
      decoded = decodeOpenApiRequest(bytes)
    } catch (e) {
      throw new CloudError('INVALID_PARAM', `wx.openApi: requestData is not a CommApiData message (${(e as Error).message})`)
    }
    const args: Record<string, unknown> = {}
    const files: Record<string, { bytes: Buffer; filename?: string }> = {}
    for (const p of decoded.params) {
      if (p.filename) {
        files[p.key] = { bytes: p.value, filename: p.filename }
        continue
      }
      try {
        args[p.key] = JSON.parse(p.value.toString('utf8'))
      } catch {
        args[p.key] = p.value.toString('utf8')
      }
    }
    return { api, args, files }
  }

  function msgSecCheck(a: Record<string, unknown>): WxReply {
    const content = a.content
    if (typeof content !== 'string' || content.length === 0) return wxError(40097, 'invalid args: content is empty')
    const v2 = Number(a.version) === 2
    if (v2) {
      if (typeof a.openid !== 'string' || !a.openid) return wxError(40003, 'invalid openid')
      const scene = Number(a.scene)
      if (![1, 2, 3, 4].includes(scene)) return wxError(40097, 'invalid args: scene must be 1, 2, 3 or 4')
      if ([...content].length > 2500) return wxError(40097, 'invalid args: content longer than 2500 characters')
    }
    const haystack = [a.title, a.nickname, a.signature, content].filter((x) => typeof x === 'string').join('\n')
    const v = judge(haystack, words.text)
    if (v.kind === 'error') return wxError(-1, 'system error')
    if (!v2) return v.suggest === 'risky' ? wxError(87014, 'risky content') : json({ errcode: 0, errmsg: 'ok' })
    const detail: Array<Record<string, unknown>> = [{ strategy: 'content_model', errcode: 0, suggest: v.suggest, label: v.label, prob: v.suggest === 'pass' ? 0 : 90 }]
    if (v.keyword) detail.push({ strategy: 'keyword', errcode: 0, suggest: v.suggest, label: v.label, level: v.suggest === 'risky' ? 20 : 10, keyword: v.keyword })
    return json({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: v.suggest, label: v.label },
      detail,
      trace_id: crypto.randomBytes(12).toString('hex')
    })
  }

  function mediaHaystack(mediaUrl: string): string {
    const parts = [mediaUrl]
    const storage = findService<StorageModule>(ctx, 'storage')
    try {
      const u = new URL(mediaUrl)
      if (storage && `${u.protocol}//${u.host}` === ctx.url && u.pathname.startsWith('/_files/')) {
        const rest = u.pathname.slice('/_files/'.length)
        const cloudPath = decodeURIComponent(rest.slice(rest.indexOf('/') + 1))
        const bytes = storage.read(storage.fileIdFor(cloudPath))
        parts.push(cloudPath)
        if (bytes) parts.push(bytes.subarray(0, 65536).toString('latin1'))
      }
    } catch {
      // not a URL we know: judge the string alone
    }
    return parts.join('\n')
  }

  function mediaCheckAsync(a: Record<string, unknown>, fromOpenid: string | undefined): WxReply & { delivery?: Promise<void> } {
    const mediaUrl = a.media_url
    const mediaType = Number(a.media_type)
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl)) return wxError(40097, 'invalid args: media_url')
    if (![1, 2].includes(mediaType)) return wxError(40097, 'invalid args: media_type must be 1 (audio) or 2 (image)')
    if (Number(a.version) !== 2) return wxError(40097, 'invalid args: only version 2 is supported')
    if (typeof a.openid !== 'string' || !a.openid) return wxError(40003, 'invalid openid')
    const scene = Number(a.scene)
    if (![1, 2, 3, 4].includes(scene)) return wxError(40097, 'invalid args: scene must be 1, 2, 3 or 4')
    const v = judge(mediaHaystack(mediaUrl), words.media)
    const traceId = crypto.randomBytes(12).toString('hex')
    const rec: MediaCheckRecord = {
      trace_id: traceId,
      media_url: mediaUrl,
      media_type: mediaType,
      openid: a.openid,
      scene,
      requestedAt: new Date().toISOString(),
      suggest: v.kind === 'error' ? 'error' : v.suggest,
      label: v.kind === 'error' ? 0 : v.label,
      delivery: opts.mediaCheckFunction ? { function: opts.mediaCheckFunction, status: 'pending' } : null
    }
    media.push(rec)
    const delivery = opts.mediaCheckFunction ? deliver(rec, opts.mediaCheckFunction, fromOpenid) : undefined
    return { ...json({ errcode: 0, errmsg: 'ok', trace_id: traceId }), delivery }
  }

  /** Push the verdict to a function as the cloud's message-push event (after this reply). */
  function deliver(rec: MediaCheckRecord, fnName: string, openid: string | undefined): Promise<void> {
    const functions = findService<{ invoke(name: string, event: unknown, who: Record<string, unknown>): Promise<unknown> }>(ctx, 'functions')
    const event =
      rec.suggest === 'error'
        ? { errcode: -1, errmsg: 'system error' }
        : { errcode: 0, errmsg: 'ok', result: { suggest: rec.suggest, label: rec.label }, detail: [{ strategy: 'content_model', errcode: 0, suggest: rec.suggest, label: rec.label, prob: 90 }] }
    const push = {
      ToUserName: 'gh_local_emulator',
      FromUserName: rec.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx0000000000000000',
      trace_id: rec.trace_id,
      version: 2,
      ...event
    }
    const p = (async () => {
      if (!pushFirst) await new Promise((r) => setTimeout(r, 10))
      if (!functions || !rec.delivery) throw new Error('function host not loaded')
      await functions.invoke(fnName, push, { openid: openid ?? rec.openid, source: 'wx_unknown' })
    })()
      .then(() => {
        if (rec.delivery) rec.delivery.status = 'delivered'
      })
      .catch((e: Error) => {
        if (rec.delivery) {
          rec.delivery.status = 'failed'
          rec.delivery.error = e.message
        }
        ctx.logger.warn('media check delivery failed', { function: fnName, trace_id: rec.trace_id, error: e.message })
      })
      .finally(() => pending.delete(p))
    pending.add(p)
    return p
  }

  function subscribeSend(a: Record<string, unknown>, req: AdminRequest, fnName: string | null): WxReply {
    if (typeof a.touser !== 'string' || !a.touser) return wxError(40003, 'invalid openid hint: touser is empty')
    if (typeof a.template_id !== 'string' || !a.template_id) return wxError(40037, 'invalid template_id')
    if (typeof a.page !== 'string' || !a.page) return wxError(47003, 'argument invalid! page is empty (the local cloud requires page)')
    const data = a.data
    if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) return wxError(47003, 'argument invalid! data is empty')
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      const value = (v as { value?: unknown } | null)?.value
      if (typeof value !== 'string' && typeof value !== 'number') return wxError(47003, `argument invalid! data.${k}.value is empty`)
    }
    const state = a.miniprogram_state
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state))) return wxError(47003, 'argument invalid! miniprogram_state')
    if (refused.has(a.touser)) return wxError(43101, 'user refuse to accept the msg')
    const msgid = 2000000000 + ++msgSeq
    outbox.push({
      id: msgSeq,
      msgid,
      sentAt: new Date().toISOString(),
      touser: a.touser,
      template_id: a.template_id,
      page: a.page,
      data: Object.fromEntries(Object.entries(data as Record<string, { value: unknown }>).map(([k, v]) => [k, { value: String(v.value) }])),
      miniprogram_state: state === undefined ? undefined : String(state),
      lang: a.lang === undefined ? undefined : String(a.lang),
      fromFunction: fnName,
      invocationId: req.invocationId || null
    })
    return json({ errcode: 0, errmsg: 'ok', msgid })
  }

  async function getUnlimited(a: Record<string, unknown>): Promise<WxReply> {
    const scene = a.scene
    if (typeof scene !== 'string' || !SCENE_RE.test(scene)) {
      return wxError(40169, 'invalid length for scene, or the data is not json string')
    }
    const page = a.page === undefined ? '' : String(a.page)
    if (page.startsWith('/')) return wxError(41030, 'invalid page rid: page must not start with /')
    const envVersion = a.env_version === undefined ? 'release' : String(a.env_version)
    if (!['release', 'trial', 'develop'].includes(envVersion)) return wxError(40097, 'invalid args: env_version')
    const width = a.width === undefined ? 430 : Math.min(1280, Math.max(280, Number(a.width) || 430))
    const lc = a.line_color as { r?: number; g?: number; b?: number } | undefined
    const hex = (n: unknown): string => Math.max(0, Math.min(255, Number(n) || 0)).toString(16).padStart(2, '0')
    const dark = lc && a.auto_color !== true ? `#${hex(lc.r)}${hex(lc.g)}${hex(lc.b)}ff` : '#000000ff'
    const light = a.is_hyaline === true ? '#00000000' : '#ffffffff'
    const text = `wxacode:${page}?scene=${encodeURIComponent(scene)}&env_version=${envVersion}`
    const png = await QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M', color: { dark, light } })
    return { body: png, contentType: 'image/png' }
  }

  async function handleOpenApi(_params: Record<string, any>, req: AdminRequest) {
    const { api, args } = parseParams(req)
    const inv = findInvocation(ctx, req.invocationId)
    let reply: WxReply
    if (inv && !inv.config.openapi.includes(api)) {
      ctx.logger.warn(`open API ${api} refused: add it to permissions.openapi in ${inv.name}/config.json`, { function: inv.name })
      reply = { body: Buffer.alloc(0), contentType: '', errorCode: -604101 }
    } else {
      switch (api) {
        case 'security.msgSecCheck':
          reply = msgSecCheck(args)
          break
        case 'security.mediaCheckAsync':
          {
            const out = mediaCheckAsync(args, inv?.identity.openid)
            if (pushFirst && out.delivery) await out.delivery
            reply = out
          }
          break
        case 'subscribeMessage.send':
          reply = subscribeSend(args, req, inv?.name ?? null)
          break
        case 'wxacode.getUnlimited':
          reply = await getUnlimited(args)
          break
        default:
          reply = { body: Buffer.alloc(0), contentType: '', errorCode: -604100 }
      }
    }
    return rawReply(encodeOpenApiResponse(reply.body, reply.contentType, reply.errorCode ?? 0), 'application/octet-stream')
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method !== 'GET') return false
    if (url.pathname === '/_outbox') {
      if (url.searchParams.get('format') === 'json') sendJson(res, 200, outbox)
      else sendHtml(res, outboxPage(outbox))
      return true
    }
    if (url.pathname === '/_media_checks') {
      sendJson(res, 200, media)
      return true
    }
    return false
  }

  const mod: OpenApiModule = {
    name: 'openapi',
    adminActions: { 'wx.openApi': handleOpenApi },
    handleHttp,
    reset() {
      outbox.length = 0
      media.length = 0
      refused.clear()
      pushFirst = false
      msgSeq = 0
      words = loadWordList(opts.wordsFile)
    },
    outbox: () => outbox.map((m) => ({ ...m, data: { ...m.data } })),
    mediaChecks: () => media.map((m) => ({ ...m, delivery: m.delivery ? { ...m.delivery } : null })),
    settled: async () => {
      while (pending.size) await Promise.allSettled([...pending])
    },
    words: () => JSON.parse(JSON.stringify(words)) as WordList,
    setWords(list) {
      words = { ...words, ...list }
    },
    resetWords() {
      words = loadWordList(opts.wordsFile)
    },
    refuseSubscription(openid, refuse = true) {
      if (refuse) refused.add(openid)
      else refused.delete(openid)
    },
    pushVerdictsBeforeReply(on = true) {
      pushFirst = on
    }
  }
  registerService(ctx, 'openapi', mod)
  return mod
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

function outboxPage(list: OutboxMessage[]): string {
  const rows = list
    .slice()
    .reverse()
    .map(
      (m) =>
        `<tr><td>${m.id}</td><td>${escapeHtml(m.sentAt)}</td><td>${escapeHtml(m.touser)}</td><td>${escapeHtml(m.template_id)}</td>` +
        `<td>${escapeHtml(m.page)}</td><td>${Object.entries(m.data)
          .map(([k, v]) => `<div><b>${escapeHtml(k)}</b>: ${escapeHtml(v.value)}</div>`)
          .join('')}</td><td>${escapeHtml(m.fromFunction ?? '')}</td></tr>`
    )
    .join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订阅消息发件箱 · 本地云</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f3f3f3}</style></head>
<body><h1>订阅消息发件箱（本地云）</h1><p>${list.length} 条，最新在前。JSON: <a href="/_outbox?format=json">/_outbox?format=json</a></p>
<table><thead><tr><th>#</th><th>发送时间 (UTC)</th><th>touser</th><th>template_id</th><th>page</th><th>data</th><th>来自云函数</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">（空）</td></tr>'}</tbody></table></body></html>`
}

function sendHtml(res: ServerResponse, html: string): void {
  const body = Buffer.from(html)
  res.statusCode = 200
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Content-Length', String(body.length))
  res.end(body)
}

/**
 * The HTTP server (127.0.0.1 only): parses every `/admin` request the
 * wx-server-sdk sends into an {@link AdminRequest}, runs `database.*` on the
 * engine and everything else on the registered modules, and answers the way
 * the cloud does: HTTP 200 with JSON (`{..., requestId}` on success,
 * `{code, message, requestId}` on failure). Other routes go to the modules'
 * `handleHttp`. A handler's exception never takes the server down.
 *
 * The local cloud is not a door (issue 13 item 8): every request must name
 * this server in its `Host` (`127.0.0.1:<port>` or `localhost:<port>`), so a
 * page that re-binds its own domain name to 127.0.0.1 reaches nothing; and
 * `/admin` (database, storage, open API: everything a function may do,
 * including granting staff) refuses whatever a browser sends, see
 * {@link browserMark}. Browsers reach only the routes built for the H5 build
 * (`POST /functions/<name>` and `POST /storage/upload`, both limited to the
 * configured H5 origins, plus signed file links and the outbox pages).
 */
import http from 'http'
import { randomBytes } from 'crypto'
import type { AddressInfo } from 'net'
import type { AdminRequest, Counters, Logger, ServiceModule } from './types'
import { CloudError, isRawReply, parseAdminPath } from './types'
import type { DatabaseEngine } from './database/engine'
import { kindOfAction } from './counters'

export interface ServerOptions {
  engine: DatabaseEngine
  counters: Counters
  logger: Logger
  envId: string
  modules: () => ServiceModule[]
  /** Largest /admin body accepted, bytes (default 16 MiB; over it: EXCEED_REQUEST_SIZE_LIMIT). */
  maxAdminBodyBytes?: number
  /** Largest body of other routes (uploads), bytes (default 64 MiB; over it: HTTP 413). */
  maxHttpBodyBytes?: number
}

const MiB = 1024 * 1024

/** Read the whole body; if it exceeds `limit`, keep draining and report `over`. */
function readBody(req: http.IncomingMessage, limit: number): Promise<{ body: Buffer; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        over = true
        chunks.length = 0
        return
      }
      if (!over) chunks.push(c)
    })
    req.on('end', () => resolve({ body: over ? Buffer.alloc(0) : Buffer.concat(chunks), over }))
    req.on('error', reject)
  })
}

/**
 * Split a multipart/form-data body into its parts (name -> raw bytes). The
 * SDK's form-data encoder writes `--boundary\r\n<headers>\r\n\r\n<bytes>\r\n`
 * per part and `--boundary--` at the end; parts keep their exact bytes
 * (protobuf payloads are binary).
 */
export function parseMultipart(body: Buffer, boundary: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  const delim = Buffer.from('--' + boundary)
  let pos = body.indexOf(delim)
  while (pos !== -1) {
    let start = pos + delim.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break // closing --
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) break
    const headers = body.subarray(start, headerEnd).toString('utf8')
    const next = body.indexOf(delim, headerEnd + 4)
    if (next === -1) break
    let end = next
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2
    const m = /name="([^"]*)"/i.exec(headers)
    if (m) out[m[1]] = body.subarray(headerEnd + 4, end)
    pos = next
  }
  return out
}

function send(res: http.ServerResponse, status: number, body: Buffer | string, contentType: string): void {
  if (res.headersSent) return
  const buf = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { 'content-type': contentType, 'content-length': buf.length })
  res.end(buf)
}

function sendJson(res: http.ServerResponse, obj: unknown): void {
  send(res, 200, JSON.stringify(obj), 'application/json; charset=utf-8')
}

/**
 * Why `req` does not name this server as its host, or null: the `Host`
 * header must be `127.0.0.1:<port>` or `localhost:<port>` with the port the
 * request arrived on (DNS rebinding sends the attacker's name).
 */
export function foreignHost(req: http.IncomingMessage): string | null {
  const host = String(req.headers.host ?? '').toLowerCase()
  const port = req.socket.localPort
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null
  return `Host ${host ? `"${host.slice(0, 100)}"` : '(none)'} is not this emulator (127.0.0.1:${port} or localhost:${port})`
}

/** `Sec-Fetch-Mode` values only a browser sends (Node's fetch sends `cors` too, so that one alone proves nothing). */
const BROWSER_FETCH_MODES = new Set(['navigate', 'no-cors', 'same-origin', 'websocket'])

/**
 * What marks `req` as sent by a web browser, or null. The SDK (and any Node
 * tool) sends none of these; a browser always sends `Origin` on a POST and,
 * when recent, `Sec-Fetch-Site`. Any `Origin` counts, even an allowed H5 one
 * or `null`: the H5 build never calls `/admin`.
 */
export function browserMark(req: http.IncomingMessage): string | null {
  if (req.headers.origin !== undefined) return 'an Origin header'
  if (req.headers['sec-fetch-site'] !== undefined) return 'a Sec-Fetch-Site header'
  if (req.headers['sec-fetch-user'] !== undefined) return 'a Sec-Fetch-User header'
  const mode = req.headers['sec-fetch-mode']
  if (typeof mode === 'string' && BROWSER_FETCH_MODES.has(mode.toLowerCase())) return `Sec-Fetch-Mode ${mode}`
  return null
}

/** Create (not start) the emulator's HTTP server. */
export function createServer(o: ServerOptions): http.Server {
  const maxAdmin = o.maxAdminBodyBytes ?? 16 * MiB
  const maxHttp = o.maxHttpBodyBytes ?? 64 * MiB

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, invocationId: string, query: URLSearchParams) {
    const requestId = randomBytes(8).toString('hex')
    const fail = (code: string, message: string) => sendJson(res, { code, message: `[${code}] ${message}`, requestId })
    if (req.method !== 'POST') return fail('INVALID_PARAM', 'the admin API takes POST')
    const { body, over } = await readBody(req, maxAdmin)
    if (over) return fail('EXCEED_REQUEST_SIZE_LIMIT', `request body exceeds ${maxAdmin} bytes`)

    const ct = String(req.headers['content-type'] ?? '')
    let params: Record<string, any> = {}
    let parts: Record<string, Buffer> = {}
    if (/^multipart\/form-data/i.test(ct)) {
      const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct)
      if (!m) return fail('INVALID_PARAM', 'multipart body without boundary')
      parts = parseMultipart(body, (m[1] ?? m[2]).trim())
      for (const [k, v] of Object.entries(parts)) params[k] = v.toString('utf8')
    } else {
      try {
        params = body.length ? JSON.parse(body.toString('utf8')) : {}
      } catch (e) {
        return fail('INVALID_PARAM', `malformed JSON body: ${(e as Error).message}`)
      }
      if (typeof params !== 'object' || params === null || Array.isArray(params)) {
        return fail('INVALID_PARAM', 'the body must be a JSON object')
      }
    }
    const action = params.action
    if (typeof action !== 'string' || !action) return fail('INVALID_PARAM', 'action is required')
    const env = String(params.envName || query.get('env') || '')
    if (env && env !== o.envId) return fail('INVALID_ENV', `env ${env} is not served here (this emulator serves ${o.envId})`)

    const request: AdminRequest = {
      action,
      params,
      parts,
      headers: req.headers,
      invocationId,
      query: Object.fromEntries(query.entries()),
      requestId
    }
    try {
      if (action.startsWith('database.')) {
        const name = action.slice('database.'.length)
        const kind = kindOfAction(name)
        if (!kind) return fail('INVALID_ACTION', `unknown action ${action}`)
        o.counters.record(invocationId, kind, typeof params.transactionId === 'string' && params.transactionId !== '')
        const out = o.engine.handle(name, params)
        return sendJson(res, { ...out, requestId })
      }
      for (const m of o.modules()) {
        const h = m.adminActions[action]
        if (h) {
          const out = await h(params, request)
          if (isRawReply(out)) return send(res, 200, out.body, out.contentType)
          return sendJson(res, { requestId, ...out })
        }
      }
      return fail('INVALID_ACTION', `unknown action ${action}`)
    } catch (e) {
      if (e instanceof CloudError) return sendJson(res, { code: e.code, message: e.message, requestId })
      o.logger.error(`action ${action} failed: ${(e as Error)?.stack ?? String(e)}`, { requestId })
      return fail('SYS_ERR', 'internal error of the local emulator (see its log)')
    }
  }

  /** 403 with the cloud's error shape; the request body is not read. */
  function refuse(req: http.IncomingMessage, res: http.ServerResponse, why: string) {
    o.logger.warn(`refused ${req.method} ${String(req.url ?? '').slice(0, 100)}: ${why}`)
    res.setHeader('connection', 'close')
    send(res, 403, JSON.stringify({ code: 'PERMISSION_DENIED', message: `[PERMISSION_DENIED] ${why}` }), 'application/json; charset=utf-8')
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const badHost = foreignHost(req)
    if (badHost) return refuse(req, res, badHost)
    const admin = parseAdminPath(url.pathname)
    if (admin) {
      const mark = browserMark(req)
      if (mark) return refuse(req, res, `the admin API is not for web pages (the request carries ${mark}); the H5 build calls POST /functions/<name>`)
      return handleAdmin(req, res, admin.invocationId, url.searchParams)
    }
    if (url.pathname === '/_health') return sendJson(res, { ok: true, envId: o.envId })
    const { body, over } = await readBody(req, maxHttp)
    if (over) return send(res, 413, 'request body too large', 'text/plain; charset=utf-8')
    for (const m of o.modules()) {
      if (m.handleHttp && (await m.handleHttp(req, res, body))) return
    }
    send(res, 404, 'not found', 'text/plain; charset=utf-8')
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      o.logger.error(`request ${req.method} ${req.url} failed: ${(e as Error)?.stack ?? String(e)}`)
      try {
        if (!res.headersSent) send(res, 500, 'internal error', 'text/plain; charset=utf-8')
        else res.end()
      } catch {
        /* socket gone */
      }
    })
  })
  // Idle keep-alive sockets must be closed by the client first: the SDK's agent
  // (agentkeepalive, freeSocketTimeout 4.8 s) and Node 20's global agent (5 s)
  // would otherwise reuse a socket the server is closing at the same moment,
  // which reaches the function as -501001 "socket hang up".
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  return server
}

/** Listen on 127.0.0.1:`port` (0 = a free port); resolves with the actual port. */
export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

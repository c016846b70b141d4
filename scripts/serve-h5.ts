/**
 * Serves the H5 build on 127.0.0.1 and tells it where the local cloud is.
 *
 *   GET /cloud-config.js  -> `window.__CLOUD_CONFIG__ = {"url": ..., "envId": ...}`
 *                            (src/index.html loads it before the app; no-store)
 *   GET /<file>           -> the file from `distDir` (GET/HEAD only; no
 *                            directory listing; `..` cannot leave distDir)
 *   POST /api/<function>  -> with `proxyApi` (the desk console): forwarded to
 *                            the local cloud's HTTP access path, as the
 *                            cloud's HTTP access service does in production
 *                            on the console's own origin; only content-type,
 *                            user-agent and the console session header go on
 *   anything else         -> index.html (the app uses hash routing)
 *
 * Used by `npm start` (scripts/start.ts) and the browser tests. Run alone:
 * `npx tsx scripts/serve-h5.ts --cloud-url http://127.0.0.1:9100 [--port 10086]`.
 */
import fs from 'fs'
import http from 'http'
import path from 'path'
import type { AddressInfo } from 'net'
import { SESSION_HEADER } from '../src/core/actions/console'

export interface ServeH5Options {
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number
  /** Folder of the H5 build. Default: `<repo>/dist/h5`. */
  distDir?: string
  /** Base URL of the local cloud emulator, e.g. `http://127.0.0.1:9100`. */
  cloudUrl: string
  /** Cloud env id passed to the app; default: the build's `CLOUD_ENV_ID`. */
  envId?: string
  /** Forward `POST /api/<function>` to the cloud (the desk console). */
  proxyApi?: boolean
  /** More values for `window.__CLOUD_CONFIG__` (the console gets `h5Url`, to confirm a sign-in on this machine). */
  extraConfig?: Record<string, string>
}

/** Headers the console's requests keep on their way to the cloud. */
const FORWARDED = ['content-type', 'user-agent', SESSION_HEADER]

/** Forwards one console call to the local cloud's HTTP access path and pipes the answer back. */
function forward(cloudUrl: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  const target = new URL(pathname, cloudUrl)
  const headers: Record<string, string> = {}
  for (const name of FORWARDED) {
    const v = req.headers[name]
    if (typeof v === 'string') headers[name] = v
  }
  const upstream = http.request(target, { method: 'POST', headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'cache-control': 'no-store' })
    answer.pipe(res)
  })
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errCode: -501000, errMsg: 'local cloud unreachable' }))
  })
  req.pipe(upstream)
}

export interface ServeH5Handle {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string
  port: number
  /** Closes the server and open connections. */
  stop(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

/** Starts the server; rejects if `distDir/index.html` is missing (build first) or the port is taken. */
export async function serveH5(options: ServeH5Options): Promise<ServeH5Handle> {
  const distDir = path.resolve(options.distDir ?? path.join(__dirname, '..', 'dist', 'h5'))
  const indexFile = path.join(distDir, 'index.html')
  if (!fs.existsSync(indexFile)) {
    throw new Error(`No H5 build at ${distDir} (index.html missing). Build it first: NODE_ENV=development npx taro build --type h5`)
  }
  const config = { url: options.cloudUrl.replace(/\/+$/, ''), ...(options.envId ? { envId: options.envId } : {}), ...(options.extraConfig ?? {}) }
  const configScript = `window.__CLOUD_CONFIG__ = ${JSON.stringify(config)};\n`

  const server = http.createServer((req, res) => {
    if (options.proxyApi && req.method === 'POST') {
      const apiPath = new URL(req.url ?? '/', 'http://localhost').pathname
      if (/^\/api\/[A-Za-z0-9_-]+$/.test(apiPath)) return forward(config.url, req, res, apiPath)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    } catch {
      res.writeHead(400).end()
      return
    }
    if (pathname === '/cloud-config.js') {
      res.writeHead(200, { 'content-type': MIME['.js'], 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : configScript)
      return
    }
    let file = path.join(distDir, path.normalize(pathname))
    if (!file.startsWith(distDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = indexFile
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    const cache = file === indexFile ? 'no-cache' : 'public, max-age=3600'
    res.writeHead(200, { 'content-type': type, 'cache-control': cache, 'content-length': fs.statSync(file).size })
    if (req.method === 'HEAD') res.end()
    else fs.createReadStream(file).pipe(res)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name)
    return i >= 0 ? process.argv[i + 1] : undefined
  }
  const cloudUrl = arg('--cloud-url') ?? process.env.CLOUD_URL
  if (!cloudUrl) {
    console.error('usage: tsx scripts/serve-h5.ts --cloud-url http://127.0.0.1:9100 [--port 10086] [--dist dist/h5] [--env-id ID]')
    process.exit(2)
  }
  serveH5({ cloudUrl, port: Number(arg('--port') ?? 0), distDir: arg('--dist'), envId: arg('--env-id') }).then(
    (h) => console.log(`H5 build served at ${h.url}`),
    (e: Error) => {
      console.error(e.message)
      process.exit(1)
    }
  )
}

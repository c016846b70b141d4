/**
 * A pass-through HTTP proxy between the cloud functions and the emulator, so
 * a test can hold ONE database request of a function (a slow network round
 * trip) while other calls run, then let it go: races replayed in an exact
 * order. Nothing in the emulator or the product changes. Written by the
 * adversary pass of 2026-11-29.
 */
import http from 'http'
import type { AddressInfo } from 'net'
import type { FunctionsCloud } from './support'

export interface Hold {
  /** Resolves when a matching request is being held. */
  hit: Promise<string>
  /** Lets the held request through. */
  release(): void
  /** Withdraws the rule when nothing matched it (a later request is not held). */
  cancel(): void
}

export interface Proxy {
  /** Hold the next request whose body matches `test` (once). */
  hold(test: (body: string) => boolean): Hold
  /** Every request body seen (for debugging). */
  log: string[]
  close(): Promise<void>
}

export async function installProxy(cloud: FunctionsCloud): Promise<Proxy> {
  const target = new URL(cloud.emulator.context.url)
  const rules: { test: (b: string) => boolean; hit: (b: string) => void; gate: Promise<void> }[] = []
  const log: string[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const text = body.toString('utf8')
      log.push(text.slice(0, 400))
      const i = rules.findIndex((r) => r.test(text))
      if (i >= 0) {
        const [rule] = rules.splice(i, 1)
        rule.hit(text)
        await rule.gate
      }
      const out = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 500, up.headers)
          up.pipe(res)
        }
      )
      out.on('error', (e) => {
        res.writeHead(502)
        res.end(String(e))
      })
      out.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  const original = cloud.emulator.context.url
  ;(cloud.emulator.context as { url: string }).url = `http://127.0.0.1:${port}`
  return {
    log,
    hold(test) {
      let hit!: (b: string) => void
      let release!: () => void
      const hitP = new Promise<string>((r) => (hit = r))
      const gate = new Promise<void>((r) => (release = r))
      const rule = { test, hit, gate }
      rules.push(rule)
      return {
        hit: hitP,
        release,
        cancel() {
          const i = rules.indexOf(rule)
          if (i >= 0) rules.splice(i, 1)
          release()
        }
      }
    },
    async close() {
      (cloud.emulator.context as { url: string }).url = original
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

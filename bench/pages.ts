/**
 * Cloud calls per page on open (issue 12, "Tests and targets": the home
 * page's first screen needs at most 2 cloud calls), counted in the browser
 * build: the development H5 build in dist/h5 (or $H5_DIST; `npm test` and
 * `npm start` make it) against the demo county, in a phone-sized Chromium.
 * A call is one request to the local cloud's `/functions/<name>` path. For
 * each page and persona: the calls made from a fresh load until the network
 * is quiet (first screen, nobody scrolls), and after scrolling to the bottom.
 * The persona switcher sets the identity from storage, so opening a page
 * costs exactly what the page itself asks for.
 */
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5 } from '../scripts/serve-h5'
import { startDemoCloud } from '../test/browser/support/demo-cloud'
import { freePort, launchPhone } from '../test/browser/support/chromium'
import { PERSONA_STORAGE_KEY } from '../src/dev/persona-store'

const root = path.join(__dirname, '..')
const distDir = process.env.H5_DIST ? path.resolve(root, process.env.H5_DIST) : path.join(root, 'dist', 'h5')

/** Pages and personas measured: the home page for the public and a member, and the main tabs. */
const CASES: { route: string; persona: string; target?: number }[] = [
  { route: 'pages/index/index', persona: 'public', target: 2 },
  { route: 'pages/index/index', persona: 'member', target: 2 },
  { route: 'pages/consult/index', persona: 'public' },
  { route: 'pages/activity/list/index', persona: 'member' },
  { route: 'pages/mine/index', persona: 'member' }
]

async function quiet(page: Page, calls: string[]): Promise<void> {
  // network idle, then no new call for 1.5 s
  await page.waitForLoadState('networkidle').catch(() => undefined)
  let seen = -1
  while (seen !== calls.length) {
    seen = calls.length
    await page.waitForTimeout(1500)
  }
}

export async function run(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) return { skipped: `${distDir} missing: build it with NODE_ENV=development npx taro build --type h5` }
  const port = await freePort()
  const emulator = await startDemoCloud({ development: true, h5Origins: [`http://127.0.0.1:${port}`] })
  const h5 = await serveH5({ port, distDir, cloudUrl: emulator.url, envId: emulator.envId })
  const phone = await launchPhone()
  const out: Record<string, unknown> = {}
  try {
    for (const c of CASES) {
      const page = await phone.context.newPage()
      await page.goto(`${h5.url}/`)
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PERSONA_STORAGE_KEY, c.persona])
      await page.goto('about:blank')
      const calls: string[] = []
      page.on('request', (r) => {
        const m = /\/functions\/([^/?#]+)/.exec(r.url())
        if (m && r.method() === 'POST') {
          let action = decodeURIComponent(m[1])
          try {
            const body = JSON.parse(r.postData() ?? '{}') as { action?: string; data?: { action?: string } }
            action = body.action ?? body.data?.action ?? action
          } catch {
            /* keep the function name */
          }
          calls.push(action)
        }
      })
      await page.goto(`${h5.url}/#/${c.route}`)
      await quiet(page, calls)
      const firstScreen = [...calls]
      await page.mouse.wheel(0, 20000)
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await quiet(page, calls)
      out[`${c.route} as ${c.persona}`] = {
        firstScreenCalls: firstScreen.length,
        firstScreen,
        afterScrollCalls: calls.length,
        ...(c.target !== undefined ? { target: c.target, met: firstScreen.length <= c.target } : {})
      }
      await page.close()
    }
  } finally {
    await phone.close()
    await h5.stop()
    await emulator.stop()
  }
  return out
}

if (require.main === module) {
  run().then((r) => {
    console.log(JSON.stringify(r, null, 2))
    process.exit(0)
  }, (e) => {
    console.error(e)
    process.exit(1)
  })
}

/**
 * The desk console in Chromium at 1366×768 for a browser test file: one
 * demo cloud, the built console (dist/console) served with `/api/<fn>`
 * proxied as `npm start` does, and a desktop browser, started in
 * `beforeAll` and stopped in `afterAll`. `signedIn(openid)` opens a new tab
 * and signs in as that person the way the phone does (the ticket the page
 * asked for, confirmed through `console.confirmTicket`). `work` is a
 * scratch folder for downloads, removed afterwards.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../../scripts/serve-h5'
import type { Emulator } from '../../../emulator'
import { startDemoCloud } from './demo-cloud'
import { freePort, launchDesktop } from './chromium'

const distDir = path.join(__dirname, '..', '..', '..', 'dist', 'console')

export interface DeskHandle {
  readonly emulator: Emulator
  readonly desk: ServeH5Handle
  readonly browser: Awaited<ReturnType<typeof launchDesktop>>
  /** Scratch folder for downloads (removed after the file). */
  readonly work: string
  /** A new tab signed in as `openid` (its menu shown). */
  signedIn(openid: string): Promise<Page>
}

/** Registers the file's beforeAll/afterAll; `prefix` names the scratch folder. */
export function useDesk(prefix: string): DeskHandle {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const state = {} as { emulator: Emulator; desk: ServeH5Handle; browser: Awaited<ReturnType<typeof launchDesktop>> }
  beforeAll(async () => {
    if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist/console is missing: npx tsx console/build.ts (npm test does this)')
    const port = await freePort()
    // The console's origin may read the cloud's temporary file links (CORS), as npm start configures.
    state.emulator = await startDemoCloud({ development: true, h5Origins: [`http://127.0.0.1:${port}`] })
    state.desk = await serveH5({ distDir, cloudUrl: state.emulator.url, proxyApi: true, port })
    state.browser = await launchDesktop()
  })
  afterAll(async () => {
    await state.browser?.close()
    await state.desk?.stop()
    await state.emulator?.stop()
    fs.rmSync(work, { recursive: true, force: true })
  })
  return {
    get emulator() {
      return state.emulator
    },
    get desk() {
      return state.desk
    },
    get browser() {
      return state.browser
    },
    work,
    async signedIn(openid: string): Promise<Page> {
      const page = await state.browser.context.newPage()
      const ticketReply = page.waitForResponse((r) => r.url().endsWith('/api/console') && r.request().postData()?.includes('console.createTicket') === true)
      await page.goto(`${state.desk.url}/`)
      const { data } = (await (await ticketReply).json()) as { data: { ticket: string } }
      await page.getByAltText('登录码').waitFor()
      const { result } = await state.emulator.invoke<{ ok: boolean; error?: { code: string } }>('console', { action: 'console.confirmTicket', payload: { ticket: data.ticket }, requestId: `desk-${data.ticket.slice(0, 8)}` }, { openid })
      if (!result.ok) throw new Error(`confirmTicket: ${result.error?.code}`)
      await page.getByText('退出登录').waitFor({ timeout: 20000 })
      return page
    }
  }
}

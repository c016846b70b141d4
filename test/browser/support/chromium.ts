/**
 * Headless Debian Chromium through playwright-core, with the flags
 * stack-notes.md lists (no sandbox as root, no background networking: the
 * machine has no outside network) and a fresh profile per launch.
 */
import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import { chromium, type BrowserContext } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage'
]

type LaunchOptions = Parameters<typeof chromium.launchPersistentContext>[1]

/** Debian Chromium with the flags above in a fresh user-data dir; `close()` removes it. */
async function launch(prefix: string, options: LaunchOptions): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`)
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, locale: 'zh-CN', ...options })
  return {
    context,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  }
}

/** A phone-sized touch context (390×844 CSS px, zh-CN). */
export function launchPhone(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launch('cppcc-chromium-', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true })
}

/** A desktop context (1366×768 CSS px, zh-CN, mouse, downloads) for the desk console. */
export function launchDesktop(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launch('cppcc-desk-', { viewport: { width: 1366, height: 768 }, acceptDownloads: true })
}

/** A free TCP port on 127.0.0.1 (so the emulator can allow the H5 origin before the H5 server starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * One H5 app per browser-test file: the development build in dist/h5 (or
 * $H5_DIST) served on a free port against an in-memory local cloud with the
 * demo county, and a phone-sized Chromium. Plus the page helpers the journeys
 * share (persona switching, fresh route loads, NutUI buttons, screenshots).
 *
 *   const app = useH5App()
 *   test('…', async () => { const page = await app.newPage(); await app.open(page, 'pages/…') })
 */
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../../scripts/serve-h5'
import type { Emulator } from '../../../emulator'
import { personas, type Persona } from '../../../src/dev/personas'
import { PERSONA_STORAGE_KEY } from '../../../src/dev/persona-store'
import { startDemoCloud } from './demo-cloud'
import { freePort, launchPhone } from './chromium'

const root = path.join(__dirname, '..', '..', '..')
export const results = path.join(root, 'test-results')

/** The development H5 build; H5_DIST points elsewhere (e.g. a private build while others rebuild dist/h5). */
export const distDir = process.env.H5_DIST ? path.resolve(root, process.env.H5_DIST) : path.join(root, 'dist', 'h5')

/** Fails with a clear message unless `distDir` is a development build (the persona switcher is compiled only there). */
export function assertDevelopmentBuild(): void {
  const js = path.join(distDir, 'js')
  if (!fs.existsSync(path.join(distDir, 'index.html')) || !fs.existsSync(js)) {
    throw new Error(`${distDir} is missing. Build it first: NODE_ENV=development npx taro build --type h5 (npm test does this).`)
  }
  const hasSwitcher = fs.readdirSync(js).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(js, f), 'utf8').includes(PERSONA_STORAGE_KEY))
  if (!hasSwitcher) throw new Error(`${distDir} is a production build (no persona switcher). Rebuild it with NODE_ENV=development npx taro build --type h5.`)
}

export function personaOf(key: Persona['key'] | string): Persona {
  const persona = personas.find((p) => p.key === key)
  if (!persona) throw new Error(`no persona ${key}`)
  return persona
}

/** Taro H5 keeps visited pages in the DOM (hidden): look only at what is on screen. */
export const visible = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true })

/** A NutUI button by its text (the first visible one). */
export async function tapButton(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.nut-button', { hasText: text }).filter({ visible: true }).first().click()
}

/** Switches persona with the on-screen switcher; the app reloads on the same page. */
export async function switchTo(page: Page, key: string): Promise<void> {
  await page.locator('.persona-switcher__toggle').filter({ visible: true }).first().click()
  await visible(page, personaOf(key).description).click()
  await visible(page, `身份：${personaOf(key).label}`).first().waitFor({ timeout: 30000 })
}

export interface H5App {
  readonly emulator: Emulator
  readonly url: string
  /** A new page that records uncaught page errors in `errors`. */
  newPage(): Promise<Page & { errors: string[] }>
  /** Opens an app route afresh (a hash change alone may show a kept, stale page). */
  open(page: Page, route: string): Promise<void>
  /** Opens a route as a persona directly (sets the switcher's stored choice, then loads). */
  openAs(page: Page, persona: string, route: string): Promise<void>
  /** Saves a screenshot as test-results/<name>.png (look at it when a journey changes). */
  screenshot(page: Page, name: string): Promise<void>
}

export function useH5App(): H5App {
  let emulator: Emulator | undefined
  let h5: ServeH5Handle | undefined
  let phone: Awaited<ReturnType<typeof launchPhone>> | undefined

  beforeAll(async () => {
    assertDevelopmentBuild()
    fs.mkdirSync(results, { recursive: true })
    const port = await freePort()
    emulator = await startDemoCloud({ development: true, h5Origins: [`http://127.0.0.1:${port}`] })
    h5 = await serveH5({ port, distDir, cloudUrl: emulator.url, envId: emulator.envId })
    phone = await launchPhone()
  })

  afterAll(async () => {
    await phone?.close()
    await h5?.stop()
    await emulator?.stop()
  })

  const started = () => {
    if (!emulator || !h5 || !phone) throw new Error('useH5App: use it inside tests (the app starts in beforeAll)')
    return { emulator, h5, phone }
  }

  return {
    get emulator() {
      return started().emulator
    },
    get url() {
      return started().h5.url
    },
    async newPage() {
      const page = (await started().phone.context.newPage()) as Page & { errors: string[] }
      page.errors = []
      page.on('pageerror', (e) => { page.errors.push(String(e)); if (process.env.DEBUG_PAGE_ERRORS) console.log(e.stack) })
      return page
    },
    async open(page, route) {
      await page.goto(`${started().h5.url}/#/${route}`)
      await page.reload()
    },
    async openAs(page, persona, route) {
      const { h5: server } = started()
      await page.goto(`${server.url}/`)
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [PERSONA_STORAGE_KEY, persona])
      await page.goto(`${server.url}/#/${route}`)
      await page.reload()
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(results, `${name}.png`) })
    }
  }
}

/**
 * Answers yes to the question an irreversible step asks first (the WeChat
 * modal of `askFirst`: its title names the action): waits for the question,
 * then taps the modal's confirm button.
 */
export async function confirmAsked(page: Page, question: string | RegExp): Promise<void> {
  await visible(page, question).first().waitFor({ timeout: 30000 })
  await page.locator('.taro-model__confirm').filter({ visible: true }).first().click()
}

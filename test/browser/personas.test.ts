/**
 * The H5 build in Chromium: the home page shows the demo county's studios and
 * topics; switching persona to 机关工作人员 makes 我的 show that role and the
 * staff tools. Needs the development H5 build in dist/h5 (npm test builds it).
 */
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../scripts/serve-h5'
import type { Emulator } from '../../emulator'
import { studios, topics } from '../../database/demo/county'
import { personas } from '../../src/dev/personas'
import { startDemoCloud } from './support/demo-cloud'
import { freePort, launchPhone } from './support/chromium'

const root = path.join(__dirname, '..', '..')
const distDir = path.join(root, 'dist', 'h5')
const results = path.join(root, 'test-results')

/** Fails with a clear message unless dist/h5 is a development build (the switcher is compiled only there). */
function assertDevelopmentBuild(): void {
  const js = path.join(distDir, 'js')
  if (!fs.existsSync(path.join(distDir, 'index.html')) || !fs.existsSync(js)) {
    throw new Error('dist/h5 is missing. Build it first: NODE_ENV=development npx taro build --type h5 (npm test does this).')
  }
  const hasSwitcher = fs.readdirSync(js).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(js, f), 'utf8').includes('cppcc.dev.persona'))
  if (!hasSwitcher) {
    throw new Error('dist/h5 is a production build (no persona switcher). Rebuild it with NODE_ENV=development npx taro build --type h5.')
  }
}

let emulator: Emulator
let h5: ServeH5Handle
let phone: Awaited<ReturnType<typeof launchPhone>>

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

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: label }).first().click()
}

test('the home page shows the county: identity, studios and topics from the local cloud', async () => {
  const page = await phone.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(`${h5.url}/`)
  await page.getByText(studios[0].name).first().waitFor({ timeout: 30000 })
  await page.getByText(topics[0].title).first().waitFor()
  // 群众 by default (no persona chosen yet).
  await page.getByText('身份：群众').waitFor()
  expect(await page.getByText(studios[11].name).count()).toBeGreaterThan(0)
  await page.screenshot({ path: path.join(results, 'browser-home-public.png'), fullPage: false })
  expect(errors).toEqual([])
  await page.close()
})

test('switching persona to 机关工作人员 shows the staff role and tools on 我的', async () => {
  const page = await phone.context.newPage()
  await page.goto(`${h5.url}/`)
  await openTab(page, '我的')
  await page.getByText('绑定委员身份').waitFor({ timeout: 30000 })
  expect(await page.getByText('授权管理').count()).toBe(0)

  await page.getByText('身份：群众').click()
  await page.getByText(personas.find((p) => p.key === 'staff')!.description).click()
  await page.getByText('身份：机关工作人员').waitFor({ timeout: 30000 })
  await page.getByText('授权管理').waitFor({ timeout: 30000 })
  expect(await page.getByText('委员名册').count()).toBeGreaterThan(0)
  // The role tag comes from user.me, i.e. from the server, not from the switcher.
  expect(await page.locator('.nut-tag', { hasText: '机关工作人员' }).count()).toBe(1)
  await page.screenshot({ path: path.join(results, 'browser-mine-staff.png'), fullPage: false })

  // The staff tool works end to end: the roster from the demo data.
  await page.getByText('委员名册').first().click()
  await page.getByText('已绑定').first().waitFor({ timeout: 30000 })
  await page.screenshot({ path: path.join(results, 'browser-staff-roster.png'), fullPage: false })
  await page.close()
})

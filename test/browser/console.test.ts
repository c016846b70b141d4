/**
 * The desk console in Chromium at 1366×768 (issue 14, "Tests and targets"):
 * the sign-in page shows a code; the test confirms the ticket through the
 * mini-program's action as the staff persona (what scanning and tapping
 * 确认登录 does); the console signs in by itself, opens the 社情民意 review
 * queue, refuses two items in one bulk action with one reason, and signs
 * out. The console runs from dist/console behind the same server `npm
 * start` uses, which forwards /api/* to the local cloud.
 */
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../scripts/serve-h5'
import type { Emulator } from '../../emulator'
import { personas } from '../../src/dev/personas'
import { startDemoCloud } from './support/demo-cloud'
import { launchDesktop } from './support/chromium'
import { results } from './support/h5-app'

const root = path.join(__dirname, '..', '..')
const distDir = path.join(root, 'dist', 'console')
const staff = personas.find((p) => p.key === 'staff')!.openid

let emulator: Emulator
let desk: ServeH5Handle
let browser: Awaited<ReturnType<typeof launchDesktop>>

beforeAll(async () => {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist/console is missing: npx tsx console/build.ts (npm test does this)')
  emulator = await startDemoCloud({ development: true })
  desk = await serveH5({ distDir, cloudUrl: emulator.url, proxyApi: true })
  browser = await launchDesktop()
})

afterAll(async () => {
  await browser?.close()
  await desk?.stop()
  await emulator?.stop()
})

async function confirmAsStaff(ticket: string) {
  const { result } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>('console', { action: 'console.confirmTicket', payload: { ticket }, requestId: 'desk-test-confirm' }, { openid: staff })
  if (!result.ok) throw new Error(`confirmTicket: ${result.error?.code}`)
}

async function signIn(page: Page) {
  const ticketReply = page.waitForResponse((r) => r.url().endsWith('/api/console') && r.request().postData()?.includes('console.createTicket') === true)
  await page.goto(`${desk.url}/`)
  const body = (await (await ticketReply).json()) as { data: { ticket: string } }
  await page.getByAltText('登录码').waitFor()
  await page.getByText('请用微信扫码，在小程序中确认登录').waitFor()
  await confirmAsStaff(body.data.ticket)
}

test('sign in by scanning, refuse two 社情民意 items at once, sign out', async () => {
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await signIn(page)
  // The console polls every 2 s and opens the desk once the phone confirmed.
  await page.getByText('退出登录').waitFor({ timeout: 20000 })
  await page.getByRole('menuitem', { name: '社情民意审核' }).waitFor()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await page.screenshot({ path: path.join(results, 'console-review.png') })

  const titles = await page.locator('.ant-table-row td:nth-child(2)').allInnerTexts()
  expect(titles.length).toBeGreaterThanOrEqual(2)
  const picked = titles.slice(0, 2)
  const rows = page.locator('.ant-table-row')
  await rows.nth(0).locator('.ant-checkbox-input').check()
  await rows.nth(1).locator('.ant-checkbox-input').check()
  await page.getByRole('button', { name: '不采用所选（2）' }).click()
  await page.getByPlaceholder('例如：所反映问题已在办理中').fill('所反映问题已由县住建局列入明年计划')
  await page.getByRole('button', { name: '不采用', exact: true }).click()
  await page.getByText('已不采用 2 条').waitFor({ timeout: 20000 })

  // The two items left the 已收到 queue and carry the reason their submitters will see.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const db = require('wx-server-sdk').database()
  const rejected = (await db.collection('opinions').where({ state: 'rejected', rejectReason: '所反映问题已由县住建局列入明年计划' }).get()).data as { title: string }[]
  expect(rejected.map((r) => r.title).sort()).toEqual([...picked].sort())
  await page.getByText(picked[0], { exact: true }).waitFor({ state: 'detached' })

  await page.getByRole('button', { name: '退出登录' }).click()
  await page.getByText('请用微信扫码，在小程序中确认登录').waitFor()
  expect(errors).toEqual([])
})

test('the sign-in page does not load the table screens', async () => {
  const page = await browser.context.newPage()
  const scripts: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url())
  })
  await page.goto(`${desk.url}/`)
  await page.getByAltText('登录码').waitFor()
  expect(scripts.some((s) => /OpinionReview|Members|Desk-/.test(s))).toBe(false)
})

/**
 * The desk console's 角色授权 and 操作日志 in Chromium at 1366×768 (issue
 * 14): staff find a person by name (never an OPENID), grant them a role, see
 * the grant in the table, and find the grant in the audit log by name and
 * Chinese label, filtered by area. Sign-in as in console.test.ts.
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
const newcomer = 'oDeskNewcomer000000000001'

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

async function signedIn(): Promise<Page> {
  const page = await browser.context.newPage()
  const ticketReply = page.waitForResponse((r) => r.url().endsWith('/api/console') && r.request().postData()?.includes('console.createTicket') === true)
  await page.goto(`${desk.url}/`)
  const { data } = (await (await ticketReply).json()) as { data: { ticket: string } }
  await page.getByAltText('登录码').waitFor()
  const { result } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>('console', { action: 'console.confirmTicket', payload: { ticket: data.ticket }, requestId: `desk-${data.ticket.slice(0, 8)}` }, { openid: staff })
  if (!result.ok) throw new Error(`confirmTicket: ${result.error?.code}`)
  await page.getByText('退出登录').waitFor({ timeout: 20000 })
  return page
}

test('grant a role to a person found by name, then find it in the audit log', async () => {
  // someone who registered their name in the mini-program (我的 → 登记姓名)
  const { result } = await emulator.invoke<{ ok: boolean }>('user', { action: 'user.setName', payload: { name: '欧阳明远' }, requestId: 'desk-people-setname' }, { openid: newcomer })
  expect(result.ok).toBe(true)
  const page = await signedIn()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '角色授权' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await page.getByRole('button', { name: /授予角色|授 予 角 色/ }).click()
  const dialog = page.locator('.ant-modal')
  await dialog.locator('.ant-form-item', { hasText: '人员' }).locator('.ant-select-selector').click()
  await page.keyboard.type('欧阳')
  await page.locator('.ant-select-item-option', { hasText: '欧阳明远' }).click()
  await dialog.locator('.ant-form-item', { hasText: '角色' }).last().locator('.ant-select-selector').click()
  await page.locator('.ant-select-item-option', { hasText: '信息员' }).click()
  await page.locator('.ant-modal-footer .ant-btn-primary').click()
  await page.getByText('已授予信息员').waitFor({ timeout: 20000 })
  await page.locator('.ant-table-row', { hasText: '欧阳明远' }).waitFor({ timeout: 20000 })
  expect(await page.content()).not.toContain(newcomer)

  await page.getByRole('menuitem', { name: '操作日志' }).click()
  const row = page.locator('.ant-table-row', { hasText: '欧阳明远' })
  await row.waitFor({ timeout: 20000 })
  expect(await row.innerText()).toContain('授予角色')
  expect(await row.innerText()).toContain('角色：信息员')
  // filtered to 电脑端登录, the grant is not listed but the sign-in is
  await page.locator('.ant-select', { hasText: '全部类别' }).click()
  await page.locator('.ant-select-item-option', { hasText: '电脑端登录' }).click()
  await page.locator('.ant-table-row', { hasText: '电脑端登录' }).first().waitFor({ timeout: 20000 })
  await row.waitFor({ state: 'detached' })
  await page.screenshot({ path: path.join(results, 'console-audit.png') })
  expect(await page.content()).not.toContain(staff)
  expect(errors).toEqual([])
})

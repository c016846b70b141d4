/**
 * The desk console's 年度数据 in Chromium at 1366×768 (issue 10), signed in
 * as the leader persona (the ticket confirmed through the mini-program's
 * action, as in console.test.ts): the leader's menu offers 年度数据 (and not
 * the staff-only screens), the year switch to 2025 shows the review's
 * figures and echarts charts, a figure's records open in the side panel,
 * and 导出 Excel saves `2025年度工作数据.xlsx` (opened with exceljs).
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../scripts/serve-h5'
import type { Emulator } from '../../emulator'
import { personas } from '../../src/dev/personas'
import { startDemoCloud } from './support/demo-cloud'
import { freePort, launchDesktop } from './support/chromium'
import { results } from './support/h5-app'

const root = path.join(__dirname, '..', '..')
const distDir = path.join(root, 'dist', 'console')
const leader = personas.find((p) => p.key === 'leader')!.openid
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-year-'))

let emulator: Emulator
let desk: ServeH5Handle
let browser: Awaited<ReturnType<typeof launchDesktop>>

beforeAll(async () => {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist/console is missing: npx tsx console/build.ts (npm test does this)')
  const port = await freePort()
  emulator = await startDemoCloud({ development: true, h5Origins: [`http://127.0.0.1:${port}`] })
  desk = await serveH5({ distDir, cloudUrl: emulator.url, proxyApi: true, port })
  browser = await launchDesktop()
})

afterAll(async () => {
  await browser?.close()
  await desk?.stop()
  await emulator?.stop()
  fs.rmSync(work, { recursive: true, force: true })
})

async function signedIn(): Promise<Page> {
  const page = await browser.context.newPage()
  const ticketReply = page.waitForResponse((r) => r.url().endsWith('/api/console') && r.request().postData()?.includes('console.createTicket') === true)
  await page.goto(`${desk.url}/`)
  const { data } = (await (await ticketReply).json()) as { data: { ticket: string } }
  await page.getByAltText('登录码').waitFor()
  const { result } = await emulator.invoke<{ ok: boolean; error?: { code: string } }>('console', { action: 'console.confirmTicket', payload: { ticket: data.ticket }, requestId: `desk-${data.ticket.slice(0, 8)}` }, { openid: leader })
  if (!result.ok) throw new Error(`confirmTicket: ${result.error?.code}`)
  await page.getByText('退出登录').waitFor({ timeout: 20000 })
  return page
}

test('a leader opens 年度数据, switches to 2025, reads a figure’s records and exports the .xlsx', async () => {
  const page = await signedIn()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  expect(await page.getByRole('menuitem', { name: '社情民意审核' }).count()).toBe(0)
  await page.getByRole('menuitem', { name: '年度数据' }).click()
  await page.getByText(/各项数据与\d{4}年对比/).waitFor({ timeout: 30000 })

  // 2025
  await page.locator(".ant-select[aria-label='年度']").click()
  await page.locator('.ant-select-item-option', { hasText: '2025年' }).click()
  await page.getByText('2025年（北京时间）各项数据与2024年对比；点击一项在右侧查看背后的记录。').waitFor({ timeout: 30000 })
  const trips = page.locator('.ant-table-row', { has: page.getByText('视察调研', { exact: true }) })
  expect(await trips.locator('td').nth(1).innerText()).toBe('61次')
  expect(await page.locator('.ant-table-row', { has: page.getByText('健康义诊', { exact: true }) }).locator('td').nth(1).innerText()).toBe('15次')
  // echarts drew on canvases: one per group plus the two extra charts
  expect(await page.locator('.echart canvas').count()).toBeGreaterThanOrEqual(9)
  await page.screenshot({ path: path.join(results, 'browser-console-year.png'), fullPage: true })

  // a figure's records in the side panel
  await page.getByText('健康义诊', { exact: true }).click()
  const panel = page.locator('.ant-drawer-content')
  await panel.getByText('2025年 · 健康义诊活动', { exact: false }).waitFor({ timeout: 30000 })
  await panel.locator('.ant-table-row').first().waitFor({ timeout: 30000 })
  expect(await panel.locator('.ant-table-row').count()).toBe(15)
  expect(await panel.innerText()).not.toMatch(/oDemo|act-/)
  await page.keyboard.press('Escape')

  // .xlsx
  const downloading = page.waitForEvent('download', { timeout: 30000 })
  await page.getByRole('button', { name: '导出 Excel' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('2025年度工作数据.xlsx')
  const file = path.join(work, download.suggestedFilename())
  await download.saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const values = new Map<string, unknown>()
  workbook.worksheets[0].eachRow((r, n) => {
    if (n > 1) values.set(String(r.getCell(2).value), r.getCell(3).value)
  })
  expect(values.get('视察调研')).toBe(61)
  expect(values.get('健康义诊')).toBe(15)
  expect(values.get('直接服务基层群众')).toBe(16000)
  expect(errors).toEqual([])
  await page.close()
})

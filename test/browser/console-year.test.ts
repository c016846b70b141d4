/**
 * The desk console's 年度数据 in Chromium at 1366×768 (issue 10), signed in
 * as the leader persona (the ticket confirmed through the mini-program's
 * action, as in console.test.ts): the leader's menu offers 年度数据 (and not
 * the staff-only screens), the year switch to 2025 shows the review's
 * figures and echarts charts, a figure's records open in the side panel,
 * and 导出 Excel saves `2025年度工作数据.xlsx` (opened with exceljs).
 */
import path from 'path'
import ExcelJS from 'exceljs'
import { personas } from '../../src/dev/personas'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const leader = personas.find((p) => p.key === 'leader')!.openid

const d = useDesk('desk-year-')

test('a leader opens 年度数据, switches to 2025, reads a figure’s records and exports the .xlsx', async () => {
  const page = await d.signedIn(leader)
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
  const file = path.join(d.work, download.suggestedFilename())
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

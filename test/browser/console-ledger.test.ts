/**
 * The desk console's 履职档案 in Chromium at 1366×768 (issue 11 items 3, 5
 * and 6): staff pick 2025, the demo roster's ranking shows names and grades
 * in Chinese, 导出履职台账 saves `履职台账-2025年.xlsx` (opened with exceljs:
 * the 考评结果 sheet has the ranking's first name), the rules table lists the
 * kinds in Chinese, and 定档 asks first (再想想 leaves the year open).
 * Sign-in as in console.test.ts.
 */
import path from 'path'
import ExcelJS from 'exceljs'
import { personas } from '../../src/dev/personas'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid

const d = useDesk('desk-ledger-')

test('staff read the 2025 ranking, export the ledger under its Chinese name, see the rules, and the lock asks first', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '履职档案' }).click()
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '年度' }) }).click()
  await page.locator('.ant-select-item-option', { hasText: '2025年' }).click()
  const firstRow = page.locator('.ant-table-row').first()
  await firstRow.waitFor({ timeout: 30000 })
  const firstName = (await firstRow.locator('td').nth(1).innerText()).trim()
  expect(firstName).not.toBe('')
  expect(await firstRow.innerText()).toMatch(/优秀|合格|基本合格|不合格/)
  await page.screenshot({ path: path.join(results, 'console-ledger-ranking.png') })

  const downloading = page.waitForEvent('download', { timeout: 120000 })
  await page.getByRole('button', { name: '导出履职台账' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('履职台账-2025年.xlsx')
  const file = path.join(d.work, download.suggestedFilename())
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.getWorksheet('考评结果')!
  const names: string[] = []
  sheet.eachRow((row) => names.push(row.values ? String((row.values as unknown[]).join('|')) : ''))
  expect(names.join('\n')).toContain(firstName)

  await page.getByRole('tab', { name: '考评办法' }).click()
  await page.getByText('出席全体会议').first().waitFor()
  await page.getByRole('tab', { name: '公示与定档' }).click()
  await page.getByRole('button', { name: /^定\s?档$/ }).click()
  await page.locator('.ant-modal-confirm-title', { hasText: '确定2025年度考评定档？' }).waitFor()
  await page.getByRole('button', { name: '再想想' }).click()
  const { result } = await d.emulator.invoke<{ ok: boolean; data: { state: { locked: boolean } } }>('ledger', { action: 'ledger.rules', payload: { year: 2025 }, requestId: `desk-ledger-${Date.now()}` }, { openid: staff })
  expect(result.data.state.locked).toBe(false)
  expect(errors).toEqual([])
})

/**
 * The desk console's 名册导入, 提案 and exports in Chromium at 1366×768
 * (issue 14, "Tests and targets"): a roster file with one bad row is
 * previewed in the browser with that row's problem and nothing is imported;
 * a good file passes the same check (sending and importing it:
 * console.test.ts); 导出提案目录 saves
 * `提案目录-十五届四次会议.xlsx` and 导出全年 saves `社情民意-2025年.xlsx`,
 * each opened with exceljs; a submitted proposal is filed from the side
 * panel and shows its number, then assigned with a picked deadline.
 * Sign-in as in console.test.ts (the ticket confirmed through the
 * mini-program's action as the staff persona). */
import path from 'path'
import ExcelJS from 'exceljs'
import { personas } from '../../src/dev/personas'
import { SEED_PROPOSAL_FIGURES } from '../../database/demo/proposal'
import { SEED_OPINION_FIGURES } from '../../database/demo/opinion'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid

const d = useDesk('desk-files-')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const db = () => require('wx-server-sdk').database()

async function rosterFile(name: string, rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('名册')
  sheet.addRow(['委员编号', '姓名', '界别', '手机号', '专委会'])
  for (const r of rows) sheet.addRow(r)
  const file = path.join(d.work, name)
  await workbook.xlsx.writeFile(file)
  return file
}

async function memberCount(): Promise<number> {
  return (await db().collection('members').count()).total as number
}

test('a roster file with a bad row shows that row’s problem and imports nothing; a good file passes the check', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '名册导入' }).click()
  const before = await memberCount()

  const bad = await rosterFile('名册-有错.xlsx', [
    ['T901', '测试委员甲', '经济界', '13800000001', '提案委员会'],
    ['T902', '测试委员乙', '教育界', '1380000', ''],
    ['T903', '测试委员丙', '农业界', '', '']
  ])
  await page.locator('input[type=file]').setInputFiles(bad)
  await page.getByText('有 1 行错误，请在表格中修改后重新选择文件；未导入任何数据').waitFor({ timeout: 20000 })
  const badRow = page.locator('.ant-table-row', { hasText: '测试委员乙' })
  await badRow.getByText('手机号应为 11 位数字').waitFor()
  expect(await badRow.locator('td').first().innerText()).toBe('3') // Excel's row number
  expect(await page.locator('.ant-table-row', { hasText: '测试委员甲' }).innerText()).toContain('无误')
  expect(await page.getByRole('button', { name: /^导入/ }).isDisabled()).toBe(true)
  await page.screenshot({ path: path.join(results, 'console-roster-bad-row.png') })
  expect(await memberCount()).toBe(before)

  const good = await rosterFile('名册.xlsx', [
    ['T901', '测试委员甲', '经济界', '138-0000-0001', '提案委员会'],
    ['T902', '测试委员乙', '教育界', '13800000002', ''],
    ['T903', '测试委员丙', '农业界', '', '']
  ])
  await page.locator('input[type=file]').setInputFiles(good)
  await page.getByText('检查通过：共 3 位委员').waitFor({ timeout: 20000 })
  expect(await page.locator('.ant-table-row', { hasText: '测试委员甲' }).innerText()).toContain('13800000001')
  expect(await page.getByRole('button', { name: '导入 3 位委员' }).isEnabled()).toBe(true)
  expect(await memberCount()).toBe(before)
  expect(errors).toEqual([])
  await page.close()
})

test('导出提案目录 saves 提案目录-十五届四次会议.xlsx with the session’s proposals', async () => {
  const page = await d.signedIn(staff)
  await page.getByRole('menuitem', { name: '提案' }).click()
  await page.getByText('导出提案目录（Excel）').waitFor()
  // Session 四次会议 of the current term (十五届), any state.
  await page.locator('.ant-form-item', { hasText: '会议' }).locator('.ant-select').click()
  await page.locator('.ant-select-item-option', { hasText: '四次会议' }).click()
  const downloading = page.waitForEvent('download', { timeout: 30000 })
  await page.getByRole('button', { name: '导出提案目录（Excel）' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('提案目录-十五届四次会议.xlsx')
  const file = path.join(d.work, download.suggestedFilename())
  await download.saveAs(file)

  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]
  expect(sheet.getRow(1).getCell(2).value).toBe('案由')
  // The demo session's 108 received proposals (database/demo/proposal.ts), one row each.
  expect(sheet.rowCount - 1).toBe(SEED_PROPOSAL_FIGURES.received)
  const first = (await db().collection('proposals').where({ termId: 'term-15', sessionNumber: 4, number: 1 }).get()).data as { title: string }[]
  expect(sheet.getRow(2).getCell(2).value).toBe(first[0].title)
  expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^十五届四次会议第 ?\d+ ?号$/)
  await page.close()
})

test('导出全年 saves 社情民意-2025年.xlsx with the year’s items', async () => {
  const page = await d.signedIn(staff)
  await page.getByRole('menuitem', { name: '社情民意审核' }).click()
  const year = page.getByLabel('导出年份')
  await year.click()
  await year.fill('2025')
  await year.press('Enter')
  const downloading = page.waitForEvent('download', { timeout: 30000 })
  await page.getByRole('button', { name: '导出全年（Excel）' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('社情民意-2025年.xlsx')
  const file = path.join(d.work, download.suggestedFilename())
  await download.saveAs(file)
  await page.getByText(`已导出 2025 年 ${SEED_OPINION_FIGURES.received} 条信息`).waitFor()

  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]
  expect(sheet.rowCount - 1).toBe(SEED_OPINION_FIGURES.received)
  const id = String(sheet.getRow(2).getCell(1).value)
  const item = (await db().collection('opinions').doc(id).get()).data as { title: string }
  expect(sheet.getRow(2).getCell(3).value).toBe(item.title)
  await page.close()
})

test('立案 from the side panel shows the number it got; 交办 to a lead unit with a picked deadline', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '提案' }).click()
  // antd spaces two-character button labels (立 案), hence the patterns.
  // The default queue: proposals waiting for review (待审查).
  const row = page.locator('.ant-table-row', { hasText: '待审查' }).first()
  await row.waitFor({ timeout: 20000 })
  const title = await row.locator('td:nth-child(2)').innerText()
  await row.getByText(title).click()
  await page.locator('.ant-drawer').getByRole('button', { name: /^立\s?案$/ }).click()
  const filed = page.getByText(/^已立案：十五届五次会议第 \d{3} 号$/)
  await filed.waitFor({ timeout: 20000 }).catch(async (e) => {
    await page.screenshot({ path: path.join(results, 'console-proposal-filing-failed.png') })
    throw e
  })
  const shown = (await filed.innerText()).replace('已立案：', '')
  const [doc] = (await db().collection('proposals').where({ title }).get()).data as { _id: string; state: string; numberLabel: string }[]
  expect(doc.state).toBe('filed')
  expect(doc.numberLabel).toBe(shown)
  await page.locator('.ant-drawer-body').getByText(shown, { exact: true }).waitFor()

  // 交办 with a lead unit picked from the units list and a deadline from the date picker.
  await page.locator('.ant-drawer').getByRole('button', { name: /^交\s?办$/ }).click()
  const dialog = page.locator('.ant-modal')
  await dialog.locator('.ant-form-item', { hasText: '主办单位' }).locator('.ant-select').click()
  await page.locator('.ant-select-item-option', { hasText: '县住房和城乡建设局' }).first().click()
  await dialog.locator('.ant-picker input').click()
  await dialog.locator('.ant-picker input').fill('2027-06-30')
  await dialog.locator('.ant-picker input').press('Enter')
  await dialog.getByRole('button', { name: /^确\s?定$/ }).click()
  await page.getByText('已交办', { exact: true }).waitFor({ timeout: 20000 })
  const after = (await db().collection('proposals').doc(doc._id).get()).data as { state: string; units: { name: string; role: string; deadline: string }[] }
  expect(after.state).toBe('assigned')
  expect(after.units.map((u) => [u.name, u.role, u.deadline])).toEqual([['县住房和城乡建设局', 'lead', '2027-06-30']])
  await page.locator('.ant-drawer-body').getByText('2027年6月30日').waitFor()
  await page.screenshot({ path: path.join(results, 'console-proposal-assigned.png') })
  expect(errors).toEqual([])
  await page.close()
})

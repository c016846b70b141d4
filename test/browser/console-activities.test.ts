/**
 * The desk console's 活动 screen in Chromium at 1366×768 (issue 14): staff
 * create an activity with the date-time pickers (Beijing time, whatever the
 * PC's zone), invite a member found by name, see it in the list, open its
 * registrations and export the attendance sheet, which the browser saves as
 * `报名与考勤-<活动名称>.xlsx` and the test opens. Sign-in as in
 * console.test.ts (the ticket confirmed through the mini-program's action
 * as the staff persona).
 */
import path from 'path'
import ExcelJS from 'exceljs'
import { personas } from '../../src/dev/personas'
import { formatBeijing, parseBeijing } from '../../src/core/time'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid

const d = useDesk('desk-activity-')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const db = () => require('wx-server-sdk').database()

test('create an activity with pickers, invite a member by name, export its attendance as .xlsx', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '活动' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await page.screenshot({ path: path.join(results, 'console-activities.png') })

  const day = formatBeijing(Date.now() + 10 * 86400_000, 'YYYY-MM-DD')
  const deadline = formatBeijing(Date.now() + 8 * 86400_000, 'YYYY-MM-DD')
  const title = '委员走进社区听民声'
  await page.getByRole('button', { name: '新建活动' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('活动名称').fill(title)
  await dialog.getByLabel('活动地点').fill('城关街道社区服务中心')
  await dialog.getByPlaceholder('开始时间').click()
  await dialog.getByPlaceholder('开始时间').fill(`${day} 09:00`)
  await page.keyboard.press('Enter')
  await dialog.getByPlaceholder('结束时间').fill(`${day} 11:30`)
  await page.keyboard.press('Enter')
  await dialog.getByPlaceholder('报名截止时间').click()
  await dialog.getByPlaceholder('报名截止时间').fill(`${deadline} 18:00`)
  await page.keyboard.press('Enter')
  await dialog.getByLabel('名额（0 为不限）').fill('30')
  // invite a member found by name (never a typed member number)
  await dialog.locator('.ant-form-item', { hasText: '邀请委员' }).locator('.ant-select-selector').click()
  await page.keyboard.type('王')
  const option = page.locator('.ant-select-item-option').first()
  await option.waitFor({ timeout: 20000 })
  const invitee = (await option.innerText()).replace(/（.*$/, '')
  await option.click()
  await page.locator('.ant-modal-footer .ant-btn-primary').click()
  await page.getByText('活动已发布').waitFor({ timeout: 20000 })

  const saved = (await db().collection('activities').where({ title }).get()).data as { _id: string; startAt: Date; endAt: Date; signupDeadline: Date; capacity: number }[]
  expect(saved.length).toBe(1)
  // the pickers' wall clock is Beijing time
  expect(new Date(saved[0].startAt).toISOString()).toBe(parseBeijing(`${day} 09:00`).toISOString())
  expect(new Date(saved[0].endAt).toISOString()).toBe(parseBeijing(`${day} 11:30`).toISOString())
  expect(new Date(saved[0].signupDeadline).toISOString()).toBe(parseBeijing(`${deadline} 18:00`).toISOString())
  expect(saved[0].capacity).toBe(30)

  const row = page.locator('.ant-table-row', { hasText: title })
  await row.waitFor({ timeout: 20000 })
  await row.getByRole('button', { name: '报名与考勤' }).click()
  const drawer = page.locator('.ant-drawer')
  await drawer.getByText(invitee, { exact: true }).waitFor({ timeout: 20000 })
  const downloading = page.waitForEvent('download', { timeout: 30000 })
  await drawer.getByRole('button', { name: '导出考勤表（Excel）' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`报名与考勤-${title}.xlsx`)
  const file = path.join(d.work, download.suggestedFilename())
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  expect(String(sheet.getRow(1).getCell(1).value)).toContain(title)
  expect(String(sheet.getRow(4).getCell(2).value)).toBe(invitee)
  expect(errors).toEqual([])
})

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

test('roster import: a bad row is shown and stops the import, the corrected file is sent and imported', async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ExcelJS = require('exceljs') as typeof import('exceljs')
  const write = async (file: string, rows: string[][]) => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名册')
    sheet.addRow(['委员编号', '姓名', '界别', '手机号', '专委会'])
    for (const r of rows) sheet.addRow(r)
    fs.mkdirSync(results, { recursive: true })
    const target = path.join(results, file)
    await book.xlsx.writeFile(target)
    return target
  }
  const bad = await write('名册-有错.xlsx', [
    ['N950', '韩立新', '农业界', '', ''],
    ['N951', '', '经济界', '', '']
  ])
  // 专委会: several per member (、 or ，), and one committee the managed list does not have yet
  const good = await write('名册.xlsx', [
    ['N950', '韩立新', '农业界', '', ''],
    ['N951', '梁思齐', '经济界', '13900000951', '提案委员会，经济和农业委员会'],
    ['N952', '苏和巴', '少数民族界', '', '港澳台侨委员会']
  ])
  const page = await browser.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await signIn(page)
  await page.getByText('退出登录').waitFor({ timeout: 20000 })
  await page.getByRole('menuitem', { name: '名册导入' }).click()
  await page.getByRole('button', { name: /选择名册文件/ }).waitFor()

  await page.locator('input[type=file]').setInputFiles(bad)
  await page.getByText('有 1 行错误，请在表格中修改后重新选择文件；未导入任何数据').waitFor({ timeout: 20000 })
  await page.getByText('姓名应为 1-20 个字').waitFor()
  expect(await page.getByRole('button', { name: /^导入/ }).isDisabled()).toBe(true)

  // the unknown committee is a bad row with its name, listed above the table
  await page.locator('input[type=file]').setInputFiles(good)
  await page.getByText('有 1 行错误，请在表格中修改后重新选择文件；未导入任何数据').waitFor({ timeout: 20000 })
  await page.locator('.ant-table-row', { hasText: '苏和巴' }).getByText('专委会「港澳台侨委员会」不在专委会名单中').waitFor()
  await page.getByText('新专委会：港澳台侨委员会').waitFor()
  expect(await page.locator('.ant-table-row', { hasText: '梁思齐' }).innerText()).toContain('提案委员会、经济和农业委员会')
  expect(await page.getByRole('button', { name: /^导入/ }).isDisabled()).toBe(true)
  // staff confirm adding it: the sheet passes
  await page.getByRole('checkbox', { name: '将新名称加入名单' }).check()
  await page.getByText('检查通过：共 3 位委员').waitFor({ timeout: 20000 })
  await page.getByRole('button', { name: '导入 3 位委员' }).click()
  await page.getByText('已导入 3 位委员：新增 3 位，已有委员按名册更新 0 位；新增界别、专委会 1 个').waitFor({ timeout: 30000 })
  await page.screenshot({ path: path.join(results, 'console-roster-import.png') })

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const db = require('wx-server-sdk').database()
  const added = (await db.collection('members').where({ memberNumber: 'N951' }).get()).data as { name: string; phone: string }[]
  expect(added).toEqual([expect.objectContaining({ name: '梁思齐', phone: '13900000951', sector: '经济界', committees: ['提案委员会', '经济和农业委员会'] })])
  const group = (await db.collection('ledgerGroups').where({ name: '港澳台侨委员会' }).get()).data as { kind: string }[]
  expect(group).toEqual([expect.objectContaining({ kind: 'committee' })])
  const uploads = (await db.collection('consoleUploads').get()).data as { fileID: string }[]
  expect(uploads.length).toBe(1)
  expect(uploads[0].fileID).toContain('/console-uploads/')
  expect(uploads[0].fileID).not.toContain(staff)
  expect(errors).toEqual([])
})

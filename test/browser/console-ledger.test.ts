/**
 * The desk console's 履职档案 in Chromium at 1366×768 (issue 11 items 3, 5
 * and 6): staff pick 2025, the demo roster's ranking shows names and grades
 * in Chinese, 导出履职台账 saves `履职台账-2025年.xlsx` (opened with exceljs:
 * the 考评结果 sheet has the ranking's first name), the rules table lists the
 * kinds in Chinese, and 定档 asks first (再想想 leaves the year open).
 * The second test walks the evaluation at the desk: a points value edited in
 * 考评办法 changes the ranking's score, the 公示 window set with the range
 * picker, two objections (made through the mini-program's action) accepted
 * with a corrected value and refused with a reason, and 定档 after asking.
 * The third adds a committee in 界别与专委会 and renames it.
 * Sign-in as in console.test.ts.
 */
import path from 'path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { personas } from '../../src/dev/personas'
import { beijing } from '../../src/core/time'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid
/** The member persona, bound to D001 in the demo roster. */
const member = personas.find((p) => p.key === 'member')!.openid
const memberId = 'm-D001'

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

/** Calls a ledger action as `openid` through the local cloud (what the mini-program does); answers the data or throws its code. */
async function ask<T>(openid: string, action: string, payload: Record<string, unknown>): Promise<T> {
  const { result } = await d.emulator.invoke<{ ok: boolean; data: T; error?: { code: string } }>('ledger', { action, payload, requestId: `desk-ledger-${action}-${Date.now()}-${Math.random()}` }, { openid })
  if (!result.ok) throw new Error(`${action}: ${result.error?.code}`)
  return result.data
}

interface LineView { id: string; kind: string; kindLabel: string; points: number }
interface MemberView { score: number; name: string; lines: LineView[]; locked: boolean; windowOpen: boolean }

test('staff edit the rules (the ranking follows), open the 公示 window with the pickers, accept and refuse objections, then lock after being asked', async () => {
  const year = 2025
  const today = beijing()
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '履职档案' }).click()
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: '年度' }) }).click()
  await page.locator('.ant-select-item-option', { hasText: `${year}年` }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 30000 })

  // 1. 考评办法: 出席全体会议 is worth 25 points now; saving recomputes, the ranking shows the new score
  const before = await ask<MemberView>(staff, 'ledger.member', { year, memberId })
  const plenary = before.lines.filter((l) => l.kind === 'plenary_attended')
  expect(plenary.length).toBeGreaterThan(0)
  await page.getByRole('tab', { name: '考评办法' }).click()
  const points = page.getByRole('spinbutton', { name: '出席全体会议分值' })
  await points.waitFor()
  await points.fill('25')
  await page.getByRole('button', { name: '保存并重新计算得分' }).click()
  await page.getByText(/^已保存，重新计算了 \d+ 名委员的得分$/).waitFor({ timeout: 30000 })
  const after = await ask<MemberView>(staff, 'ledger.member', { year, memberId })
  expect(after.lines.filter((l) => l.kind === 'plenary_attended').every((l) => l.points === 25)).toBe(true)
  expect(after.score).not.toBe(before.score)
  await page.getByRole('tab', { name: '考评结果' }).click()
  const row = page.locator('.ant-table-row', { hasText: before.name }).first()
  await row.locator('td').nth(4).getByText(String(after.score), { exact: true }).waitFor({ timeout: 30000 })

  // 2. 公示与定档: the window picked with the date pickers, today and the next six days (Beijing)
  await page.getByRole('tab', { name: '公示与定档' }).click()
  await pickRange(page, today.format('YYYY-MM-DD'), today.add(6, 'day').format('YYYY-MM-DD'))
  await page.getByRole('button', { name: '设定公示期' }).click()
  await page.getByText('公示期已设定').waitFor({ timeout: 30000 })
  const range = `${today.format('YYYY年M月D日')} 至 ${today.add(6, 'day').format('YYYY年M月D日')}`
  await page.getByText(`公示中：${range}`).first().waitFor({ timeout: 30000 })
  expect((await ask<MemberView>(staff, 'ledger.member', { year, memberId })).windowOpen).toBe(true)

  // 3. the member objects to two lines in the mini-program; staff accept one (corrected to 3) and refuse the other with a reason
  const [first, second] = after.lines.filter((l) => l.points !== 0)
  await ask(member, 'ledger.object', { year, lineId: first.id, reason: '这次会议我做了大会发言，应加分' })
  await ask(member, 'ledger.object', { year, lineId: second.id, reason: '这一项日期记错了' })
  await page.getByRole('button', { name: '刷新异议' }).click()
  const accepted = page.locator('.ant-table-row', { hasText: '这次会议我做了大会发言，应加分' })
  const refused = page.locator('.ant-table-row', { hasText: '这一项日期记错了' })
  await accepted.waitFor({ timeout: 30000 })
  await accepted.getByRole('button', { name: /^采\s?纳$/ }).click()
  const modal = page.locator('.ant-modal', { hasText: '采纳异议并更正分值' })
  await modal.getByRole('spinbutton', { name: '更正后的分值' }).fill('3')
  await modal.getByRole('textbox', { name: '答复' }).fill('经核实，按办法更正为 3 分')
  await modal.getByRole('button', { name: '提交答复' }).click()
  await accepted.getByText('已采纳').waitFor({ timeout: 30000 })
  await accepted.getByText('经核实，按办法更正为 3 分').waitFor()

  await refused.getByRole('button', { name: '不采纳' }).click()
  const refuse = page.locator('.ant-modal', { hasText: '不采纳异议' })
  await refuse.getByRole('button', { name: '提交答复' }).click()
  await page.getByText('请填写答复').first().waitFor({ timeout: 20000 }) // no reason, no answer
  await refuse.getByRole('textbox', { name: '答复' }).fill('日期与签到记录一致，不予更正')
  await refuse.getByRole('button', { name: '提交答复' }).click()
  await refused.getByText('未采纳').waitFor({ timeout: 30000 })
  await refused.getByText('日期与签到记录一致，不予更正').waitFor()
  const answered = await ask<MemberView>(staff, 'ledger.member', { year, memberId })
  expect(answered.lines.find((l) => l.id === first.id)).toBeDefined()
  expect(answered.score).toBe(after.score - first.points + 3)
  await page.screenshot({ path: path.join(results, 'console-ledger-objections.png') })

  // 4. the window is over (picked again: the seven days before today); 定档 asks first, then locks
  await pickRange(page, today.subtract(7, 'day').format('YYYY-MM-DD'), today.subtract(1, 'day').format('YYYY-MM-DD'))
  await page.getByRole('button', { name: '设定公示期' }).click()
  await page.getByText(`公示期 ${today.subtract(7, 'day').format('YYYY年M月D日')} 至 ${today.subtract(1, 'day').format('YYYY年M月D日')}`).first().waitFor({ timeout: 30000 })
  await page.getByRole('button', { name: /^定\s?档$/ }).click()
  await page.locator('.ant-modal-confirm-title', { hasText: `确定${year}年度考评定档？` }).waitFor()
  await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: /^定\s?档$/ }).click()
  await page.getByText(/^已定档（\d{4}年\d+月\d+日）$/).first().waitFor({ timeout: 30000 })
  const locked = await ask<MemberView>(member, 'ledger.mine', { year })
  expect(locked.locked).toBe(true)
  expect(locked.score).toBe(answered.score)
  // a locked year's rules are read-only
  await page.getByRole('tab', { name: '考评办法' }).click()
  await page.getByText(`${year}年度考评办法（已定档，不能修改）`).waitFor({ timeout: 20000 })
  expect(await page.getByRole('spinbutton', { name: '出席全体会议分值' }).isDisabled()).toBe(true)
  await page.screenshot({ path: path.join(results, 'console-ledger-locked.png') })
  expect(await page.content()).not.toContain(staff)
  expect(errors).toEqual([])
}, 240_000)

/** Types both days into the antd range picker (Beijing calendar days, YYYY-MM-DD) and closes it. */
async function pickRange(page: Page, start: string, end: string) {
  const from = page.getByPlaceholder('公示开始日期')
  await from.click()
  await from.fill(start)
  await from.press('Enter')
  const to = page.getByPlaceholder('公示结束日期')
  await to.click()
  await to.fill(end)
  await to.press('Enter')
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined)
}

test('staff add a committee to the managed list and rename it in 界别与专委会', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '履职档案' }).click()
  await page.getByRole('tab', { name: '界别与专委会' }).click()
  const pane = page.locator('.ant-tabs-tabpane-active')
  await pane.locator('.ant-table-row', { hasText: '提案委员会' }).first().waitFor({ timeout: 30000 })
  await page.getByRole('button', { name: '新增专委会' }).click()
  const dialog = page.locator('.ant-modal', { hasText: '新增专委会' })
  await dialog.getByRole('textbox', { name: '名称' }).fill('港澳台侨委员会')
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click()
  await page.getByText('已加入名单').waitFor({ timeout: 20000 })
  const added = pane.locator('.ant-table-row', { hasText: '港澳台侨委员会' })
  await added.waitFor({ timeout: 20000 })
  expect(await added.innerText()).toContain('0')
  await added.getByRole('button', { name: /^改\s?名$/ }).click()
  const rename = page.locator('.ant-modal', { hasText: '改名专委会' })
  await rename.getByRole('textbox', { name: '名称' }).fill('港澳台侨和外事委员会')
  await rename.getByRole('button', { name: /^保\s?存$/ }).click()
  await pane.locator('.ant-table-row', { hasText: '港澳台侨和外事委员会' }).waitFor({ timeout: 20000 })
  const groups = await ask<{ committees: { id: string; name: string }[] }>(staff, 'ledger.groups', {})
  expect(groups.committees.filter((g) => g.name.startsWith('港澳台侨'))).toEqual([expect.objectContaining({ name: '港澳台侨和外事委员会' })])
  expect(groups.committees.find((g) => g.name === '港澳台侨和外事委员会')?.id).not.toBe('')
  expect(errors).toEqual([])
})

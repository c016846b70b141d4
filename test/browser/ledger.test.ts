/**
 * 委员履职档案 end to end in the H5 build (Chromium, local cloud with the demo
 * county), switching personas with the development switcher (issue 11,
 * "Tests"): staff record a speech for the personas' member and open the 公示
 * window → the member reads 我的履职 (score, 公示中, the line with its points)
 * and objects to the line with a reason → staff answer it on 履职异议与申报
 * (accepted, corrected to 3 points) → the window is over and staff lock the
 * year → the member sees the final grade, the corrected line and the answer;
 * the annual duty report (.docx) opens and shows the member's score.
 *
 * Recording the line, setting the window and the lock go through the real
 * actions as the staff persona (app.emulator.invoke): in the product they are
 * the console's 履职档案 screen, which has its own test; setting the window
 * again to a past range is how the test gets "after the window" without
 * waiting a week. The objection and its answer are tapped in the browser.
 */
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { members } from '../../database/demo/county'
import { beijing } from '../../src/core/time'
import type { MemberLedgerView } from '../../src/core/actions/ledger'
import { personaOf, switchTo, useH5App, visible } from './support/h5-app'

const app = useH5App()
const member = members[0]
const staff = personaOf('staff').openid
const today = beijing()
const year = today.year()
const todayWords = today.format('YYYY年M月D日')
const NOTE = '在县政协全体会议上作题为《发展县域冷链物流》的大会发言'

async function asStaff<T>(action: string, payload: unknown): Promise<T> {
  const { result } = await app.emulator.invoke<{ ok: boolean; data: T; error?: { code: string; message: string } }>(
    'ledger',
    { action, payload, requestId: `ledger-journey-${action}-${Date.now()}` },
    { openid: staff }
  )
  if (!result.ok) throw new Error(`${action}: ${result.error?.code} ${result.error?.message}`)
  return result.data
}

/** What a person reads on the page: never an OPENID, internal id, raw kind or state. */
async function expectNothingOfTheDeveloper(page: Page) {
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(/oDemo|undefined|null|NaN|\bYYYY|\b(speech|plenary_\w+|open|accepted|refused|pending|excellent|basic|fail)\b|m-D0\d\d/)
}

test('a member reads the ledger and objects, staff answer and lock, the member sees the final grade; the report shows the score', async () => {
  const page = await app.newPage()
  try {
    await walk(page)
  } catch (error) {
    await app.screenshot(page, 'browser-ledger-failure').catch(() => undefined)
    throw error
  }
  await page.close()
})

async function walk(page: Page & { errors: string[] }) {
  // 1. staff record the member's speech and open the 公示 window (today and the next six days)
  await asStaff('ledger.addLine', { memberId: member._id, kind: 'speech', date: today.format('YYYY-MM-DD'), note: NOTE })
  await asStaff('ledger.openWindow', { year, startDate: today.format('YYYY-MM-DD'), endDate: today.add(6, 'day').format('YYYY-MM-DD') })
  const before = await asStaff<MemberLedgerView>('ledger.member', { year, memberId: member._id })

  // 2. the member reads 我的履职 and objects to the speech line
  await app.openAs(page, 'member', 'pages/mine/index')
  await visible(page, '我的履职').first().click()
  await page.waitForURL(/ledger\/mine\/index/, { timeout: 30000 })
  await visible(page, `${before.score}分`).first().waitFor({ timeout: 30000 })
  await visible(page, `公示等次：${before.gradeLabel}`).first().waitFor()
  await visible(page, /^公示中 · 公示期/).first().waitFor()
  const line = page.locator(`[aria-label="大会发言 ${todayWords}"]`).filter({ visible: true }).first()
  await line.getByText('+6分').waitFor()
  await line.getByText(NOTE).waitFor()
  await app.screenshot(page, 'browser-ledger-member')
  await expectNothingOfTheDeveloper(page)
  await line.locator('.nut-button', { hasText: '提出异议' }).click()
  await line.locator('textarea').fill('发言稿还被县委采用，应按重点发言计分')
  await line.locator('.nut-button', { hasText: '提交异议' }).click()
  await line.getByText('已提异议（待答复）：发言稿还被县委采用，应按重点发言计分').waitFor({ timeout: 30000 })
  expect(await line.locator('.nut-button', { hasText: '提出异议' }).count()).toBe(0)

  // 3. staff answer it on 履职异议与申报: accepted, corrected to 3 points
  await switchTo(page, 'staff')
  await app.open(page, 'pages/mine/index')
  await visible(page, '履职异议与申报').first().click()
  await page.waitForURL(/ledger\/review\/index/, { timeout: 30000 })
  const card = page.locator(`[aria-label="${member.name}的异议"]`).filter({ visible: true }).first()
  await card.getByText('异议理由：发言稿还被县委采用，应按重点发言计分').waitFor({ timeout: 30000 })
  await card.locator('textarea').fill('经核实为一般发言，按办法更正为 3 分')
  await card.locator('input').fill('3')
  await card.locator('.nut-button', { hasText: '采纳并更正' }).click()
  await card.getByText('答复：经核实为一般发言，按办法更正为 3 分（更正为 +3分）').waitFor({ timeout: 30000 })
  await app.screenshot(page, 'browser-ledger-staff')
  await expectNothingOfTheDeveloper(page)

  // 4. the window is over (set again to end yesterday) and staff lock the year
  await asStaff('ledger.openWindow', { year, startDate: today.subtract(7, 'day').format('YYYY-MM-DD'), endDate: today.subtract(1, 'day').format('YYYY-MM-DD') })
  await asStaff('ledger.lock', { year })
  const final = await asStaff<MemberLedgerView>('ledger.member', { year, memberId: member._id })
  expect(final.locked).toBe(true)
  expect(final.score).toBe(before.score - 3)

  // 5. the member sees the final grade, the corrected line and the answer
  await switchTo(page, 'member')
  await app.open(page, 'ledger/mine/index')
  await visible(page, `${final.score}分`).first().waitFor({ timeout: 30000 })
  await visible(page, `考评等次：${final.gradeLabel}`).first().waitFor()
  await visible(page, /^已定档 · 本年度考评结果已确定/).first().waitFor()
  const locked = page.locator(`[aria-label="大会发言 ${todayWords}"]`).filter({ visible: true }).first()
  await locked.getByText('+3分').waitFor()
  await locked.getByText('已提异议（已采纳）：发言稿还被县委采用，应按重点发言计分').waitFor()
  await locked.getByText('答复：经核实为一般发言，按办法更正为 3 分').waitFor()
  await visible(page, '本年度考评已定档').first().waitFor()
  await app.screenshot(page, 'browser-ledger-final')
  await expectNothingOfTheDeveloper(page)

  // 6. the annual duty report (.docx) opens and shows the member's name, score and grade
  const report = await asStaff<{ fileID: string; members: number }>('ledger.exportReport', { year, memberId: member._id })
  expect(report.members).toBe(1)
  const zip = await JSZip.loadAsync(app.emulator.storage.read(report.fileID)!)
  const xml = await zip.file('word/document.xml')!.async('string')
  const text = xml.replace(/<[^>]+>/g, '')
  expect(text).toContain(member.name)
  expect(text).toContain(String(final.score))
  expect(text).toContain(final.gradeLabel)
  expect(page.errors).toEqual([])
}

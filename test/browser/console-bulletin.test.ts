/**
 * The desk console's 社情民意专刊 and the 活动 screen of a studio admin, in
 * Chromium at 1366×768 (issue 14 item 3). Staff compile a bulletin from three
 * adopted items, reorder them by dragging (and by the 下移 fallback), edit the
 * 报/送 lines, see the in-page preview of the .docx show the items in the new
 * order, publish, download the .docx and open it (jszip, word/document.xml,
 * as the year and ledger tests do) to find the order and the 报/送 lines.
 * A studio admin signs in and sees only their studio's activities, with
 * their studio preselected and no roster invite. Sign-in as in
 * console.test.ts (the ticket confirmed through the mini-program's action).
 */
import fs from 'fs'
import path from 'path'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { personas } from '../../src/dev/personas'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid
const studioAdmin = personas.find((p) => p.key === 'studio_admin')!.openid

const d = useDesk('desk-bulletin-')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const db = () => require('wx-server-sdk').database()

/** Resolves once `read()` equals `want` (deep), or fails with the last value after `ms`. */
async function until<T>(read: () => Promise<T>, want: T, ms = 10000): Promise<void> {
  const end = Date.now() + ms
  let last = await read()
  while (JSON.stringify(last) !== JSON.stringify(want) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200))
    last = await read()
  }
  expect(last).toEqual(want)
}

/** Titles of the 本期 table's rows, top to bottom. */
async function order(page: Page): Promise<string[]> {
  const rows = page.locator('.bulletin-order .ant-table-row')
  const titles: string[] = []
  for (let i = 0; i < (await rows.count()); i++) titles.push((await rows.nth(i).locator('td').nth(2).innerText()).trim())
  return titles
}

test('compile a bulletin from three items: drag to reorder, edit 报/送, preview in the new order, publish, download the .docx', async () => {
  // a third adopted item (04 is in review in the demo data; 05 and 06 are adopted)
  const adopted = await d.emulator.invoke<{ ok: boolean }>(
    'opinion',
    { action: 'opinion.adopt', payload: { id: 'demo-op-now-04', title: '关于村级光伏电站运维管理的建议', content: '部分村级光伏电站缺少专业运维，发电效率下降，建议由乡镇统一委托运维并公开收益。' }, requestId: 'desk-bulletin-adopt-04' },
    { openid: staff }
  )
  expect(adopted.result.ok).toBe(true)

  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '社情民意专刊' }).click()
  const compose = page.locator('.ant-card', { hasText: '编辑新一期《社情民意》' })
  const waiting = compose.locator('.ant-table').first()
  // the seed year's items waiting for a bulletin are listed too; pick this year's three
  for (const t of ['关于村级光伏电站运维管理的建议', '关于设立县级“企业服务日”的建议', '关于海棠山景区旺季交通疏导的建议']) {
    const row = waiting.locator('.ant-table-row', { hasText: t })
    await row.waitFor({ timeout: 20000 })
    await row.locator('.ant-checkbox-input').check()
  }
  await compose.getByRole('button', { name: '编入本期（3）' }).click()
  await page.locator('.bulletin-order .ant-table-row').nth(2).waitFor()
  const [a, b, c] = await order(page)
  expect(new Set([a, b, c]).size).toBe(3)

  // drag the last item to the top by its handle (a real pointer drag, in steps)
  const handle = page.getByRole('button', { name: `拖动排序：${c}`, exact: false })
  // on screen first: bounding boxes are in the viewport's coordinates
  await page.locator('.bulletin-order').scrollIntoViewIfNeeded()
  const from = (await handle.boundingBox())!
  const top = (await page.locator('.bulletin-order .ant-table-row').first().boundingBox())!
  // (pauses let dnd-kit measure the rows between frames, as a hand's drag does)
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.waitForTimeout(150)
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 })
  await page.waitForTimeout(150)
  await page.mouse.move(from.x + from.width / 2, top.y + 4, { steps: 20 })
  await page.waitForTimeout(300)
  await page.mouse.up()
  await until(() => order(page), [c, a, b])
  // the fallback for those who do not drag: 下移 moves the first down by one
  await page.getByRole('button', { name: `下移：${c}` }).click()
  expect(await order(page)).toEqual([a, c, b])
  const final = [a, c, b]

  // 报/送: keep the usual ones, add one typed in and one from the list
  const report = compose.locator('.ant-form-item', { hasText: '报（上报单位' }).locator('.ant-select-selector')
  await report.click()
  await page.keyboard.type('县融媒体中心')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  const send = compose.locator('.ant-form-item', { hasText: '送（送达单位' }).locator('.ant-select-selector')
  await send.click()
  await page.locator('.ant-select-item-option', { hasText: '县直各部门' }).click()
  await page.keyboard.press('Escape')
  await compose.getByLabel('编辑').fill('李春燕')
  await compose.getByLabel('签发').fill('王建华')
  await page.screenshot({ path: path.join(results, 'console-bulletin-compose.png') })

  // the preview: the server's .docx rendered in the page, items in the new order
  await compose.getByRole('button', { name: /预览本期/ }).click()
  const dialog = page.getByRole('dialog')
  const preview = dialog.getByTestId('bulletin-preview')
  await preview.getByText('社情民意', { exact: true }).first().waitFor({ timeout: 30000 })
  const shown = await preview.innerText()
  const at = final.map((t) => shown.indexOf(t))
  expect(at.every((i) => i >= 0)).toBe(true)
  expect([...at].sort((x, y) => x - y)).toEqual(at)
  expect(shown).toContain(`一、${a}`)
  expect(shown).toContain('报：县委、县人大常委会、县政府、县融媒体中心')
  expect(shown).toContain('送：各有关单位、县直各部门')
  await page.screenshot({ path: path.join(results, 'console-bulletin-preview.png') })
  // nothing published by the preview
  expect(((await db().collection('opinions').doc('demo-op-now-05').get()).data as { state: string }).state).toBe('adopted')

  await dialog.getByRole('button', { name: '确认发布' }).click()
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
  const done = page.locator('.ant-modal-confirm', { hasText: `《社情民意》${year}年第3期已发布` })
  await done.waitFor({ timeout: 30000 })
  const downloading = page.waitForEvent('download', { timeout: 30000 })
  await done.getByRole('button', { name: '下载 Word 文件' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`《社情民意》${year}年第3期.docx`)
  const file = path.join(d.work, download.suggestedFilename())
  await download.saveAs(file)
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string')
  const text = xml.replace(/<[^>]+>/g, '')
  const places = final.map((t, i) => text.indexOf(`${['一', '二', '三'][i]}、${t}`))
  expect(places.every((p) => p >= 0)).toBe(true)
  expect([...places].sort((x, y) => x - y)).toEqual(places)
  expect(text).toContain('报：县委、县人大常委会、县政府、县融媒体中心')
  expect(text).toContain('送：各有关单位、县直各部门')
  expect(text).toContain('签发：王建华')
  // the published list shows the issue with its lines
  await page.locator('.ant-card', { hasText: '已发布的专刊' }).getByText(`《社情民意》${year}年第3期`).waitFor({ timeout: 20000 })
  expect(errors).toEqual([])
})

test('a studio admin sees only their studio’s activities, their studio preselected, no roster invite', async () => {
  const user = (await db().collection('users').doc(studioAdmin).get()).data as { grants: { role: string; studioIds: string[] }[] }
  const [studioId] = user.grants.find((g) => g.role === 'studio_admin')!.studioIds
  const studio = (await db().collection('studios').doc(studioId).get()).data as { name: string }
  const all = (await db().collection('activities').where({ state: 'published' }).limit(1000).get()).data as { _id: string; title: string; studioId?: string; endAt: Date }[]
  const upcoming = all.filter((x) => new Date(x.endAt).getTime() > Date.now())
  const mine = upcoming.filter((x) => x.studioId === studioId).map((x) => x.title)
  const others = upcoming.filter((x) => x.studioId !== studioId).map((x) => x.title)
  expect(mine.length).toBeGreaterThan(0)
  expect(others.length).toBeGreaterThan(0)

  const page = await d.signedIn(studioAdmin)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  // only the screens the role has: no 社情民意 or roster screens
  await page.getByRole('menuitem', { name: '活动' }).click()
  expect(await page.getByRole('menuitem', { name: '社情民意审核' }).count()).toBe(0)
  expect(await page.getByRole('menuitem', { name: '委员名册' }).count()).toBe(0)
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await until(async () => (await page.locator('.ant-table-row').allInnerTexts()).length, mine.length)
  const rows = await page.locator('.ant-table-row').allInnerTexts()
  for (const t of mine) expect(rows.some((r) => r.includes(t))).toBe(true)
  for (const t of others) expect(rows.some((r) => r.includes(t))).toBe(false)
  // the studio filter shows their studio, with no 全部 to clear it to
  await page.locator('.ant-select-selection-item', { hasText: studio.name }).first().waitFor()
  await page.screenshot({ path: path.join(results, 'console-activities-studio-admin.png') })

  await page.getByRole('button', { name: '新建活动' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('.ant-form-item', { hasText: '主办工作室' }).locator('.ant-select-selection-item', { hasText: studio.name }).waitFor()
  expect(await dialog.getByText('邀请委员').count()).toBe(0)
  expect(errors).toEqual([])
})

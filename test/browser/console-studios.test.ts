/**
 * The desk console's 委员工作室 screen in Chromium at 1366×768 (issue 14):
 * staff create a studio, assign an admin found by searching a name (a person
 * key, never an OPENID) and see the admin listed; the grant is real (the
 * person's studio_admin scope names the new studio); a studio whose text
 * the content check holds stays in the desk's list, marked 未公开. Sign-in
 * as in console.test.ts.
 */
import path from 'path'
import type { Page } from 'playwright-core'
import { personas } from '../../src/dev/personas'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid

const d = useDesk('desk-studios-')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const db = () => require('wx-server-sdk').database()

/** Fills 新建工作室 by field label and sends it. */
async function createStudio(page: Page, fields: Record<string, string>) {
  await page.getByRole('button', { name: '新建工作室' }).click()
  const dialog = page.getByRole('dialog', { name: '新建工作室' })
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value)
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click()
}

test('create a studio, assign an admin by searching a name, see the admin listed', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '委员工作室' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached', timeout: 20000 })
  await page.screenshot({ path: path.join(results, 'console-studios.png') })

  const name = '城关街道委员之家'
  await createStudio(page, { 工作室名称: name, 所在乡镇: '城关街道', 开放时间: '每周四 9:00-16:00', 地址: '县城人民路18号', 联系人: '刘老师', 联系电话: '0418-8812399' })
  await page.getByText('工作室已创建').waitFor({ timeout: 20000 })

  // the new studio's panel opens; find a person by name and make them admin
  const drawer = page.locator('.ant-drawer')
  await drawer.getByText('还没有管理员').waitFor({ timeout: 20000 })
  await drawer.getByRole('combobox', { name: '添加管理员' }).click()
  await page.keyboard.type('王')
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first()
  await option.waitFor({ timeout: 20000 })
  const person = (await option.innerText()).replace(/（.*$/, '')
  await option.click()
  await drawer.getByRole('button', { name: '添加管理员' }).click()
  await page.getByText(`已将${person}设为管理员`).waitFor({ timeout: 20000 })
  await drawer.locator('.ant-list-item', { hasText: person }).first().waitFor({ timeout: 20000 })

  expect(await drawer.innerText()).not.toMatch(/studio-|oDemo|p[0-9a-f]{20}|m-D/)
  // the grant is real: that person's studio_admin scope names the new studio
  const studios = (await db().collection('studios').where({ name }).get()).data as { _id: string }[]
  expect(studios.length).toBe(1)
  const admins = (await db().collection('users').where({ 'grants.studioIds': studios[0]._id }).get()).data as { member?: { name: string }; displayName?: string }[]
  expect(admins.map((u) => u.member?.name ?? u.displayName)).toEqual([person])

  // the studio is in the table; nothing of the developer on screen
  await page.locator('.ant-drawer-close').click()
  await page.locator('.ant-table-row', { hasText: name }).waitFor({ timeout: 20000 })
  expect(await page.locator('.ant-table-tbody').innerText()).not.toMatch(/studio-|oDemo|p[0-9a-f]{20}/)
  // also usable at 1024 wide: the page does not overflow sideways, the table stays in view
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
  await page.screenshot({ path: path.join(results, 'console-studios-1024.png') })
  // the 管理 button stays reachable at 1024 (the column is fixed to the right edge)
  const manage = page.locator('.ant-table-row', { hasText: name }).getByRole('button', { name: '管 理' })
  const box = await manage.boundingBox()
  expect(box && box.x + box.width).toBeLessThanOrEqual(1024)
  await manage.click()
  await page.locator('.ant-drawer').getByText('工作室管理员').waitFor({ timeout: 20000 })
  expect(errors).toEqual([])
})

test('a studio whose text waits for review stays on the desk, marked as not public', async () => {
  const page = await d.signedIn(staff)
  await page.getByRole('menuitem', { name: '委员工作室' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  const name = '阜新镇委员之家'
  // the local cloud's content check answers "review" for the intro's phrase
  await createStudio(page, { 工作室名称: name, 所在乡镇: '阜新镇', 开放时间: '每周二 9:00-16:00', 地址: '阜新镇政府院内', 联系人: '赵老师', 联系电话: '0418-8812388', '简介（可不填）': '待审测试词' })
  await page.locator('.ant-drawer').getByText('工作室管理员').waitFor({ timeout: 20000 })
  await page.locator('.ant-drawer-close').click()
  const row = page.locator('.ant-table-row', { hasText: name })
  await row.waitFor({ timeout: 20000 })
  expect(await row.innerText()).toContain('未公开 · 内容待复核')
  // the mini-program's public list does not have it
  const studios = (await db().collection('studios').where({ name }).get()).data as { hidden?: boolean }[]
  expect(studios.map((s) => s.hidden)).toEqual([true])
  // after review staff publish it from its panel; the mark goes
  await row.click()
  const drawer = page.locator('.ant-drawer')
  await drawer.getByRole('button', { name: '复核通过并公开' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '复核通过并公开' }).click()
  await page.getByText('已复核通过，内容已公开').waitFor({ timeout: 20000 })
  await drawer.getByRole('button', { name: '复核通过并公开' }).waitFor({ state: 'detached', timeout: 20000 })
  await page.locator('.ant-drawer-close').click()
  await page.locator('.ant-table-row', { hasText: name }).getByText('未公开 · 内容待复核').waitFor({ state: 'detached', timeout: 20000 })
  const after = (await db().collection('studios').where({ name }).get()).data as { hidden?: boolean }[]
  expect(after.map((s) => s.hidden)).toEqual([false])
})

/**
 * The desk console's 角色授权 and 操作日志 in Chromium at 1366×768 (issue
 * 14): staff find a person by name (never an OPENID), grant them a role, see
 * the grant in the table, and find the grant in the audit log by name and
 * Chinese label, filtered by area. Sign-in as in console.test.ts.
 */
import path from 'path'
import { personas } from '../../src/dev/personas'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid
const newcomer = 'oDeskNewcomer000000000001'

const d = useDesk('desk-people-')

test('grant a role to a person found by name, then find it in the audit log', async () => {
  // someone who registered their name in the mini-program (我的 → 登记姓名)
  const { result } = await d.emulator.invoke<{ ok: boolean }>('user', { action: 'user.setName', payload: { name: '欧阳明远' }, requestId: 'desk-people-setname' }, { openid: newcomer })
  expect(result.ok).toBe(true)
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '角色授权' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  await page.getByRole('button', { name: /授予角色|授 予 角 色/ }).click()
  const dialog = page.locator('.ant-modal')
  await dialog.locator('.ant-form-item', { hasText: '人员' }).locator('.ant-select-selector').click()
  await page.keyboard.type('欧阳')
  await page.locator('.ant-select-item-option', { hasText: '欧阳明远' }).click()
  await dialog.locator('.ant-form-item', { hasText: '角色' }).last().locator('.ant-select-selector').click()
  await page.locator('.ant-select-item-option', { hasText: '信息员' }).click()
  await page.locator('.ant-modal-footer .ant-btn-primary').click()
  await page.getByText('已授予信息员').waitFor({ timeout: 20000 })
  await page.locator('.ant-table-row', { hasText: '欧阳明远' }).waitFor({ timeout: 20000 })
  expect(await page.content()).not.toContain(newcomer)

  await page.getByRole('menuitem', { name: '操作日志' }).click()
  const row = page.locator('.ant-table-row', { hasText: '欧阳明远' })
  await row.waitFor({ timeout: 20000 })
  expect(await row.innerText()).toContain('授予角色')
  expect(await row.innerText()).toContain('角色：信息员')
  // filtered to 电脑端登录, the grant is not listed but the sign-in is
  await page.locator('.ant-select', { hasText: '全部类别' }).click()
  await page.locator('.ant-select-item-option', { hasText: '电脑端登录' }).click()
  await page.locator('.ant-table-row', { hasText: '电脑端登录' }).first().waitFor({ timeout: 20000 })
  await row.waitFor({ state: 'detached' })
  await page.screenshot({ path: path.join(results, 'console-audit.png') })
  expect(await page.content()).not.toContain(staff)
  expect(errors).toEqual([])
})

/**
 * The desk console's 协商议题 screen in Chromium at 1366×768 (issue 14):
 * staff filter the topics by state and source on the server, open a
 * selected topic in the side panel, schedule its session with the
 * date-time range picker (Beijing time, whatever the PC's zone) and see it
 * in the table as 协商筹备. Sign-in as in console.test.ts (the ticket
 * confirmed through the mini-program's action as the staff persona).
 */
import path from 'path'
import { personas } from '../../src/dev/personas'
import { topicSourceLabels, type TopicSource } from '../../src/core/actions/topic'
import { formatBeijing, parseBeijing } from '../../src/core/time'
import { useDesk } from './support/desk'
import { results } from './support/h5-app'

const staff = personas.find((p) => p.key === 'staff')!.openid

const d = useDesk('desk-topics-')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const db = () => require('wx-server-sdk').database()

test('filter the topics, open a selected one, schedule its session with the picker, see it in the table', async () => {
  const page = await d.signedIn(staff)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.getByRole('menuitem', { name: '协商议题' }).click()
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })

  const title = '乡村振兴产业发展路径'
  const topic = (await db().collection('topics').doc('topic-rural-industry').get()).data as { state: string; source: TopicSource }
  expect(topic.state).toBe('selected')

  const pick = async (filter: string, label: string) => {
    await page.getByRole('combobox', { name: filter }).click({ force: true })
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label }).first().click()
  }
  // state filter (server side): every row shows 已立题, and the topic is among them
  await pick('状态', '已立题')
  await page.locator('.ant-table-row', { hasText: title }).waitFor({ timeout: 20000 })
  const states = await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts()
  expect(states.length).toBeGreaterThan(0)
  expect(new Set(states)).toEqual(new Set(['已立题']))
  // source filter: only that source remains, the topic still listed
  await pick('来源', topicSourceLabels[topic.source])
  await page.waitForFunction((label) => Array.from(document.querySelectorAll('.ant-table-row td:nth-child(3)')).every((c) => c.textContent === label), topicSourceLabels[topic.source])
  await page.locator('.ant-table-row', { hasText: title }).waitFor({ timeout: 20000 })
  await page.screenshot({ path: path.join(results, 'console-topics.png') })

  // open it and schedule the session with the range picker
  await page.locator('.ant-table-row', { hasText: title }).click()
  const drawer = page.locator('.ant-drawer')
  await drawer.getByRole('button', { name: '安排协商活动' }).click()
  const dialog = page.getByRole('dialog', { name: /安排协商活动/ })
  const day = formatBeijing(Date.now() + 12 * 86400_000, 'YYYY-MM-DD')
  await dialog.getByPlaceholder('开始时间').click()
  await dialog.getByPlaceholder('开始时间').fill(`${day} 14:30`)
  await page.keyboard.press('Enter')
  await dialog.getByPlaceholder('结束时间').fill(`${day} 16:30`)
  await page.keyboard.press('Enter')
  await dialog.getByLabel('协商地点').fill('县政协三楼协商议事厅')
  await dialog.getByLabel('名额').fill('40')
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click()
  await page.getByText('协商活动已安排').waitFor({ timeout: 20000 })
  await drawer.getByText(`${day} 14:30 至 16:30，县政协三楼协商议事厅`, { exact: false }).waitFor({ timeout: 20000 })

  const saved = (await db().collection('topics').doc('topic-rural-industry').get()).data as { state: string; session: { startAt: Date; endAt: Date; place: string } }
  expect(saved.state).toBe('scheduled')
  // the picker's wall clock is Beijing time
  expect(new Date(saved.session.startAt).toISOString()).toBe(parseBeijing(`${day} 14:30`).toISOString())
  expect(new Date(saved.session.endAt).toISOString()).toBe(parseBeijing(`${day} 16:30`).toISOString())

  // back in the table: no longer among 已立题, listed under 协商筹备
  // nor in the panel
  expect(await drawer.innerText()).not.toMatch(/topic-|oDemo|activity-|[a-z]{4,}/)
  await page.locator('.ant-drawer-close').click()
  await page.locator('.ant-table-row', { hasText: title }).waitFor({ state: 'detached', timeout: 20000 })
  await pick('状态', '协商筹备')
  const row = page.locator('.ant-table-row', { hasText: title })
  await row.waitFor({ timeout: 20000 })
  await expect(row.locator('td:nth-child(4)').innerText()).resolves.toBe('协商筹备')
  // nothing of the developer in the table (ids, OPENIDs, raw states)
  expect(await page.locator('.ant-table-tbody').innerText()).not.toMatch(/topic-|oDemo|[a-z]{4,}/)
  // also usable at 1024 wide: the page does not overflow sideways, the table stays in view
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20000 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
  await page.screenshot({ path: path.join(results, 'console-topics-1024.png') })
  expect(errors).toEqual([])
})

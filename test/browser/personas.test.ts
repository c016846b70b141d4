/**
 * The H5 build in Chromium: the home page shows the demo county's studios and
 * topics; switching persona to 机关工作人员 makes 我的 show that role and the
 * staff tools. Needs the development H5 build in dist/h5 (npm test builds it).
 */
import path from 'path'
import type { Page } from 'playwright-core'
import { studios, topics } from '../../database/demo/county'
import { personas } from '../../src/dev/personas'
import { results, useH5App, visible as visibleText } from './support/h5-app'

const app = useH5App()

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__label', { hasText: label }).first().click()
}

test('the home page shows the county: identity, studios and topics from the local cloud', async () => {
  const page = await app.newPage()
  const calls: string[] = []
  page.on('request', (r) => {
    if (/\/functions\//.test(r.url()) && r.method() === 'POST') calls.push((JSON.parse(r.postData() ?? '{}') as { action?: string }).action ?? '?')
  })
  await page.goto(`${app.url}/`)
  // The first screen: identity and topics, two cloud calls; the studios wait below the fold.
  await page.getByText(/\d+ 人附议/).filter({ visible: true }).first().waitFor({ timeout: 30000 })
  await page.waitForTimeout(1500)
  expect([...calls].sort()).toEqual(['topic.list', 'user.me'])
  // Scrolling towards them loads them: all 12 studios of the demo county (the last
  // one proves the whole page arrived; the first one's name also appears as a topic organiser).
  await page.locator('.home__studios').filter({ visible: true }).first().scrollIntoViewIfNeeded()
  await visibleText(page, studios[11].name).first().waitFor({ timeout: 30000 })
  expect(calls.filter((c) => c === 'studio.list')).toHaveLength(1)
  for (const s of studios) expect(await visibleText(page, s.name).count()).toBeGreaterThan(0)
  // The first page of topics (newest change first): demo topics with their support counts.
  await page.getByText(/\d+ 人附议/).filter({ visible: true }).first().waitFor()
  const shownTopics = []
  for (const t of topics) if ((await visibleText(page, t.title).count()) > 0) shownTopics.push(t.title)
  expect(shownTopics.length).toBeGreaterThan(0)
  // 群众 by default (no persona chosen yet): user.me answers with the public role only.
  await visibleText(page, '身份：群众').waitFor()
  await visibleText(page, '您好').waitFor({ timeout: 30000 })
  expect(await page.locator('.role-tags').filter({ visible: true }).first().innerText()).toBe('群众')
  await page.screenshot({ path: path.join(results, 'browser-home-public.png'), fullPage: false })
  expect(page.errors).toEqual([])
  await page.close()
})

test('switching persona to 机关工作人员 shows the staff role and tools on 我的', async () => {
  const page = await app.newPage()
  await page.goto(`${app.url}/`)
  await openTab(page, '我的')
  await visibleText(page, '绑定委员身份').waitFor({ timeout: 30000 })
  expect(await page.getByText('授权管理').count()).toBe(0)

  await visibleText(page, '身份：群众').click()
  await visibleText(page, personas.find((p) => p.key === 'staff')!.description).click()
  // The app reloads as the new persona, on the same tab.
  await visibleText(page, '身份：机关工作人员').waitFor({ timeout: 30000 })
  await visibleText(page, '授权管理').waitFor({ timeout: 30000 })
  expect(await visibleText(page, '委员名册').count()).toBe(1)
  // The role tag comes from user.me, i.e. from the server, not from the switcher.
  expect(await page.locator('.role-tags .badge', { hasText: '机关工作人员' }).filter({ visible: true }).count()).toBe(1)
  await page.screenshot({ path: path.join(results, 'browser-mine-staff.png'), fullPage: false })

  // The staff tool works end to end: the roster from the demo data.
  await visibleText(page, '委员名册').click()
  await visibleText(page, '已绑定').first().waitFor({ timeout: 30000 })
  // Let the page slide-in finish before the screenshot (the back bar reaches the left edge).
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.page-shell__back')).some((e) => Math.abs(e.getBoundingClientRect().left) < 1))
  // A non-tab page has a working back control in H5.
  await page.screenshot({ path: path.join(results, 'browser-staff-roster.png'), fullPage: false })
  await page.locator('.page-shell__back').filter({ visible: true }).click()
  await page.waitForFunction(() => location.hash.includes('pages/mine/index'))
  await page.close()
})

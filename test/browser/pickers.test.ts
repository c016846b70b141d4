/**
 * The staff pickers in the H5 build (issue 14 item 4, screen brief item 5):
 * the activity form invites a member found by name (never a roster number),
 * and the opinion detail merges into an item picked from the review queue.
 * Both fit 320 and 375 px without horizontal overflow.
 */
import { confirmAsked, tapButton, useH5App, visible } from './support/h5-app'
import { members } from '../../database/demo/county'

const app = useH5App()

function db() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('wx-server-sdk').database()
}

async function pageWidth(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth)
}

test('the activity form invites a member found by name; the merge panel picks its target from the queue', async () => {
  const page = await app.newPage()
  const someone = members[4]
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: 720 })
    await app.openAs(page, 'staff', 'staff/activity-edit/index')
    const search = page.locator('[aria-label="查找特邀委员"] input, input[aria-label="查找特邀委员"]').filter({ visible: true }).first()
    await search.waitFor({ timeout: 60000 })
    await search.fill(someone.name)
    const hit = page.locator(`[aria-label="选择${someone.name}"]`).filter({ visible: true }).first()
    await hit.waitFor({ timeout: 30000 })
    await expect(hit.textContent()).resolves.toContain(someone.sector)
    await hit.click()
    await page.locator(`[aria-label="移除${someone.name}"]`).filter({ visible: true }).first().waitFor()
    expect(await page.locator('.member-picker').first().textContent()).not.toMatch(/m-D\d|D\d{3}/)
    expect(await pageWidth(page)).toBeLessThanOrEqual(width + 1)
    await app.screenshot(page, `pickers-invitees-${width}`)
  }

  // An open item to merge and a target that can receive it.
  const open = (await db().collection('opinions').where({ state: db().command.in(['submitted', 'in_review']) }).limit(2).get()).data as { _id: string; title: string }[]
  expect(open.length).toBe(2)
  const [source] = open
  await page.setViewportSize({ width: 320, height: 720 })
  await app.openAs(page, 'staff', `staff/opinion-detail/index?id=${source._id}`)
  await visible(page, source.title).first().waitFor({ timeout: 60000 })
  await tapButton(page, /^合并$/)
  const candidate = page.locator('.sod__merge-item').filter({ visible: true }).first()
  await candidate.waitFor({ timeout: 30000 })
  const label = (await candidate.getAttribute('aria-label')) ?? ''
  const targetTitle = label.replace(/^选择/, '')
  expect(targetTitle).not.toBe(source.title)
  await candidate.click()
  await visible(page, `合并到：${targetTitle}`).first().waitFor()
  expect(await pageWidth(page)).toBeLessThanOrEqual(321)
  await app.screenshot(page, 'pickers-merge-320')
  await tapButton(page, '确认合并')
  await confirmAsked(page, '确定合并这条信息？')
  let state = ''
  for (let i = 0; i < 60 && state !== 'merged'; i++) {
    state = ((await db().collection('opinions').doc(source._id).get()).data as { state: string }).state
    if (state !== 'merged') await new Promise((resolve) => setTimeout(resolve, 500))
  }
  expect(state).toBe('merged')
  expect(page.errors).toEqual([])
}, 240_000)

/**
 * Sign-up, waitlist, promotion and venue-code check-in in the H5 build
 * (Chromium, local cloud with the demo county), switching personas with the
 * development switcher: the member signs up for the last seat, a second
 * member (the informant persona, bound to roster m-D002 for this test) lands
 * on the waitlist, the first cancels, the second is promoted and sees it;
 * the organiser (staff) opens check-in and shows the venue code, the member
 * opens the code's page and is checked in; the organiser sees it.
 */
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { serveH5, type ServeH5Handle } from '../../scripts/serve-h5'
import type { Emulator } from '../../emulator'
import { personas } from '../../src/dev/personas'
import { formatBeijing } from '../../src/core/time'
import { startDemoCloud } from './support/demo-cloud'
import { freePort, launchPhone } from './support/chromium'

const root = path.join(__dirname, '..', '..')
const distDir = path.join(root, 'dist', 'h5')
const results = path.join(root, 'test-results')
const TITLE = '花生新品种田间观摩会'

let emulator: Emulator
let h5: ServeH5Handle
let phone: Awaited<ReturnType<typeof launchPhone>>

beforeAll(async () => {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) throw new Error('dist/h5 is missing: NODE_ENV=development npx taro build --type h5')
  fs.mkdirSync(results, { recursive: true })
  const port = await freePort()
  emulator = await startDemoCloud({ development: true, h5Origins: [`http://127.0.0.1:${port}`] })
  h5 = await serveH5({ port, distDir, cloudUrl: emulator.url, envId: emulator.envId })
  phone = await launchPhone()
})

afterAll(async () => {
  await phone?.close()
  await h5?.stop()
  await emulator?.stop()
})

const visible = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true })
const personaOf = (key: string) => personas.find((p) => p.key === key)!

async function switchTo(page: Page, key: string) {
  await page.locator('.persona-switcher__toggle').filter({ visible: true }).first().click()
  await visible(page, personaOf(key).description).click()
  await visible(page, `身份：${personaOf(key).label}`).first().waitFor({ timeout: 30000 })
}

async function open(page: Page, route: string) {
  await page.goto(`${h5.url}/#/${route}`)
  await page.reload()
}

async function tapButton(page: Page, text: string | RegExp) {
  await page.locator('.nut-button', { hasText: text }).filter({ visible: true }).first().click()
}

function db() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('wx-server-sdk').database()
}

test('sign-up, waitlist, promotion and venue check-in across personas', async () => {
  // The informant persona is also bound as a member (roster m-D002) for this journey.
  await db()
    .collection('users')
    .doc(personaOf('informant').openid)
    .update({ data: { member: { id: 'm-D002', name: '第二委员', sector: '民革' } } })
  // Staff publish an activity with one seat whose check-in window is open now.
  const start = Date.now() + 10 * 60_000
  const { result } = await emulator.invoke<{ ok: boolean; data: { id: string } }>(
    'activity',
    {
      action: 'activity.create',
      payload: { title: TITLE, type: 'studio_activity', place: '大巴镇花生示范田', startAt: formatBeijing(start), endAt: formatBeijing(start + 2 * 3600_000), signupDeadline: formatBeijing(start - 2 * 60_000), capacity: 1, audience: 'members', publish: true },
      requestId: 'browser-activity-create-1'
    },
    { openid: personaOf('staff').openid }
  )
  expect(result.ok).toBe(true)
  const id = result.data.id
  const page = await phone.context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))

  // 1. the member finds it in the list of today's activities and signs up for the only seat
  await open(page, 'pages/activity/list/index?scope=today')
  await switchTo(page, 'member')
  await visible(page, TITLE).first().click()
  await visible(page, '大巴镇花生示范田').first().waitFor({ timeout: 30000 })
  await tapButton(page, '立即报名')
  await visible(page, '报名成功').waitFor({ timeout: 30000 })
  await visible(page, '已报 1/1').first().waitFor({ timeout: 30000 })

  // 2. a second member lands on the waitlist
  await switchTo(page, 'informant')
  await tapButton(page, '报名候补')
  await visible(page, /已进入候补（第 1 位）/).waitFor({ timeout: 30000 })
  await visible(page, /候补中（第 1 位）/).first().waitFor({ timeout: 30000 })
  await page.screenshot({ path: path.join(results, 'browser-activity-waitlisted.png') })

  // 3. the first member cancels
  await switchTo(page, 'member')
  await tapButton(page, '取消报名')
  const confirmButton = page.locator('.taro-modal__btn-primary, .taro-modal__foot div').filter({ hasText: '确定' }).filter({ visible: true }).first()
  await confirmButton.click()
  await visible(page, '已取消报名').waitFor({ timeout: 30000 })

  // 4. the second is promoted and sees it
  await switchTo(page, 'informant')
  await visible(page, /^已报名$/).first().waitFor({ timeout: 30000 })
  await visible(page, '参会凭证').first().waitFor()

  // 5. the organiser opens check-in and shows the venue code
  await open(page, `staff/activity-manage/index?id=${id}`)
  await switchTo(page, 'staff')
  await tapButton(page, '显示签到码')
  await page.locator('[aria-label="签到码"]').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  const token = (await db().collection('activities').doc(id).get()).data.checkin.token as string
  expect(token.length).toBeLessThanOrEqual(32)
  await page.screenshot({ path: path.join(results, 'browser-activity-venue-code.png') })

  // 6. the member scans it (the code opens the check-in page with its scene) and is checked in
  await open(page, `pages/activity/checkin/index?scene=${token}`)
  await switchTo(page, 'informant')
  await visible(page, /签到成功|您已签到/).first().waitFor({ timeout: 30000 })

  // 7. the organiser sees the check-in in the attendance list
  await open(page, `staff/activity-manage/index?id=${id}`)
  await switchTo(page, 'staff')
  await page.locator('[role="tab"]', { hasText: '考勤' }).filter({ visible: true }).first().click()
  await visible(page, '第二委员').first().waitFor({ timeout: 30000 })
  await visible(page, '已签到').first().waitFor()
  await page.screenshot({ path: path.join(results, 'browser-activity-attendance.png') })
  expect(errors).toEqual([])
})

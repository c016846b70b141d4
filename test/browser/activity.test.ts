/**
 * Sign-up, waitlist, promotion and venue-code check-in in the H5 build
 * (Chromium, local cloud with the demo county), switching personas with the
 * development switcher: the member signs up for the last seat, a second
 * member (the informant persona, bound to roster m-D002 for this test) lands
 * on the waitlist, the first cancels, the second is promoted and sees it;
 * the organiser (staff) opens check-in and shows the venue code, the member
 * opens the code's page and is checked in; the organiser sees it.
 */
import { beijingDay, formatBeijing } from '../../src/core/time'
import { confirmAsked, personaOf, switchTo, tapButton, useH5App, visible } from './support/h5-app'

const TITLE = '花生新品种田间观摩会'
const app = useH5App()

/**
 * Times for an activity that starts later on today's Beijing date, with its
 * check-in window (from 30 min before the start) already open and the
 * sign-up deadline at least two minutes away. Times are entered at minute
 * precision. Within four minutes of Beijing midnight there is no such slot,
 * so this waits for the new day (at most four minutes).
 */
async function todaysSlot(): Promise<{ start: Date; deadline: Date }> {
  const untilMidnight = beijingDay().end.getTime() - Date.now()
  if (untilMidnight < 4 * 60_000) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1000))
  const lastMinute = beijingDay().end.getTime() - 60_000
  const start = Math.min(Date.now() + 10 * 60_000, lastMinute)
  return { start: new Date(start), deadline: new Date(start - 60_000) }
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
  const { start, deadline } = await todaysSlot()
  const { result } = await app.emulator.invoke<{ ok: boolean; data: { id: string } }>(
    'activity',
    {
      action: 'activity.create',
      payload: { title: TITLE, type: 'studio_activity', place: '大巴镇花生示范田', startAt: formatBeijing(start), endAt: formatBeijing(start.getTime() + 2 * 3600_000), signupDeadline: formatBeijing(deadline), capacity: 1, audience: 'members', publish: true },
      requestId: 'browser-activity-create-1'
    },
    { openid: personaOf('staff').openid }
  )
  expect(result.ok).toBe(true)
  const id = result.data.id
  const page = await app.newPage()

  // 1. the member finds it in the list of today's activities and signs up for the only seat
  await app.open(page, 'pages/activity/list/index?scope=today')
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
  await app.screenshot(page, 'browser-activity-waitlisted')

  // 3. the first member cancels
  await switchTo(page, 'member')
  await tapButton(page, '取消报名')
  await confirmAsked(page, '确定取消报名吗？名额将让给候补人员。')
  await visible(page, '已取消报名').waitFor({ timeout: 30000 })

  // 4. the second is promoted and sees it
  await switchTo(page, 'informant')
  await visible(page, /^已报名$/).first().waitFor({ timeout: 30000 })
  await visible(page, '参会凭证').first().waitFor()

  // 5. the organiser opens check-in and shows the venue code
  await app.open(page, `staff/activity-manage/index?id=${id}`)
  await switchTo(page, 'staff')
  await tapButton(page, '显示签到码')
  await page.locator('[aria-label="签到码"]').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  const token = (await db().collection('activities').doc(id).get()).data.checkin.token as string
  expect(token.length).toBeLessThanOrEqual(32)
  await app.screenshot(page, 'browser-activity-venue-code')

  // 6. the member scans it (the code opens the check-in page with its scene) and is checked in
  await app.open(page, `pages/activity/checkin/index?scene=${token}`)
  await switchTo(page, 'informant')
  await visible(page, /签到成功|您已签到/).first().waitFor({ timeout: 30000 })

  // 7. the organiser sees the check-in in the attendance list
  await app.open(page, `staff/activity-manage/index?id=${id}`)
  await switchTo(page, 'staff')
  await page.locator('[role="tab"]', { hasText: '考勤' }).filter({ visible: true }).first().click()
  await visible(page, '第二委员').first().waitFor({ timeout: 30000 })
  await visible(page, '已签到').first().waitFor()
  await app.screenshot(page, 'browser-activity-attendance')
  expect(page.errors).toEqual([])
}, 6 * 60_000)

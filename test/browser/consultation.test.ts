/**
 * 辽事好商量 end to end in the H5 build (Chromium, local cloud with the demo
 * county), switching personas with the development switcher:
 * a resident proposes a topic → staff select it and schedule the session
 * (an activity of type consultation) → a member signs up and checks in on
 * the activity pages →
 * staff record minutes with a recommendation to 县教育局 → the department
 * posts its result with evidence → staff close the topic → the resident
 * finds it on the "problems solved" board.
 *
 * The member signs up on the activity page and checks in on the page the
 * venue code opens; the code's token comes from activity.checkinCode (what
 * scanning the organiser's QR code would give — a browser cannot scan).
 */
import type { Page } from 'playwright-core'
import { formatBeijing } from '../../src/core/time'
import { confirmAsked, personaOf, switchTo, tapButton, useH5App, visible } from './support/h5-app'

const TITLE = '城西农贸市场周边停车难'
const app = useH5App()

async function typeArea(page: Page, label: string, text: string) {
  const area = page.locator(`[aria-label="${label}"] textarea, textarea[aria-label="${label}"]`).filter({ visible: true }).first()
  await area.fill(text)
}

/** Taps a choice chip (ui.tsx Chips). */
async function choose(page: Page, text: string) {
  await page.locator('.cx-chip', { hasText: text }).filter({ visible: true }).first().click()
}

function db() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('wx-server-sdk').database()
}

test('a resident’s proposal travels to the solved board', async () => {
  const page = await app.newPage()
  try {
    await walk(page)
  } catch (error) {
    await app.screenshot(page, 'browser-topic-failure').catch(() => undefined)
    throw error
  }
  await page.close()
})

async function walk(page: Page & { errors: string[] }) {

  // 1. 群众 proposes from the 协商 tab
  await app.open(page, 'pages/consult/index')
  await visible(page, '我要提议题').click()
  await page.locator('input[placeholder="例如：老旧小区加装电梯"]').filter({ visible: true }).fill(TITLE)
  await typeArea(page, '问题描述', '城西农贸市场早晚高峰车辆乱停，占用消防通道，希望规划临时停车位并加强管理。')
  await choose(page, '城市建设')
  await tapButton(page, '提交议题')
  const similarOrSubmitted = await Promise.race([
    // (the similar-topic hint may already show while typing; the question comes with its button)
    page.locator('.nut-button', { hasText: '不是同一问题，仍要提交' }).filter({ visible: true }).first().waitFor({ timeout: 30000 }).then(() => 'similar'),
    visible(page, '知道了').waitFor({ timeout: 30000 }).then(() => 'submitted')
  ])
  if (similarOrSubmitted === 'similar') await tapButton(page, '不是同一问题，仍要提交')
  // the proposer is told the reference number before leaving the form
  await visible(page, /受理编号：\d{8}-\d{4}/).waitFor({ timeout: 30000 })
  await visible(page, '知道了').click()
  await page.waitForURL(/pages\/topic\/index\?id=/, { timeout: 30000 })
  const id = new URL(page.url().replace('#/', '')).searchParams.get('id')!
  await visible(page, TITLE).first().waitFor({ timeout: 30000 })
  await visible(page, '征集附议').first().waitFor()
  await app.screenshot(page, 'browser-topic-proposed')

  // 2. 机关工作人员 selects it with a studio and schedules the session
  await switchTo(page, 'staff')
  await visible(page, '办理此议题').click()
  await choose(page, '城区"两代表一委员"联合工作室')
  await tapButton(page, /^立题$/)
  await visible(page, '安排协商活动').first().waitFor({ timeout: 30000 })
  const start = new Date(Date.now() + 20 * 60_000)
  const fields = page.locator('input.weui-input').filter({ visible: true })
  // open-for-input deadline, then the schedule fields: start, end, place, capacity
  const count = await fields.count()
  await fields.nth(count - 4).fill(formatBeijing(start))
  await fields.nth(count - 3).fill(formatBeijing(new Date(start.getTime() + 2 * 3600_000)))
  await fields.nth(count - 2).fill('城西社区党群服务中心')
  await tapButton(page, '发布协商活动')
  await visible(page, '录入协商纪要').waitFor({ timeout: 30000 })

  // 3. a member signs up on the session's activity page and checks in with the venue code
  const topic = (await db().collection('topics').doc(id).get()).data
  const activityId = topic.session.activityId as string
  await switchTo(page, 'member')
  await app.open(page, `pages/activity/detail/index?id=${activityId}`)
  await tapButton(page, '立即报名')
  await visible(page, '已报名').first().waitFor({ timeout: 30000 })
  // the organiser's venue code (a mini-program code whose scene is a short token): what scanning it opens
  const { result } = await app.emulator.invoke<{ ok: boolean; data: { token: string; scene: string; page: string } }>(
    'activity',
    { action: 'activity.checkinCode', payload: { id: activityId }, requestId: `browser-code-${Date.now()}` },
    { openid: personaOf('staff').openid }
  )
  expect(result.ok).toBe(true)
  await app.open(page, `pages/activity/checkin/index?scene=${encodeURIComponent(result.data.scene)}`)
  // (the fresh load opens the page twice: the second visit answers 您已签到)
  await visible(page, /签到成功|您已签到/).first().waitFor({ timeout: 30000 })

  // staff open the topic again
  await app.open(page, `staff/topic/index?id=${id}`)
  await switchTo(page, 'staff')
  await visible(page, '录入协商纪要').waitFor({ timeout: 30000 })

  // 4. staff record the minutes, the consensus and a recommendation to 县教育局
  await typeArea(page, '协商纪要', '居民、商户、委员和相关部门就农贸市场周边停车问题协商，建议利用学校操场错时开放停车。')
  await typeArea(page, '协商共识', '错时开放学校操场作为临时停车场。')
  await choose(page, '县教育局')
  await typeArea(page, '建议 1 内容', '周末和早市时段错时开放城西小学操场停车')
  await tapButton(page, '保存纪要并交办建议')
  await visible(page, '办结议题').waitFor({ timeout: 30000 })
  await app.open(page, `pages/topic/index?id=${id}`)
  await visible(page, /委员 1 人/).waitFor({ timeout: 30000 })

  // 5. 承办单位 (县教育局) posts the result with evidence
  await switchTo(page, 'department')
  await visible(page, '答复本单位的建议').click()
  await visible(page, TITLE).first().waitFor({ timeout: 30000 })
  await choose(page, '已解决')
  await typeArea(page, '办理结果说明', '城西小学操场已于周末和早市时段开放停车，设置车位 60 个。')
  const chooser = page.waitForEvent('filechooser')
  await tapButton(page, /上传佐证材料/)
  await (await chooser).setFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d8a7a00000000049454e44ae426082', 'hex') })
  await page.locator('.cx-photo').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  await tapButton(page, '提交办理结果')
  await confirmAsked(page, '确定提交办理结果？')
  // answered: it leaves the department's open list (another demo recommendation of 县教育局 stays)
  await page.locator('.cx-card', { hasText: TITLE }).filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: 30000 })
  await choose(page, '已答复')
  await page.locator('.cx-card', { hasText: TITLE }).filter({ visible: true }).first().waitFor({ timeout: 30000 })

  // 6. staff close the topic
  await app.open(page, `pages/topic/index?id=${id}`)
  await switchTo(page, 'staff')
  await visible(page, '办理此议题').click()
  await visible(page, '办结议题').waitFor({ timeout: 30000 })
  await choose(page, '已解决')
  await tapButton(page, /^办结$/)
  await visible(page, '该议题已重新办理过一次').or(visible(page, '重新办理（仅一次）')).first().waitFor({ timeout: 30000 })

  // 7. the resident finds it on the solved board
  await switchTo(page, 'public')
  await app.open(page, 'pages/consult/index')
  await visible(page, '问题解决榜').click()
  const card = page.locator('.cx-card', { hasText: TITLE }).filter({ visible: true }).first()
  await card.waitFor({ timeout: 30000 })
  expect(await card.innerText()).toMatch(/承办单位：县教育局/)
  expect(await card.innerText()).toMatch(/已解决/)
  await app.screenshot(page, 'browser-topic-solved')
  expect(page.errors).toEqual([])
}

/**
 * 提案 end to end in the H5 build (Chromium, local cloud with the demo
 * county), switching personas with the development switcher:
 * a member writes a proposal and invites a co-signer found by roster name →
 * the co-signer confirms (the proposal goes to the office) → staff file it
 * (the page shows the number it got) and assign it to 县教育局 with a deadline
 * chosen on the date picker → 县教育局 signs for it and replies with a letter →
 * the member rates the reply.
 *
 * The co-signer: the demo roster's second member has no persona, and the
 * personas' own member (D001) is the proposer. Rather than make the persona
 * co-sign some demo draft (which would leave this proposal's co-signing
 * untested and split the journey over two proposals), the test binds an
 * OPENID to the second member in the database the way the demo data binds
 * D001 (roster `boundOpenid` + a `users` record with the member) and answers
 * the invitation through the real action as that member. So the invitation
 * the browser sent is the one confirmed, the server's checks (invited? right
 * state?) run, and the proposer's page shows the result. A browser cannot
 * be a second WeChat user; this is what that person's tap would send.
 */
import type { Page } from 'playwright-core'
import { members } from '../../database/demo/county'
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { switchTo, tapButton, useH5App, visible } from './support/h5-app'

const TITLE = '关于在城区中小学推行课后延时托管服务的建议'
const proposer = members[0]
const cosigner = members[1]
const COSIGNER_OPENID = 'oJourneyCosigner000000000001'
const app = useH5App()

function db() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('wx-server-sdk').database()
}

/** Confirms Taro's H5 modal (askFirst names the step on the confirm button). */
async function confirmModal(page: Page, text: string) {
  await page.locator('.taro-modal__foot div, .taro-modal__btn-primary').filter({ hasText: text }).filter({ visible: true }).first().click()
}

/** Taps one choice chip (parts.tsx Choice and the unit chips) by its exact text. */
async function chip(page: Page, text: string | RegExp) {
  const exact = typeof text === 'string' ? new RegExp(`^${text.replace(/[()（）]/g, '\\$&')}$`) : text
  await page.locator('.pp-chip-pick', { hasText: exact }).filter({ visible: true }).first().click()
}

/** What a person reads on the page: never an OPENID, a raw state or a format string. */
async function expectNothingOfTheDeveloper(page: Page) {
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(/oDemo|oJourney|undefined|null|NaN|\bYYYY|\{\w+\}|\b(cosigning|submitted|filed|assigned|replied|pending|signed|lead)\b|m-D0\d\d|dept-/)
}

test('a member’s proposal is co-signed, filed, assigned, answered and rated', async () => {
  const page = await app.newPage()
  try {
    await walk(page)
  } catch (error) {
    await app.screenshot(page, 'browser-proposal-failure').catch(() => undefined)
    throw error
  }
  await page.close()
})

async function walk(page: Page & { errors: string[] }) {
  // 1. the member writes the proposal, suggests 县教育局 and invites a co-signer found by name
  await app.openAs(page, 'member', 'proposal/mine/index')
  await tapButton(page, '写提案')
  await page.locator('input[placeholder="关于……的建议"]').filter({ visible: true }).fill(TITLE)
  await chip(page, '社会建设')
  await page.locator('textarea[placeholder^="现状、问题及原因"]').filter({ visible: true }).fill('城区双职工家庭多，小学下午三点半放学后无人接送，学生在校外托管机构安全和收费问题突出，家长反映强烈。')
  await page.locator('textarea[placeholder^="可操作的具体办法"]').filter({ visible: true }).fill('由教育局统筹，在城区中小学开展课后延时托管，财政适当补助，学校安排教师轮值。')
  await chip(page, '县教育局')
  await page.locator('input[placeholder="输入委员姓名查找"]').filter({ visible: true }).fill(cosigner.name)
  await tapButton(page, /^查找$/)
  await page.locator(`[aria-label="选择${cosigner.name}"]`).filter({ visible: true }).first().click()
  await page.locator(`[aria-label="移除${cosigner.name}"]`).filter({ visible: true }).first().waitFor({ timeout: 30000 })
  await app.screenshot(page, 'browser-proposal-writing')
  await tapButton(page, '提交提案')
  await page.waitForURL(/proposal\/detail\/index\?id=/, { timeout: 30000 })
  const id = decodeURIComponent(new URL(page.url().replace('#/', '')).searchParams.get('id')!)
  await visible(page, TITLE).first().waitFor({ timeout: 30000 })
  await visible(page, `联名人：${cosigner.name}（待确认）`).first().waitFor({ timeout: 30000 })
  await page.getByLabel('状态：征集联名').filter({ visible: true }).first().waitFor({ timeout: 30000 })

  // 2. the co-signer confirms (see the header: the second roster member, bound like the demo binds D001)
  await db().collection('members').doc(cosigner._id).update({ data: { boundOpenid: COSIGNER_OPENID, boundAt: new Date() } })
  await db().collection('users').doc(COSIGNER_OPENID).set({
    data: { grants: [], member: { id: cosigner._id, name: cosigner.name, sector: cosigner.sector }, personKey: personKeyFor(COSIGNER_OPENID), createdAt: new Date(), updatedAt: new Date() }
  })
  const { result } = await app.emulator.invoke<{ ok: boolean; data: { state: string }; error?: { code: string } }>(
    'proposal',
    { action: 'proposal.answerInvitation', payload: { id, accept: true, notify: false }, requestId: `journey-cosign-${Date.now()}` },
    { openid: COSIGNER_OPENID }
  )
  expect(result.error?.code).toBeUndefined()
  expect(result.data.state).toBe('submitted')
  // the proposer sees the co-signer confirmed
  await app.open(page, `proposal/detail/index?id=${encodeURIComponent(id)}`)
  await visible(page, `联名人：${cosigner.name}`).first().waitFor({ timeout: 30000 })
  expect(await visible(page, /联名人：/).first().innerText()).not.toMatch(/待确认/)

  // 3. staff find it in the review queue and file it: the page shows the number
  await switchTo(page, 'staff')
  await app.open(page, 'proposal/review/index')
  await visible(page, TITLE).first().click()
  await page.waitForURL(/proposal\/detail\/index\?id=/, { timeout: 30000 })
  await page.locator('.nut-button', { hasText: /^立案$/ }).filter({ visible: true }).first().click()
  await confirmModal(page, '立案')
  const filed = visible(page, /^已立案：.+/).first()
  await filed.waitFor({ timeout: 30000 })
  const numberLabel = (await filed.innerText()).replace(/^已立案：/, '').trim()
  expect(numberLabel).not.toBe('')
  await visible(page, `提案号：${numberLabel}`).first().waitFor({ timeout: 30000 })
  await app.screenshot(page, 'browser-proposal-filed')
  await expectNothingOfTheDeveloper(page)

  // 4. staff assign it to 县教育局 (主办) with a deadline from the date picker
  await tapButton(page, /^交办$/)
  await page.waitForURL(/proposal\/assign\/index\?id=/, { timeout: 30000 })
  await chip(page, '县教育局（提案人建议）')
  await page.locator('[aria-label="选择办理期限"]').filter({ visible: true }).first().click()
  // the picker opens on today (its lower bound); one year on: the next item of the year column
  const years = page.locator('.weui-picker__group').filter({ visible: true }).first().locator('.weui-picker__item')
  const nextYear = (await years.nth(1).innerText()).replace(/\D/g, '')
  // (the column's mask lies over its items and takes the tap, as on a phone: tap at the item's place)
  await page.locator('.weui-picker__action', { hasText: '确定' }).filter({ visible: true }).first().waitFor()
  await page.waitForTimeout(500) // the sheet slides up
  const box = (await years.nth(1).boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await page.waitForTimeout(400) // the column settles on the tapped year
  await page.locator('.weui-picker__action', { hasText: '确定' }).filter({ visible: true }).first().click()
  const deadlineLabel = visible(page, new RegExp(`^${nextYear}年\\d+月\\d+日（北京时间当日 24 时前）`)).first()
  await deadlineLabel.waitFor({ timeout: 30000 })
  const deadline = /^(\d+年\d+月\d+日)/.exec(await deadlineLabel.innerText())![1]
  await page.locator('.pp-assign-submit').filter({ visible: true }).first().click()
  await confirmModal(page, '交办')
  await page.waitForURL(/proposal\/detail\/index\?id=/, { timeout: 30000 })
  await visible(page, new RegExp(`县教育局（主办）· 待签收 · 办理期限 ${deadline}`)).first().waitFor({ timeout: 30000 })

  // 5. 县教育局 finds it among its tasks, signs for it and replies with a letter
  await switchTo(page, 'department')
  await app.open(page, 'proposal/tasks/index')
  await visible(page, TITLE).first().click()
  await page.waitForURL(/proposal\/detail\/index\?id=/, { timeout: 30000 })
  await tapButton(page, /^签收$/)
  await confirmModal(page, '签收')
  await visible(page, '已签收，请在办理期限内答复').first().waitFor({ timeout: 30000 })
  await tapButton(page, /^答复$/)
  await page.waitForURL(/proposal\/reply\/index\?id=/, { timeout: 30000 })
  await page.locator('textarea.pp-reply-content, .pp-reply-content textarea').filter({ visible: true }).first().fill('我局已在城区 6 所小学试点课后延时托管服务，财政按生均标准补助，下学期在全县推开。')
  await chip(page, 'A类（已解决或采纳）')
  await chip(page, '面谈')
  await chip(page, '同意公开')
  const chooser = page.waitForEvent('filechooser')
  await tapButton(page, /^上传答复函$/)
  await (await chooser).setFiles({ name: 'letter.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d8a7a00000000049454e44ae426082', 'hex') })
  await visible(page, /^已上传：/).first().waitFor({ timeout: 30000 })
  await page.locator('.pp-reply-submit').filter({ visible: true }).first().click()
  await confirmModal(page, '提交答复')
  await page.waitForURL(/proposal\/detail\/index\?id=/, { timeout: 30000 })
  await visible(page, /办理结果：A类（已解决或采纳）/).first().waitFor({ timeout: 30000 })

  // 6. the member rates the reply
  await switchTo(page, 'member')
  await app.open(page, `proposal/detail/index?id=${encodeURIComponent(id)}`)
  await visible(page, '您对县教育局的答复是否满意').first().waitFor({ timeout: 30000 })
  await chip(page, '满意')
  await page.locator('.pp-rate textarea').filter({ visible: true }).first().fill('答复及时，措施具体')
  await page.locator('.pp-rate-submit').filter({ visible: true }).first().click()
  await confirmModal(page, '提交评价')
  await visible(page, '已评价，感谢您的反馈').first().waitFor({ timeout: 30000 })
  await visible(page, /评价：满意（答复及时，措施具体）/).first().waitFor({ timeout: 30000 })
  await visible(page, `提案号：${numberLabel}`).first().waitFor()
  await visible(page, `提案人：${proposer.name}`).first().waitFor()
  await app.screenshot(page, 'browser-proposal-rated')
  await expectNothingOfTheDeveloper(page)

  const stored = (await db().collection('proposals').doc(id).get()).data
  expect(stored.units.map((u: { departmentId: string; role: string }) => [u.departmentId, u.role])).toEqual([['dept-education', 'lead']])
  expect(page.errors).toEqual([])
}

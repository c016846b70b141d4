/**
 * 社情民意 end to end in the H5 build (issue 4, "Tests"), as two personas on
 * the demo county: the public writes an item (the draft survives a reload),
 * attaches an image that really uploads to the local cloud's storage, and
 * submits; staff accept and adopt it and compile it into the next bulletin
 * issue; the public then sees 已编入第N期 in 我的反映 and on the timeline.
 * Needs the development H5 build in dist/h5 (npm test builds it).
 */
import type { Page } from 'playwright-core'
import { personas } from '../../src/dev/personas'
import { useH5App } from './support/h5-app'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const app = useH5App()

/** A NutUI button by its text: the Taro host element takes the tap (stack-notes.md). */
function button(page: Page, scope: string, text: RegExp) {
  return page.locator(`${scope} taro-button-core`).filter({ hasText: text }).first()
}

const title = '关于新民大街路口增设过街信号灯的建议'
const content = '新民大街与解放路交叉口早晚高峰人流车流大，学生过街不安全，建议增设行人过街信号灯并施划斑马线。'

test('public submits with an image; staff adopt and compile; the public sees 已编入第N期', async () => {
  const page = await app.newPage()

  // 1. 群众 writes; the draft is kept on the device across a reload
  await app.openAs(page, 'public', 'pages/opinion/index')
  await page.getByText('民生保障').first().waitFor({ timeout: 60000 })
  await page.locator('.op-form__input input').first().fill(title)
  await page.getByText('民生保障').first().click()
  await page.locator('.op-form textarea').first().fill(content)
  await page.waitForTimeout(300)
  await page.reload()
  await page.getByText('已恢复上次未提交的草稿').waitFor({ timeout: 60000 })
  expect(await page.locator('.op-form__input input').first().inputValue()).toBe(title)
  expect(await page.locator('.op-form textarea').first().inputValue()).toBe(content)

  // an image, chosen and uploaded to cloud storage under the caller's folder
  const chooser = page.waitForEvent('filechooser')
  await page.getByText('+ 添加图片').click()
  await (await chooser).setFiles({ name: 'crossing.png', mimeType: 'image/png', buffer: PNG })
  await page.getByText('已选 1 张').waitFor({ timeout: 30000 })
  const publicOpenid = personas.find((p) => p.key === 'public')!.openid
  expect(app.emulator.storage.files().filter((f) => f.cloudPath.startsWith(`uploads/${publicOpenid}/opinion/`))).toHaveLength(1)

  await page.locator('.op-form__submit').click()
  await page.getByText('提交成功').waitFor({ timeout: 30000 })
  await app.screenshot(page, 'browser-opinion-submitted')
  const stored = (await app.emulator.invoke<{ ok: boolean; data: { items: { id: string; title: string; imageCount: number }[] } }>('opinion', { action: 'opinion.mine', payload: {} }, { openid: publicOpenid })).result
  const mine = stored.data.items.find((i) => i.title === title)!
  expect(mine.imageCount).toBe(1)

  // 2. 机关工作人员 accept and adopt it
  await app.openAs(page, 'staff', 'staff/opinion-review/index')
  await page.getByText(title).first().waitFor({ timeout: 60000 })
  await page.getByText(title).first().click()
  await button(page, '.sod__actions', /^受理$/).waitFor({ timeout: 30000 })
  await button(page, '.sod__actions', /^受理$/).click()
  await page.locator('.sod__head').getByText('处理中').waitFor({ timeout: 30000 })
  await button(page, '.sod__actions', /^采用$/).click()
  await button(page, '.sod__panel', /^确认采用$/).click()
  await page.locator('.sod__head').getByText('已采用').waitFor({ timeout: 30000 })

  // ... and compile it into the next bulletin issue
  await app.openAs(page, 'staff', 'staff/bulletin-compile/index')
  await page.getByText(title).first().waitFor({ timeout: 60000 })
  await page.getByText(title).first().click()
  const inputs = page.locator('.compile__form input')
  await inputs.nth(0).fill('李春燕')
  await inputs.nth(1).fill('王建华')
  await button(page, '.compile__form', /生成专刊（1 条）/).click()
  const done = page.getByText(/第\d+期已生成/)
  await done.waitFor({ timeout: 60000 })
  const number = Number(/第(\d+)期/.exec((await done.textContent()) ?? '')![1])
  expect(number).toBeGreaterThan(0)
  await app.screenshot(page, 'browser-opinion-compiled')

  // 3. back as 群众: the list and the timeline say 已编入第N期
  await app.openAs(page, 'public', 'pages/opinion/mine/index')
  await page.getByText(title).first().waitFor({ timeout: 60000 })
  await page.getByText(`已编入第${number}期`).first().waitFor({ timeout: 30000 })
  await page.getByText(title).first().click()
  await page.locator('.op-timeline').getByText(`已编入第${number}期`).waitFor({ timeout: 30000 })
  const steps = await page.locator('.op-timeline__label').allTextContents()
  expect(steps).toEqual(['已收到', '处理中', '已采用', `已编入第${number}期`])
  await app.screenshot(page, 'browser-opinion-published')
  expect(page.errors).toEqual([])
  await page.close()
})

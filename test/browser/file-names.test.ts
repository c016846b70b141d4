/**
 * H5 uploads keep the person's own file name (issue 12, the browser build):
 * a member attaching a PDF to a proposal sees its real name on the form —
 * once every attachment read 图片, because the browser build picked with
 * Taro's chooseImage and named the pick itself. A name longer than 60
 * characters is cut (as people count characters) with its extension kept.
 * Needs the development H5 build in dist/h5.
 */
import { useH5App, visible } from './support/h5-app'
import './support/timeout'

const app = useH5App()
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

test('a member attaches PDFs to a proposal: each shows its own name, never 图片', async () => {
  const page = await app.newPage()
  await page.setViewportSize({ width: 375, height: 720 })
  await app.openAs(page, 'member', 'proposal/edit/index')
  const add = page.locator('.nut-button', { hasText: '+ 添加附件' }).filter({ visible: true }).first()
  await add.waitFor({ timeout: 60000 })

  const name = '城区停车难调研报告👨‍👩‍👧.pdf'
  let chooser = page.waitForEvent('filechooser', { timeout: 30000 })
  await add.click()
  const first = await chooser
  // the browser offers the same kinds as WeChat's chooseMessageFile, not images only
  expect(await first.element().getAttribute('accept')).toBe('.pdf,.doc,.docx,.jpg,.jpeg,.png')
  await first.setFiles({ name, mimeType: 'application/pdf', buffer: PDF })
  await visible(page, name).first().waitFor({ timeout: 30000 })

  const long = `${'关于加强城区停车管理'.repeat(8)}.pdf`
  chooser = page.waitForEvent('filechooser', { timeout: 30000 })
  await add.click()
  await (await chooser).setFiles({ name: long, mimeType: 'application/pdf', buffer: PDF })
  const cut = `${'关于加强城区停车管理'.repeat(8).slice(0, 55)}….pdf`
  await visible(page, cut).first().waitFor({ timeout: 30000 })

  const rows = await page.locator('.pp-search__input').filter({ visible: true }).allInnerTexts()
  expect(rows).toEqual(expect.arrayContaining([name, cut]))
  expect(rows.some((r) => r.includes('图片'))).toBe(false)
  await app.screenshot(page, 'browser-proposal-attachment-names')
  expect(page.errors).toEqual([])
  await page.close()
})

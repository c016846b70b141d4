/**
 * 搜索 in the H5 build (issue 12 item 8), as a resident, at 375 px, at
 * 320 px and at 320 px in care mode: the search bar on 首页 opens the page,
 * a word of the demo county (花生) finds hits of at least two kinds, a hit
 * opens its page and back returns to the results, a word nobody wrote shows
 * the empty state; nothing overflows the screen, and in care mode the hits'
 * text is at least 18 px and the tabs at least 48 px high. Needs the
 * development H5 build in dist/h5 (NODE_ENV=development npx taro build --type h5).
 */
import type { Page } from 'playwright-core'
import { CARE_MODE_STORAGE_KEY } from '../../src/core/care-mode'
import { useH5App, visible } from './support/h5-app'
import './support/timeout'

const app = useH5App()

/**
 * Elements of the page on top (the one the person sees) reaching beyond the
 * screen's sides; [] when nothing overflows. Only the top page: H5 keeps the
 * pages below it in the DOM, and on a slow machine the one just left can still
 * be mid-transition (not yet hidden) under the new page.
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const out: string[] = []
    if (document.documentElement.scrollWidth > width + 1) out.push(`page is ${document.documentElement.scrollWidth}px wide`)
    const pages = Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const top = pages[pages.length - 1]
    if (!top) out.push('no page is shown')
    for (const root of top ? Array.from(top.querySelectorAll('.page-shell')) : []) {
      if (root.getBoundingClientRect().height < 1) continue
      for (const e of Array.from(root.querySelectorAll('*'))) {
        const r = e.getBoundingClientRect()
        if (r.width < 1 || r.height < 1) continue
        if (r.right > width + 1 || r.left < -1) out.push(`${e.className} “${(e.textContent ?? '').slice(0, 20)}” spans ${Math.round(r.left)}..${Math.round(r.right)}`)
      }
    }
    return out
  })
}

async function search(page: Page, text: string) {
  const input = page.locator('.search__bar input').filter({ visible: true }).first()
  await input.fill(text)
  await page.locator('.search__go').filter({ visible: true }).first().click()
}

const modes = [
  { label: '375 px', width: 375, care: false },
  { label: '320 px', width: 320, care: false },
  { label: '320 px in care mode', width: 320, care: true }
]

for (const mode of modes) {
  test(`${mode.label}: from 首页 a resident searches, opens a hit, comes back and finds nothing for nonsense`, async () => {
    const page = await app.newPage()
    try {
      await page.setViewportSize({ width: mode.width, height: 720 })
      await page.goto(`${app.url}/`)
      await page.evaluate(
        ([key, value]) => (value ? localStorage.setItem(key, JSON.stringify({ data: value })) : localStorage.removeItem(key)),
        [CARE_MODE_STORAGE_KEY, mode.care ? 'on' : ''] as const
      )
      await app.openAs(page, 'public', 'pages/index/index')
      const entry = page.locator('.search-entry').filter({ visible: true }).first()
      await entry.waitFor({ timeout: 30000 })
      await entry.click()
      await page.locator('.search__bar input').filter({ visible: true }).first().waitFor({ timeout: 30000 })

      await search(page, '花生')
      const rows = page.locator('.search__list .list-row').filter({ visible: true })
      await rows.first().waitFor({ timeout: 30000 })
      const kinds = new Set(await page.locator('.search__list .badge').filter({ visible: true }).allTextContents())
      expect(kinds.size).toBeGreaterThanOrEqual(2)
      for (const k of kinds) expect(['议题', '活动', '工作室', '公告']).toContain(k)
      const titles = await page.locator('.search__list .list-row__title').filter({ visible: true }).allTextContents()
      for (const t of titles.slice(0, 5)) expect(t.length).toBeGreaterThan(0)
      expect(await overflow(page)).toEqual([])
      if (mode.care) {
        expect(await page.locator('.page-shell.app-care').filter({ visible: true }).count()).toBeGreaterThan(0)
        const size = await page.locator('.search__list .list-row__title').filter({ visible: true }).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
        expect(size).toBeGreaterThanOrEqual(18)
        const tab = await page.locator('.search__tab').filter({ visible: true }).first().evaluate((e) => e.getBoundingClientRect().height)
        expect(tab).toBeGreaterThanOrEqual(47.5)
      }
      await app.screenshot(page, `search-${mode.width}${mode.care ? '-care' : ''}`)

      // Open the first 议题 hit: the topic page shows its title; back returns to the results.
      const topicRow = rows.filter({ has: page.locator('.badge', { hasText: '议题' }) }).first()
      const title = (await topicRow.locator('.list-row__title').textContent())!.trim()
      await topicRow.click()
      await visible(page, title).filter({ hasNot: page.locator('.search__list') }).first().waitFor({ timeout: 30000 })
      await page.waitForFunction(() => location.hash.includes('pages/topic/index'), undefined, { timeout: 30000 })
      await page.goBack()
      await page.waitForFunction(() => location.hash.includes('search/index/index'), undefined, { timeout: 30000 })
      await page.locator('.search__list .list-row').filter({ visible: true }).first().waitFor({ timeout: 30000 })

      await search(page, '子虚乌有之词')
      await visible(page, '没有找到与“子虚乌有之词”相关的内容').waitFor({ timeout: 30000 })
      expect(await overflow(page)).toEqual([])
      // Both searches are remembered on the device.
      const recent = await page.evaluate(() => localStorage.getItem('search.recent'))
      expect(recent).toContain('花生')
      expect(recent).toContain('子虚乌有之词')
      expect(page.errors).toEqual([])
    } catch (error) {
      await app.screenshot(page, `search-failure-${mode.width}${mode.care ? '-care' : ''}`).catch(() => undefined)
      throw error
    }
    await page.close()
  })
}

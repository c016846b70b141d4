/**
 * Nothing of the developer on screen (issue 12 item 1): every page of
 * src/app.config.ts, as every persona of the H5 switcher, shows no
 * Latin-letter token except the few words a page means to show (ALLOWED,
 * each with its reason). Detail pages are reached through the first item of
 * the list pages (a tap on the first row). A raw enum (`in_review`), an
 * image-check result (`pass`), a format string (`YYYY-MM-DD`), an OPENID
 * (`oDemo…`) or an id (`topic-agate`, `m-D002`) fails the test, naming the
 * persona, the route and the token.
 *
 * Needs the development H5 build in dist/h5.
 */
import type { Page } from 'playwright-core'
import { personas } from '../../src/dev/personas'
import { useH5App } from './support/h5-app'

/** Latin words the app means to show, with the reason. Keep it short. */
const ALLOWED: Record<string, string> = {
  // File kinds people know by these names (upload hints, exports).
  PDF: 'file kind', Word: 'file kind', Excel: 'file kind', JPG: 'image kind', PNG: 'image kind',
  // Size units in upload limits (“不超过 10 MB”).
  MB: 'size unit', KB: 'size unit',
  // 二维码 is the word we use; QR appears only if a page names the code kind.
  QR: 'code kind',
  // A person's own words: the demo opinion “…C++ 技能培训” (the literal keyword search is tested with C++).
  C: 'user text in a demo title'
}

/** Token shapes the app means to show. */
const ALLOWED_SHAPES: { pattern: RegExp; reason: string }[] = [
  // 委员编号 as in the roster the office imports and searches by (staff roster page).
  { pattern: /^D\d{3}$/, reason: 'member number of the roster' }
]

const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown }
g.defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
delete g.defineAppConfig

const routes = [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]

const app = useH5App()

/** Text of the page on screen (hidden kept pages have no innerText), minus the dev-only persona switcher. */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const switcher = Array.from(document.querySelectorAll<HTMLElement>('.persona-switcher'))
    switcher.forEach((e) => (e.dataset.hiddenForScan = e.style.display, (e.style.display = 'none')))
    const text = document.body.innerText
    switcher.forEach((e) => (e.style.display = e.dataset.hiddenForScan ?? ''))
    return text
  })
}

/** Latin-letter tokens not in ALLOWED (a token is a run of letters, digits, _ . - @ : / starting with a letter). */
function strayTokens(text: string): string[] {
  const found = text.match(/[A-Za-z][A-Za-z0-9_.\-@:/]*/g) ?? []
  return [...new Set(found.map((t) => t.replace(/[.:/-]+$/, '')).filter((t) => !(t in ALLOWED) && !ALLOWED_SHAPES.some((s) => s.pattern.test(t))))]
}

/** Waits until the page has stopped loading (no spinner text on screen) or 8 s passed. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !/正在加载|加载中/.test(document.body.innerText), undefined, { timeout: 8000 }).catch(() => undefined)
  await page.waitForTimeout(300)
}

jest.setTimeout(20 * 60 * 1000)

for (const persona of personas) {
  test(`as ${persona.label}: no page shows a Latin token it does not mean to show`, async () => {
    const page = await app.newPage()
    const problems: string[] = []
    let read = 0
    const check = async (where: string) => {
      const text = await screenText(page)
      // A page that rendered reads as Chinese; count them so a blank scan cannot pass.
      if ((text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 10) read += 1
      const stray = strayTokens(text)
      if (stray.length) problems.push(`${where}: ${stray.join(' ')}`)
    }
    await app.openAs(page, persona.key, routes[0])
    for (const route of routes) {
      await page.goto(`${app.url}/#/${route}`)
      await page.reload()
      await settle(page)
      await check(route)
      // A list page: open its first item (a detail page) and scan that too.
      const first = page.locator('.list-row[role="button"], .list-row--link, .cx-card [role="link"]').filter({ visible: true }).first()
      if (!route.includes('detail') && (await first.count()) > 0) {
        const before = page.url()
        await first.click({ timeout: 3000 }).catch(() => undefined)
        await page.waitForTimeout(500)
        if (page.url() !== before) {
          await settle(page)
          await check(`${route} → ${new URL(page.url()).hash.slice(2)}`)
        }
      }
    }
    expect(page.errors).toEqual([])
    await page.close()
    expect(problems).toEqual([])
    // Most pages (and the details opened from lists) must have rendered: a few pages a
    // persona may not use answer in one short sentence (under 10 characters of Chinese).
    expect(read).toBeGreaterThanOrEqual(Math.ceil(routes.length * 0.8))
  })
}

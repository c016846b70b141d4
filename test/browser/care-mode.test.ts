/**
 * Care mode (长辈模式, issue 12 item 6) in the H5 build: every page of
 * src/app.config.ts, opened as a persona that may use it, at 320 px width
 * with care mode on, and at 375 px in normal mode: no horizontal overflow,
 * no two tap targets on top of each other; in care mode also text ≥ 15 px
 * (body ≥ 18 px) and tap targets ≥ 48 px high. Needs the development H5
 * build in dist/h5 (NODE_ENV=development npx taro build --type h5).
 */
import type { Page } from 'playwright-core'
import { CARE_MODE_STORAGE_KEY } from '../../src/core/care-mode'
import { personaOf, useH5App } from './support/h5-app'
import './support/timeout'

const app = useH5App()

// app.config.ts calls Taro's build-time global.
;(globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-var-requires
const appConfig = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
const allPages = [...appConfig.pages, ...appConfig.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]

type Items = { items: { id: string; studioId?: string }[] }

/** The first item's id from a list action, as `persona`. */
async function firstId(fn: string, action: string, persona: string, payload: Record<string, unknown> = {}): Promise<string> {
  const { result } = await app.emulator.invoke<{ ok: boolean; data: Items }>(fn, { action, payload }, { openid: personaOf(persona).openid })
  const id = result.ok ? result.data.items[0]?.id : undefined
  if (!id) throw new Error(`no item from ${action} as ${persona}`)
  return id
}

interface PageCase {
  /** Who opens it: a persona the page is for. */
  persona: string
  /** The query string (ids from the demo county). */
  query?: () => Promise<string>
}

const idOf = (fn: string, action: string, persona: string, payload?: Record<string, unknown>) => async () => `id=${encodeURIComponent(await firstId(fn, action, persona, payload))}`
const topic = idOf('consultation', 'topic.list', 'public')
const activity = idOf('activity', 'activity.list', 'staff')
const studio = idOf('studio', 'studio.list', 'public')
const memberProposal = idOf('proposal', 'proposal.mine', 'member')

/** Every page and the persona it is checked as. A new page must be added here (the first test fails otherwise). */
const cases: Record<string, PageCase> = {
  'pages/index/index': { persona: 'public' },
  'pages/consult/index': { persona: 'member' },
  'pages/opinion/index': { persona: 'informant' },
  'pages/mine/index': { persona: 'staff' },
  'pages/topic/index': { persona: 'public', query: topic },
  'pages/activity/list/index': { persona: 'member' },
  'pages/activity/detail/index': { persona: 'member', query: activity },
  'pages/activity/checkin/index': { persona: 'member' },
  'pages/consultation/propose/index': { persona: 'member' },
  'pages/consultation/solved/index': { persona: 'public' },
  'pages/opinion/mine/index': { persona: 'informant' },
  'pages/opinion/detail/index': { persona: 'informant', query: idOf('opinion', 'opinion.mine', 'informant') },
  'pages/opinion/edit/index': { persona: 'informant', query: idOf('opinion', 'opinion.mine', 'informant') },
  'pages/privacy/index': { persona: 'public' },
  'pages/activity/poster/index': { persona: 'member', query: activity },
  'member/bind/index': { persona: 'public' },
  'member/activity-mine/index': { persona: 'member' },
  'member/activity-pass/index': { persona: 'member', query: activity },
  'studio/detail/index': { persona: 'public', query: studio },
  'studio/list/index': { persona: 'public' },
  'studio/announcement/index': {
    persona: 'public',
    query: async () => {
      const studios = (await app.emulator.invoke<{ ok: boolean; data: Items }>('studio', { action: 'studio.list', payload: { limit: 20 } }, { openid: personaOf('public').openid })).result.data.items
      for (const s of studios) {
        const { result } = await app.emulator.invoke<{ ok: boolean; data: Items }>('studio', { action: 'studio.announcements', payload: { studioId: s.id } }, { openid: personaOf('public').openid })
        if (result.ok && result.data.items[0]) return `id=${encodeURIComponent(result.data.items[0].id)}`
      }
      throw new Error('no published announcement in the demo county')
    }
  },
  'studio/manage/index': { persona: 'studio_admin' },
  'staff/members/index': { persona: 'staff' },
  'staff/grants/index': { persona: 'staff' },
  'staff/activity-manage/index': { persona: 'staff', query: activity },
  'staff/activity-edit/index': { persona: 'staff' },
  'staff/topic/index': { persona: 'staff', query: topic },
  'staff/topic-moderation/index': { persona: 'staff' },
  'staff/opinion-review/index': { persona: 'staff' },
  'staff/opinion-detail/index': { persona: 'staff', query: idOf('opinion', 'opinion.reviewList', 'staff') },
  'staff/opinion-stats/index': { persona: 'staff' },
  'staff/opinion-categories/index': { persona: 'staff' },
  'staff/bulletin-compile/index': { persona: 'staff' },
  'staff/bulletin-list/index': { persona: 'staff' },
  'department/tasks/index': { persona: 'department' },
  'desk/login/index': { persona: 'staff' },
  'desk/sessions/index': { persona: 'staff' },
  'proposal/mine/index': { persona: 'member' },
  'proposal/detail/index': { persona: 'member', query: memberProposal },
  'proposal/edit/index': { persona: 'member' },
  'proposal/public/index': { persona: 'public' },
  'proposal/public-detail/index': { persona: 'public', query: idOf('proposal', 'proposal.publicList', 'public') },
  'proposal/tasks/index': { persona: 'department' },
  'proposal/reply/index': { persona: 'department', query: idOf('proposal', 'proposal.tasks', 'department') },
  'proposal/review/index': { persona: 'staff' },
  'proposal/assign/index': { persona: 'staff', query: idOf('proposal', 'proposal.reviewList', 'staff') },
  'proposal/overdue/index': { persona: 'staff' },
  'member/messages/index': { persona: 'member' },
  'year/index/index': { persona: 'leader' },
  'year/drill/index': { persona: 'leader', query: async () => 'year=2025&figure=inspection_trips' },
  'ledger/mine/index': { persona: 'member' },
  'ledger/review/index': { persona: 'staff' },
  'search/index/index': { persona: 'public' }
}

interface Finding {
  kind: 'overflow' | 'overlap' | 'small-text' | 'small-target'
  what: string
}

/**
 * What is wrong with the page on screen: elements reaching past the right or
 * left edge (unless a scrolling or clipping box holds them), pairs of tap
 * targets that overlap (neither inside the other), and in care mode text
 * under its floor and tap targets under 48 px. The persona switcher
 * (development only) and hidden kept pages are left out.
 */
async function inspect(page: Page, care: boolean): Promise<Finding[]> {
  return page.evaluate((careOn) => {
    const found: { kind: 'overflow' | 'overlap' | 'small-text' | 'small-target'; what: string }[] = []
    const width = document.documentElement.clientWidth
    const name = (e: Element) => {
      const text = (e.textContent ?? '').trim().slice(0, 24)
      return `${e.tagName.toLowerCase()}.${String(e.className).split(' ').filter(Boolean).slice(0, 2).join('.')} “${text}”`
    }
    const shown = (e: Element) => {
      if (e.closest('.persona-switcher')) return false
      const r = e.getBoundingClientRect()
      if (r.width < 1 || r.height < 1) return false
      const s = getComputedStyle(e)
      return s.visibility !== 'hidden' && s.display !== 'none'
    }
    const clipped = (e: Element) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX
        if (o === 'hidden' || o === 'auto' || o === 'scroll' || o === 'clip') {
          const r = p.getBoundingClientRect()
          if (r.right <= width + 1 && r.left >= -1) return true
        }
      }
      return false
    }
    const pageRoot = Array.from(document.querySelectorAll('.page-shell')).filter(shown)
    const all = pageRoot.flatMap((root) => [root, ...Array.from(root.querySelectorAll('*'))]).filter(shown)

    if (document.documentElement.scrollWidth > width + 1) found.push({ kind: 'overflow', what: `page is ${document.documentElement.scrollWidth}px wide in ${width}px` })
    for (const e of all) {
      const r = e.getBoundingClientRect()
      if ((r.right > width + 1 || r.left < -1) && !clipped(e)) found.push({ kind: 'overflow', what: `${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${width}` })
    }

    const targets = all.filter((e) => e.matches('button, input, textarea, a, [role=button], [role=link], [role=switch], [role=tab], [role=checkbox], [role=radio], .nut-button, taro-switch-core'))
    // Only the outermost of nested targets (a button's inner span is the same target).
    const outer = targets.filter((e) => !targets.some((o) => o !== e && o.contains(e)))
    for (let i = 0; i < outer.length; i++) {
      const a = outer[i].getBoundingClientRect()
      for (let j = i + 1; j < outer.length; j++) {
        const b = outer[j].getBoundingClientRect()
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (w > 2 && h > 2) found.push({ kind: 'overlap', what: `${name(outer[i])} overlaps ${name(outer[j])}` })
      }
    }

    if (careOn) {
      for (const e of all) {
        if (!e.closest('.app-care')) continue
        const ownText = Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())
        if (!ownText) continue
        const size = parseFloat(getComputedStyle(e).fontSize)
        if (size < 15 - 0.01) found.push({ kind: 'small-text', what: `${name(e)} at ${size}px` })
      }
      for (const e of outer) {
        if (!e.closest('.app-care') || e.matches('input, textarea')) continue
        const r = e.getBoundingClientRect()
        if (r.height < 48 - 0.5) found.push({ kind: 'small-target', what: `${name(e)} is ${Math.round(r.height)}px high` })
      }
    }
    return found
  }, care)
}

/** Opens `route` as `persona` at `width` (care mode on or off) and waits until it has loaded. */
async function openPage(page: Page, route: string, c: PageCase, width: number, care: boolean): Promise<void> {
  await page.setViewportSize({ width, height: 720 })
  const query = c.query ? await c.query() : ''
  await page.goto(`${app.url}/`)
  await page.evaluate(
    ([key, value]) => (value ? localStorage.setItem(key, JSON.stringify({ data: value })) : localStorage.removeItem(key)),
    [CARE_MODE_STORAGE_KEY, care ? 'on' : ''] as const
  )
  await app.openAs(page, c.persona, `${route}${query ? `?${query}` : ''}`)
  await page.locator('.page-shell').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  // Loaded: no spinner left on the page (or give up waiting after 15 s and judge what is there).
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state--loading')).some((e) => e.getBoundingClientRect().height > 0), undefined, { timeout: 15000 }).catch(() => undefined)
  await page.waitForTimeout(300)
}

test('every page of the app is in this test', () => {
  expect(allPages.filter((p) => !cases[p])).toEqual([])
})

const modes = [
  { label: '320 px, care mode', width: 320, care: true },
  { label: '375 px, normal', width: 375, care: false }
]

for (const mode of modes) {
  test(`${mode.label}: no page overflows or overlaps its tap targets`, async () => {
    const page = await app.newPage()
    const problems: string[] = []
    for (const route of allPages) {
      const c = cases[route]
      if (!c) continue
      await openPage(page, route, c, mode.width, mode.care).catch((e: unknown) => {
        throw new Error(`${route} as ${c.persona} did not open: ${String(e)}`)
      })
      if (mode.care) expect(await page.locator('.page-shell.app-care').filter({ visible: true }).count()).toBeGreaterThan(0)
      for (const f of await inspect(page, mode.care)) problems.push(`${route} [${f.kind}] ${f.what}`)
      if (route === 'pages/mine/index' || route === 'pages/index/index') await app.screenshot(page, `care-${mode.width}-${route.split('/')[1]}`)
    }
    expect(problems).toEqual([])
    expect(page.errors).toEqual([])
    await page.close()
  }, 900000)
}

test('the 长辈模式 switch in 我的 turns care mode on for every page and is remembered', async () => {
  const page = await app.newPage()
  await page.setViewportSize({ width: 375, height: 720 })
  await openPage(page, 'pages/mine/index', { persona: 'member' }, 375, false)
  const toggle = page.locator('[role=switch][aria-label=长辈模式]').filter({ visible: true })
  expect(await toggle.getAttribute('aria-checked')).toBe('false')
  const before = parseFloat(await page.locator('.list-row__title').filter({ visible: true }).first().evaluate((e) => getComputedStyle(e).fontSize))
  await toggle.click()
  await page.locator('.page-shell.app-care').filter({ visible: true }).first().waitFor()
  expect(await toggle.getAttribute('aria-checked')).toBe('true')
  const after = parseFloat(await page.locator('.list-row__title').filter({ visible: true }).first().evaluate((e) => getComputedStyle(e).fontSize))
  expect(before).toBeLessThan(18)
  expect(after).toBeGreaterThanOrEqual(18)
  // Remembered on the device: a fresh load of another page is in care mode too.
  await app.open(page, 'pages/index/index')
  await page.locator('.page-shell.app-care').filter({ visible: true }).first().waitFor({ timeout: 30000 })
  await page.close()
})

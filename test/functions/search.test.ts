/**
 * The public search (issue 12 item 8) through the real SDK: literal matches
 * over topics, activities, studios and announcements; only what the public
 * lists show (held, draft, merged, cancelled and unpublished items never
 * appear); paging across kinds; regular-expression metacharacters match
 * themselves; an empty search is refused in Chinese.
 */
import { personas } from '../../src/dev/personas'
import type { SearchHit } from '../../src/core/actions/search'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()

// The first seed writes the whole demo county (slow on a shared machine); later tests restore its snapshot.
beforeAll(() => cloud.seedDemo(), 240_000)
beforeEach(() => cloud.seedDemo())

const DAY = 86_400_000
const base = new Date(Date.UTC(2026, 5, 1, 2))

/** Writes documents straight into the database (as staff tools would have left them). */
async function put(collection: string, id: string, data: Record<string, unknown>) {
  await cloud.db().collection(collection).doc(id).set({ data })
}

function topic(title: string, extra: Record<string, unknown> = {}) {
  return { title, description: `${title}的情况说明`, category: '城乡建设', state: 'proposed', visible: true, supportCount: 0, proposerOpenid: 'oSearchProposer0001', createdAt: base, updatedAt: base, ...extra }
}
function activity(title: string, extra: Record<string, unknown> = {}) {
  return { title, description: `${title}，欢迎参加`, type: 'studio', state: 'published', listed: true, place: '县政协二楼', startAt: base, endAt: new Date(base.getTime() + 2 * 3600_000), capacity: 20, registeredCount: 0, createdAt: base, updatedAt: base, ...extra }
}
function studio(name: string, extra: Record<string, unknown> = {}) {
  return { name, sortKey: `z-${name}`, town: '阜新镇', address: '县城', openingHours: '周一', intro: `${name}定期接待群众`, contactName: '王老师', contactPhone: '13800000000', shared: false, members: [], createdAt: base, updatedAt: base, ...extra }
}
function announcement(title: string, extra: Record<string, unknown> = {}) {
  return { studioId: 'studio-01', studioName: '工作室', title, body: `${title}：本周五开展接待`, attachments: [], state: 'published', authorOpenid: 'oSearchAuthor0001', publishedAt: base, createdAt: base, updatedAt: base, ...extra }
}

async function searchAll(payload: { text: string; kind?: string; limit?: number }): Promise<SearchHit[]> {
  const hits: SearchHit[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 20; pages++) {
    const page = await cloud.ok('public', 'search.query', { ...payload, ...(cursor ? { cursor } : {}) })
    hits.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) return hits
  }
  throw new Error('more than 20 pages')
}

describe('search.query', () => {
  it('finds a word of the demo county in topics, activities and studios, each with the page that opens it; no OPENID, at most one read per kind', async () => {
    const reply = await cloud.call('public', 'search.query', { text: '花生', limit: 20 })
    if (!reply.ok) throw new Error(reply.error.message)
    const hits = reply.data.items
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['topic', 'activity']))
    for (const h of hits) expect(`${h.title}${h.snippet}`).toContain('花生')
    // Newest first, across kinds.
    const dates = hits.map((h) => Date.parse(h.date))
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
    expect(reply.dbOps).toBeLessThanOrEqual(4)
    const text = JSON.stringify(reply.data)
    for (const p of personas) expect(text).not.toContain(p.openid)
    expect(text).not.toMatch(/openid/i)

    const routes = { topic: '/pages/topic/index', activity: '/pages/activity/detail/index', studio: '/studio/detail/index', announcement: '/studio/announcement/index' }
    for (const h of hits) expect(h.route).toBe(routes[h.kind])
    // Each hit opens: the id is what the detail action takes.
    const t = hits.find((h) => h.kind === 'topic')!
    expect((await cloud.ok('public', 'topic.get', { id: t.id })).title).toBe(t.title)
    // Studios changed long ago: further down the list, or at once with the kind filter.
    const studios = await cloud.ok('public', 'search.query', { text: '花生', kind: 'studio' })
    expect(studios.items.map((h) => h.title)).toEqual(['花生产业委员工作室'])
    const s = studios.items[0]
    expect(s.route).toBe(routes.studio)
    expect((await searchAll({ text: '花生', limit: 20 })).map((h) => h.id)).toContain(s.id)
    expect((await cloud.ok('public', 'studio.get', { id: s.id })).name).toBe(s.title)
    const a = hits.find((h) => h.kind === 'activity')!
    expect((await cloud.ok('public', 'activity.get', { id: a.id })).title).toBe(a.title)
  })

  it('shows only what the public lists show: no held, draft, merged, cancelled, hidden or unpublished item', async () => {
    await put('topics', 'tp-search-open', topic('紫丁香小区停车难'))
    await put('topics', 'tp-search-declined', topic('紫丁香路灯', { state: 'declined', declineReason: '已列入计划' }))
    await put('topics', 'tp-search-held', topic('紫丁香广场噪音', { visible: false, hold: { verdict: 'review' } }))
    await put('topics', 'tp-search-draft', topic('紫丁香草稿', { visible: false, state: 'draft' }))
    await put('topics', 'tp-search-merged', topic('紫丁香停车', { state: 'merged', mergedInto: 'tp-search-open' }))
    await put('activities', 'ac-search-on', activity('紫丁香社区议事会'))
    await put('activities', 'ac-search-draft', activity('紫丁香草稿活动', { state: 'draft', listed: false }))
    await put('activities', 'ac-search-held', activity('紫丁香待审活动', { listed: false, held: 'review' }))
    await put('activities', 'ac-search-cancelled', activity('紫丁香取消活动', { state: 'cancelled', cancelReason: '天气原因' }))
    await put('studios', 'studio-search-on', studio('紫丁香委员工作室'))
    await put('studios', 'studio-search-hidden', studio('紫丁香新建工作室', { hidden: true, heldProfile: { fields: {}, verdict: 'review', at: base } }))
    // Held profile text is not searched: the public fields stay as they were.
    await put('studios', 'studio-search-heldtext', studio('丁香委员工作室', { heldProfile: { fields: { intro: '紫丁香待审简介' }, verdict: 'review', at: base } }))
    await put('announcements', 'an-search-on', announcement('紫丁香接待日'))
    await put('announcements', 'an-search-draft', announcement('紫丁香草稿公告', { state: 'draft', publishedAt: null }))
    await put('announcements', 'an-search-review', announcement('紫丁香待审公告', { state: 'pending_review', publishedAt: null }))
    await put('announcements', 'an-search-returned', announcement('紫丁香退回公告', { state: 'returned', publishedAt: null }))

    const hits = await searchAll({ text: '紫丁香', limit: 20 })
    expect(hits.map((h) => h.id).sort()).toEqual(['ac-search-on', 'an-search-on', 'studio-search-on', 'tp-search-declined', 'tp-search-open'])
    // The same rule with a kind filter, and nothing else with it.
    expect((await searchAll({ text: '紫丁香', kind: 'topic' })).map((h) => h.id).sort()).toEqual(['tp-search-declined', 'tp-search-open'])
    expect((await searchAll({ text: '紫丁香', kind: 'announcement' })).map((h) => `${h.kind}:${h.id}`)).toEqual(['announcement:an-search-on'])
    // A match in the summary only gives a snippet around it.
    const only = await cloud.ok('public', 'search.query', { text: '的情况说明', kind: 'topic' })
    expect(only.items.map((h) => h.id)).toEqual(expect.arrayContaining(['tp-search-open', 'tp-search-declined']))
    expect(only.items.map((h) => h.id)).not.toContain('tp-search-held')
    expect(only.items.find((h) => h.id === 'tp-search-open')!.snippet).toBe('紫丁香小区停车难的情况说明')
  })

  it('pages through hits of all kinds newest first, each hit once, also with equal dates', async () => {
    for (let i = 0; i < 13; i++) {
      // Pairs of equal dates, so ties are broken by kind and id.
      const at = new Date(base.getTime() - Math.floor(i / 2) * DAY)
      await put('topics', `tp-glow-${String(i).padStart(2, '0')}`, topic(`夜光杯话题${i}`, { updatedAt: at }))
      if (i % 3 === 0) await put('activities', `ac-glow-${i}`, activity(`夜光杯活动${i}`, { startAt: at }))
      if (i % 4 === 0) await put('announcements', `an-glow-${i}`, announcement(`夜光杯公告${i}`, { publishedAt: at }))
    }
    await put('studios', 'studio-glow', studio('夜光杯工作室', { updatedAt: new Date(base.getTime() - 3 * DAY) }))
    const pages: SearchHit[][] = []
    let cursor: string | undefined
    do {
      const reply = await cloud.call('public', 'search.query', { text: '夜光杯', limit: 4, ...(cursor ? { cursor } : {}) })
      if (!reply.ok) throw new Error(reply.error.message)
      expect(reply.data.items.length).toBeLessThanOrEqual(4)
      expect(reply.dbOps).toBeLessThanOrEqual(4)
      pages.push(reply.data.items)
      cursor = reply.data.nextCursor
    } while (cursor && pages.length < 20)
    const hits = pages.flat()
    const expected = 13 + 5 + 4 + 1
    expect(hits).toHaveLength(expected)
    expect(new Set(hits.map((h) => `${h.kind}:${h.id}`)).size).toBe(expected)
    expect(pages).toHaveLength(Math.ceil(expected / 4))
    const dates = hits.map((h) => Date.parse(h.date))
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
    // One kind pages on its own too.
    const topics = await searchAll({ text: '夜光杯', kind: 'topic', limit: 5 })
    expect(topics.map((h) => h.id).sort()).toEqual(Array.from({ length: 13 }, (_, i) => `tp-glow-${String(i).padStart(2, '0')}`))
  })

  it('matches regular-expression metacharacters literally', async () => {
    await put('topics', 'tp-meta-1', topic('收费标准(试行).*说明'))
    await put('topics', 'tp-meta-2', topic('目录\\附件[一]'))
    await put('topics', 'tp-meta-3', topic('a|b 与 $100^2+?'))
    const ids = async (text: string) => (await searchAll({ text })).map((h) => h.id).sort()
    expect(await ids('.*')).toEqual(['tp-meta-1'])
    expect(await ids('(')).toEqual(['tp-meta-1'])
    expect(await ids('(试行)')).toEqual(['tp-meta-1'])
    expect(await ids('\\')).toEqual(['tp-meta-2'])
    expect(await ids('[一]')).toEqual(['tp-meta-2'])
    expect(await ids('a|b')).toEqual(['tp-meta-3'])
    expect(await ids('$100^2+?')).toEqual(['tp-meta-3'])
    // A dot is a dot: "标准.试行" does not match "标准(试行".
    expect(await ids('标准.试行')).toEqual([])
  })

  it('refuses an empty or too long search and a forged cursor, in Chinese', async () => {
    for (const text of ['', '   ', '\u200B']) {
      const reply = await cloud.call('public', 'search.query', { text })
      expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
      if (!reply.ok) expect(reply.error.message).toBe('请填写搜索内容')
    }
    const long = await cloud.call('public', 'search.query', { text: '花'.repeat(31) })
    expect(codeOf(long)).toBe('COMMON.INVALID_INPUT')
    if (!long.ok) expect(long.error.message).toMatch(/搜索内容不能超过 30 个字/)
    // 30 family emoji are 30 characters: accepted.
    expect(codeOf(await cloud.call('public', 'search.query', { text: '👨‍👩‍👧'.repeat(30) }))).toBeUndefined()
    const forged = [Buffer.from(JSON.stringify(['d:2026-01-01T00:00:00.000Z', 'nokind:x'])).toString('base64url'), Buffer.from(JSON.stringify([5, 'topic:x'])).toString('base64url'), 'bm90LWpzb24']
    for (const cursor of forged) {
      const reply = await cloud.call('public', 'search.query', { text: '花生', cursor })
      expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
      if (!reply.ok) expect(reply.error.message).toBe('翻页参数不正确')
    }
    expect(codeOf(await cloud.call('public', 'search.query', { text: '花生', kind: 'opinion' }))).toBe('COMMON.INVALID_INPUT')
  })

  it('a search nobody matches is an empty page without a cursor', async () => {
    const page = await cloud.ok('public', 'search.query', { text: '完全不存在的词语组合' })
    expect(page).toEqual({ items: [] })
  })
})

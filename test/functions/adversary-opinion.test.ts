/**
 * Adversary tests for the `opinion` function: privacy of anonymous items in
 * every staff response, retries after a lost reply, two staff at once, state
 * abuse, Beijing-time boundaries and paging while new items arrive.
 */
import JSZip from 'jszip'
import { SaxesParser } from 'saxes'
import { useFunctionsCloud, codeOf } from './support'
import { personas } from '../../src/dev/personas'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
let uploads = 0
function upload(owner: string, bytes: Buffer = PNG, name = `adv-${++uploads}.jpg`): string {
  return cloud.emulator.storage.put(`uploads/${owner}/${name}`, bytes, { openid: owner }).fileID
}

const base = {
  title: '关于农贸市场周边占道经营的反映',
  categoryId: 'cat-livelihood',
  content: '农贸市场周边早晚占道经营，车辆无法通行，建议划定临时摊位。'
}

beforeEach(() => cloud.seedDemo())

describe('anonymous items never reveal the submitter', () => {
  it('no staff response (detail, queue, adopt, bulletin, upward record) carries the OPENID, even through image file IDs or URLs', async () => {
    const me = openid('public')
    const images = [upload(me), upload(me)]
    const item = await cloud.ok('public', 'opinion.submit', { ...base, anonymous: true, images })
    const replies: unknown[] = []
    replies.push(await cloud.ok('staff', 'opinion.get', { id: item.id }))
    replies.push(await cloud.ok('staff', 'opinion.reviewList', {}))
    replies.push(await cloud.ok('staff', 'opinion.adopt', { id: item.id, title: base.title, content: base.content }))
    const bulletin = await cloud.ok('staff', 'bulletin.compile', { itemIds: [item.id], editor: '张编辑', approver: '李签发' })
    replies.push(bulletin, await cloud.ok('staff', 'bulletin.get', { id: bulletin.id }))
    replies.push(await cloud.ok('staff', 'opinion.reportUp', { id: item.id, level: 'city', kind: 'reported', date: '2026-01-05' }))
    for (const reply of replies) expect(JSON.stringify(reply)).not.toContain(me)

    // the staff still see the images, and the submitter still sees them as theirs
    const staffView = await cloud.ok('staff', 'opinion.get', { id: item.id })
    expect(staffView.images).toHaveLength(2)
    expect(staffView.images.every((i) => i.url.startsWith('http'))).toBe(true)
    const own = await cloud.ok('public', 'opinion.get', { id: item.id })
    expect(own.mine).toBe(true)
    expect(own.images).toHaveLength(2)
  })

  it('the submitter can resubmit a returned anonymous item keeping its images and adding one', async () => {
    const me = openid('public')
    const item = await cloud.ok('public', 'opinion.submit', { ...base, anonymous: true, images: [upload(me)] })
    await cloud.ok('staff', 'opinion.return', { id: item.id, note: '请补充具体路段' })
    const own = await cloud.ok('public', 'opinion.get', { id: item.id })
    const again = await cloud.call('public', 'opinion.resubmit', { id: item.id, ...base, content: `${base.content}（北二路）`, images: [...own.images.map((i) => i.fileID), upload(me)] })
    expect(codeOf(again)).toBeUndefined()
    const staffView = await cloud.ok('staff', 'opinion.get', { id: item.id })
    expect(staffView.images).toHaveLength(2)
    expect(JSON.stringify(staffView)).not.toContain(me)
  })
})

describe('retries after a lost reply (same requestId) return the first result', () => {
  it('adopt, accept, return, reject and merge retried answer as the first call did, recorded once', async () => {
    const a = await cloud.ok('informant', 'opinion.submit', { ...base, title: '甲' })
    const b = await cloud.ok('informant', 'opinion.submit', { ...base, title: '乙' })
    const c = await cloud.ok('informant', 'opinion.submit', { ...base, title: '丙' })
    const d = await cloud.ok('informant', 'opinion.submit', { ...base, title: '丁' })
    const steps: [string, Parameters<typeof cloud.call>[1], Record<string, unknown>][] = [
      ['retry-accept-01', 'opinion.accept', { id: a.id }],
      ['retry-adopt-001', 'opinion.adopt', { id: a.id, title: '甲（采用稿）', content: base.content }],
      ['retry-return-01', 'opinion.return', { id: b.id, note: '请补充' }],
      ['retry-reject-01', 'opinion.reject', { id: c.id, reason: '已有答复' }],
      ['retry-merge-001', 'opinion.merge', { id: d.id, intoId: a.id }]
    ]
    for (const [requestId, name, payload] of steps) {
      const first = await cloud.call('staff', name, payload, requestId)
      const retry = await cloud.call('staff', name, payload, requestId)
      expect([name, first.ok]).toEqual([name, true])
      expect([name, retry.ok && retry.data]).toEqual([name, first.ok && first.data])
    }
    const history = async (id: string) => (await cloud.ok('staff', 'opinion.get', { id })).history!.map((h) => h.action)
    expect(await history(a.id)).toEqual(['submit', 'accept', 'adopt', 'mergeIn'])
    expect(await history(d.id)).toEqual(['submit', 'merge'])
  })

  it('a resubmission retried with the same requestId returns the item, not 只有被退回修改的信息才能…', async () => {
    const item = await cloud.ok('informant', 'opinion.submit', base)
    await cloud.ok('staff', 'opinion.return', { id: item.id, note: '请补充具体路段' })
    const edited = { id: item.id, ...base, content: `${base.content}（北二路）` }
    const first = await cloud.call('informant', 'opinion.resubmit', edited, 'resubmit-retry-01')
    const retry = await cloud.call('informant', 'opinion.resubmit', edited, 'resubmit-retry-01')
    expect(first.ok && first.data.statusLabel).toBe('已重新提交')
    expect(retry.ok && retry.data).toEqual(first.ok && first.data)
    const history = (await cloud.ok('staff', 'opinion.get', { id: item.id })).history!.map((h) => h.action)
    expect(history.filter((a) => a === 'resubmit')).toHaveLength(1)
  })

  it('the same requestId on a different item is a new action, not a replay', async () => {
    const a = await cloud.ok('informant', 'opinion.submit', { ...base, title: '甲' })
    const b = await cloud.ok('informant', 'opinion.submit', { ...base, title: '乙' })
    await cloud.ok('staff', 'opinion.accept', { id: a.id })
    const other = await cloud.call('staff', 'opinion.accept', { id: b.id }, 'reused-request-01')
    expect(other.ok && other.data.state).toBe('in_review')
  })
})

describe('two staff acting at once', () => {
  it('adopt and reject of one item at once: exactly one wins, the other is told the state', async () => {
    const item = await cloud.ok('informant', 'opinion.submit', base)
    const [adopt, reject] = await Promise.all([
      cloud.call('staff', 'opinion.adopt', { id: item.id, title: base.title, content: base.content }),
      cloud.call('staff', 'opinion.reject', { id: item.id, reason: '不予采用' })
    ])
    expect([adopt, reject].filter((r) => r.ok)).toHaveLength(1)
    expect([adopt, reject].filter((r) => !r.ok).map(codeOf)).toEqual(['OPINION.WRONG_STATE'])
  })

  it('merging two items into each other at once merges one of them only', async () => {
    const a = await cloud.ok('informant', 'opinion.submit', { ...base, title: '甲' })
    const b = await cloud.ok('informant', 'opinion.submit', { ...base, title: '乙' })
    const replies = await Promise.all([
      cloud.call('staff', 'opinion.merge', { id: a.id, intoId: b.id }),
      cloud.call('staff', 'opinion.merge', { id: b.id, intoId: a.id })
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    const states = await Promise.all([a, b].map(async (i) => (await cloud.ok('staff', 'opinion.get', { id: i.id })).state))
    expect(states.sort()).toEqual(['merged', 'submitted'])
  })

  it('two bulletins compiled at once get consecutive numbers', async () => {
    const ids: string[] = []
    for (const t of ['甲', '乙']) {
      const item = await cloud.ok('informant', 'opinion.submit', { ...base, title: t })
      await cloud.ok('staff', 'opinion.adopt', { id: item.id, title: t, content: base.content })
      ids.push(item.id)
    }
    const [one, two] = await Promise.all(ids.map((id) => cloud.call('staff', 'bulletin.compile', { itemIds: [id], editor: '编辑', approver: '签发' })))
    expect(one.ok && two.ok).toBe(true)
    if (!one.ok || !two.ok) return
    expect(Math.abs(one.data.number - two.data.number)).toBe(1)
  })
})

describe('state machine abuse', () => {
  it('refuses merging into itself, into a merged or rejected item, compiling twice, resubmitting an adopted item', async () => {
    const a = await cloud.ok('informant', 'opinion.submit', { ...base, title: '甲' })
    const b = await cloud.ok('informant', 'opinion.submit', { ...base, title: '乙' })
    const c = await cloud.ok('informant', 'opinion.submit', { ...base, title: '丙' })
    expect(codeOf(await cloud.call('staff', 'opinion.merge', { id: a.id, intoId: a.id }))).toBe('OPINION.MERGE_TARGET')
    await cloud.ok('staff', 'opinion.merge', { id: b.id, intoId: a.id })
    expect(codeOf(await cloud.call('staff', 'opinion.merge', { id: c.id, intoId: b.id }))).toBe('OPINION.MERGE_TARGET')
    await cloud.ok('staff', 'opinion.reject', { id: c.id, reason: '重复' })
    expect(codeOf(await cloud.call('staff', 'opinion.merge', { id: a.id, intoId: c.id }))).toBe('OPINION.MERGE_TARGET')
    expect(codeOf(await cloud.call('staff', 'bulletin.compile', { itemIds: [a.id], editor: '编辑', approver: '签发' }))).toBe('BULLETIN.ITEM_NOT_ADOPTED')
    await cloud.ok('staff', 'opinion.adopt', { id: a.id, title: '甲', content: base.content })
    expect(codeOf(await cloud.call('informant', 'opinion.resubmit', { id: a.id, ...base }))).toBe('OPINION.WRONG_STATE')
    await cloud.ok('staff', 'bulletin.compile', { itemIds: [a.id], editor: '编辑', approver: '签发' })
    expect(codeOf(await cloud.call('staff', 'bulletin.compile', { itemIds: [a.id], editor: '编辑', approver: '签发' }))).toBe('BULLETIN.ITEM_NOT_ADOPTED')
    // someone else's item: neither readable nor editable
    expect(codeOf(await cloud.call('public', 'opinion.get', { id: a.id }))).toBe('COMMON.NOT_FOUND')
    expect(codeOf(await cloud.call('public', 'opinion.resubmit', { id: a.id, ...base }))).toBe('OPINION.NOT_OWNER')
  })

  it('injection-looking strings are plain text or refused', async () => {
    const reply = await cloud.call('public', 'opinion.submit', { ...base, categoryId: { $gt: '' } })
    expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
    const list = await cloud.call('staff', 'opinion.reviewList', { keyword: '{"$gt":""}' })
    expect(list.ok && list.data.items).toEqual([])
    const stranger = await cloud.call('public', 'opinion.submit', { ...base, images: [upload(openid('member')), `cloud://env.bucket/uploads/${openid('public')}/../${openid('member')}/x.jpg`].slice(1) })
    expect(codeOf(stranger)).toBe('FILE.NOT_OWNED')
  })
})

describe('hostile unicode', () => {
  /** Throws when `xml` is not well-formed XML 1.0 (what Word and Excel refuse to open). */
  function parseXml(xml: string) {
    new SaxesParser().write(xml).close()
  }
  async function xmlParts(bytes: Buffer) {
    const zip = await JSZip.loadAsync(bytes)
    return Promise.all(Object.keys(zip.files).filter((f) => f.endsWith('.xml')).map(async (f) => [f, await zip.file(f)!.async('string')] as const))
  }

  it('noncharacters and lone surrogates never make the bulletin .docx or the export .xlsx unreadable', async () => {
    const title = '路灯\uFFFF不亮\uD800'
    const content = `${base.content}\uFFFE（第二段\uDC00）`
    const item = await cloud.ok('public', 'opinion.submit', { ...base, title, content })
    expect(item.title).not.toContain('\uFFFF')
    await cloud.ok('staff', 'opinion.adopt', { id: item.id, title, content })
    const bulletin = await cloud.ok('staff', 'bulletin.compile', { itemIds: [item.id], editor: '编辑\uFFFF', approver: '签发' })
    const link = await cloud.ok('staff', 'bulletin.download', { id: bulletin.id })
    for (const [, xml] of await xmlParts(cloud.emulator.storage.read(link.fileID)!)) expect(() => parseXml(xml)).not.toThrow()
    const year = new Date().getUTCFullYear()
    const exported = await cloud.ok('staff', 'opinion.export', { year: Number(item.receivedAt.slice(0, 4)) || year })
    for (const [, xml] of await xmlParts(cloud.emulator.storage.read(exported.fileID)!)) expect(() => parseXml(xml)).not.toThrow()
  })
})

describe('missing files', () => {
  it('a bulletin whose .docx was deleted from storage is generated again on download', async () => {
    const item = await cloud.ok('informant', 'opinion.submit', base)
    await cloud.ok('staff', 'opinion.adopt', { id: item.id, title: base.title, content: base.content })
    const bulletin = await cloud.ok('staff', 'bulletin.compile', { itemIds: [item.id], editor: '编辑', approver: '签发' })
    const first = await cloud.ok('staff', 'bulletin.download', { id: bulletin.id })
    await cloud.sdk().deleteFile({ fileList: [first.fileID] })
    expect(cloud.emulator.storage.read(first.fileID)).toBeNull()
    const again = await cloud.ok('staff', 'bulletin.download', { id: bulletin.id })
    expect(again.url).toMatch(/^http/)
    const xml = await (await JSZip.loadAsync(cloud.emulator.storage.read(again.fileID)!)).file('word/document.xml')!.async('string')
    expect(xml).toContain(base.title)
  })
})

describe('time and paging', () => {
  it('an item received at 23:30 UTC on 31 December belongs to the next Beijing year and day', async () => {
    const item = await cloud.ok('informant', 'opinion.submit', base)
    const receivedAt = new Date('2026-12-31T23:30:00Z')
    await cloud.db().collection('opinions').doc(item.id).update({ data: { receivedAt, year: 2027 } })
    const sameDay = await cloud.ok('staff', 'opinion.reviewList', { from: '2027-01-01', to: '2027-01-01' })
    expect(sameDay.items.map((i) => i.id)).toEqual([item.id])
    const dayBefore = await cloud.ok('staff', 'opinion.reviewList', { from: '2026-12-31', to: '2026-12-31' })
    expect(dayBefore.items.map((i) => i.id)).not.toContain(item.id)
    expect((await cloud.ok('staff', 'opinion.stats', { year: 2027 })).received).toBe(1)
  })

  it('my list neither loses nor repeats items when new ones arrive between pages', async () => {
    const made: string[] = []
    for (let i = 0; i < 5; i++) made.push((await cloud.ok({ openid: 'oPagerUser0001' }, 'opinion.submit', { ...base, title: `第${i}条` })).id)
    const first = await cloud.ok({ openid: 'oPagerUser0001' }, 'opinion.mine', { limit: 2 })
    made.push((await cloud.ok({ openid: 'oPagerUser0001' }, 'opinion.submit', { ...base, title: '新来的' })).id)
    const seen = [...first.items.map((i) => i.id)]
    let cursor = first.nextCursor
    while (cursor) {
      const page = await cloud.ok({ openid: 'oPagerUser0001' }, 'opinion.mine', { limit: 2, cursor })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(made.slice(0, 5).sort())
  })
})

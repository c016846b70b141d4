/**
 * 社情民意 through the real SDK on the local cloud (issue 4): submission,
 * content safety, the submitter's timeline and notices, every staff state
 * change, privacy, counts from the demo records.
 */
import JSZip from 'jszip'
import { useFunctionsCloud, codeOf } from './support'
import { personas } from '../../src/dev/personas'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

let uploads = 0
/** Puts bytes into the caller's upload folder, as the phone does; returns the fileID. */
function upload(owner: string, bytes: Buffer = PNG, name = `photo-${++uploads}.jpg`): string {
  return cloud.emulator.storage.put(`uploads/${owner}/${name}`, bytes, { openid: owner }).fileID
}

const base = {
  title: '关于小区门口增设减速带的建议',
  categoryId: 'cat-livelihood',
  content: '小区门口车速过快，老人孩子出行不安全，建议增设减速带和提示牌。',
  place: '阜新镇'
}

async function myItems(who: string) {
  const rows = (await cloud.db().collection('opinions').where({ submitterOpenid: who }).get()).data as { _id: string; title: string; state: string }[]
  return rows.filter((r) => !r._id.startsWith('demo-'))
}

beforeEach(() => cloud.seedDemo())

describe('submit', () => {
  it('the public submits with an image: 已收到, <= 3 DB operations, a notice, the image sent to the media check', async () => {
    const me = openid('public')
    const image = upload(me)
    const reply = await cloud.call('public', 'opinion.submit', { ...base, images: [image], contactPhone: '13812345678', notify: ['received', 'decided', 'published'] })
    expect(reply.ok).toBe(true)
    if (!reply.ok) return
    expect(reply.dbOps).toBeLessThanOrEqual(3)
    expect(reply.data).toMatchObject({ title: base.title, categoryName: '民生保障', state: 'submitted', statusLabel: '已收到', imageCount: 1, anonymous: false })
    const [notice] = cloud.emulator.outbox().filter((m) => m.touser === me)
    expect(notice.page).toBe(`pages/opinion/detail/index?id=${reply.data.id}`)
    expect(notice.data.phrase2.value).toBe('已收到')
    expect(cloud.emulator.contentSafety.mediaChecks().map((c) => c.openid)).toEqual([me])

    const list = await cloud.call('public', 'opinion.mine', {})
    expect(list.dbOps).toBe(1)
    expect(list.ok && list.data.items[0]).toMatchObject({ id: reply.data.id, statusLabel: '已收到' })
    const detail = await cloud.ok('public', 'opinion.get', { id: reply.data.id })
    expect(detail.timeline.map((t) => t.label)).toEqual(['已收到'])
    expect(detail.images).toHaveLength(1)
    expect(detail.images[0].url).toMatch(/^http/)
    expect(detail.contactPhone).toBe('138****5678')
  })

  it('a retry or a double tap with the same requestId creates one item', async () => {
    const first = await cloud.call('informant', 'opinion.submit', base, 'double-tap-0001')
    const [again, parallelA, parallelB] = await Promise.all([
      cloud.call('informant', 'opinion.submit', base, 'double-tap-0001'),
      cloud.call('informant', 'opinion.submit', { ...base, title: '另一条' }, 'double-tap-0002'),
      cloud.call('informant', 'opinion.submit', { ...base, title: '另一条' }, 'double-tap-0002')
    ])
    expect(first.ok && again.ok && first.data.id === again.data.id).toBe(true)
    // One reference number (受理编号) for the item, the same in the answer, the retry and the detail.
    expect(first.ok && first.data.refNo).toMatch(/^20\d{6}-\d{4}$/)
    expect(again.ok && again.data.refNo).toBe(first.ok && first.data.refNo)
    expect((await cloud.ok('informant', 'opinion.get', { id: first.ok ? first.data.id : '' })).refNo).toBe(first.ok && first.data.refNo)
    expect(parallelA.ok && parallelB.ok && parallelA.data.id === parallelB.data.id).toBe(true)
    expect((await myItems(openid('informant'))).map((i) => i.title).sort()).toEqual([base.title, '另一条'].sort())
  })

  it('control characters are stripped; emoji count as one character each', async () => {
    const title = '路灯\u0007不亮\u200B的问题'
    const content = '👨‍👩‍👧'.repeat(3000)
    const data = await cloud.ok('public', 'opinion.submit', { ...base, title, content })
    expect(data.title).toBe('路灯不亮的问题')
    const tooLong = await cloud.call('public', 'opinion.submit', { ...base, content: '👨‍👩‍👧'.repeat(3001) })
    expect(codeOf(tooLong)).toBe('COMMON.INVALID_INPUT')
    expect(!tooLong.ok && tooLong.error.message).toBe('内容不能超过 3000 个字（现为 3001 个字）')
  })

  it('anonymous items never reveal the submitter to staff; the submitter still sees them as theirs', async () => {
    const data = await cloud.ok('public', 'opinion.submit', { ...base, anonymous: true })
    const staffView = await cloud.ok('staff', 'opinion.get', { id: data.id })
    expect(staffView.submitter).toBe('匿名')
    expect(JSON.stringify(staffView)).not.toContain(openid('public'))
    const mine = await cloud.ok('public', 'opinion.get', { id: data.id })
    expect(mine).toMatchObject({ mine: true, submitter: '我（匿名）' })
    expect(codeOf(await cloud.call('informant', 'opinion.get', { id: data.id }))).toBe('COMMON.NOT_FOUND')
  })

  it('phones are shown in full only to staff', async () => {
    const data = await cloud.ok('informant', 'opinion.submit', { ...base, contactPhone: '139 0418 0001' })
    expect((await cloud.ok('staff', 'opinion.get', { id: data.id })).contactPhone).toBe('13904180001')
    expect((await cloud.ok('informant', 'opinion.get', { id: data.id })).contactPhone).toBe('139****0001')
  })
})

describe('bad input: a clear Chinese error and nothing stored', () => {
  const me = () => openid('public')
  const cases: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['empty title', () => ({ ...base, title: '' }), 'COMMON.INVALID_INPUT', /请填写标题/],
    ['whitespace-only title', () => ({ ...base, title: ' \u3000 \t ' }), 'COMMON.INVALID_INPUT', /请填写标题/],
    ['zero-width-only title', () => ({ ...base, title: '\u200B\u200C\u200D\uFEFF' }), 'COMMON.INVALID_INPUT', /请填写标题/],
    ['content over the limit', () => ({ ...base, content: '字'.repeat(3001) }), 'COMMON.INVALID_INPUT', /不能超过 3000 个字/],
    ['more than 9 images', () => ({ ...base, images: Array.from({ length: 10 }, () => upload(me())) }), 'COMMON.INVALID_INPUT', /最多上传 9 张图片/],
    ['a file that is not an image whatever its name', () => ({ ...base, images: [upload(me()), upload(me(), Buffer.from('just text, not a photo'), 'photo.jpg')] }), 'FILE.WRONG_TYPE', /第 2 张图片的类型不对/],
    ['a 20 MB image', () => ({ ...base, images: [upload(me(), Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]))] }), 'FILE.TOO_LARGE', /不能超过 10 MB/],
    ['a file ID of another user', () => ({ ...base, images: [upload(openid('informant'))] }), 'FILE.NOT_OWNED', /不是您本人上传的文件/],
    ['a file ID that does not exist', () => ({ ...base, images: [`cloud://x.y/uploads/${me()}/gone.jpg`] }), 'FILE.NOT_FOUND', /不存在/],
    ['an unknown category', () => ({ ...base, categoryId: 'cat-nope' }), 'OPINION.CATEGORY_UNKNOWN', /类别/],
    ['a disabled category', () => ({ ...base, categoryId: 'cat-retired' }), 'OPINION.CATEGORY_UNKNOWN', /类别/],
    ['anonymous with a phone', () => ({ ...base, anonymous: true, contactPhone: '13812345678' }), 'OPINION.ANONYMOUS_CONTACT', /匿名/],
    ['a malformed phone', () => ({ ...base, contactPhone: '12345' }), 'COMMON.INVALID_INPUT', /联系电话/],
    ['risky content', () => ({ ...base, content: '这里有违规测试词，请处理一下这个问题' }), 'CONTENT.RISKY', /违规/]
  ]
  it.each(cases)('%s', async (_name, payload, code, message) => {
    const reply = await cloud.call('public', 'opinion.submit', payload())
    expect(codeOf(reply)).toBe(code)
    expect(!reply.ok && reply.error.message).toMatch(message)
    expect(await myItems(me())).toEqual([])
  })
})

describe('content safety', () => {
  it('a text verdict of review puts the item in staff review with a flag, never through', async () => {
    const data = await cloud.ok('public', 'opinion.submit', { ...base, content: '有人在群里说加微信领红包，大家要注意防范诈骗' })
    expect(data.state).toBe('in_review')
    const staff = await cloud.ok('staff', 'opinion.get', { id: data.id })
    expect(staff.flags).toEqual(['text_review'])
    expect((await cloud.ok('public', 'opinion.get', { id: data.id })).timeline.map((t) => t.label)).toEqual(['已收到', '处理中'])
    const flagged = await cloud.ok('staff', 'opinion.reviewList', { flagged: true })
    expect(flagged.items.map((i) => i.id)).toContain(data.id)
  })

  it('a failed check sends the item to staff review with a flag', async () => {
    const data = await cloud.ok('public', 'opinion.submit', { ...base, content: '检测故障测试词：路面破损需要尽快修补' })
    expect(data.state).toBe('in_review')
    expect((await cloud.ok('staff', 'opinion.get', { id: data.id })).flags).toEqual(['text_check_failed'])
  })

  it('the asynchronous image verdict flags the item and moves it to review', async () => {
    const me = openid('public')
    const clean = upload(me)
    const risky = upload(me, Buffer.concat([PNG, Buffer.from('__risky__')]), 'risky.png')
    const data = await cloud.ok('public', 'opinion.submit', { ...base, images: [clean, risky] })
    expect(data.state).toBe('submitted')
    for (const check of cloud.emulator.contentSafety.mediaChecks()) {
      // WeChat's message push for the finished check, delivered to the function
      await cloud.emulator.invoke('opinion', { Event: 'wxa_media_check', trace_id: check.trace_id, errcode: 0, result: { suggest: check.suggest, label: check.label } }, { openid: me, source: 'wx_unknown' })
    }
    const staff = await cloud.ok('staff', 'opinion.get', { id: data.id })
    expect(staff).toMatchObject({ state: 'in_review', flags: ['image_risky'] })
  })
})

describe('staff review', () => {
  async function submitted(who: 'public' | 'informant' = 'public', extra: Record<string, unknown> = {}) {
    return cloud.ok(who, 'opinion.submit', { ...base, notify: ['received', 'processing', 'returned', 'decided', 'published', 'upward'], ...extra })
  }

  it('accept, adopt with an edited copy beside the original, key mark; every action with who and when', async () => {
    const item = await submitted()
    expect((await cloud.ok('staff', 'opinion.accept', { id: item.id })).statusLabel).toBe('处理中')
    await cloud.ok('staff', 'opinion.adopt', { id: item.id, title: '关于在城区学校周边增设减速设施的建议', content: '编辑后的采用稿：建议在学校周边增设减速带。', key: true })
    const staff = await cloud.ok('staff', 'opinion.get', { id: item.id })
    expect(staff).toMatchObject({ state: 'adopted', key: true, title: base.title, content: base.content })
    expect(staff.adopted).toMatchObject({ title: '关于在城区学校周边增设减速设施的建议', key: true })
    // who, by name (never an OPENID): the submitter, then the staff member (the caller: 我)
    expect(staff.history!.map((h) => [h.action, h.byName, h.byMe])).toEqual([
      ['submit', expect.stringMatching(/^提交人 /), false],
      ['accept', '李春燕', true],
      ['adopt', '李春燕', true]
    ])
    expect(JSON.stringify(staff.history)).not.toContain(openid('public'))
    expect(staff.history!.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true)
    const mine = await cloud.ok('public', 'opinion.get', { id: item.id })
    expect(mine.timeline.map((t) => t.label)).toEqual(['已收到', '处理中', '已采用'])
    expect(mine.history).toBeUndefined()
    expect(cloud.emulator.outbox().filter((m) => m.touser === openid('public')).map((m) => m.data.phrase2.value)).toEqual(['已收到', '处理中', '已采用'])
  })

  it('return for changes: the author edits and resubmits', async () => {
    const item = await submitted()
    await cloud.ok('staff', 'opinion.return', { id: item.id, note: '请补充具体路段' })
    const returned = await cloud.ok('public', 'opinion.get', { id: item.id })
    expect(returned).toMatchObject({ state: 'returned', canEdit: true, returnNote: '请补充具体路段' })
    expect(codeOf(await cloud.call('informant', 'opinion.resubmit', { ...base, id: item.id }))).toBe('OPINION.NOT_OWNER')
    const again = await cloud.ok('public', 'opinion.resubmit', { ...base, id: item.id, content: `${base.content}具体路段为新民大街与解放路交叉口。` })
    expect(again).toMatchObject({ state: 'submitted', statusLabel: '已重新提交' })
    const detail = await cloud.ok('public', 'opinion.get', { id: item.id })
    expect(detail.content).toContain('新民大街')
    expect(detail.timeline.map((t) => t.label)).toEqual(['已收到', '处理中', '退回修改', '已重新提交'])
    expect(codeOf(await cloud.call('public', 'opinion.resubmit', { ...base, id: item.id }))).toBe('OPINION.WRONG_STATE')
  })

  it('reject with a reason the submitter sees; adopting a rejected item is refused', async () => {
    const item = await submitted()
    await cloud.ok('staff', 'opinion.reject', { id: item.id, reason: '已纳入年度计划' })
    const mine = await cloud.ok('public', 'opinion.get', { id: item.id })
    expect(mine.statusLabel).toBe('未采用')
    expect(mine.timeline[mine.timeline.length - 1]).toMatchObject({ label: '未采用', note: '已纳入年度计划' })
    const adopt = await cloud.call('staff', 'opinion.adopt', { id: item.id, title: '标题', content: '一段足够长的采用稿内容。' })
    expect(codeOf(adopt)).toBe('OPINION.WRONG_STATE')
    expect(!adopt.ok && adopt.error.message).toBe('该信息当前为“未采用”，不能采用')
    expect((await cloud.ok('staff', 'opinion.get', { id: item.id })).state).toBe('rejected')
  })

  it('merge into another item', async () => {
    const a = await submitted()
    const b = await submitted('informant')
    await cloud.ok('staff', 'opinion.merge', { id: a.id, intoId: b.id, note: '同一路段' })
    expect((await cloud.ok('public', 'opinion.get', { id: a.id })).statusLabel).toBe('已合并')
    expect(codeOf(await cloud.call('staff', 'opinion.merge', { id: b.id, intoId: b.id }))).toBe('OPINION.MERGE_TARGET')
    expect(codeOf(await cloud.call('staff', 'opinion.merge', { id: b.id, intoId: 'demo-op-now-07' }))).toBe('OPINION.MERGE_TARGET')
  })

  it('staff actions by a non-staff caller are refused and change nothing', async () => {
    const item = await submitted()
    for (const who of ['public', 'informant', 'member'] as const) {
      expect(codeOf(await cloud.call(who, 'opinion.adopt', { id: item.id, title: '标题', content: '一段足够长的采用稿内容。' }))).toBe('AUTH.FORBIDDEN')
      expect(codeOf(await cloud.call(who, 'opinion.reviewList', {}))).toBe('AUTH.FORBIDDEN')
      expect(codeOf(await cloud.call(who, 'bulletin.compile', { itemIds: ['demo-op-now-05'], editor: '甲', approver: '乙' }))).toBe('AUTH.FORBIDDEN')
    }
    expect((await cloud.ok('staff', 'opinion.get', { id: item.id })).state).toBe('submitted')
  })
})

describe('review queue', () => {
  it('filters by state, category, Beijing date range and a literal keyword; one read plus the caller', async () => {
    const db = cloud.db()
    // received 2026-03-01 23:30 Beijing = 15:30 UTC the same day
    await db.collection('opinions').doc('demo-op-now-01').update({ data: { receivedAt: new Date('2026-03-01T15:30:00Z') } })
    await db.collection('opinions').doc('demo-op-now-02').update({ data: { receivedAt: new Date('2026-03-01T16:30:00Z'), title: '关于 (括号) 与 .* 符号的反映' } })
    const list = (payload: Record<string, unknown>) => cloud.ok('staff', 'opinion.reviewList', payload)
    const ids = async (payload: Record<string, unknown>) => (await list(payload)).items.map((i) => i.id).sort()
    expect(await ids({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['demo-op-now-01'])
    expect(await ids({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['demo-op-now-02'])
    expect(await ids({ keyword: 'C++' })).toEqual(['demo-op-now-05'])
    expect(await ids({ keyword: '(' })).toEqual(['demo-op-now-02'])
    expect(await ids({ keyword: '.*' })).toEqual(['demo-op-now-02'])
    expect(await ids({ state: 'returned' })).toEqual(['demo-op-now-03'])
    const culture = (await list({ categoryId: 'cat-culture', state: 'adopted' })).items
    expect(culture.map((i) => i.id)).toContain('demo-op-now-06')
    expect(culture.every((i) => i.categoryName === '文化旅游' && i.state === 'adopted')).toBe(true)
    const reply = await cloud.call('staff', 'opinion.reviewList', { state: 'submitted' })
    expect(reply.dbOps).toBe(2)
    expect(codeOf(await cloud.call('staff', 'opinion.reviewList', { from: '2026-03-05', to: '2026-03-01' }))).toBe('OPINION.DATE_INVALID')
  })
})

describe('bulletins', () => {
  it('compiles adopted items into the next issue of the year with a .docx; items show 已编入第N期', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    const b = await cloud.ok('staff', 'bulletin.compile', { itemIds: ['demo-op-now-05', 'demo-op-now-06'], editor: '李春燕', approver: '王建华' })
    expect(b).toMatchObject({ year, number: 3, itemCount: 2, title: `《社情民意》${year}年第3期`, hasFile: true })
    const informant = await cloud.ok('informant', 'opinion.get', { id: 'demo-op-now-05' })
    expect(informant.statusLabel).toBe('已编入第3期')
    expect(informant.timeline.map((t) => t.label)).toContain('已编入第3期')
    const link = await cloud.ok('staff', 'bulletin.download', { id: b.id })
    const bytes = cloud.emulator.storage.read(link.fileID)!
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    expect(xml).toContain(`${year}年第3期`)
    expect(xml).toContain('阜蒙县政协办公室编')
    expect(xml).toContain('编辑：李春燕')
    expect(xml).toContain('签发：王建华')
    expect(xml).toContain('一、关于设立县级“企业服务日”的建议')
    expect(xml).toContain('（重点）')
    const header = await (await JSZip.loadAsync(bytes)).file(/word\/header\d*\.xml/)[0].async('string')
    expect(header).toContain(`社情民意 ${year}年第3期`)
    const audit = (await cloud.db().collection('auditLog').where({ action: 'bulletin.download' }).get()).data
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: openid('staff'), target: b.id })
    // an item already published cannot be compiled again; nothing half-written
    const again = await cloud.call('staff', 'bulletin.compile', { itemIds: ['demo-op-now-05'], editor: '李春燕', approver: '王建华' })
    expect(codeOf(again)).toBe('BULLETIN.ITEM_NOT_ADOPTED')
    expect((await cloud.ok('staff', 'bulletin.list', { year })).items.map((x) => x.number)).toEqual([3, 2, 1])
  })

  it('previews the .docx in the chosen order with its 报/送 lines before publishing, changing nothing', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    const payload = { itemIds: ['demo-op-now-06', 'demo-op-now-05'], editor: '李春燕', approver: '王建华', distribution: { report: ['县委', ' 县政府 ', '县委'], send: ['各有关单位'] } }
    const preview = await cloud.ok('staff', 'bulletin.preview', payload)
    expect(preview).toMatchObject({ year, number: 3, title: `《社情民意》${year}年第3期` })
    const bytes = Buffer.from(preview.docx, 'base64')
    expect(bytes.length).toBe(preview.bytes)
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    // the chosen order: 06 first, 05 second
    expect(xml.indexOf('一、关于海棠山景区旺季交通疏导的建议')).toBeGreaterThan(-1)
    expect(xml.indexOf('二、关于设立县级“企业服务日”的建议')).toBeGreaterThan(xml.indexOf('一、关于海棠山景区旺季交通疏导的建议'))
    // repeats and blanks dropped, order kept
    expect(xml).toContain('报：县委、县政府')
    expect(xml).toContain('送：各有关单位')
    // nothing changed: the items wait, no issue, no file
    expect((await cloud.ok('staff', 'opinion.get', { id: 'demo-op-now-05' })).state).toBe('adopted')
    expect((await cloud.ok('staff', 'bulletin.list', { year })).items.map((x) => x.number)).toEqual([2, 1])
    // the same refusals as compile
    expect(codeOf(await cloud.call('staff', 'bulletin.preview', { ...payload, itemIds: ['demo-op-now-01'] }))).toBe('BULLETIN.ITEM_NOT_ADOPTED')
    expect(codeOf(await cloud.call('staff', 'bulletin.preview', { ...payload, itemIds: ['demo-op-nope'] }))).toBe('COMMON.NOT_FOUND')
    expect(codeOf(await cloud.call('member', 'bulletin.preview', payload))).toBe('AUTH.FORBIDDEN')
  })

  it('compile keeps the chosen order and stores and prints the 报/送 lines; none printed when there are none', async () => {
    const b = await cloud.ok('staff', 'bulletin.compile', { itemIds: ['demo-op-now-06', 'demo-op-now-05'], editor: '李春燕', approver: '王建华', distribution: { report: ['县委', '县政府'], send: ['各有关单位', '县直各部门'] } })
    expect(b.distribution).toEqual({ report: ['县委', '县政府'], send: ['各有关单位', '县直各部门'] })
    const got = await cloud.ok('staff', 'bulletin.get', { id: b.id })
    expect(got.items.items.map((i) => i.id)).toEqual(['demo-op-now-06', 'demo-op-now-05'])
    expect(got.distribution.report).toEqual(['县委', '县政府'])
    const link = await cloud.ok('staff', 'bulletin.download', { id: b.id })
    const xml = await (await JSZip.loadAsync(cloud.emulator.storage.read(link.fileID)!)).file('word/document.xml')!.async('string')
    expect(xml).toContain('报：县委、县政府')
    expect(xml).toContain('送：各有关单位、县直各部门')
    expect(xml.indexOf('二、关于设立县级“企业服务日”的建议')).toBeGreaterThan(xml.indexOf('一、关于海棠山景区旺季交通疏导的建议'))
    // an older issue without lines: an empty distribution, no 报/送 printed
    const old = await cloud.ok('staff', 'bulletin.get', { id: 'demo-b-2025-001' })
    expect(old.distribution).toEqual({ report: [], send: [] })
    const oldLink = await cloud.ok('staff', 'bulletin.download', { id: 'demo-b-2025-001' })
    const oldXml = await (await JSZip.loadAsync(cloud.emulator.storage.read(oldLink.fileID)!)).file('word/document.xml')!.async('string')
    expect(oldXml).not.toContain('报：')
    expect(oldXml).not.toContain('送：')
  })

  it('refuses 报/送 lines too long or too many', async () => {
    const base = { itemIds: ['demo-op-now-05'], editor: '甲', approver: '乙' }
    expect(codeOf(await cloud.call('staff', 'bulletin.preview', { ...base, distribution: { report: ['县'.repeat(31)], send: [] } }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await cloud.call('staff', 'bulletin.compile', { ...base, distribution: { report: Array.from({ length: 31 }, (_, i) => `单位${i}`), send: [] } }))).toBe('COMMON.INVALID_INPUT')
    expect((await cloud.ok('staff', 'opinion.get', { id: 'demo-op-now-05' })).state).toBe('adopted')
  })

  it('a retried compile (same requestId) returns the same issue', async () => {
    const payload = { itemIds: ['demo-op-now-05'], editor: '李春燕', approver: '王建华' }
    const first = await cloud.call('staff', 'bulletin.compile', payload, 'compile-retry-1')
    const second = await cloud.call('staff', 'bulletin.compile', payload, 'compile-retry-1')
    expect(first.ok && second.ok && second.data.id === first.data.id).toBe(true)
  })

  it('two staff compiling at once get consecutive numbers, no gap and no duplicate', async () => {
    const second = 'oDemoStaffSecond000000000001'
    await cloud.db().collection('users').doc(second).set({ data: { grants: [{ role: 'staff', studioIds: [], departmentIds: [], grantedBy: openid('staff'), grantedAt: new Date() }], createdAt: new Date(), updatedAt: new Date() } })
    const event = (ids: string[], requestId: string) => ({ action: 'bulletin.compile', payload: { itemIds: ids, editor: '甲', approver: '乙' }, requestId })
    const [a, b] = await Promise.all([
      cloud.emulator.invoke<{ ok: boolean; data: { number: number } }>('opinion', event(['demo-op-now-05'], 'parallel-compile-a'), { openid: openid('staff') }),
      cloud.emulator.invoke<{ ok: boolean; data: { number: number } }>('opinion', event(['demo-op-now-06'], 'parallel-compile-b'), { openid: second })
    ])
    expect([a.result.ok, b.result.ok]).toEqual([true, true])
    expect([a.result.data.number, b.result.data.number].sort()).toEqual([3, 4])
    // the same items by both at once: one wins, the other is told, no item in two issues
    await cloud.db().collection('opinions').doc('demo-op-now-04').update({ data: { state: 'adopted', mayPublish: true } })
    const [c, d] = await Promise.all([
      cloud.emulator.invoke<{ ok: boolean; error?: { code: string } }>('opinion', event(['demo-op-now-04'], 'parallel-compile-c'), { openid: openid('staff') }),
      cloud.emulator.invoke<{ ok: boolean; error?: { code: string } }>('opinion', event(['demo-op-now-04'], 'parallel-compile-d'), { openid: second })
    ])
    expect([c.result.ok, d.result.ok].sort()).toEqual([false, true])
    expect([c.result, d.result].find((r) => !r.ok)!.error!.code).toBe('BULLETIN.ITEM_NOT_ADOPTED')
    const numbers = (await cloud.db().collection('bulletins').where({ year: new Date(Date.now() + 8 * 3600_000).getUTCFullYear() }).get()).data.map((x: { number: number }) => x.number).sort()
    expect(numbers).toEqual([1, 2, 3, 4, 5])
  })

  it('130 adopted items page through the queue and compile into one issue without stopping at 100', async () => {
    const now = new Date()
    const docs = Array.from({ length: 130 }, (_, i) => ({
      _id: `bulk-${String(i).padStart(3, '0')}`,
      title: `批量采用信息 ${i + 1}`,
      categoryId: 'cat-other',
      categoryName: '其他',
      content: `第 ${i + 1} 条采用信息的正文内容。`,
      images: [],
      imageTraceIds: [],
      anonymous: false,
      mayPublish: true,
      notify: [],
      submitterOpenid: openid('informant'),
      submitterRole: 'informant',
      state: 'adopted',
      flags: [],
      key: false,
      receivedAt: new Date(now.getTime() - (i + 1) * 60_000),
      year: 2026,
      updatedAt: now,
      adoptedAt: now,
      adopted: { title: `批量采用信息 ${i + 1}`, content: `第 ${i + 1} 条采用信息的正文内容。`, key: false, at: now, by: openid('staff') },
      timeline: [{ step: 'received', at: now }],
      history: [],
      upward: []
    }))
    await cloud.db().collection('opinions').add({ data: docs })
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page: { items: { id: string }[]; nextCursor?: string } = await cloud.ok('staff', 'opinion.reviewList', { state: 'adopted', limit: 20, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    const bulk = seen.filter((id) => id.startsWith('bulk-'))
    expect(bulk).toHaveLength(130)
    expect(new Set(seen).size).toBe(seen.length)
    const issue = await cloud.ok('staff', 'bulletin.compile', { itemIds: bulk, editor: '李春燕', approver: '王建华' })
    expect(issue.itemCount).toBe(130)
    const items: string[] = []
    cursor = undefined
    do {
      const b: { items: { items: { id: string }[]; nextCursor?: string } } = await cloud.ok('staff', 'bulletin.get', { id: issue.id, ...(cursor ? { cursor } : {}) })
      items.push(...b.items.items.map((i) => i.id))
      cursor = b.items.nextCursor
    } while (cursor)
    expect(items).toEqual(bulk)
    // the file is generated again from the records (read 100 at a time) when missing
    await cloud.db().collection('bulletins').doc(issue.id).update({ data: { fileID: cloud.db().command.remove() } })
    const link = await cloud.ok('staff', 'bulletin.download', { id: issue.id })
    const xml = await (await JSZip.loadAsync(cloud.emulator.storage.read(link.fileID)!)).file('word/document.xml')!.async('string')
    expect(xml).toContain('一百三十、批量采用信息')
    expect(xml).toContain('本期共 130 条信息')
  })
})

describe('upward adoption and counts', () => {
  it('records a city report and a province adoption with evidence; the submitter is told; counts move', async () => {
    const before = await cloud.ok('staff', 'opinion.stats', { year: 2026 })
    const evidence = upload(openid('staff'), PNG, 'pishi.png')
    await cloud.ok('staff', 'opinion.reportUp', { id: 'demo-op-now-08', level: 'province', kind: 'reported', date: '2026-01-10' })
    const detail = await cloud.ok('staff', 'opinion.reportUp', { id: 'demo-op-now-08', level: 'province', kind: 'adopted', date: '2026-01-20', evidenceFileID: evidence, note: '省政协《信息专报》采用' })
    expect(detail.state).toBe('reported_up')
    expect(detail.upward.map((u) => u.label)).toEqual(['已报送省政协', '被省政协采用'])
    expect(detail.upward[1].evidenceUrl).toMatch(/^http/)
    const mine = await cloud.ok('informant', 'opinion.get', { id: 'demo-op-now-08' })
    expect(mine.statusLabel).toBe('被省政协采用')
    expect(mine.upward[1].evidenceUrl).toBeUndefined()
    expect(cloud.emulator.outbox().filter((m) => m.touser === openid('informant')).map((m) => m.data.thing4.value)).toEqual(['已报送省政协', '被省政协采用'])
    const after = await cloud.ok('staff', 'opinion.stats', { year: 2026 })
    expect(after.upward.province.adopted).toBe(before.upward.province.adopted + 1)
    expect(after.upward.province.reported).toBe(before.upward.province.reported + 1)
  })

  it('refuses an upward record before the item is in a bulletin, bad evidence, and a future date', async () => {
    expect(codeOf(await cloud.call('staff', 'opinion.reportUp', { id: 'demo-op-now-05', level: 'city', kind: 'adopted', date: '2026-01-10' }))).toBe('OPINION.WRONG_STATE')
    const text = upload(openid('staff'), Buffer.from('not evidence'), 'evidence.pdf')
    expect(codeOf(await cloud.call('staff', 'opinion.reportUp', { id: 'demo-op-now-08', level: 'city', kind: 'adopted', date: '2026-01-10', evidenceFileID: text }))).toBe('FILE.WRONG_TYPE')
    expect(codeOf(await cloud.call('staff', 'opinion.reportUp', { id: 'demo-op-now-08', level: 'city', kind: 'adopted', date: '2099-01-10' }))).toBe('OPINION.DATE_INVALID')
    expect((await cloud.ok('staff', 'opinion.get', { id: 'demo-op-now-08' })).upward).toEqual([])
  })

  it('the seed year reproduces the report: 205 items, 60 issues, 6 province and 27 city adoptions', async () => {
    const stats = await cloud.ok('staff', 'opinion.stats', { year: 2025 })
    expect(stats).toMatchObject({ year: 2025, received: 205, bulletins: 60, adopted: 130 })
    expect(stats.upward.province.adopted).toBe(6)
    expect(stats.upward.city.adopted).toBe(27)
  })

  it('an export is written to the audit log', async () => {
    const out = await cloud.ok('staff', 'opinion.export', { year: 2025 })
    expect(out.count).toBe(205)
    const audit = (await cloud.db().collection('auditLog').where({ action: 'opinion.export' }).get()).data
    expect(audit).toEqual([expect.objectContaining({ actor: openid('staff'), details: expect.objectContaining({ count: 205 }) })])
  })
})

describe('categories', () => {
  it('staff add and disable categories; the public list follows', async () => {
    const added = await cloud.ok('staff', 'opinion.saveCategory', { name: '城乡建设', sortKey: 35 })
    expect((await cloud.ok('public', 'opinion.categories', {})).items.map((c) => c.name)).toContain('城乡建设')
    await cloud.ok('staff', 'opinion.saveCategory', { id: added.id, name: '城乡建设', active: false })
    expect((await cloud.ok('public', 'opinion.categories', {})).items.map((c) => c.name)).not.toContain('城乡建设')
    expect((await cloud.ok('staff', 'opinion.categories', { all: true })).items.map((c) => c.name)).toContain('城乡建设')
  })
})

/**
 * 辽事好商量 and the shared content check (issue 13 items 1 and 2): topic
 * proposals (title, description, place, images), department progress and
 * results (text, evidence, photos) and rating comments pass the same check
 * as 社情民意, failing closed; what it holds waits for staff (topic.heldContent
 * / topic.release); no reply shown to another person carries an OPENID.
 * Image verdicts arrive the way WeChat sends them: a `wxa_media_check` push
 * to the `opinion` function, which routes every holder (topics included).
 */
import { personas } from '../../src/dev/personas'
import { useFunctionsCloud, codeOf, type Who } from './support'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid
const resident = (n: number) => `oResident${String(n).padStart(6, '0')}`
const someone = (n: number): Who => ({ openid: resident(n) })

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
let uploads = 0
/** Stores a file as `owner`'s upload and returns its file ID. `marker` ('__review__', '__risky__', '__checkfail__') steers the emulator's image check. */
function upload(owner: string, marker = '', bytes: Buffer = PNG): string {
  return cloud.emulator.storage.put(`uploads/${owner}/photo-${++uploads}.png`, marker ? Buffer.concat([bytes, Buffer.from(marker)]) : bytes, { openid: owner }).fileID
}

const delivered = new Set<string>()
/** Delivers every image verdict not yet delivered, as WeChat's message push to `opinion`. */
async function deliverVerdicts() {
  for (const rec of cloud.emulator.contentSafety.mediaChecks()) {
    if (delivered.has(rec.trace_id)) continue
    delivered.add(rec.trace_id)
    const verdict = rec.suggest === 'error' ? { errcode: -1 } : { errcode: 0, result: { suggest: rec.suggest, label: rec.label } }
    await cloud.emulator.invoke('opinion', { Event: 'wxa_media_check', trace_id: rec.trace_id, ...verdict }, { openid: rec.openid, source: 'wx_unknown' })
  }
}

async function topicDoc(id: string) {
  return (await cloud.db().collection('topics').doc(id).get()).data as Record<string, any>
}
const topicCount = async () => ((await cloud.db().collection('topics').count()) as { total: number }).total

const proposal = (extra: Record<string, unknown> = {}) => ({
  title: '村口路灯长期不亮',
  description: '村口三盏路灯坏了半年，夜里出行不安全，希望尽快修复。',
  category: '民生',
  place: '大板镇',
  ignoreSimilar: true,
  ...extra
})

beforeEach(() => cloud.seedDemo())

describe('topic proposals', () => {
  it('risky title, description or place is refused with CONTENT.RISKY and nothing is stored', async () => {
    const before = await topicCount()
    for (const extra of [{ title: '违规测试词的问题' }, { description: '这里有人在推广赌博网站，请大家注意。' }, { place: '代开发票的门店' }]) {
      expect(codeOf(await cloud.call(someone(1), 'topic.propose', proposal(extra)))).toBe('CONTENT.RISKY')
    }
    expect(await topicCount()).toBe(before)
  })

  it('text the check doubts (or a failed check) is held: invisible to others until staff approve it; the proposer is told why', async () => {
    const held = await cloud.ok(someone(2), 'topic.propose', proposal({ description: '村口路灯坏了，有需要的加微信领红包，希望尽快修复。' }))
    const failed = await cloud.ok(someone(3), 'topic.propose', proposal({ title: '检测故障测试词 路灯' }))
    for (const id of [held.id, failed.id]) {
      expect(codeOf(await cloud.call('public', 'topic.get', { id }))).toBe('TOPIC.NOT_FOUND')
      expect(codeOf(await cloud.call(someone(9), 'topic.support', { id }))).toBe('TOPIC.NOT_FOUND')
    }
    expect((await cloud.ok('public', 'topic.list', { state: 'proposed' })).items.map((t) => t.id)).not.toContain(held.id)
    expect(await cloud.ok(someone(2), 'topic.get', { id: held.id })).toMatchObject({ isProposer: true, heldReason: expect.stringContaining('审核') })

    const queue = await cloud.ok('staff', 'topic.heldContent', {})
    const items = queue.items.filter((i) => i.topicId === held.id || i.topicId === failed.id)
    expect(items.map((i) => [i.topicId, i.key, i.reason])).toEqual(
      expect.arrayContaining([
        [held.id, 'proposal', '内容待人工复核'],
        [failed.id, 'proposal', '内容检测失败，待人工复核']
      ])
    )
    expect(items.find((i) => i.topicId === held.id)?.text).toContain('加微信领红包')

    expect(await cloud.ok('staff', 'topic.release', { id: held.id, key: 'proposal', decision: 'approve' })).toEqual({ decision: 'approve', remaining: 0 })
    expect((await cloud.ok('public', 'topic.get', { id: held.id })).state).toBe('proposed')
    await cloud.ok('staff', 'topic.release', { id: failed.id, key: 'proposal', decision: 'remove', reason: '内容与议题无关' })
    expect(codeOf(await cloud.call('public', 'topic.get', { id: failed.id }))).toBe('TOPIC.NOT_FOUND')
    expect((await cloud.ok(someone(3), 'topic.get', { id: failed.id })).heldReason).toContain('内容与议题无关')
    expect(codeOf(await cloud.call('staff', 'topic.release', { id: held.id, key: 'proposal', decision: 'remove' }))).toBe('TOPIC.NOTHING_HELD')
    expect((await cloud.ok('staff', 'topic.heldContent', {})).items.filter((i) => i.topicId === held.id || i.topicId === failed.id)).toEqual([])
  })

  it('images: own uploads of an image type only; copied to a neutral folder; others see one only once its check passed; a doubtful one waits for staff', async () => {
    const me = resident(4)
    expect(codeOf(await cloud.call(someone(4), 'topic.propose', proposal({ images: [upload(resident(5))] })))).toBe('FILE.NOT_OWNED')
    expect(codeOf(await cloud.call(someone(4), 'topic.propose', proposal({ images: [upload(me, '', Buffer.from('not an image at all'))] })))).toBe('FILE.WRONG_TYPE')

    const clean = upload(me)
    const doubtful = upload(me, '__review__')
    const { id } = await cloud.ok(someone(4), 'topic.propose', proposal({ images: [clean, doubtful] }))
    // before any verdict: the proposer sees both copies, others none
    const own = await cloud.ok(someone(4), 'topic.get', { id })
    expect(own.images).toHaveLength(2)
    expect(own.images.every((f) => f.includes(`/topic-images/${id}/`) && !f.includes(me))).toBe(true)
    expect((await cloud.ok('public', 'topic.get', { id })).images).toEqual([])

    await deliverVerdicts()
    const seen = await cloud.ok('public', 'topic.get', { id })
    expect(seen.images).toEqual([own.images[0]])
    expect(Object.keys(seen.fileUrls)).toEqual([own.images[0]])
    expect(JSON.stringify(seen)).not.toContain(me)

    const queue = (await cloud.ok('staff', 'topic.heldContent', {})).items.filter((i) => i.topicId === id)
    expect(queue).toHaveLength(1)
    expect(queue[0]).toMatchObject({ kind: 'image', label: '议题图片', reason: '图片待人工复核', image: { fileID: own.images[1], url: expect.stringMatching(/^https?:/) } })
    await cloud.ok('staff', 'topic.release', { id, key: queue[0].key, decision: 'approve' })
    expect((await cloud.ok('public', 'topic.get', { id })).images).toEqual(own.images)
    expect((await topicDoc(id)).imagesHeld).toBe(false)
  })

  it('a risky image is never shown; staff removing it drops it from the topic', async () => {
    const me = resident(6)
    const { id } = await cloud.ok(someone(6), 'topic.propose', proposal({ images: [upload(me, '__risky__'), upload(me, '__checkfail__')] }))
    await deliverVerdicts()
    expect((await cloud.ok('public', 'topic.get', { id })).images).toEqual([])
    const queue = (await cloud.ok('staff', 'topic.heldContent', {})).items.filter((i) => i.topicId === id)
    expect(queue.map((i) => i.reason).sort()).toEqual(['图片检测失败，待人工复核', '图片疑似违规'].sort())
    for (const item of queue) await cloud.ok('staff', 'topic.release', { id, key: item.key, decision: 'remove' })
    expect((await cloud.ok(someone(6), 'topic.get', { id })).images).toEqual([])
    expect((await topicDoc(id)).images).toEqual([])
  })
})

describe('department progress and results, rating comments', () => {
  const rec = 'topic-raoyang:r1'
  const recView = async (who: Who) => (await cloud.ok(who, 'topic.get', { id: 'topic-raoyang' })).recommendations.find((r) => r.id === rec)!

  it('risky progress is refused and not stored; doubtful progress is hidden from the public until staff release it', async () => {
    const before = (await recView('public')).progress.length
    expect(codeOf(await cloud.call('staff', 'topic.postProgress', { recommendationId: rec, text: '监测点旁边有赌博网站广告' }))).toBe('CONTENT.RISKY')
    expect((await topicDoc('topic-raoyang')).recommendations[0].progress).toHaveLength(before)

    const posted = await cloud.ok('staff', 'topic.postProgress', { recommendationId: rec, text: '第二季度监测结果已公开，待审测试词' })
    expect(posted.progress[posted.progress.length - 1]).toMatchObject({ held: true })
    expect((await recView('public')).progress).toHaveLength(before)
    const tasks = await cloud.ok('staff', 'topic.departmentTasks', { status: 'open' })
    expect(tasks.items.find((t) => t.recommendation.id === rec)?.recommendation.progress.some((p) => p.held)).toBe(true)

    const item = (await cloud.ok('staff', 'topic.heldContent', {})).items.find((i) => i.topicId === 'topic-raoyang' && i.kind === 'progress')!
    expect(item).toMatchObject({ label: '办理进展（市生态环境局县分局）', reason: '内容待人工复核', author: '市生态环境局县分局' })
    await cloud.ok('staff', 'topic.release', { id: 'topic-raoyang', key: item.key, decision: 'approve' })
    const shown = await recView('public')
    expect(shown.progress).toHaveLength(before + 1)
    expect(shown.progress[before]).not.toHaveProperty('held')
  })

  it('a result: doubtful text is hidden until released; evidence is copied out of the uploader’s folder and shown once its check passed', async () => {
    const staff = openid('staff')
    const reply = await cloud.ok('staff', 'topic.postResult', { recommendationId: rec, result: 'resolved', text: '水质监测全部达标，review-test-word', evidence: [upload(staff)], afterPhotos: [upload(staff, '__review__')] })
    expect(reply).toMatchObject({ resultHeld: true, resultText: expect.stringContaining('达标') })
    expect(JSON.stringify(reply)).not.toContain(staff)
    let shown = await recView('public')
    expect(shown).toMatchObject({ status: 'answered', evidence: [], afterPhotos: [] })
    expect(shown).not.toHaveProperty('resultText')

    await deliverVerdicts()
    shown = await recView('public')
    expect(shown.evidence).toEqual(reply.evidence)
    expect(shown.afterPhotos).toEqual([])
    const queue = (await cloud.ok('staff', 'topic.heldContent', {})).items.filter((i) => i.topicId === 'topic-raoyang')
    expect(queue.map((i) => [i.kind, i.label, i.reason]).sort()).toEqual(
      [
        ['image', '整改后照片（市生态环境局县分局）', '图片待人工复核'],
        ['result', '办理结果（市生态环境局县分局）', '内容待人工复核']
      ].sort()
    )
    for (const item of queue) await cloud.ok('staff', 'topic.release', { id: 'topic-raoyang', key: item.key, decision: 'approve' })
    shown = await recView('public')
    expect(shown).toMatchObject({ resultText: expect.stringContaining('达标'), afterPhotos: reply.afterPhotos })
  })

  it('a rating comment: risky is refused, doubtful is hidden from others (the score shows) until released', async () => {
    const { id } = await cloud.ok(someone(7), 'topic.propose', proposal())
    await cloud.db().collection('topics').doc(id).update({ data: { state: 'closed', result: 'resolved', closedAt: new Date() } })
    expect(codeOf(await cloud.call(someone(7), 'topic.rate', { id, score: 2, comment: '代开发票' }))).toBe('CONTENT.RISKY')
    expect((await topicDoc(id)).rating).toBeUndefined()
    await cloud.ok(someone(7), 'topic.rate', { id, score: 4, comment: '修好了，加微信领红包' })
    expect((await cloud.ok('public', 'topic.get', { id })).rating).toEqual({ score: 4, at: expect.any(String) })
    expect((await cloud.ok(someone(7), 'topic.get', { id })).rating?.comment).toContain('修好了')
    await cloud.ok('staff', 'topic.release', { id, key: 'rating', decision: 'approve' })
    expect((await cloud.ok('public', 'topic.get', { id })).rating?.comment).toContain('修好了')
  })
})

describe('no OPENID reaches anyone else (issue 13 item 2)', () => {
  it('every consultation read, as every persona other than the subject, holds no OPENID of the demo county', async () => {
    const proposer = resident(8)
    const { id } = await cloud.ok(someone(8), 'topic.propose', proposal({ images: [upload(proposer)] }))
    await cloud.ok(someone(10), 'topic.support', { id })
    const c = await cloud.ok(someone(10), 'topic.comment', { id, text: '同意，村口确实很黑。' })
    await cloud.ok(someone(11), 'topic.comment', { id, text: '有需要的加微信领红包', replyTo: c.id })
    await cloud.ok('staff', 'topic.postResult', { recommendationId: 'topic-raoyang:r1', result: 'resolved', text: '监测完成并公开', evidence: [upload(openid('staff'))], afterPhotos: [upload(openid('staff'))] })
    await deliverVerdicts()

    const everyone = [...personas.map((p) => p.openid), proposer, resident(10), resident(11)]
    const reads: [string, Record<string, unknown>][] = [
      ['topic.get', { id }],
      ['topic.get', { id: 'topic-raoyang' }],
      ['topic.list', {}],
      ['topic.comments', { id }],
      ['topic.solved', {}],
      ['topic.similar', { title: '村口路灯长期不亮' }],
      ['topic.departmentTasks', {}],
      ['topic.heldComments', {}],
      ['topic.heldContent', {}],
      ['topic.options', {}]
    ]
    for (const who of ['public', 'member', 'informant', 'studio_admin', 'staff', 'department'] as const) {
      for (const [name, payload] of reads) {
        const reply = await cloud.call(who, name as 'topic.get', payload)
        const text = JSON.stringify(reply)
        const own = openid(who)
        for (const other of everyone.filter((o) => o !== own)) expect({ who, name, leaked: text.includes(other) ? other : undefined }).toEqual({ who, name, leaked: undefined })
      }
    }
  })
})

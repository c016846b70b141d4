/**
 * Content safety on studios (issue 13 items 1-2): profiles and
 * announcements (text, cover, attachments) pass the shared check and fail
 * closed; files shown to others are neutral copies (no OPENID) and appear
 * only once their image check passed. Image verdicts arrive the way WeChat
 * delivers them (pushed to `opinion`, which applies them to announcements).
 */
import path from 'path'
import { useCloud } from '../helpers/cloud'
import { loadDemoData } from '../../database/demo/load'
import { personas } from '../../src/dev/personas'
import { actions, type ActionName } from '../../src/core/contract'

jest.setTimeout(60000)

const cloud = useCloud({ functionsDir: path.join(__dirname, '..', '..', 'cloudfunctions'), development: true, openapi: { mediaCheckFunction: 'opinion' } })
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const openid = (key: string) => personas.find((p) => p.key === key)!.openid
const admin = openid('studio_admin')
let n = 0

type Reply = { ok: true; data: any } | { ok: false; error: { code: string } } // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(who: string, name: ActionName, payload: unknown, requestId = `safety-${Date.now().toString(36)}-${++n}`): Promise<Reply> {
  const { result } = await cloud.emulator.invoke<Reply>(actions[name].fn, { action: name, payload, requestId }, { openid: openid(who) })
  return result
}
async function ok(who: string, name: ActionName, payload: unknown) {
  const r = await call(who, name, payload)
  if (!r.ok) throw new Error(`${name}: ${r.error.code}`)
  return r.data
}
const upload = (name: string, bytes: Buffer) => cloud.emulator.storage.put(`uploads/${admin}/${name}`, bytes, { openid: admin }).fileID

beforeEach(async () => {
  await loadDemoData(cloud.db())
})

describe('announcements', () => {
  it('risky text is refused and nothing is stored', async () => {
    const before = (await cloud.db().collection('announcements').count()).total
    const r = await call('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: '通知', body: '欢迎访问赌博网站' })
    expect(r.ok ? '' : r.error.code).toBe('CONTENT.RISKY')
    expect((await cloud.db().collection('announcements').count()).total).toBe(before)
  })

  it('doubtful or unchecked text goes to staff review even where the studio has review off', async () => {
    for (const word of ['待审测试词', '检测故障测试词']) {
      const draft = await ok('staff', 'studio.saveAnnouncement', { studioId: 'studio-02', title: '讲座通知', body: `周六讲座，${word}。` })
      expect(draft.safetyNote).toBeTruthy()
      expect((await ok('staff', 'studio.publishAnnouncement', { id: draft.id })).state).toBe('pending_review')
      expect((await call('public', 'studio.announcement', { id: draft.id })).ok).toBe(false)
      expect((await ok('public', 'studio.announcements', { studioId: 'studio-02' })).items.map((a: { id: string }) => a.id)).not.toContain(draft.id)
      expect((await ok('staff', 'studio.reviewAnnouncement', { id: draft.id, approve: true })).state).toBe('published')
      expect((await ok('public', 'studio.announcement', { id: draft.id })).id).toBe(draft.id)
    }
  })

  it('cover and attachments are neutral copies; others see a file only once its check passed', async () => {
    const cover = upload('cover.png', PNG)
    const plan = upload('plan.pdf', PDF)
    const photo = upload('photo.png', Buffer.concat([PNG, Buffer.from('__risky__')]))
    const saved = await ok('studio_admin', 'studio.saveAnnouncement', {
      studioId: 'studio-01',
      title: '活动方案',
      body: '见附件。',
      coverFileID: cover,
      attachments: [
        { fileID: plan, name: '活动方案' },
        { fileID: photo, name: '现场照片' }
      ]
    })
    const ids = [saved.coverFileID, ...saved.attachments.map((f: { fileID: string }) => f.fileID)]
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).not.toContain(admin)
    expect(saved.coverFileID).toContain(`studio-images/${saved.id}/`)
    expect(saved.attachments[0].fileID).toContain(`studio-files/${saved.id}/`)
    await cloud.emulator.contentSafety.settled()
    await ok('studio_admin', 'studio.publishAnnouncement', { id: saved.id })
    await ok('staff', 'studio.reviewAnnouncement', { id: saved.id, approve: true })
    const pub = await ok('public', 'studio.announcement', { id: saved.id })
    expect(pub.coverFileID).toBe(saved.coverFileID)
    expect(pub.attachments.map((f: { name: string }) => f.name)).toEqual(['活动方案'])
    const managed = (await ok('studio_admin', 'studio.manageAnnouncements', { studioId: 'studio-01' })).items.find((a: { id: string }) => a.id === saved.id)
    expect(managed.attachments).toHaveLength(2)
    expect(managed.safetyNote).toContain('疑似违规')
    const doc = (await cloud.db().collection('announcements').doc(saved.id).get()).data
    expect(doc.imageTraceIds).toEqual([])
    expect(doc.images.map((i: { check: string }) => i.check)).toEqual(['pass', 'pass', 'risky'])
  })

  it('an image whose verdict has not come yet is not shown to others', async () => {
    const saved = await ok('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: '封面', body: '正文', coverFileID: upload('c2.png', PNG) })
    await cloud.db().collection('announcements').doc(saved.id).update({ data: { images: [{ fileID: saved.coverFileID, mime: 'image/png', bytes: 1, check: 'pending', traceId: 'trace-late' }], imageTraceIds: ['trace-late'] } })
    await ok('studio_admin', 'studio.publishAnnouncement', { id: saved.id })
    await ok('staff', 'studio.reviewAnnouncement', { id: saved.id, approve: true })
    expect((await ok('public', 'studio.announcement', { id: saved.id })).coverFileID).toBeUndefined()
    expect((await ok('studio_admin', 'studio.announcement', { id: saved.id })).coverFileID).toBeUndefined()
  })

  it('a file that is not the author\'s own upload, or does not exist, is refused', async () => {
    const foreign = await call('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: 'x', body: 'y', coverFileID: 'cloud://env.b/uploads/oSomeoneElse01/a.png' })
    expect(foreign.ok ? '' : foreign.error.code).toBe('FILE.NOT_OWNED')
    const missing = await call('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: 'x', body: 'y', coverFileID: `cloud://env.b/uploads/${admin}/none.png` })
    expect(missing.ok ? '' : missing.error.code).toBe('FILE.NOT_FOUND')
  })
})

describe('studio profiles', () => {
  it('risky profile text is refused; doubtful text is held until staff release it', async () => {
    const risky = await call('studio_admin', 'studio.update', { id: 'studio-01', intro: '代开发票' })
    expect(risky.ok ? '' : risky.error.code).toBe('CONTENT.RISKY')
    const before = await ok('public', 'studio.get', { id: 'studio-01' })
    const held = await ok('studio_admin', 'studio.update', { id: 'studio-01', intro: '欢迎来访，待审测试词', openingHours: '周一至周五' })
    expect(held.heldChanges).toEqual({ intro: '欢迎来访，待审测试词', openingHours: '周一至周五' })
    expect(held.safetyNote).toBeTruthy()
    // The desk's list marks the studio whose edit waits; the public list does not say so.
    const marked = async (persona: string) => (await ok(persona, 'studio.list', { limit: 20, includeHeld: true })).items.find((x: { id: string }) => x.id === 'studio-01')?.held
    expect(await marked('studio_admin')).toBe('changes')
    expect(await marked('staff')).toBe('changes')
    expect(await marked('public')).toBeUndefined()
    const pub = await ok('public', 'studio.get', { id: 'studio-01' })
    expect([pub.intro, pub.openingHours]).toEqual([before.intro, before.openingHours])
    expect(pub.heldChanges).toBeUndefined()
    const forbidden = await call('studio_admin', 'studio.update', { id: 'studio-01', releaseHeld: true })
    expect(forbidden.ok ? '' : forbidden.error.code).toBe('AUTH.FORBIDDEN')
    await ok('staff', 'studio.update', { id: 'studio-01', releaseHeld: true })
    const after = await ok('public', 'studio.get', { id: 'studio-01' })
    expect([after.intro, after.openingHours]).toEqual(['欢迎来访，待审测试词', '周一至周五'])
    expect((await ok('staff', 'studio.get', { id: 'studio-01' })).heldChanges).toBeUndefined()
  })

  it('a new studio whose text the check could not pass stays hidden until released', async () => {
    const s = await ok('staff', 'studio.create', { name: '新工作室', town: '阜新镇', address: '解放大街', openingHours: '周三', intro: '检测故障测试词', contactName: '李老师', contactPhone: '0418-8812345' })
    const listed = async () => (await ok('public', 'studio.list', { limit: 20 })).items.map((x: { id: string }) => x.id)
    expect(await listed()).not.toContain(s.id)
    expect((await call('public', 'studio.get', { id: s.id })).ok).toBe(false)
    // Staff still find it on the desk, marked as not public; asking for held studios shows others nothing more.
    const desk = async (persona: string) => (await ok(persona, 'studio.list', { limit: 20, includeHeld: true })).items.find((x: { id: string }) => x.id === s.id)
    expect((await desk('staff'))?.held).toBe('studio')
    expect(await desk('public')).toBeUndefined()
    expect(await desk('studio_admin')).toBeUndefined()
    await ok('staff', 'studio.update', { id: s.id, releaseHeld: true })
    expect(await listed()).toContain(s.id)
    expect((await desk('staff'))?.held).toBeUndefined()
  })
})

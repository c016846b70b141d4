/**
 * Studios and announcements through the real SDK (issue 5 items 1-2):
 * admins edit only their own studios, staff create studios and assign admins
 * and members, announcements publish directly or through staff review.
 */
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const adminOpenid = 'oDemoStudioAdmin000000000001'

beforeEach(async () => {
  await cloud.seedDemo()
})

describe('studio profiles', () => {
  it('a studio admin edits their own studio only; the public sees the change and a masked phone', async () => {
    const updated = await cloud.ok('studio_admin', 'studio.update', { id: 'studio-01', openingHours: '周一至周六 9:00-17:00', contactPhone: '13800001111' })
    expect(updated.contactPhone).toBe('13800001111')
    const pub = await cloud.ok('public', 'studio.get', { id: 'studio-01' })
    expect(pub.openingHours).toBe('周一至周六 9:00-17:00')
    expect(pub.contactPhone).toBe('138****1111')
    expect(pub.canManage).toBe(false)
    expect(codeOf(await cloud.call('studio_admin', 'studio.update', { id: 'studio-02', openingHours: 'x' }))).toBe('STUDIO.NOT_ADMIN')
    expect(codeOf(await cloud.call('studio_admin', 'studio.update', { id: 'studio-01', reviewAnnouncements: false }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('member', 'studio.update', { id: 'studio-01', openingHours: 'x' }))).toBe('AUTH.FORBIDDEN')
  })

  it('staff create a studio (idempotent) and assign admins and stationed members', async () => {
    const payload = { name: '新建委员工作室', town: '阜新镇', address: '县城解放大街', openingHours: '周三 9:00-16:00', contactName: '李老师', contactPhone: '0418-8812345' }
    const a = await cloud.call('staff', 'studio.create', payload, 'req-studio-0001')
    const b = await cloud.call('staff', 'studio.create', payload, 'req-studio-0001')
    if (!a.ok || !b.ok) throw new Error('create failed')
    expect(b.data.id).toBe(a.data.id)
    const id = a.data.id
    // People are named by person key (found by name with user.searchPeople), never by OPENID.
    await cloud.ok({ openid: 'oNewStudioAdmin01' }, 'user.setName', { name: '赵新岚' })
    const found = await cloud.ok('staff', 'user.searchPeople', { keyword: '赵新岚' })
    expect(found.items.map((p) => p.key)).toEqual([personKeyFor('oNewStudioAdmin01')])
    expect(codeOf(await cloud.call('staff', 'studio.assign', { id, adminOpenids: [adminOpenid] }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await cloud.call('staff', 'studio.assign', { id, adminKeys: [personKeyFor('oNobodyAtAll01')], memberIds: ['m-D003'] }))).toBe('ROLE.PERSON_NOT_FOUND')
    expect((await cloud.ok('staff', 'studio.get', { id })).members).toEqual([])
    expect(await cloud.ok('staff', 'studio.assign', { id, adminKeys: [personKeyFor(adminOpenid), found.items[0].key], memberIds: ['m-D003', 'm-D004'] })).toEqual({
      admins: 2,
      members: 2
    })
    // Staff see the admins by name and key; others see no admin list; no OPENID anywhere.
    const seen = await cloud.ok('staff', 'studio.get', { id })
    expect(seen.admins?.map((p) => p.name)).toContain('赵新岚')
    expect(seen.admins?.map((p) => p.key).sort()).toEqual([personKeyFor(adminOpenid), personKeyFor('oNewStudioAdmin01')].sort())
    expect(JSON.stringify(seen)).not.toMatch(/oNewStudioAdmin01|oDemoStudioAdmin/)
    expect((await cloud.ok('studio_admin', 'studio.get', { id })).admins).toBeUndefined()
    // Sending the same list again grants nobody twice.
    await cloud.ok('staff', 'studio.assign', { id, adminKeys: [personKeyFor(adminOpenid), found.items[0].key] })
    const me = await cloud.ok('studio_admin', 'user.me', {})
    expect(me.studioIds.sort()).toEqual(['studio-01', id].sort())
    expect((await cloud.ok('staff', 'studio.get', { id })).members.map((m) => m.id)).toEqual(['m-D003', 'm-D004'])
    await cloud.ok('studio_admin', 'studio.update', { id, intro: '新简介' })
    // Removing an admin takes the studio out of their scope again.
    await cloud.ok('staff', 'studio.assign', { id, adminKeys: [personKeyFor('oNewStudioAdmin01')] })
    expect((await cloud.ok('staff', 'studio.get', { id })).admins?.map((p) => p.name)).toEqual(['赵新岚'])
    expect((await cloud.ok('studio_admin', 'user.me', {})).studioIds).toEqual(['studio-01'])
    expect(codeOf(await cloud.call('studio_admin', 'studio.update', { id, intro: 'x' }))).toBe('STUDIO.NOT_ADMIN')
    expect(codeOf(await cloud.call('staff', 'studio.assign', { id, memberIds: ['m-NOPE'] }))).toBe('STUDIO.MEMBER_NOT_FOUND')
    // Granted once although the list named them three times; the removed admin: one grant, one revocation.
    const audited = async (target: string) => ((await cloud.db().collection('auditLog').where({ target, 'details.studioId': id }).get()).data as { action: string }[]).map((e) => e.action).sort()
    expect(await audited('oNewStudioAdmin01')).toEqual(['role.grant'])
    expect(await audited(adminOpenid)).toEqual(['role.grant', 'role.revoke'])
  })
})

describe('announcements', () => {
  it('without review: draft -> published, newest first for the public', async () => {
    const draft = await cloud.ok('staff', 'studio.saveAnnouncement', { studioId: 'studio-02', title: '温泉康养讲座通知', body: '周六上午举办讲座。' })
    expect(draft.state).toBe('draft')
    expect(codeOf(await cloud.call('public', 'studio.announcement', { id: draft.id }))).toBe('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    const published = await cloud.ok('staff', 'studio.publishAnnouncement', { id: draft.id })
    expect(published.state).toBe('published')
    const list = await cloud.ok('public', 'studio.announcements', {})
    expect(list.items[0].id).toBe(draft.id)
    const times = list.items.map((a) => a.publishedAt!)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('with review on: the admin submits, staff return with a reason or approve', async () => {
    const draft = await cloud.ok('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: '联合接待通知', body: '周五上午联合接待。' })
    expect((await cloud.ok('studio_admin', 'studio.publishAnnouncement', { id: draft.id })).state).toBe('pending_review')
    expect((await cloud.ok('public', 'studio.announcements', { studioId: 'studio-01' })).items.map((a) => a.id)).not.toContain(draft.id)
    const queue = await cloud.ok('staff', 'studio.manageAnnouncements', {})
    expect(queue.items.map((a) => a.id)).toContain(draft.id)
    expect(codeOf(await cloud.call('staff', 'studio.reviewAnnouncement', { id: draft.id, approve: false }))).toBe('COMMON.INVALID_INPUT')
    const returned = await cloud.ok('staff', 'studio.reviewAnnouncement', { id: draft.id, approve: false, reason: '请补充接待地点' })
    expect(returned).toMatchObject({ state: 'returned', returnReason: '请补充接待地点' })
    await cloud.ok('studio_admin', 'studio.saveAnnouncement', { id: draft.id, studioId: 'studio-01', title: '联合接待通知', body: '周五上午在政务服务中心二楼联合接待。' })
    await cloud.ok('studio_admin', 'studio.publishAnnouncement', { id: draft.id })
    expect((await cloud.ok('staff', 'studio.reviewAnnouncement', { id: draft.id, approve: true })).state).toBe('published')
    expect((await cloud.ok('public', 'studio.announcements', { studioId: 'studio-01' })).items[0].id).toBe(draft.id)
    expect(codeOf(await cloud.call('studio_admin', 'studio.reviewAnnouncement', { id: draft.id, approve: true }))).toBe('AUTH.FORBIDDEN')
  })

  it('admins write only for their studios and attach only their own uploads', async () => {
    expect(codeOf(await cloud.call('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-02', title: 'x', body: 'y' }))).toBe('STUDIO.NOT_ADMIN')
    const foreign = await cloud.call('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: 'x', body: 'y', coverFileID: 'cloud://env.b/uploads/oSomeoneElse01/a.png' })
    expect(codeOf(foreign)).toBe('FILE.NOT_OWNED')
    const pdf = cloud.emulator.storage.put(`uploads/${adminOpenid}/plan.pdf`, Buffer.from('%PDF-1.4\n%%EOF\n'), { openid: adminOpenid }).fileID
    const own = await cloud.ok('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: '带附件', body: '见附件', attachments: [{ fileID: pdf, name: '活动方案' }] })
    expect(own.attachments).toHaveLength(1)
    expect(own.attachments[0].fileID).not.toContain(adminOpenid)
  })
})

describe('a retry with the same requestId gets the first answer, with no second effect', () => {
  let seq = 0
  async function twice(who: Parameters<typeof cloud.call>[0], name: Parameters<typeof cloud.call>[1], payload: unknown) {
    const requestId = `retry-studio-${++seq}-${Date.now().toString(36)}`
    const first = await cloud.call(who, name, payload, requestId)
    const again = await cloud.call(who, name, payload, requestId)
    expect(first.ok && again.ok).toBe(true)
    expect(again).toEqual({ ...first, dbOps: again.dbOps })
    return first.ok ? (first.data as Record<string, unknown>) : {}
  }

  it('review, save, publish: one announcement, one decision', async () => {
    const before = (await cloud.db().collection('announcements').count()).total
    const draft = await twice('studio_admin', 'studio.saveAnnouncement', { studioId: 'studio-01', title: '接待通知', body: '周五接待。' })
    expect((await cloud.db().collection('announcements').count()).total).toBe(before + 1)
    expect((await twice('studio_admin', 'studio.publishAnnouncement', { id: draft.id })).state).toBe('pending_review')
    expect((await twice('staff', 'studio.reviewAnnouncement', { id: draft.id, approve: true })).state).toBe('published')
    expect((await twice('staff', 'studio.reviewAnnouncement', { id: 'ann-demo-review', approve: false, reason: '请补充地点' })).state).toBe('returned')
  })

  it('assign, update, create: one grant change audited once', async () => {
    await cloud.ok({ openid: 'oRetryStudioAdmin01' }, 'user.setName', { name: '钱重试' })
    await twice('staff', 'studio.assign', { id: 'studio-02', adminKeys: [personKeyFor('oRetryStudioAdmin01')] })
    const { total } = await cloud.db().collection('auditLog').where({ target: 'oRetryStudioAdmin01' }).count()
    expect(total).toBe(1)
    await twice('studio_admin', 'studio.update', { id: 'studio-01', openingHours: '周二 9:00-12:00' })
    await twice('staff', 'studio.create', { name: '重试工作室', town: '阜新镇', address: '解放大街', openingHours: '周三', contactName: '王老师', contactPhone: '0418-8812346' })
    expect((await cloud.db().collection('studios').where({ name: '重试工作室' }).count()).total).toBe(1)
  })
})

/**
 * Notices never quote content the content check has not passed to anyone but
 * its author (issue 13 item 1, with issue 12 item 8's 我的消息): in each area
 * that sends notices about an item with a title (提案, 协商议题, 活动), a
 * title held for review (the emulator's review word 待审测试词) reaches the
 * other people concerned only as a neutral wording, both in the subscription
 * message (the outbox) and in their 我的消息 — while the author still reads
 * their own title, and once staff released the text everyone reads it again.
 * 社情民意 notices go to the submitter alone (cloudfunctions/opinion/notify.ts).
 */
import { members } from '../../database/demo/county'
import { personas } from '../../src/dev/personas'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, type Who } from './support'

const cloud = useFunctionsCloud()
const HELD = '待审测试词'
const personaOpenid = (key: string) => personas.find((p) => p.key === key)!.openid
const resident = (n: number) => `oResident${String(n).padStart(6, '0')}`
const someone = (n: number): Who => ({ openid: resident(n) })

/** What `openid` was sent: the subscription messages' field values and the 我的消息 entries, as one text each. */
async function received(openid: string): Promise<{ outbox: string[]; inbox: string[] }> {
  const outbox = cloud.emulator.outbox().filter((m) => m.touser === openid).map((m) => JSON.stringify(m.data))
  const inbox = (await cloud.ok({ openid }, 'user.messages', { limit: 20 })).items.map((m) => `${m.title}|${m.status}|${m.note}`)
  return { outbox, inbox }
}

/** Binds roster member `memberId` to a fresh OPENID (as user.bind would). */
async function bindMember(memberId: string): Promise<string> {
  const m = members.find((x) => x._id === memberId)!
  const id = `oTestHeld${memberId.replace(/[^A-Za-z0-9]/g, '')}0000000`
  await cloud.db().collection('users').doc(id).set({ data: { grants: [], member: { id: m._id, name: m.name, sector: m.sector }, createdAt: new Date(), updatedAt: new Date() } })
  await cloud.db().collection('members').doc(memberId).update({ data: { boundOpenid: id } })
  return id
}

beforeEach(() => cloud.seedDemo())

test('提案: an invitee of a held draft reads 您有一条新的提案联名邀请; the proposer reads the title; after filing the co-signer does too', async () => {
  const title = `关于${HELD}社区养老服务的建议`
  const invitee = await bindMember('m-D003')
  const saved = await cloud.ok('member', 'proposal.saveDraft', {
    termId: 'term-15', sessionNumber: 5, title, category: 'society', notify: true,
    analysis: '城区老年人口增多，社区养老服务点少，日间照料需求得不到满足。',
    suggestions: '建议在各社区增设日间照料中心，并引入专业机构运营。'
  })
  await cloud.ok('member', 'proposal.invite', { id: saved.id, memberIds: ['m-D003'] })
  const invitation = await received(invitee)
  expect(invitation.outbox).toHaveLength(1)
  expect(invitation.inbox).toHaveLength(1)
  for (const text of [...invitation.outbox, ...invitation.inbox]) {
    expect(text).toContain('您有一条新的提案联名邀请')
    expect(text).not.toContain(HELD)
    expect(text).not.toContain('社区养老')
  }
  // the notice opens the proposal's page, which lives in the proposal subpackage
  expect(cloud.emulator.outbox().find((m) => m.touser === invitee)!.page).toBe(`proposal/detail/index?id=${saved.id}`)

  await cloud.ok('member', 'proposal.submit', { id: saved.id })
  await cloud.ok({ openid: invitee }, 'proposal.answerInvitation', { id: saved.id, accept: true, notify: true })
  // the proposer is the author: their notice names their own proposal
  const proposer = await received(personaOpenid('member'))
  expect(proposer.inbox.some((t) => t.startsWith(`${title}|确认联名`))).toBe(true)

  // staff file it (they have read it, the flags are cleared): the co-signer now reads the title
  await cloud.ok('staff', 'proposal.file', { id: saved.id })
  const filed = (await received(invitee)).inbox.find((t) => t.includes('|已立案|'))
  expect(filed?.startsWith(`${title}|`)).toBe(true)
})

test('协商议题: a held topic is decided on only after staff release it; a notice about a held topic names it to its proposer alone', async () => {
  const proposal = (title: string) => ({ title, description: '城区几处路口早晚高峰拥堵严重，希望优化信号灯配时。', category: '城市建设', place: '阜新镇', subscribe: true, ignoreSimilar: true })
  const title = `${HELD}路口信号灯配时`
  const held = await cloud.ok(someone(1), 'topic.propose', proposal(title))
  // nobody can act on it (or be told about it) while the text waits for staff
  expect((await cloud.call('staff', 'topic.decline', { id: held.id, reason: '属于县政府已部署的专项工作' })).ok).toBe(false)
  expect(cloud.emulator.outbox().filter((m) => JSON.stringify(m.data).includes(HELD))).toEqual([])

  // the notice itself: a supporter of a topic whose hold is not approved reads the neutral wording
  const { notifyTopic } = await import('../../cloudfunctions/consultation/notify')
  const doc = (await cloud.db().collection('topics').doc(held.id).get()).data as Parameters<typeof notifyTopic>[2]
  expect(doc.hold).toBeDefined()
  await cloud.db().collection('topicSupports').doc(`${held.id}:test`).set({ data: { topicId: held.id, openid: resident(3), consented: true, createdAt: new Date() } })
  const sent: Record<string, any>[] = []
  const fakeCloud = { openapi: { subscribeMessage: { send: async (m: Record<string, unknown>) => void sent.push(m) } } }
  const db = cloud.db() as unknown as Parameters<typeof notifyTopic>[0]
  await notifyTopic(db, fakeCloud, doc, 'declined', '属于县政府已部署的专项工作', new Date())
  const toSupporter = sent.filter((m) => m.touser === resident(3))
  expect(toSupporter).toHaveLength(1)
  expect(toSupporter[0].data.thing1.value).toBe('您关注的协商议题有新进展')
  expect(toSupporter[0].page).toBe(`pages/topic/index?id=${held.id}`)
  const supporter = await received(resident(3))
  expect(supporter.inbox).toHaveLength(1)
  expect(supporter.inbox[0]).not.toContain(HELD)
  // the proposer is the author
  expect(sent.find((m) => m.touser === resident(1))!.data.thing1.value).toBe(Array.from(title).slice(0, 20).join(''))
  expect((await received(resident(1))).inbox.some((t) => t.startsWith(`${title}|`))).toBe(true)

  // released by staff: everyone reads the title again
  await cloud.ok('staff', 'topic.release', { id: held.id, key: 'proposal', decision: 'approve' })
  const released = (await cloud.db().collection('topics').doc(held.id).get()).data as Parameters<typeof notifyTopic>[2]
  sent.length = 0
  await notifyTopic(db, fakeCloud, released, 'selected', '', new Date())
  expect(sent.find((m) => m.touser === resident(3))!.data.thing1.value).toBe(Array.from(title).slice(0, 20).join(''))
})

test('活动: an edit the check holds leaves the registrants a neutral change notice, without title or place', async () => {
  const HOUR = 3600_000
  const bj = (ms: number) => formatBeijing(new Date(Date.now() + ms))
  const a = await cloud.ok('staff', 'activity.create', {
    title: '委员读书分享会', type: 'studio_activity', place: '县图书馆二楼', startAt: bj(72 * HOUR), endAt: bj(74 * HOUR), signupDeadline: bj(48 * HOUR), capacity: 10, audience: 'public', publish: true
  })
  await cloud.ok('member', 'activity.signup', { id: a.id })
  await cloud.ok('staff', 'activity.update', { id: a.id, title: `${HELD}读书分享会`, place: `${HELD}会议室` })
  await cloud.ok('staff', 'activity.cancel', { id: a.id, reason: '场地检修' })
  const got = await received(personaOpenid('member'))
  const change = got.inbox.filter((t) => t.includes('|活动变更|'))
  expect(change).toHaveLength(1)
  expect(change[0]).toMatch(/^您有一条新的活动通知\|活动变更\|.*场地检修/)
  for (const text of [...got.outbox, ...got.inbox]) expect(text).not.toContain(HELD)
  const sent = cloud.emulator.outbox().filter((m) => m.touser === personaOpenid('member') && m.page === `pages/activity/detail/index?id=${a.id}`)
  expect(sent.length).toBeGreaterThan(0)
  expect(sent.at(-1)!.data).toMatchObject({ thing1: { value: '您有一条新的活动通知' }, thing3: { value: '详见活动页面' } })
})

/**
 * 辽事好商量 (issue 6) through the real SDK on the local cloud: every
 * transition and rule of a topic from proposal to the solved board, on the
 * demo county. Concurrency runs real parallel invocations (worker threads).
 */
import { personas } from '../../src/dev/personas'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf, type Who } from './support'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid
const STAFF = openid('staff')
const DEPT = openid('department')
const someone = (n: number): Who => ({ openid: `oResident${String(n).padStart(6, '0')}` })

async function topicDoc(id: string) {
  const res = await cloud.db().collection('topics').doc(id).get()
  return res.data as Record<string, any>
}
async function supportsOf(id: string) {
  return ((await cloud.db().collection('topicSupports').where({ topicId: id }).count()) as { total: number }).total
}
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
/** Stores a file as `owner`'s upload (as the mini-program does) and returns its file ID. */
const upload = (owner: string, name: string, bytes: Buffer = PNG) => cloud.emulator.storage.put(`uploads/${owner}/${name}`, bytes, { openid: owner }).fileID
/** Delivers the emulator's image verdicts as WeChat's message push to `opinion` (which routes every holder, topics included). */
const delivered = new Set<string>()
async function deliverVerdicts() {
  for (const rec of cloud.emulator.contentSafety.mediaChecks()) {
    if (delivered.has(rec.trace_id)) continue
    delivered.add(rec.trace_id)
    const verdict = rec.suggest === 'error' ? { errcode: -1 } : { errcode: 0, result: { suggest: rec.suggest, label: rec.label } }
    await cloud.emulator.invoke('opinion', { Event: 'wxa_media_check', trace_id: rec.trace_id, ...verdict }, { openid: rec.openid, source: 'wx_unknown' })
  }
}
const outboxFor = (topicId: string) => cloud.emulator.outbox().filter((m) => m.page === `pages/topic/index?id=${topicId}`)

/** A fresh proposed topic by `who` (a unique title so no similar-topic stop). */
async function propose(who: Who, title = '老旧小区加装电梯', subscribe = true) {
  const reply = await cloud.call(who, 'topic.propose', {
    title,
    description: '县城多个老旧小区没有电梯，老年人上下楼困难，希望统一规划、分批加装。',
    category: '城市建设',
    place: '阜新镇',
    subscribe,
    ignoreSimilar: true
  })
  if (!reply.ok) throw new Error(reply.error.code)
  return reply.data.id
}

beforeEach(() => cloud.seedDemo())

describe('proposing', () => {
  it('a resident proposes; the topic is public as proposed with no supporters; a retry returns the same topic', async () => {
    const payload = { title: '老旧小区加装电梯', description: '县城多个老旧小区没有电梯，老年人上下楼困难。', category: '城市建设', ignoreSimilar: true }
    const first = await cloud.call(someone(1), 'topic.propose', payload, 'req-propose-0001')
    const retry = await cloud.call(someone(1), 'topic.propose', payload, 'req-propose-0001')
    expect(first.ok && retry.ok && retry.data.id).toBe(first.ok && first.data.id)
    // The proposer gets a reference number to quote (Beijing date + 4 digits); the retry the same one.
    expect(first.ok && first.data.refNo).toMatch(/^20\d{6}-\d{4}$/)
    expect(retry.ok && retry.data.refNo).toBe(first.ok && first.data.refNo)
    const list = await cloud.ok('public', 'topic.list', { state: 'proposed' })
    expect(list.items.filter((t) => t.title === '老旧小区加装电梯')).toHaveLength(1)
    const page = await cloud.ok(someone(1), 'topic.get', { id: first.ok ? first.data.id : '' })
    expect(page).toMatchObject({ state: 'proposed', supportCount: 0, isProposer: true, canSupport: false, proposerName: expect.stringMatching(/^群众/) })
  })

  it('similar open topics are shown before saving, and the proposal stops until the person confirms', async () => {
    const similar = await cloud.ok('public', 'topic.similar', { title: '提升玛瑙产业的发展水平', description: '十家子镇玛瑙加工' })
    expect(similar.items[0]).toMatchObject({ id: 'topic-agate', state: 'proposed' })
    const unrelated = await cloud.ok('public', 'topic.similar', { title: '老旧小区加装电梯', description: '老年人上下楼困难' })
    expect(unrelated.items).toEqual([])
    // a closed or declined topic is not "open": never offered
    const closed = await cloud.ok('public', 'topic.similar', { title: '守护校园食品安全' })
    expect(closed.items.map((s) => s.id)).not.toContain('topic-canteen')

    const stopped = await cloud.call(someone(2), 'topic.propose', { title: '提升玛瑙产业的发展水平', description: '十家子镇的玛瑙加工户需要集中园区。', category: '产业发展' })
    expect(codeOf(stopped)).toBe('TOPIC.SIMILAR_FOUND')
    expect(!stopped.ok && (stopped.error.details as { similar: { id: string }[] }).similar[0].id).toBe('topic-agate')
    expect((await cloud.ok('public', 'topic.list', { keyword: '玛瑙' })).items).toHaveLength(1)
  })

  it('a title of only spaces (or zero-width characters) is refused in Chinese and nothing is stored', async () => {
    const before = ((await cloud.db().collection('topics').count()) as { total: number }).total
    for (const title of ['      ', '\u200B\u200B\u3000 ']) {
      const reply = await cloud.call(someone(3), 'topic.propose', { title, description: '描述内容足够长，说明问题的来龙去脉。', category: '民生', ignoreSimilar: true })
      expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
      expect(!reply.ok && reply.error.message).toMatch(/议题标题/)
    }
    expect(((await cloud.db().collection('topics').count()) as { total: number }).total).toBe(before)
  })

  it('keyword search treats regular-expression characters literally', async () => {
    expect((await cloud.ok('public', 'topic.list', { keyword: '.*' })).items).toEqual([])
    expect((await cloud.ok('public', 'topic.list', { keyword: '(玛瑙' })).items).toEqual([])
    await propose(someone(4), '路灯(夜间)照明.*不足')
    expect((await cloud.ok('public', 'topic.list', { keyword: '(夜间)照明.*' })).items.map((t) => t.title)).toEqual(['路灯(夜间)照明.*不足'])
  })

  it('the list filters by source (who proposed) and by the Beijing days proposed; bad days are refused', async () => {
    const byMember = await propose('member', '委员提出的停车难问题')
    const byResident = await propose(someone(5), '群众提出的停车难问题')
    const sources = async (source: 'member' | 'public' | 'office') => (await cloud.ok('staff', 'topic.list', { source, keyword: '停车难', limit: 20 })).items.map((t) => t.id)
    expect(await sources('member')).toEqual([byMember])
    expect(await sources('public')).toEqual([byResident])
    expect(await sources('office')).toEqual([])
    // the archive's town topics come from the office
    const office = (await cloud.ok('staff', 'topic.list', { source: 'office', limit: 20 })).items
    expect(office.length).toBeGreaterThan(0)
    expect(office.every((t) => t.source === 'office')).toBe(true)

    const today = formatBeijing(Date.now(), 'YYYY-MM-DD')
    const yesterday = formatBeijing(Date.now() - 86400_000, 'YYYY-MM-DD')
    const on = async (from?: string, to?: string) => (await cloud.ok('staff', 'topic.list', { keyword: '停车难', ...(from ? { from } : {}), ...(to ? { to } : {}) })).items.length
    expect(await on(today, today)).toBe(2)
    expect(await on(undefined, yesterday)).toBe(0)
    expect(await on(today)).toBe(2)
    // every listed topic lies within the days asked for (Beijing time)
    const lastYear = String(Number(today.slice(0, 4)) - 1)
    const within = (await cloud.ok('staff', 'topic.list', { from: `${lastYear}-01-01`, to: `${lastYear}-12-31`, limit: 20 })).items
    expect(within.every((t) => formatBeijing(t.proposedAt, 'YYYY') === lastYear)).toBe(true)
    expect(codeOf(await cloud.call('staff', 'topic.list', { from: '2025-02-30' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await cloud.call('staff', 'topic.list', { from: today, to: yesterday }))).toBe('COMMON.INVALID_INPUT')
  })
})

describe('support (附议)', () => {
  it('once per person, withdrawable; own, repeated and declined supports are refused and change nothing', async () => {
    const id = await propose(someone(10))
    expect(await cloud.ok(someone(11), 'topic.support', { id })).toEqual({ supported: true })
    expect(codeOf(await cloud.call(someone(11), 'topic.support', { id }))).toBe('TOPIC.ALREADY_SUPPORTED')
    expect(codeOf(await cloud.call(someone(10), 'topic.support', { id }))).toBe('TOPIC.OWN_TOPIC')
    expect(codeOf(await cloud.call(someone(11), 'topic.support', { id: 'topic-new-energy' }))).toBe('TOPIC.SUPPORT_CLOSED')
    expect(codeOf(await cloud.call(someone(11), 'topic.support', { id: 'topic-nowhere' }))).toBe('TOPIC.NOT_FOUND')
    expect(await supportsOf('topic-new-energy')).toBe((await topicDoc('topic-new-energy')).supportCount)
    expect((await topicDoc(id)).supportCount).toBe(1)
    expect((await topicDoc('topic-new-energy')).supportCount).toBe(3)
    expect((await cloud.ok(someone(11), 'topic.get', { id })).supported).toBe(true)

    expect(await cloud.ok(someone(11), 'topic.withdrawSupport', { id })).toEqual({ supportCount: 0, supported: false })
    expect(codeOf(await cloud.call(someone(11), 'topic.withdrawSupport', { id }))).toBe('TOPIC.NOT_SUPPORTED')
    expect(await supportsOf(id)).toBe(0)
    // after withdrawing, supporting again works
    expect(await cloud.ok(someone(11), 'topic.support', { id })).toEqual({ supported: true })
    expect((await topicDoc(id)).supportCount).toBe(1)
  })

  it('a support costs two DB operations', async () => {
    const id = await propose(someone(12))
    expect((await cloud.call(someone(13), 'topic.support', { id })).dbOps).toBe(2)
  })

  it('50 simultaneous supports from different people: the counter equals the support records', async () => {
    const base = (await topicDoc('topic-agate')).supportCount as number
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => cloud.call(someone(100 + i), 'topic.support', { id: 'topic-agate' })))
    expect(replies.filter((r) => !r.ok).map((r) => codeOf(r))).toEqual([])
    expect((await topicDoc('topic-agate')).supportCount).toBe(base + 50)
    expect(await supportsOf('topic-agate')).toBe(base + 50)
  })

  it('the same person tapping 8 times at once: one support', async () => {
    const id = await propose(someone(20))
    const replies = await Promise.all(Array.from({ length: 8 }, () => cloud.call(someone(21), 'topic.support', { id })))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok).map(codeOf)).toEqual(Array(7).fill('TOPIC.ALREADY_SUPPORTED'))
    expect((await topicDoc(id)).supportCount).toBe(1)
    expect(await supportsOf(id)).toBe(1)
  })
})

describe('comments', () => {
  it('a passing comment is public; replies name whom they answer', async () => {
    const c = await cloud.ok(someone(30), 'topic.comment', { id: 'topic-agate', text: '建议设立玛瑙产品质量检测中心。' })
    expect(c.status).toBe('visible')
    const reply = await cloud.ok('member', 'topic.comment', { id: 'topic-agate', text: '同意，检测中心可以放在玛瑙城。', replyTo: c.id })
    expect(reply.replyTo).toEqual({ id: c.id, authorName: c.authorName })
    const seen = await cloud.ok(someone(31), 'topic.get', { id: 'topic-agate' })
    expect(seen.comments.items.slice(0, 2).map((x) => x.text)).toEqual(['同意，检测中心可以放在玛瑙城。', '建议设立玛瑙产品质量检测中心。'])
    expect(seen.commentCount).toBe(4)
  })

  it('review → held for a moderator (only the author sees it, with why); risky → refused and not stored; a failed check → held', async () => {
    const held = await cloud.ok(someone(32), 'topic.comment', { id: 'topic-agate', text: '有需要的加微信领红包' })
    expect(held.status).toBe('held')
    const mine = await cloud.ok(someone(32), 'topic.get', { id: 'topic-agate' })
    expect(mine.comments.items.find((x) => x.id === held.id)).toMatchObject({ status: 'held', statusReason: expect.stringContaining('审核') })
    const others = await cloud.ok(someone(33), 'topic.get', { id: 'topic-agate' })
    expect(others.comments.items.map((x) => x.id)).not.toContain(held.id)

    const before = ((await cloud.db().collection('topicComments').count()) as { total: number }).total
    const risky = await cloud.call(someone(32), 'topic.comment', { id: 'topic-agate', text: '点这里进入赌博网站' })
    expect(codeOf(risky)).toBe('CONTENT.RISKY')
    expect(((await cloud.db().collection('topicComments').count()) as { total: number }).total).toBe(before)

    const failed = await cloud.ok(someone(32), 'topic.comment', { id: 'topic-agate', text: '检测故障测试词 出现时' })
    expect(failed.status).toBe('held')

    // the moderator decides: approve one, remove the other (the author sees why)
    const queue = await cloud.ok('staff', 'topic.heldComments', {})
    expect(queue.items.map((x) => x.id)).toEqual(expect.arrayContaining([held.id, failed.id]))
    expect(await cloud.ok('staff', 'topic.moderate', { commentId: failed.id, decision: 'approve' })).toEqual({ status: 'visible' })
    await cloud.ok('staff', 'topic.moderate', { commentId: held.id, decision: 'remove', reason: '含有广告' })
    const after = await cloud.ok(someone(32), 'topic.get', { id: 'topic-agate' })
    expect(after.comments.items.find((x) => x.id === held.id)).toMatchObject({ status: 'removed', statusReason: expect.stringContaining('含有广告') })
    expect((await cloud.ok(someone(33), 'topic.get', { id: 'topic-agate' })).comments.items.map((x) => x.id)).toContain(failed.id)
    expect(codeOf(await cloud.call('staff', 'topic.moderate', { commentId: failed.id, decision: 'remove' }))).toBe('TOPIC.NOT_MODERATABLE')
  })

  it('three reports hide a comment until a moderator decides; the author is told why; one report per person', async () => {
    const c = await cloud.ok(someone(40), 'topic.comment', { id: 'topic-agate', text: '这个议题说得不对。' })
    expect(await cloud.ok(someone(41), 'topic.report', { commentId: c.id, reason: '人身攻击' })).toEqual({ reportCount: 1, hidden: false })
    expect(codeOf(await cloud.call(someone(41), 'topic.report', { commentId: c.id }))).toBe('TOPIC.ALREADY_REPORTED')
    await cloud.ok(someone(42), 'topic.report', { commentId: c.id })
    expect(await cloud.ok(someone(43), 'topic.report', { commentId: c.id })).toEqual({ reportCount: 3, hidden: true })
    expect((await cloud.ok(someone(44), 'topic.get', { id: 'topic-agate' })).comments.items.map((x) => x.id)).not.toContain(c.id)
    const author = await cloud.ok(someone(40), 'topic.get', { id: 'topic-agate' })
    expect(author.comments.items.find((x) => x.id === c.id)).toMatchObject({ status: 'hidden', statusReason: expect.stringContaining('举报') })
    await cloud.ok('staff', 'topic.moderate', { commentId: c.id, decision: 'approve' })
    expect((await cloud.ok(someone(44), 'topic.get', { id: 'topic-agate' })).comments.items.map((x) => x.id)).toContain(c.id)
  })
})

describe('staff selection', () => {
  it('select with a studio notifies the consenting proposer and supporters once; a second select is refused', async () => {
    const id = await propose(someone(50))
    await cloud.ok(someone(51), 'topic.support', { id, subscribe: true })
    await cloud.ok(someone(52), 'topic.support', { id, subscribe: false })
    expect(codeOf(await cloud.call('staff', 'topic.select', { id, organiserType: 'studio', organiserId: 'studio-99' }))).toBe('TOPIC.ORGANISER_INVALID')
    expect(await cloud.ok('staff', 'topic.select', { id, organiserType: 'studio', organiserId: 'studio-01' })).toEqual({ state: 'selected' })
    expect((await cloud.ok('public', 'topic.get', { id })).organiser).toBe('城区"两代表一委员"联合工作室')
    const sent = outboxFor(id)
    expect(sent.map((m) => m.touser).sort()).toEqual(['oResident000050', 'oResident000051'])
    expect(sent[0].data.phrase2.value).toBe('已立题')
    expect(codeOf(await cloud.call('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-economy' }))).toBe('TOPIC.INVALID_STATE')
    expect(outboxFor(id)).toHaveLength(2)
  })

  it('decline needs a reason, is shown on the topic, and stops support', async () => {
    const id = await propose(someone(53))
    expect(codeOf(await cloud.call('staff', 'topic.decline', { id, reason: '  ' }))).toBe('COMMON.INVALID_INPUT')
    await cloud.ok('staff', 'topic.decline', { id, reason: '属于县政府已部署的专项工作' })
    const t = await cloud.ok('public', 'topic.get', { id })
    expect(t).toMatchObject({ state: 'declined', declineReason: '属于县政府已部署的专项工作', canSupport: false })
    expect(codeOf(await cloud.call(someone(54), 'topic.support', { id }))).toBe('TOPIC.SUPPORT_CLOSED')
    expect(outboxFor(id).map((m) => m.data.phrase2.value)).toEqual(['未立题'])
  })

  it('merge carries supporters (and the proposer) and comments over; no self-merge, not into a closed topic', async () => {
    const id = await propose(someone(60))
    await cloud.ok(someone(61), 'topic.support', { id, subscribe: true })
    await cloud.ok(someone(62), 'topic.support', { id })
    await cloud.ok(someone(63), 'topic.comment', { id, text: '玛瑙加工的粉尘影响居民。' })
    expect(codeOf(await cloud.call('staff', 'topic.merge', { id, intoId: id }))).toBe('TOPIC.MERGE_SELF')
    expect(codeOf(await cloud.call('staff', 'topic.merge', { id, intoId: 'topic-peanut' }))).toBe('TOPIC.MERGE_TARGET_CLOSED')
    expect(codeOf(await cloud.call('staff', 'topic.merge', { id, intoId: 'topic-new-energy' }))).toBe('TOPIC.MERGE_TARGET_CLOSED')
    expect((await topicDoc(id)).state).toBe('proposed')

    const base = (await topicDoc('topic-agate')).supportCount as number
    const merged = await cloud.ok('staff', 'topic.merge', { id, intoId: 'topic-agate' })
    expect(merged).toEqual({ state: 'merged', intoId: 'topic-agate', movedSupporters: 3, movedComments: 1 })
    expect((await topicDoc('topic-agate')).supportCount).toBe(base + 3)
    expect(await supportsOf('topic-agate')).toBe(base + 3)
    const target = await cloud.ok(someone(61), 'topic.get', { id: 'topic-agate' })
    expect(target.supported).toBe(true)
    expect(target.comments.items.map((c) => c.text)).toContain('玛瑙加工的粉尘影响居民。')
    expect((await cloud.ok('public', 'topic.get', { id })).mergedInto).toEqual({ id: 'topic-agate', title: '提升玛瑙产业发展水平' })
    expect(outboxFor(id).map((m) => m.touser).sort()).toEqual(['oResident000060', 'oResident000061'])
  })
})

describe('input, session, outcome, follow-up, close', () => {
  async function selected() {
    const id = await propose(someone(70))
    await cloud.ok(someone(71), 'topic.support', { id, subscribe: true })
    await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
    return id
  }

  it('open for input: the deadline must be in the future; after it nobody may comment', async () => {
    const id = await selected()
    const past = formatBeijing(new Date(Date.now() - 3600_000))
    expect(codeOf(await cloud.call('staff', 'topic.openInput', { id, question: '您觉得哪些小区最急需？', deadline: past }))).toBe('TOPIC.DEADLINE_PAST')
    expect(codeOf(await cloud.call('staff', 'topic.openInput', { id, question: '您觉得哪些小区最急需？', deadline: '2026-13-40 25:00' }))).toBe('COMMON.INVALID_INPUT')
    await cloud.ok('staff', 'topic.openInput', { id, question: '您觉得哪些小区最急需？', deadline: formatBeijing(new Date(Date.now() + 2 * 86400_000)) })
    const t = await cloud.ok('public', 'topic.get', { id })
    expect(t).toMatchObject({ state: 'open_for_input', canComment: true, input: { question: '您觉得哪些小区最急需？' } })
    await cloud.ok(someone(72), 'topic.comment', { id, text: '建设路小区最急需。' })
    await cloud.db().collection('topics').doc(id).update({ data: { 'input.deadline': new Date(Date.now() - 1000) } })
    const late = await cloud.call(someone(72), 'topic.comment', { id, text: '还有和平小区。' })
    expect(codeOf(late)).toBe('TOPIC.COMMENTS_CLOSED')
    expect(!late.ok && late.error.message).toContain('截止')
    expect((await cloud.ok('public', 'topic.get', { id })).canComment).toBe(false)
  })

  it('the whole way: session through the activity engine with check-in, minutes, departments, close, rating, reopen once', async () => {
    const id = await selected()
    // session: an activity of type consultation; check-in opens 30 min before the start
    const start = new Date(Date.now() + 20 * 60_000)
    const scheduled = await cloud.ok('staff', 'topic.schedule', {
      id,
      startAt: formatBeijing(start),
      endAt: formatBeijing(new Date(start.getTime() + 2 * 3600_000)),
      place: '县政协三楼会议室',
      capacity: 30
    })
    expect(scheduled.state).toBe('scheduled')
    const activity = (await cloud.db().collection('activities').doc(scheduled.activityId).get()).data as Record<string, any>
    expect(activity).toMatchObject({ type: 'consultation', topicId: id, state: 'published', capacity: 30 })

    // a member signs up and checks in with the venue code
    await cloud.ok('member', 'activity.signup', { id: scheduled.activityId })
    const code = await cloud.ok('staff', 'activity.checkinCode', { id: scheduled.activityId })
    expect((await cloud.ok('member', 'activity.checkin', { token: code.token, id: scheduled.activityId })).state).toBe('checked_in')

    const outcome = {
      id,
      minutes: '居民代表、委员和住建部门围绕老旧小区加装电梯座谈，形成分批实施意见。',
      consensus: '先试点两个小区，再逐步推广。',
      recommendations: [
        { departmentId: 'dept-housing', text: '制定加装电梯补贴办法' },
        { departmentId: 'dept-education', text: '学校教职工小区先行试点' }
      ]
    }
    expect(codeOf(await cloud.call('staff', 'topic.recordOutcome', { ...outcome, recommendations: [{ departmentId: 'dept-nowhere', text: '不存在的单位' }] }))).toBe(
      'TOPIC.DEPARTMENT_INVALID'
    )
    expect(await cloud.ok('staff', 'topic.recordOutcome', outcome)).toEqual({ state: 'consulted', memberAttendance: 1, attendance: 1 })
    let page = await cloud.ok('public', 'topic.get', { id })
    expect(page.session).toMatchObject({ memberAttendance: 1, place: '县政协三楼会议室' })
    expect(page.recommendations.map((r) => [r.departmentName, r.status])).toEqual([
      ['县住房和城乡建设局', 'open'],
      ['县教育局', 'open']
    ])
    expect(outboxFor(id).filter((m) => m.data.phrase2.value === '已协商')).toHaveLength(2)

    // the education department sees only its own recommendation and may act only on it
    const tasks = await cloud.ok('department', 'topic.departmentTasks', { status: 'open' })
    expect(tasks.items.filter((x) => x.topicId === id).map((x) => x.recommendation.departmentId)).toEqual(['dept-education'])
    const housing = page.recommendations[0].id
    const education = page.recommendations[1].id
    expect(codeOf(await cloud.call('department', 'topic.postProgress', { recommendationId: housing, text: '已起草补贴办法' }))).toBe('TOPIC.NOT_YOUR_DEPARTMENT')
    expect(codeOf(await cloud.call('member', 'topic.postProgress', { recommendationId: education, text: '已起草补贴办法' }))).toBe('AUTH.FORBIDDEN')
    await cloud.ok('department', 'topic.postProgress', { recommendationId: education, text: '已确定教育局家属院为试点' })
    expect((await topicDoc(id)).state).toBe('following_up')

    const evidence = upload(DEPT, 'pilot.jpg')
    expect(codeOf(await cloud.call('department', 'topic.postResult', { recommendationId: education, result: 'resolved', text: '试点电梯已投入使用', evidence: [upload(STAFF, 'x.jpg')] }))).toBe('FILE.NOT_OWNED')
    expect(codeOf(await cloud.call('department', 'topic.postResult', { recommendationId: education, result: 'resolved', text: '试点电梯已投入使用', evidence: [`cloud://cppcc-local.bucket/uploads/${DEPT}/missing.jpg`] }))).toBe('FILE.NOT_FOUND')
    // the department's photos were uploaded under its own folder; the topic shows neutral copies
    const posted = await cloud.ok('department', 'topic.postResult', {
      recommendationId: education,
      result: 'resolved',
      text: '试点电梯已投入使用',
      evidence: [evidence],
      beforePhotos: [upload(DEPT, 'before.jpg')],
      afterPhotos: [upload(DEPT, 'after.jpg')]
    })
    const after = posted.afterPhotos[0]
    expect(after).toMatch(new RegExp(`/topic-images/${id}/`))
    expect(JSON.stringify(posted)).not.toContain(DEPT)
    // photos reach the public only once their image check passed
    expect((await cloud.ok('public', 'topic.get', { id })).recommendations[1].afterPhotos).toEqual([])
    await deliverVerdicts()
    expect((await cloud.ok('public', 'topic.get', { id })).recommendations[1].afterPhotos).toEqual([after])
    expect(codeOf(await cloud.call('department', 'topic.postProgress', { recommendationId: education, text: '再补充一条' }))).toBe('TOPIC.RECOMMENDATION_ANSWERED')

    // closing with an open recommendation is refused and changes nothing
    const refused = await cloud.call('staff', 'topic.close', { id, result: 'resolved' })
    expect(codeOf(refused)).toBe('TOPIC.OPEN_RECOMMENDATIONS')
    expect(!refused.ok && refused.error.message).toContain('县住房和城乡建设局')
    expect((await topicDoc(id)).state).toBe('following_up')

    // staff post for the housing bureau (on its behalf), then close
    await cloud.ok('staff', 'topic.postResult', { recommendationId: housing, result: 'planned', text: '补贴办法列入明年计划', evidence: [upload(STAFF, 'plan.png')] })
    expect(await cloud.ok('staff', 'topic.close', { id, result: 'partly_resolved', note: '试点完成，补贴办法明年出台' })).toEqual({ state: 'closed', result: 'partly_resolved' })
    expect(outboxFor(id).filter((m) => m.data.phrase2.value === '已办结')).toHaveLength(2)

    const board = await cloud.ok('public', 'topic.solved', {})
    expect(board.items[0]).toMatchObject({ id, result: 'partly_resolved', departments: ['县住房和城乡建设局', '县教育局'], afterPhotos: [after] })
    // each shown photo comes with a temporary URL (the H5 build cannot show cloud:// IDs)
    expect(board.items[0].fileUrls[after]).toMatch(/^https?:\/\//)
    expect(Object.keys(board.items[0].fileUrls).sort()).toEqual([...board.items[0].beforePhotos, after].sort())

    // the proposer rates once; nobody else may
    expect(codeOf(await cloud.call(someone(71), 'topic.rate', { id, score: 5 }))).toBe('TOPIC.NOT_PROPOSER')
    await cloud.ok(someone(70), 'topic.rate', { id, score: 3, comment: '补贴还没落实' })
    expect(codeOf(await cloud.call(someone(70), 'topic.rate', { id, score: 4 }))).toBe('TOPIC.ALREADY_RATED')

    // reopen once: the unresolved recommendation goes back to its department
    await cloud.ok('staff', 'topic.reopen', { id, reason: '提出人反映补贴办法尚未出台' })
    page = await cloud.ok('public', 'topic.get', { id })
    expect(page.state).toBe('following_up')
    expect(page.recommendations.map((r) => r.status)).toEqual(['open', 'answered'])
    await cloud.ok('staff', 'topic.postResult', { recommendationId: housing, result: 'resolved', text: '补贴办法已印发', evidence: [upload(STAFF, 'doc.png')] })
    await cloud.ok('staff', 'topic.close', { id, result: 'resolved' })
    expect(codeOf(await cloud.call('staff', 'topic.reopen', { id, reason: '再次重新办理' }))).toBe('TOPIC.REOPEN_USED')
    // the closed notice went out once only
    expect(outboxFor(id).filter((m) => m.data.phrase2.value === '已办结')).toHaveLength(2)
  })

  it('minutes cannot be recorded before the session’s check-in opens', async () => {
    const id = await selected()
    const start = new Date(Date.now() + 3 * 86400_000)
    const { activityId } = await cloud.ok('staff', 'topic.schedule', { id, startAt: formatBeijing(start), endAt: formatBeijing(new Date(start.getTime() + 3600_000)), place: '县政协', capacity: 10 })
    const reply = await cloud.call('staff', 'topic.recordOutcome', { id, minutes: '会议纪要内容写在这里，足够长。', consensus: '形成共识', recommendations: [{ departmentId: 'dept-housing', text: '制定办法' }] })
    expect(codeOf(reply)).toBe('TOPIC.SESSION_NOT_HELD')
    expect((await topicDoc(id)).state).toBe('scheduled')
    expect(activityId).toMatch(/^act-/)
    expect(codeOf(await cloud.call('staff', 'topic.schedule', { id: 'topic-agate', startAt: '2099-01-01 10:00', endAt: '2099-01-01 09:00', place: '县政协', capacity: 10 }))).toBe('TOPIC.TIME_ORDER')
  })

  it('closing the demo’s following-up topic with an open recommendation is refused', async () => {
    expect(codeOf(await cloud.call('staff', 'topic.close', { id: 'topic-raoyang', result: 'resolved' }))).toBe('TOPIC.OPEN_RECOMMENDATIONS')
    expect((await topicDoc('topic-raoyang')).state).toBe('following_up')
  })
})

describe('public board and counts', () => {
  it('the solved board lists the demo’s closed topics, latest closed first, in one read', async () => {
    const reply = await cloud.call('public', 'topic.solved', {})
    expect(reply.dbOps).toBe(1)
    // the detailed demo's closings come last in 2025; the archived ones (January to August) follow
    expect(reply.ok && reply.data.items.slice(0, 3).map((t) => t.id)).toEqual(['topic-peanut', 'topic-canteen', 'topic-park'])
    expect(reply.ok && reply.data.items.slice(3).every((t) => t.id.startsWith('topic-archive-2025-'))).toBe(true)
    expect(reply.ok && reply.data.items[0]).toMatchObject({ departments: ['县农业农村局'], result: 'resolved', rating: 5 })
  })

  it('topic page in one DB operation, board list in one', async () => {
    expect((await cloud.call('public', 'topic.get', { id: 'topic-agate' })).dbOps).toBe(1)
    expect((await cloud.call('public', 'topic.list', { state: 'proposed' })).dbOps).toBe(1)
  })

  it('counts for a Beijing year: sessions held, member participations, problems solved', async () => {
    const counts = await cloud.ok('public', 'topic.counts', { year: 2025 })
    // the seed report's 2025 figures ("100余场次", 550 member participations, 69 problems solved), computed from the demo's records
    expect(counts).toEqual({ year: 2025, consultationActivities: 103, memberParticipations: 550, problemsSolved: 69 })
    // a topic closed at 00:30 on 1 January Beijing time counts in the new year
    await cloud.db().collection('topics').doc('topic-tricycle').update({ data: { state: 'closed', result: 'resolved', closedAt: new Date(Date.UTC(2025, 11, 31, 16, 30)) } })
    expect((await cloud.ok('public', 'topic.counts', { year: 2025 })).problemsSolved).toBe(69)
    expect((await cloud.ok('public', 'topic.counts', { year: 2026 })).problemsSolved).toBe(1)
  })
})

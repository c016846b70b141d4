/**
 * A retry returns the first answer (issue 13 item 3) and multi-step writes
 * leave no orphans (item 5), for every consultation mutation: the client
 * resends a call whose reply was lost with the same requestId; the second
 * call must answer what the first answered and change nothing more.
 */
import { createHash } from 'crypto'
import { actions, type ActionName } from '../../src/core/contract'
import { personas } from '../../src/dev/personas'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf, type Who } from './support'

const cloud = useFunctionsCloud()
const someone = (n: number): Who => ({ openid: `oResident${String(n).padStart(6, '0')}` })
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const STAFF = personas.find((p) => p.key === 'staff')!.openid

async function doc(collection: string, id: string) {
  return (await cloud.db().collection(collection).doc(id).get()).data as Record<string, any>
}
const count = async (collection: string, where: Record<string, unknown>) => ((await cloud.db().collection(collection).where(where).count()) as { total: number }).total
const outboxFor = (topicId: string) => cloud.emulator.outbox().filter((m) => m.page === `pages/topic/index?id=${topicId}`).length

async function propose(who: Who, extra: Record<string, unknown> = {}) {
  const reply = await cloud.ok(who, 'topic.propose', {
    title: '村口路灯长期不亮',
    description: '村口三盏路灯坏了半年，夜里出行不安全，希望尽快修复。',
    category: '民生',
    ignoreSimilar: true,
    subscribe: true,
    ...extra
  })
  return reply.id
}

/** What a retry must not change, read before and after it. */
type Effect = () => Promise<unknown>

interface RetryCase {
  name: ActionName
  who: Who
  /** Prepares the state and returns the payload and what the second call must not change. */
  setup: () => Promise<{ payload: Record<string, unknown>; effect: Effect }>
}

const cases: RetryCase[] = [
  {
    name: 'topic.propose',
    who: someone(1),
    setup: async () => ({
      payload: { title: '村口路灯长期不亮', description: '村口三盏路灯坏了半年，夜里出行不安全。', category: '民生', ignoreSimilar: true },
      effect: () => count('topics', { proposerOpenid: 'oResident000001' })
    })
  },
  {
    name: 'topic.support',
    who: someone(2),
    setup: async () => ({ payload: { id: 'topic-agate' }, effect: async () => (await doc('topics', 'topic-agate')).supportCount })
  },
  {
    name: 'topic.withdrawSupport',
    who: someone(3),
    setup: async () => {
      await cloud.ok(someone(3), 'topic.support', { id: 'topic-agate' })
      return { payload: { id: 'topic-agate' }, effect: async () => (await doc('topics', 'topic-agate')).supportCount }
    }
  },
  {
    name: 'topic.comment',
    who: someone(4),
    setup: async () => ({ payload: { id: 'topic-agate', text: '建议设立玛瑙检测中心。' }, effect: async () => (await doc('topics', 'topic-agate')).commentCount })
  },
  {
    name: 'topic.report',
    who: someone(5),
    setup: async () => {
      const c = await cloud.ok(someone(6), 'topic.comment', { id: 'topic-agate', text: '这个议题说得不对。' })
      return { payload: { commentId: c.id }, effect: async () => (await doc('topicComments', c.id)).reportCount }
    }
  },
  {
    name: 'topic.moderate',
    who: 'staff',
    setup: async () => {
      const c = await cloud.ok(someone(7), 'topic.comment', { id: 'topic-agate', text: '有需要的加微信领红包' })
      return { payload: { commentId: c.id, decision: 'approve' }, effect: async () => (await doc('topics', 'topic-agate')).commentCount }
    }
  },
  {
    name: 'topic.release',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(8), { description: '村口路灯坏了，有需要的加微信领红包，希望修复。' })
      return { payload: { id, key: 'proposal', decision: 'approve' }, effect: async () => (await doc('topics', id)).visible }
    }
  },
  {
    name: 'topic.select',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(9))
      return { payload: { id, organiserType: 'committee', organiserId: 'committee-society' }, effect: async () => [outboxFor(id), (await doc('topics', id)).timeline.length] }
    }
  },
  {
    name: 'topic.decline',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(10))
      return { payload: { id, reason: '属于县政府已部署的专项工作' }, effect: async () => [outboxFor(id), (await doc('topics', id)).timeline.length] }
    }
  },
  {
    name: 'topic.merge',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(11))
      await cloud.ok(someone(12), 'topic.support', { id })
      return { payload: { id, intoId: 'topic-agate' }, effect: async () => [outboxFor(id), (await doc('topics', 'topic-agate')).supportCount] }
    }
  },
  {
    name: 'topic.openInput',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(13))
      await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
      return { payload: { id, question: '您觉得哪些路段最急需？', deadline: formatBeijing(new Date(Date.now() + 2 * 86400_000)) }, effect: async () => (await doc('topics', id)).timeline.length }
    }
  },
  {
    name: 'topic.schedule',
    who: 'staff',
    setup: async () => {
      const id = await propose(someone(14))
      await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
      const start = new Date(Date.now() + 3 * 86400_000)
      return {
        payload: { id, startAt: formatBeijing(start), endAt: formatBeijing(new Date(start.getTime() + 3600_000)), place: '县政协', capacity: 10 },
        effect: () => count('activities', { topicId: id })
      }
    }
  },
  {
    name: 'topic.recordOutcome',
    who: 'staff',
    setup: async () => {
      // the demo's scheduled session, moved into the past so its minutes may be recorded
      const past = new Date(Date.now() - 3600_000)
      await cloud.db().collection('activities').doc('act-demo-preschool').update({ data: { startAt: past, endAt: past, signupDeadline: past, checkinStartAt: past, checkinEndAt: past } })
      return {
        payload: { id: 'topic-preschool', minutes: '会议听取了教育局关于学前教育普惠发展的情况介绍。', consensus: '扩大普惠性幼儿园覆盖面', recommendations: [{ departmentId: 'dept-education', text: '新建两所公办幼儿园' }] },
        effect: async () => [outboxFor('topic-preschool'), (await doc('topics', 'topic-preschool')).timeline.length]
      }
    }
  },
  {
    name: 'topic.postProgress',
    who: 'staff',
    setup: async () => ({
      payload: { recommendationId: 'topic-raoyang:r1', text: '已完成第二季度水质监测' },
      effect: async () => (await doc('topics', 'topic-raoyang')).recommendations[0].progress.length
    })
  },
  {
    name: 'topic.postResult',
    who: 'staff',
    setup: async () => {
      const evidence = cloud.emulator.storage.put(`uploads/${STAFF}/retry-evidence.png`, PNG, { openid: STAFF }).fileID
      return {
        payload: { recommendationId: 'topic-raoyang:r1', result: 'resolved', text: '水质监测结果全部公开', evidence: [evidence] },
        effect: async () => (await doc('topics', 'topic-raoyang')).images.length
      }
    }
  },
  {
    name: 'topic.close',
    who: 'staff',
    setup: async () => ({ payload: { id: 'topic-tricycle', result: 'resolved' }, effect: async () => [outboxFor('topic-tricycle'), (await doc('topics', 'topic-tricycle')).timeline.length] })
  },
  {
    name: 'topic.rate',
    who: someone(15),
    setup: async () => {
      const id = await propose(someone(15))
      await cloud.db().collection('topics').doc(id).update({ data: { state: 'closed', result: 'resolved', closedAt: new Date() } })
      return { payload: { id, score: 4, comment: '修好了' }, effect: async () => (await doc('topics', id)).rating.score }
    }
  },
  {
    name: 'topic.reopen',
    who: 'staff',
    setup: async () => ({ payload: { id: 'topic-park', reason: '群众反映部分设施仍未修复' }, effect: async () => [(await doc('topics', 'topic-park')).reopenCount, (await doc('topics', 'topic-park')).timeline.length] })
  }
]

beforeEach(() => cloud.seedDemo())

it('every consultation mutation in the contract has a retry case', () => {
  const reads = ['topic.list', 'topic.get', 'topic.comments', 'topic.similar', 'topic.heldComments', 'topic.heldContent', 'topic.departmentTasks', 'topic.solved', 'topic.counts', 'topic.options']
  const mutations = Object.values(actions)
    .filter((a) => a.fn === 'consultation' && !reads.includes(a.name))
    .map((a) => a.name)
    .sort()
  expect(cases.map((c) => c.name).sort()).toEqual(mutations)
})

describe.each(cases)('$name called twice with one requestId', ({ name, who, setup }) => {
  it('answers the first reply and has no second effect', async () => {
    const { payload, effect } = await setup()
    const requestId = `retry-${name.replace('.', '-')}-0001`
    const first = await cloud.call(who, name, payload, requestId)
    expect(first.ok ? undefined : first.error).toBeUndefined()
    const after = await effect()
    const retry = await cloud.call(who, name, payload, requestId)
    expect(retry.ok ? retry.data : retry.error).toEqual(first.ok ? first.data : undefined)
    expect(await effect()).toEqual(after)
  })
})

describe('multi-step writes leave no orphans (issue 13 item 5)', () => {
  it('scheduling a session three times at once leaves exactly one session activity, and every caller is told it', async () => {
    const id = await propose(someone(20))
    await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
    const start = new Date(Date.now() + 3 * 86400_000)
    const payload = { id, startAt: formatBeijing(start), endAt: formatBeijing(new Date(start.getTime() + 3600_000)), place: '县政协', capacity: 10 }
    const replies = await Promise.all([1, 2, 3].map((n) => cloud.call('staff', 'topic.schedule', payload, `schedule-race-000${n}`)))
    expect(await count('activities', { topicId: id })).toBe(1)
    const topic = await doc('topics', id)
    expect(topic.state).toBe('scheduled')
    expect(topic.sessionClaim).toBeUndefined()
    for (const r of replies) expect(r.ok ? r.data : r.error).toEqual({ state: 'scheduled', activityId: topic.session.activityId })
  })

  it('a claim left by a call that died is taken over, and the activity it may have created is linked, not doubled', async () => {
    const id = await propose(someone(21))
    await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
    const start = new Date(Date.now() + 3 * 86400_000)
    const payload = { id, startAt: formatBeijing(start), endAt: formatBeijing(new Date(start.getTime() + 3600_000)), place: '县政协', capacity: 10 }
    // the dead call: it claimed and created its activity, then never linked it
    const first = await cloud.ok('staff', 'topic.schedule', payload)
    await cloud.db().collection('topics').doc(id).update({
      data: { state: 'selected', session: cloud.db().command.remove(), receipts: [], sessionClaim: { key: 'dead-call', at: new Date(Date.now() - 5 * 60_000) } }
    })
    const again = await cloud.ok('staff', 'topic.schedule', payload)
    expect(again).toEqual({ state: 'scheduled', activityId: first.activityId })
    expect(await count('activities', { topicId: id })).toBe(1)
  })

  it('a live claim of another call makes a second caller wait, then answer busy if the first never links', async () => {
    const id = await propose(someone(22))
    await cloud.ok('staff', 'topic.select', { id, organiserType: 'committee', organiserId: 'committee-society' })
    await cloud.db().collection('topics').doc(id).update({ data: { sessionClaim: { key: 'other-call', at: new Date() } } })
    const start = new Date(Date.now() + 3 * 86400_000)
    const reply = await cloud.call('staff', 'topic.schedule', { id, startAt: formatBeijing(start), endAt: formatBeijing(new Date(start.getTime() + 3600_000)), place: '县政协', capacity: 10 })
    expect(codeOf(reply)).toBe('TOPIC.SCHEDULE_BUSY')
    expect(await count('activities', { topicId: id })).toBe(0)
  })

  it('a merge retried after its first call stopped between the steps finishes them, once', async () => {
    const id = await propose(someone(23))
    await cloud.ok(someone(24), 'topic.support', { id })
    const base = (await doc('topics', 'topic-agate')).supportCount as number
    // the first call merged the topic and kept its receipt, then died before carrying anything over
    const requestId = 'merge-stopped-0001'
    const key = createHash('sha256').update(`${STAFF}:${requestId}`).digest('hex').slice(0, 20)
    await cloud.db().collection('topics').doc(id).update({
      data: { state: 'merged', mergedInto: 'topic-agate', receipts: [{ key, reply: { state: 'merged', intoId: 'topic-agate' }, at: new Date() }] }
    })
    const retry = await cloud.call('staff', 'topic.merge', { id, intoId: 'topic-agate' }, requestId)
    expect(retry.ok && retry.data).toEqual({ state: 'merged', intoId: 'topic-agate', movedSupporters: 2, movedComments: 0 })
    expect((await doc('topics', 'topic-agate')).supportCount).toBe(base + 2)
    const again = await cloud.call('staff', 'topic.merge', { id, intoId: 'topic-agate' }, requestId)
    expect(again.ok && again.data).toEqual(retry.ok && retry.data)
    expect((await doc('topics', 'topic-agate')).supportCount).toBe(base + 2)
  })
})

/**
 * user.unbindMember beyond the basics (cloudfunctions/user/binding.ts):
 * notices follow the member to the new WeChat and never reach the released
 * one; concurrent releases, wrong roles, bad input. From the adversary pass
 * of 2026-11-29.
 */
import { formatBeijing } from '../../src/core/time'
import { personas } from '../../src/dev/personas'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const HOUR = 3600_000
const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))
const OLD = personas.find((p) => p.key === 'member')!.openid
const NEW = 'oUnbindNewPhone0001'

beforeEach(async () => {
  await cloud.seedDemo()
})

async function rebindOnNewPhone() {
  const me = await cloud.ok('member', 'user.me', {})
  await cloud.ok('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '更换微信' })
  const issued = await cloud.ok('staff', 'user.issueBindingCode', { memberId: 'm-D001' })
  await cloud.ok({ openid: NEW }, 'user.bindMember', { name: me.member!.name, code: issued.code })
}

async function newActivity(): Promise<string> {
  const a = await cloud.ok('staff', 'activity.create', {
    title: '解绑测试', type: 'training', place: '机关', startAt: bj(72 * HOUR), endAt: bj(74 * HOUR), signupDeadline: bj(48 * HOUR), capacity: 10, audience: 'members', publish: true
  })
  return a.id
}

describe('after a binding is released, notices follow the member, not the old WeChat', () => {
  it('an activity the member signed up for is cancelled after they rebound on a new WeChat: the notice reaches the new WeChat only', async () => {
    const id = await newActivity()
    expect(await cloud.ok('member', 'activity.signup', { id, consent: true })).toMatchObject({ state: 'registered' })
    await rebindOnNewPhone()
    // The registration follows the member (keyed by member id) ...
    expect((await cloud.ok({ openid: NEW }, 'activity.get', { id })).mine?.state).toBe('registered')
    cloud.emulator.outbox().length = 0
    await cloud.ok('staff', 'activity.cancel', { id, reason: '场地调整' })
    const to = cloud.emulator.outbox().map((m) => (m as { touser: string }).touser)
    // ... but the notice goes to the registration's stored OPENID: the released WeChat.
    expect(to).not.toContain(OLD)
    expect(to).toContain(NEW)
  })

  it('the released WeChat keeps getting reminders for the member\'s activities (reminder timer)', async () => {
    const a = await cloud.ok('staff', 'activity.create', {
      title: '提醒测试', type: 'training', place: '机关', startAt: bj(5 * HOUR), endAt: bj(7 * HOUR), signupDeadline: bj(4 * HOUR), capacity: 10, audience: 'members', publish: true
    })
    await cloud.ok('member', 'activity.signup', { id: a.id, consent: true })
    await cloud.ok('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '微信号已转给他人' })
    cloud.emulator.outbox().length = 0
    await cloud.emulator.fireTimer('activity', 'remind')
    const to = cloud.emulator.outbox().map((m) => (m as { touser: string }).touser)
    expect(to).not.toContain(OLD)
  })
})

describe('unbind under pressure', () => {
  it('two staff release the same binding at once: one succeeds, the other is told it is not bound (no internal error)', async () => {
    const replies = await Promise.all([
      cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '甲' }),
      cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '乙' }),
      cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '丙' })
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.ok).map(codeOf)).toEqual(['MEMBER.NOT_BOUND', 'MEMBER.NOT_BOUND'])
    expect((await cloud.db().collection('auditLog').where({ action: 'member.unbind' }).count()).total).toBe(1)
  })

  it('wrong roles and bad input', async () => {
    for (const who of ['public', 'member', 'informant', 'studio_admin', 'department', 'anonymous'] as const) {
      const r = await cloud.call(who, 'user.unbindMember', { memberId: 'm-D001', reason: 'x' })
      expect([who, codeOf(r)]).toEqual([who, who === 'anonymous' ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN'])
    }
    for (const payload of [{}, { memberId: 'm-D001', reason: '' }, { memberId: 'm-D001', reason: '   ' }, { memberId: { $ne: null }, reason: 'x' }, { memberId: 'm-D001', reason: 'x'.repeat(101) }, { memberId: '', reason: 'x' }, null]) {
      const r = await cloud.call('staff', 'user.unbindMember', payload)
      expect([JSON.stringify(payload), codeOf(r)]).toEqual([JSON.stringify(payload), 'COMMON.INVALID_INPUT'])
    }
    expect((await cloud.ok('member', 'user.me', {})).member?.id).toBe('m-D001')
  })

  it('the member binding again on the old WeChat while staff release it: ends consistent (member and user agree)', async () => {
    const me = await cloud.ok('member', 'user.me', {})
    const replies = await Promise.all([
      cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '并发' }),
      cloud.call('member', 'user.bindMember', { name: me.member!.name, code: '123456' }),
      cloud.call('member', 'activity.signup', { id: 'nope' })
    ])
    expect(replies.some((r) => codeOf(r) === 'COMMON.INTERNAL')).toBe(false)
    const m = (await cloud.db().collection('members').doc('m-D001').get()).data
    const u = (await cloud.db().collection('users').doc(OLD).get()).data
    expect(Boolean(m.boundOpenid)).toBe(Boolean(u.member))
  })

  it('a member whose users document is missing can still be released (no internal error)', async () => {
    await cloud.db().collection('members').doc('m-D002').update({ data: { boundOpenid: 'oGhost000000001' } })
    const r = await cloud.call('staff', 'user.unbindMember', { memberId: 'm-D002', reason: '清理' })
    expect(codeOf(r)).not.toBe('COMMON.INTERNAL')
  })
})

import { useFunctionsCloud, codeOf } from './support'
import { personas } from '../../src/dev/personas'
import { personKeyFor } from '../../cloudfunctions/_shared/people'

const cloud = useFunctionsCloud()
const staff = personas.find((p) => p.key === 'staff')!.openid

/** A newcomer registers a name on 我的 and staff find them by it: their person key. */
async function registered(openid: string, name: string): Promise<string> {
  await cloud.ok({ openid }, 'user.setName', { name })
  const found = await cloud.ok('staff', 'user.searchPeople', { keyword: name })
  expect(found.items.map((p) => p.name)).toContain(name)
  return found.items.find((p) => p.name === name)!.key
}

describe('user.me', () => {
  it('a plain WeChat user is public, with one DB read', async () => {
    const reply = await cloud.call({ openid: 'oNewcomer0001' }, 'user.me', {})
    expect(reply.ok && reply.data).toEqual({ openid: 'oNewcomer0001', roles: ['public'], studioIds: [], departmentIds: [] })
    expect(reply.dbOps).toBe(1)
  })

  it('the demo personas carry their roles and scopes', async () => {
    await cloud.seedDemo()
    const member = await cloud.ok('member', 'user.me', {})
    expect(member.roles).toContain('member')
    expect(member.member?.id).toBe('m-D001')
    const admin = await cloud.ok('studio_admin', 'user.me', {})
    expect(admin.roles).toContain('studio_admin')
    expect(admin.studioIds).toEqual(['studio-01'])
    expect((await cloud.ok('staff', 'user.me', {})).roles).toContain('staff')
  })

  it('a call without an OPENID is refused', async () => {
    expect(codeOf(await cloud.call('anonymous', 'user.me', {}))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('roles sent by the client are ignored', async () => {
    const reply = await cloud.call({ openid: 'oSneaky000001' }, 'user.grantRole', { personKey: personKeyFor('oSneaky000001'), role: 'staff', roles: ['staff'] })
    expect(codeOf(reply)).toBe('AUTH.FORBIDDEN')
    expect((await cloud.ok({ openid: 'oSneaky000001' }, 'user.me', { })).roles).toEqual(['public'])
  })
})

describe('member binding', () => {
  beforeEach(() => cloud.seedDemo())

  async function issue(memberId = 'm-D002') {
    return cloud.ok('staff', 'user.issueBindingCode', { memberId })
  }

  it('staff issue a 6-digit code valid for 7 days; the member binds with name and code', async () => {
    const issued = await issue()
    expect(issued.code).toMatch(/^\d{6}$/)
    const days = (new Date(issued.expiresAt).getTime() - Date.now()) / 86400000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    const roster = await cloud.ok('staff', 'user.listMembers', { limit: 5 })
    const name = roster.items.find((m) => m.id === 'm-D002')!.name
    const bound = await cloud.ok({ openid: 'oNewMember0002' }, 'user.bindMember', { name, code: issued.code })
    expect(bound.memberId).toBe('m-D002')
    const me = await cloud.ok({ openid: 'oNewMember0002' }, 'user.me', {})
    expect(me.roles).toContain('member')
    expect(me.member?.name).toBe(name)
    // the code is single-use
    const again = await cloud.call({ openid: 'oOther0000002' }, 'user.bindMember', { name, code: issued.code })
    expect(codeOf(again)).toBe('MEMBER.CODE_INVALID')
  })

  it('staff release a binding: the member loses the role, keeps their records, and binds again with a new code', async () => {
    const before = await cloud.ok('member', 'user.me', {})
    expect(before.member?.id).toBe('m-D001')
    expect(await cloud.ok('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '更换手机号' })).toEqual({ memberId: 'm-D001', unbound: true })
    const after = await cloud.ok('member', 'user.me', {})
    expect(after.roles).not.toContain('member')
    expect(after.member).toBeUndefined()
    expect(codeOf(await cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001', reason: '重复操作' }))).toBe('MEMBER.NOT_BOUND')
    expect(codeOf(await cloud.call('staff', 'user.unbindMember', { memberId: 'm-NOPE', reason: '不存在' }))).toBe('MEMBER.NOT_FOUND')
    expect(codeOf(await cloud.call('staff', 'user.unbindMember', { memberId: 'm-D001' }))).toBe('COMMON.INVALID_INPUT')
    const audit = (await cloud.db().collection('auditLog').where({ action: 'member.unbind', target: 'm-D001' }).get()).data
    expect(audit).toHaveLength(1)
    expect(audit[0].details.reason).toBe('更换手机号')
    // the member's new WeChat binds with a fresh code and is the same member again
    const issued = await issue('m-D001')
    const bound = await cloud.ok({ openid: 'oNewPhone00001' }, 'user.bindMember', { name: before.member!.name, code: issued.code })
    expect(bound.memberId).toBe('m-D001')
    expect((await cloud.ok({ openid: 'oNewPhone00001' }, 'user.me', {})).roles).toContain('member')
  })

  it('five wrong codes lock it, even for the right code afterwards', async () => {
    const issued = await issue()
    const name = (await cloud.ok('staff', 'user.listMembers', { limit: 5 })).items.find((m) => m.id === 'm-D002')!.name
    const wrong = issued.code === '000000' ? '111111' : '000000'
    const codes = []
    for (let i = 0; i < 5; i++) codes.push(codeOf(await cloud.call({ openid: 'oGuesser00001' }, 'user.bindMember', { name, code: wrong })))
    expect(codes).toEqual(['MEMBER.CODE_INVALID', 'MEMBER.CODE_INVALID', 'MEMBER.CODE_INVALID', 'MEMBER.CODE_INVALID', 'MEMBER.CODE_LOCKED'])
    const right = await cloud.call({ openid: 'oGuesser00001' }, 'user.bindMember', { name, code: issued.code })
    expect(codeOf(right)).toBe('MEMBER.CODE_LOCKED')
    expect((await cloud.ok({ openid: 'oGuesser00001' }, 'user.me', {})).roles).toEqual(['public'])
  })

  it('an expired code is refused with its own message', async () => {
    const issued = await issue()
    await cloud.db().collection('bindingCodes').doc('m-D002').update({ data: { expiresAt: new Date(Date.now() - 1000) } })
    const name = (await cloud.ok('staff', 'user.listMembers', { limit: 5 })).items.find((m) => m.id === 'm-D002')!.name
    const reply = await cloud.call({ openid: 'oLate00000001' }, 'user.bindMember', { name, code: issued.code })
    expect(codeOf(reply)).toBe('MEMBER.CODE_EXPIRED')
    expect(!reply.ok && reply.error.message).toContain('过期')
  })

  it('one WeChat per member and one member per WeChat', async () => {
    // the member persona is already bound to D001
    const issued = await issue('m-D003')
    const name = (await cloud.ok('staff', 'user.listMembers', { limit: 5 })).items.find((m) => m.id === 'm-D003')!.name
    expect(codeOf(await cloud.call('member', 'user.bindMember', { name, code: issued.code }))).toBe('MEMBER.WECHAT_ALREADY_BOUND')
    expect(codeOf(await cloud.call('staff', 'user.issueBindingCode', { memberId: 'm-D001' }))).toBe('MEMBER.ALREADY_BOUND')
  })

  it('binding needs a name and a 6-digit code, with Chinese messages', async () => {
    const reply = await cloud.call({ openid: 'oTypo00000001' }, 'user.bindMember', { name: '  ', code: '12a' })
    expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
    expect(!reply.ok && reply.error.message).toBe('请填写姓名')
  })
})

describe('roles', () => {
  beforeEach(() => cloud.seedDemo())

  it('staff grant a scoped studio admin; the grant takes effect and is audited', async () => {
    const key = await registered('oNewAdmin0001', '周新民')
    const granted = await cloud.ok('staff', 'user.grantRole', { personKey: key, role: 'studio_admin', studioIds: ['studio-05'] })
    expect(granted).toMatchObject({ person: { key, name: '周新民' }, studioIds: ['studio-05'], grantedByName: '李春燕' })
    expect(JSON.stringify(granted)).not.toContain('oNewAdmin0001')
    const me = await cloud.ok({ openid: 'oNewAdmin0001' }, 'user.me', {})
    expect(me.roles).toContain('studio_admin')
    expect(me.studioIds).toEqual(['studio-05'])
    const audit = await cloud.db().collection('auditLog').where({ action: 'role.grant', target: 'oNewAdmin0001' }).get()
    expect(audit.data).toHaveLength(1)
    expect(audit.data[0].actor).toBe(staff)
  })

  it('a studio admin grant needs existing studios', async () => {
    const key = await registered('oNewAdmin0001', '周新民')
    const reply = await cloud.call('staff', 'user.grantRole', { personKey: key, role: 'studio_admin', studioIds: ['studio-99'] })
    expect(codeOf(reply)).toBe('ROLE.INVALID_SCOPE')
    expect(!reply.ok && reply.error.message).toContain('studio-99')
    expect(codeOf(await cloud.call('staff', 'user.grantRole', { personKey: key, role: 'studio_admin' }))).toBe('ROLE.INVALID_SCOPE')
  })

  it('a person nobody registered cannot be granted a role (no OPENID pasting)', async () => {
    expect(codeOf(await cloud.call('staff', 'user.grantRole', { personKey: personKeyFor('oNeverSeen0001'), role: 'informant' }))).toBe('ROLE.PERSON_NOT_FOUND')
    expect(codeOf(await cloud.call('staff', 'user.grantRole', { openid: 'oNeverSeen0001', role: 'informant' }))).toBe('COMMON.INVALID_INPUT')
  })

  it('staff find people by roster name or registered name, with roles and no OPENID', async () => {
    const member = await cloud.ok('member', 'user.me', {})
    const found = await cloud.ok('staff', 'user.searchPeople', { keyword: member.member!.name })
    expect(found.items[0]).toMatchObject({ name: member.member!.name, member: { name: member.member!.name }, roles: expect.arrayContaining(['member']) })
    const informant = await cloud.ok('staff', 'user.searchPeople', { keyword: '赵文静' })
    expect(informant.items).toEqual([{ key: personKeyFor(personas.find((p) => p.key === 'informant')!.openid), name: '赵文静', roles: ['public', 'informant'] }])
    expect(JSON.stringify(found) + JSON.stringify(informant)).not.toMatch(/oDemo/)
    expect(codeOf(await cloud.call('informant', 'user.searchPeople', { keyword: '赵' }))).toBe('AUTH.FORBIDDEN')
  })

  it('revoking removes the role and is audited; the last staff cannot be revoked', async () => {
    await cloud.ok('staff', 'user.revokeRole', { personKey: personKeyFor(personas.find((p) => p.key === 'informant')!.openid), role: 'informant' })
    expect((await cloud.ok('informant', 'user.me', {})).roles).toEqual(['public'])
    expect(codeOf(await cloud.call('staff', 'user.revokeRole', { personKey: personKeyFor(staff), role: 'staff' }))).toBe('ROLE.LAST_STAFF')
    const audit = await cloud.db().collection('auditLog').where({ action: 'role.revoke' }).get()
    expect(audit.data).toHaveLength(1)
  })

  it('grants are listed for staff', async () => {
    const page = await cloud.ok('staff', 'user.listGrants', {})
    expect(page.items.map((g) => g.role)).toEqual(expect.arrayContaining(['informant', 'staff', 'studio_admin']))
    expect(page.items.find((g) => g.role === 'studio_admin')?.studioIds).toEqual(['studio-01'])
    // people and granters by name, never by OPENID
    const informantKey = personKeyFor(personas.find((p) => p.key === 'informant')!.openid)
    expect(page.items.find((g) => g.role === 'informant' && g.person.key === informantKey)).toMatchObject({ person: { name: '赵文静' }, grantedByName: '李春燕' })
    // The county's other informants carry their names too (nobody shows as unnamed).
    expect(page.items.filter((g) => g.person.name === '未登记姓名的用户')).toEqual([])
    expect(page.items.find((g) => g.role === 'staff')).toMatchObject({ person: { name: '李春燕' }, grantedByName: '系统初始化' })
    expect(JSON.stringify(page)).not.toMatch(/oDemo/)
  })
})

describe('deploy configuration', () => {
  const boot = useFunctionsCloud({ functionEnv: { BOOTSTRAP_STAFF_OPENIDS: 'oFirstStaff001' } })
  it('the first staff OPENID comes from the function environment', async () => {
    expect((await boot.ok({ openid: 'oFirstStaff001' }, 'user.me', {})).roles).toContain('staff')
    expect((await boot.ok({ openid: 'oSomeoneElse01' }, 'user.me', {})).roles).not.toContain('staff')
  })
})

describe('grants list names', () => {
  const named = useFunctionsCloud()
  it('shows studio and department names beside their ids', async () => {
    await named.seedDemo()
    const page = await named.ok('staff', 'user.listGrants', {})
    const admin = page.items.find((g) => g.role === 'studio_admin')!
    expect(admin.studioNames).toEqual(['城区"两代表一委员"联合工作室'])
    const department = page.items.find((g) => g.role === 'department')!
    expect(department.departmentNames).toEqual(['县教育局'])
  })
})

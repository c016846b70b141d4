/**
 * Signing in to the desk console by scanning (issue 14 items 1-2): tickets,
 * sessions and the HTTP identity source, with every refusal the issue names
 * ("Security and bad input"): forged, expired, idle, reused or revoked
 * sessions; a ticket confirmed without a console role, twice, or after
 * expiry; a studio admin reaching another studio; an HTTP call naming an
 * openid in its body.
 */
import { personas } from '../../src/dev/personas'
import { useFunctionsCloud, codeOf } from './support'
import { callConsole, signIn, DESK_UA } from './console-support'

const cloud = useFunctionsCloud()
// Several sign-ins per test, each three function calls.
jest.setTimeout(90_000)
const staffOpenid = personas.find((p) => p.key === 'staff')!.openid

async function newTicket() {
  const created = await callConsole<{ ticket: string; pollSecret: string; image: string; expiresAt: string }>(cloud, undefined, 'console.createTicket')
  if (!created.ok) throw new Error(created.error.code)
  return created.data
}

async function sessionDoc(token: string) {
  const { createHash } = await import('crypto')
  const hash = createHash('sha256').update(token).digest('hex')
  return (await cloud.db().collection('consoleSessions').where({ tokenHash: hash }).get()).data[0]
}

beforeEach(() => cloud.seedDemo())

function okData(reply: { ok: boolean; data?: unknown; error?: { code: string } }): unknown {
  if (!reply.ok) throw new Error(reply.error?.code)
  return reply.data
}

describe('the ticket', () => {
  it('is a scannable code that expires in 2 minutes, and its secret is never stored', async () => {
    const t = await newTicket()
    expect(t.ticket).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(t.image).toMatch(/^data:image\/png;base64,/)
    const minutes = (new Date(t.expiresAt).getTime() - Date.now()) / 60000
    expect(minutes).toBeGreaterThan(1.9)
    expect(minutes).toBeLessThanOrEqual(2)
    const stored = (await cloud.db().collection('loginTickets').doc(t.ticket).get()).data
    expect(JSON.stringify(stored)).not.toContain(t.pollSecret)
  })

  it('tells the person scanning which computer asks, and whether they may sign in', async () => {
    const t = await newTicket()
    const asStaff = await cloud.ok('staff', 'console.describeTicket', { ticket: t.ticket })
    expect(asStaff).toMatchObject({ state: 'pending', computer: 'Windows 电脑 · Chrome 浏览器', userAgent: DESK_UA, allowed: true, roleLabels: ['机关工作人员'] })
    const asPublic = await cloud.ok('public', 'console.describeTicket', { ticket: t.ticket })
    expect(asPublic.allowed).toBe(false)
  })

  it('signs the person in: the first poll after confirming answers the session once', async () => {
    const t = await newTicket()
    expect(okData(await callConsole(cloud, undefined, 'console.pollTicket', { ticket: t.ticket, pollSecret: t.pollSecret }))).toEqual({ state: 'pending' })
    expect(await cloud.ok('staff', 'console.confirmTicket', { ticket: t.ticket })).toEqual({ state: 'confirmed' })
    const first = await callConsole<{ state: string; session: { token: string; expiresAt: string; user: { name: string; roles: string[] } } }>(cloud, undefined, 'console.pollTicket', {
      ticket: t.ticket,
      pollSecret: t.pollSecret
    })
    expect(first.ok && first.data.state).toBe('confirmed')
    const session = first.ok ? first.data.session : undefined
    expect(session?.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(session?.user.roles).toContain('staff')
    const hours = (new Date(session!.expiresAt).getTime() - Date.now()) / 3600_000
    expect(hours).toBeGreaterThan(7.9)
    expect(hours).toBeLessThanOrEqual(8)
    // Reused ticket: no second session.
    const again = await callConsole(cloud, undefined, 'console.pollTicket', { ticket: t.ticket, pollSecret: t.pollSecret })
    expect(again.ok && again.data).toEqual({ state: 'used' })
    expect((await cloud.db().collection('consoleSessions').where({ openid: staffOpenid }).get()).data).toHaveLength(1)
    // The token is stored only as a hash.
    const all = JSON.stringify((await cloud.db().collection('consoleSessions').get()).data)
    expect(all).not.toContain(session!.token)
    // And it works: the console calls as that person.
    const me = await callConsole<{ roles: string[] }>(cloud, session!.token, 'user.me')
    expect(me.ok && me.data.roles).toContain('staff')
  })

  it('refuses a person without a console role, a second person, an expired ticket and a wrong secret', async () => {
    const t = await newTicket()
    expect(codeOf(await cloud.call('public', 'console.confirmTicket', { ticket: t.ticket }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('member', 'console.confirmTicket', { ticket: t.ticket }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await callConsole(cloud, undefined, 'console.pollTicket', { ticket: t.ticket, pollSecret: 'x'.repeat(43) }))).toBe('CONSOLE.TICKET_INVALID')
    await cloud.ok('staff', 'console.confirmTicket', { ticket: t.ticket })
    // Confirming twice is the same answer for the same person; anyone else finds it used.
    expect(await cloud.ok('staff', 'console.confirmTicket', { ticket: t.ticket })).toEqual({ state: 'confirmed' })
    expect(codeOf(await cloud.call('studio_admin', 'console.confirmTicket', { ticket: t.ticket }))).toBe('CONSOLE.TICKET_USED')
    expect((await cloud.ok('studio_admin', 'console.describeTicket', { ticket: t.ticket })).state).toBe('used')

    const late = await newTicket()
    await cloud.db().collection('loginTickets').doc(late.ticket).update({ data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(codeOf(await cloud.call('staff', 'console.confirmTicket', { ticket: late.ticket }))).toBe('CONSOLE.TICKET_EXPIRED')
    expect(okData(await callConsole(cloud, undefined, 'console.pollTicket', { ticket: late.ticket, pollSecret: late.pollSecret }))).toEqual({ state: 'expired' })
    expect(codeOf(await cloud.call('staff', 'console.confirmTicket', { ticket: 'A'.repeat(22) }))).toBe('CONSOLE.TICKET_INVALID')
  })

  it('can be refused from the phone, and the console sees it', async () => {
    const t = await newTicket()
    expect(await cloud.ok('staff', 'console.declineTicket', { ticket: t.ticket })).toEqual({ state: 'declined' })
    expect(okData(await callConsole(cloud, undefined, 'console.pollTicket', { ticket: t.ticket, pollSecret: t.pollSecret }))).toEqual({ state: 'declined' })
    expect(codeOf(await cloud.call('staff', 'console.confirmTicket', { ticket: t.ticket }))).toBe('CONSOLE.TICKET_USED')
  })
})

describe('a console session', () => {
  it('is refused when forged, missing, expired, idle or revoked', async () => {
    expect(codeOf(await callConsole(cloud, undefined, 'user.me'))).toBe('AUTH.SESSION_REQUIRED')
    expect(codeOf(await callConsole(cloud, 'forged', 'user.me'))).toBe('AUTH.SESSION_REQUIRED')
    expect(codeOf(await callConsole(cloud, 'A'.repeat(43), 'user.me'))).toBe('AUTH.SESSION_REQUIRED')

    const token = await signIn(cloud, 'staff')
    const s = await sessionDoc(token)
    await cloud.db().collection('consoleSessions').doc(s._id).update({ data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } })
    expect(codeOf(await callConsole(cloud, token, 'user.me'))).toBe('AUTH.SESSION_EXPIRED')

    const token2 = await signIn(cloud, 'staff')
    const s2 = await sessionDoc(token2)
    await cloud.db().collection('consoleSessions').doc(s2._id).update({ data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(codeOf(await callConsole(cloud, token2, 'user.me'))).toBe('AUTH.SESSION_EXPIRED')

    const token3 = await signIn(cloud, 'staff')
    const list = await cloud.ok('staff', 'console.sessions', {})
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ computer: 'Windows 电脑 · Chrome 浏览器', current: false })
    expect(await cloud.ok('staff', 'console.revokeSession', { id: list.items[0].id })).toEqual({ revoked: true })
    expect(codeOf(await callConsole(cloud, token3, 'user.me'))).toBe('AUTH.SESSION_REVOKED')
    expect(await cloud.ok('staff', 'console.revokeSession', { id: list.items[0].id })).toEqual({ revoked: false })
  })

  it('ends when its person loses the role, on the next request', async () => {
    const token = await signIn(cloud, 'department')
    expect(codeOf(await callConsole(cloud, token, 'user.me'))).toBeUndefined()
    const deptOpenid = personas.find((p) => p.key === 'department')!.openid
    await cloud.db().collection('users').doc(deptOpenid).update({ data: { grants: [] } })
    expect(codeOf(await callConsole(cloud, token, 'user.me'))).toBe('AUTH.SESSION_REVOKED')
    expect((await sessionDoc(token)).revokedReason).toBe('role_lost')
  })

  it('signs out, and sign-in and sign-out are in the audit log', async () => {
    const token = await signIn(cloud, 'staff')
    const listed = await callConsole<{ items: { current: boolean }[] }>(cloud, token, 'console.sessions')
    expect(listed.ok && listed.data.items.map((i) => i.current)).toEqual([true])
    expect((await callConsole(cloud, token, 'console.signOut')).ok).toBe(true)
    expect(codeOf(await callConsole(cloud, token, 'user.me'))).toBe('AUTH.SESSION_REVOKED')
    // the signed-out token can still only sign out, which ends nothing more
    const again = await callConsole<{ revoked: boolean }>(cloud, token, 'console.signOut')
    expect(again.ok && again.data).toEqual({ revoked: false })
    expect(codeOf(await callConsole(cloud, token, 'console.sessions'))).toBe('AUTH.SESSION_REVOKED')
    const audit = (await cloud.db().collection('auditLog').where({ actor: staffOpenid }).get()).data.map((a: { action: string }) => a.action)
    expect(audit).toEqual(expect.arrayContaining(['console.confirm', 'console.signIn', 'console.signOut']))
  })

  it("never ends or lists another person's session", async () => {
    await signIn(cloud, 'staff')
    const other = await cloud.ok('staff', 'console.sessions', {})
    expect((await cloud.ok('studio_admin', 'console.sessions', {})).items).toEqual([])
    expect(codeOf(await cloud.call('studio_admin', 'console.revokeSession', { id: other.items[0].id }))).toBe('CONSOLE.SESSION_NOT_FOUND')
  })

  it('keeps a studio admin to their own studios', async () => {
    const token = await signIn(cloud, 'studio_admin')
    const own = await callConsole(cloud, token, 'studio.get', { id: 'studio-01' })
    expect(own.ok).toBe(true)
    const foreign = await callConsole(cloud, token, 'studio.update', { id: 'studio-02', openingHours: '周一至周五 9:00-17:00' })
    expect(codeOf(foreign)).toBe('STUDIO.NOT_ADMIN')
  })
})

describe('the HTTP identity source', () => {
  it('refuses a body that names an openid, and changes nothing', async () => {
    const token = await signIn(cloud, 'studio_admin')
    const before = (await cloud.db().collection('users').get()).data
    const forged = await callConsole(cloud, token, 'user.grantRole', {}, { body: { action: 'user.grantRole', payload: { openid: 'oX', role: 'staff' }, openid: staffOpenid, requestId: 'forged-1234' } })
    expect(codeOf(forged)).toBe('AUTH.IDENTITY_IN_BODY')
    const asWeChat = await callConsole(cloud, undefined, 'user.me', {}, { body: { action: 'user.me', payload: {}, userInfo: { openId: staffOpenid } } })
    expect(codeOf(asWeChat)).toBe('AUTH.IDENTITY_IN_BODY')
    expect((await cloud.db().collection('users').get()).data).toEqual(before)
  })

  it('never takes both sources: an HTTP call that also carries a WeChat user is refused', async () => {
    const token = await signIn(cloud, 'staff')
    expect(codeOf(await callConsole(cloud, token, 'user.me', {}, { openid: personas.find((p) => p.key === 'public')!.openid }))).toBe('AUTH.FORBIDDEN')
  })

  it('keeps phone-only steps on the phone and console-only steps on the console', async () => {
    const token = await signIn(cloud, 'staff')
    const t = await newTicket()
    expect(codeOf(await callConsole(cloud, token, 'console.confirmTicket', { ticket: t.ticket }))).toBe('AUTH.WRONG_CHANNEL')
    expect(codeOf(await cloud.call('staff', 'console.createTicket', {}))).toBe('AUTH.WRONG_CHANNEL')
    expect(codeOf(await cloud.call('staff', 'console.signOut', {}))).toBe('AUTH.WRONG_CHANNEL')
  })

  it('answers malformed bodies as invalid input', async () => {
    expect(codeOf(await callConsole(cloud, undefined, 'user.me', {}, { body: '[1,2]' }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await callConsole(cloud, undefined, 'user.me', {}, { body: { action: 'nope' } }))).toBe('COMMON.UNKNOWN_ACTION')
  })
})

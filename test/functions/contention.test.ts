/**
 * Issue 13 item 4: a transaction that keeps conflicting is retried a small
 * fixed number of times, then answered COMMON.BUSY (never COMMON.INTERNAL,
 * never the platform's time-out). The conflict is forced: every commit of
 * the function under test is held by the proxy while the test writes the
 * same document, so each attempt really conflicts in the emulator.
 */
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { TRANSACTION_ATTEMPTS } from '../../cloudfunctions/_shared/transaction'
import { useFunctionsCloud, codeOf, type Who } from './support'
import { installProxy, type Proxy } from './hold-proxy'

const cloud = useFunctionsCloud()

let proxy: Proxy
beforeAll(async () => {
  proxy = await installProxy(cloud)
})
afterAll(async () => {
  await proxy.close()
})
beforeEach(async () => {
  await cloud.seedDemo()
})

const isCommit = (body: string) => body.includes('commitTransaction')

/**
 * Calls `action` while every one of its commits meets a write to `collection/id`
 * made just before it (the same document the transaction writes). Returns the
 * reply and how many commits were attempted.
 */
async function underPersistentConflict(who: Who, action: Parameters<typeof cloud.call>[1], payload: unknown, collection: string, id: string) {
  let commits = 0
  let stop = false
  const pending = cloud.call(who, action, payload)
  const loop = (async () => {
    while (!stop) {
      const held = proxy.hold(isCommit)
      const hit = await Promise.race([held.hit.then(() => true), pending.then(() => false)])
      if (!hit) {
        held.cancel()
        return
      }
      commits += 1
      await cloud.db().collection(collection).doc(id).update({ data: { contendedAt: new Date(), contention: commits } })
      held.release()
    }
  })()
  const reply = await pending
  stop = true
  await loop
  return { reply, commits }
}

describe('a transaction that keeps conflicting answers COMMON.BUSY after a bounded number of attempts', () => {
  it('user.grantRole (users document written by someone else at every commit)', async () => {
    const target = 'oContendedUser000000000000001'
    await cloud.db().collection('users').doc(target).set({ data: { grants: [], displayName: '韩冬梅', personKey: personKeyFor(target), createdAt: new Date(), updatedAt: new Date() } })
    const started = Date.now()
    const { reply, commits } = await underPersistentConflict('staff', 'user.grantRole', { personKey: personKeyFor(target), role: 'informant' }, 'users', target)
    expect(codeOf(reply)).toBe('COMMON.BUSY')
    expect(reply.ok || reply.error.message).toBe('现在操作的人较多，请稍后重试')
    expect(commits).toBe(TRANSACTION_ATTEMPTS)
    // Bounded: a handful of attempts with short waits, far from the 20 s limit.
    expect(Date.now() - started).toBeLessThan(10_000)
    // Nothing of the refused grant was written.
    const { data } = await cloud.db().collection('users').doc(target).get()
    expect(data.grants).toEqual([])
  })

  it('once the conflicts stop, the same action succeeds (the client resends it with the same requestId)', async () => {
    const target = 'oContendedUser000000000000002'
    await cloud.db().collection('users').doc(target).set({ data: { grants: [], displayName: '韩冬梅', personKey: personKeyFor(target), createdAt: new Date(), updatedAt: new Date() } })
    // One conflicting write only: the retry inside the function succeeds.
    const held = proxy.hold(isCommit)
    const pending = cloud.call('staff', 'user.grantRole', { personKey: personKeyFor(target), role: 'informant' })
    await held.hit
    await cloud.db().collection('users').doc(target).update({ data: { contendedAt: new Date() } })
    held.release()
    const reply = await pending
    expect(reply.ok).toBe(true)
    const { data } = await cloud.db().collection('users').doc(target).get()
    expect(data.grants.map((g: { role: string }) => g.role)).toEqual(['informant'])
  })
})

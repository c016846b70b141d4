import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()

describe('studios and topics for everyone', () => {
  beforeEach(() => cloud.seedDemo())

  it('lists the 12 studios in order, one DB operation per page', async () => {
    const first = await cloud.call('public', 'studio.list', { limit: 10 })
    expect(first.ok).toBe(true)
    expect(first.dbOps).toBe(1)
    if (!first.ok) return
    expect(first.data.items).toHaveLength(10)
    const second = await cloud.ok('public', 'studio.list', { limit: 10, cursor: first.data.nextCursor })
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeUndefined()
    expect([...first.data.items, ...second.items].map((s) => s.id)).toEqual(Array.from({ length: 12 }, (_, i) => `studio-${String(i + 1).padStart(2, '0')}`))
  })

  it('a studio profile masks the contact phone except for staff and its own admin', async () => {
    const pub = await cloud.ok('public', 'studio.get', { id: 'studio-01' })
    expect(pub.contactPhone).toMatch(/\*/)
    expect(pub.members.length).toBeGreaterThan(0)
    expect((await cloud.ok('studio_admin', 'studio.get', { id: 'studio-01' })).contactPhone).not.toMatch(/\*/)
    expect((await cloud.ok('studio_admin', 'studio.get', { id: 'studio-02' })).contactPhone).toMatch(/\*/)
    expect((await cloud.ok('staff', 'studio.get', { id: 'studio-02' })).contactPhone).not.toMatch(/\*/)
    expect(codeOf(await cloud.call('public', 'studio.get', { id: 'studio-99' }))).toBe('COMMON.NOT_FOUND')
  })

  it('lists visible topics newest first and filters by state in one DB operation', async () => {
    const all = await cloud.ok('public', 'topic.list', {})
    // 14 topics in progress plus 2025's archived closed ones: a full first page, more to load
    expect(all.items.length).toBe(20)
    expect(all.nextCursor).toBeTruthy()
    const times = all.items.map((t) => t.updatedAt)
    expect([...times].sort().reverse()).toEqual(times)
    const proposed = await cloud.call('public', 'topic.list', { state: 'proposed' })
    expect(proposed.dbOps).toBe(1)
    expect(proposed.ok && proposed.data.items.map((t) => t.state)).toEqual(['proposed', 'proposed', 'proposed'])
  })

  it('a forged cursor is a clear input error, not a crash', async () => {
    const reply = await cloud.call('public', 'topic.list', { cursor: 'garbage' })
    expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
  })
})

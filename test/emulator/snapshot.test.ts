/** snapshot() / restore(): a seeded database put back exactly, indexes included. */
import { useCloud } from '../helpers/cloud'

const cloud = useCloud()

describe('database snapshot and restore', () => {
  it('puts back documents, removes later ones and keeps unique indexes enforced', async () => {
    const db = cloud.db()
    await db.collection('members').add({ data: { _id: 'm-1', memberNumber: 'A1', name: '甲', when: new Date('2025-01-01T00:00:00Z') } })
    const snap = cloud.emulator.snapshot()
    await db.collection('members').doc('m-1').update({ data: { name: '改' } })
    await db.collection('members').add({ data: { _id: 'm-2', memberNumber: 'A2', name: '乙' } })
    await cloud.emulator.restore(snap)
    const rows = (await db.collection('members').get()).data
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ _id: 'm-1', name: '甲' })
    expect(rows[0].when).toBeInstanceOf(Date)
    await expect(db.collection('members').add({ data: { _id: 'm-3', memberNumber: 'A1' } })).rejects.toThrow()
    expect((await db.collection('members').where({ memberNumber: 'A1' }).get()).data).toHaveLength(1)
  })
})

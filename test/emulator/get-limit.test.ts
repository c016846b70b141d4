/** The get cap is a setting: an emulator started with getLimit 5 returns at most 5 per get. */
import { useCloud } from '../helpers/cloud'

const cloud = useCloud({ getLimit: 5 })

it('caps one get at the configured limit; paging still reaches everything', async () => {
  const db = cloud.db()
  await db.collection('users').add({ data: Array.from({ length: 12 }, (_, i) => ({ i })) })
  expect((await db.collection('users').get()).data).toHaveLength(5)
  expect((await db.collection('users').limit(3).get()).data).toHaveLength(3)
  const all: number[] = []
  for (let skip = 0; skip < 12; skip += 5) all.push(...(await db.collection('users').skip(skip).get()).data.map((d: any) => d.i))
  expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
})

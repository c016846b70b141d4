/**
 * 社情民意 through the real SDK on the local cloud (issue 4): submission,
 * content safety, the submitter's timeline and notices, every staff state
 * change, privacy, counts from the demo records.
 */
import { useFunctionsCloud, codeOf } from './support'
import { personas } from '../../src/dev/personas'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid

describe('counts from the demo records', () => {
  it('the seed year reproduces the report: 205 items, 60 issues, 6 province and 27 city adoptions', async () => {
    await cloud.seedDemo()
    const stats = await cloud.ok('staff', 'opinion.stats', { year: 2025 })
    expect(stats).toMatchObject({ year: 2025, received: 205, bulletins: 60 })
    expect(stats.upward.province.adopted).toBe(6)
    expect(stats.upward.city.adopted).toBe(27)
  })
})

/**
 * activity.shareCode (issue 12 item 7): the share poster's mini-program code
 * opens the activity's detail page with the activity as its scene; drafts
 * are nobody's to share but their organisers'.
 */
import { PNG } from 'pngjs'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const HOUR = 3600_000
const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))

beforeEach(async () => {
  await cloud.seedDemo()
})

async function newActivity(publish: boolean): Promise<string> {
  const start = 3 * 24 * HOUR
  const a = await cloud.ok('staff', 'activity.create', {
    title: '送医下乡义诊',
    type: 'studio_activity',
    place: '县人民医院门诊楼',
    startAt: bj(start),
    endAt: bj(start + 2 * HOUR),
    signupDeadline: bj(start - HOUR),
    capacity: 10,
    audience: 'public',
    publish
  })
  return a.id
}

it('anyone who may open a published activity gets a code for its detail page', async () => {
  const id = await newActivity(true)
  const code = await cloud.ok('public', 'activity.shareCode', { id })
  expect(code.page).toBe('pages/activity/detail/index')
  expect(code.scene).toBe(id)
  const [, base64] = /^data:image\/png;base64,(.+)$/.exec(code.image) ?? []
  expect(base64).toBeTruthy()
  // A real PNG picture (the local cloud draws the QR code), big enough to scan on a poster.
  const png = PNG.sync.read(Buffer.from(base64, 'base64'))
  expect(png.width).toBeGreaterThanOrEqual(100)
})

it('a draft has no code for the public, but its organiser gets one; an unknown activity is not found', async () => {
  const id = await newActivity(false)
  expect(codeOf(await cloud.call('public', 'activity.shareCode', { id }))).toBe('ACTIVITY.NOT_FOUND')
  expect((await cloud.ok('staff', 'activity.shareCode', { id })).scene).toBe(id)
  expect(codeOf(await cloud.call('member', 'activity.shareCode', { id: 'act-none' }))).toBe('ACTIVITY.NOT_FOUND')
})

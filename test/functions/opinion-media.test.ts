/**
 * Image verdicts arriving the way WeChat delivers them: the emulator's media
 * check pushes `wxa_media_check` to the `opinion` function (as `npm start`
 * configures it), and the item is flagged and moved to staff review.
 */
import path from 'path'
import { useCloud } from '../helpers/cloud'
import { loadDemoData } from '../../database/demo/load'
import { personas } from '../../src/dev/personas'

jest.setTimeout(60000)

const cloud = useCloud({ functionsDir: path.join(__dirname, '..', '..', 'cloudfunctions'), development: true, openapi: { mediaCheckFunction: 'opinion' } })
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const me = personas.find((p) => p.key === 'public')!.openid

async function submitWith(images: Buffer[], requestId: string) {
  const fileIDs = images.map((bytes, i) => cloud.emulator.storage.put(`uploads/${me}/${requestId}-${i}.png`, bytes, { openid: me }).fileID)
  const { result } = await cloud.emulator.invoke<{ ok: boolean; data: { id: string } }>(
    'opinion',
    { action: 'opinion.submit', payload: { title: '路口积水严重', categoryId: 'cat-livelihood', content: '下雨后路口积水很深，行人无法通过。', images: fileIDs }, requestId },
    { openid: me }
  )
  expect(result.ok).toBe(true)
  await cloud.emulator.contentSafety.settled()
  return (await cloud.db().collection('opinions').doc(result.data.id).get()).data
}

test('a risky image pushed back by the check flags the item and puts it in staff review', async () => {
  await loadDemoData(cloud.db())
  const doc = await submitWith([PNG, Buffer.concat([PNG, Buffer.from('__risky__')])], 'media-push-risky')
  expect(cloud.emulator.contentSafety.mediaChecks().map((c) => c.delivery?.status)).toEqual(['delivered', 'delivered'])
  expect(doc.state).toBe('in_review')
  expect(doc.flags).toEqual(['image_risky'])
  expect(doc.images.map((i: { check: string }) => i.check).sort()).toEqual(['pass', 'risky'])
  expect(doc.imageTraceIds).toEqual([])
})

test('clean images pass and the item stays 已收到 for a person to pick up', async () => {
  await loadDemoData(cloud.db())
  const doc = await submitWith([PNG], 'media-push-clean')
  expect(doc.state).toBe('submitted')
  expect(doc.flags).toEqual([])
  expect(doc.images[0].check).toBe('pass')
})

test('a check that fails is never a pass: the item goes to a person', async () => {
  await loadDemoData(cloud.db())
  const doc = await submitWith([Buffer.concat([PNG, Buffer.from('__checkfail__')])], 'media-push-fail')
  expect(doc.state).toBe('in_review')
  expect(doc.flags).toEqual(['image_check_failed'])
})

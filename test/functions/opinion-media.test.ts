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

test('a verdict that arrives before the item is saved is kept and applied by the imageChecks timer', async () => {
  await loadDemoData(cloud.db())
  cloud.emulator.contentSafety.pushVerdictsBeforeReply(true)
  let doc
  try {
    doc = await submitWith([Buffer.concat([PNG, Buffer.from('__risky__')])], 'media-push-early')
  } finally {
    cloud.emulator.contentSafety.pushVerdictsBeforeReply(false)
  }
  // the push reached the function while the submission was still being written: nothing to flag yet
  expect(cloud.emulator.contentSafety.mediaChecks().map((c) => c.delivery?.status)).toEqual(['delivered'])
  expect(doc.images[0].check).toBe('pending')
  const { result } = await cloud.emulator.fireTimer<{ ok: boolean; data: unknown }>('opinion', 'imageChecks')
  expect(result).toMatchObject({ ok: true, data: { applied: 1, overdue: 0 } })
  const after = (await cloud.db().collection('opinions').doc(doc._id).get()).data
  expect(after).toMatchObject({ state: 'in_review', flags: ['image_risky'], imageTraceIds: [] })
  expect(after.images[0].check).toBe('risky')
  // a second run, or the push arriving again, changes nothing more
  expect((await cloud.emulator.fireTimer('opinion', 'imageChecks')).result).toMatchObject({ ok: true, data: { applied: 0 } })
  expect(after.history.filter((h: { action: string }) => h.action === 'imageCheck')).toHaveLength(1)
})

test('a check whose verdict never comes counts as failed after 30 minutes: the item goes to a person', async () => {
  await loadDemoData(cloud.db())
  const doc = await submitWith([PNG], 'media-push-lost')
  // as if WeChat never answered this check
  await cloud.db().collection('opinions').doc(doc._id).update({ data: { images: [{ ...doc.images[0], check: 'pending', traceId: 'trace-never-answered' }], imageTraceIds: ['trace-never-answered'] } })
  expect((await cloud.emulator.fireTimer('opinion', 'imageChecks')).result).toMatchObject({ ok: true, data: { overdue: 0 } })
  expect((await cloud.db().collection('opinions').doc(doc._id).get()).data.state).toBe('submitted')
  await cloud.db().collection('opinions').doc(doc._id).update({ data: { updatedAt: new Date(Date.now() - 31 * 60_000) } })
  expect((await cloud.emulator.fireTimer('opinion', 'imageChecks')).result).toMatchObject({ ok: true, data: { overdue: 1 } })
  const after = (await cloud.db().collection('opinions').doc(doc._id).get()).data
  expect(after).toMatchObject({ state: 'in_review', flags: ['image_check_failed'], imageTraceIds: [] })
})

test('a verdict sent from the mini-program itself is refused and changes nothing', async () => {
  await loadDemoData(cloud.db())
  const doc = await submitWith([Buffer.concat([PNG, Buffer.from('__risky__')])], 'media-push-forged')
  expect(doc.images[0].check).toBe('risky')
  // the submitter tries to clear their image by sending a "pass" for its trace id
  const traceId = cloud.emulator.contentSafety.mediaChecks()[0].trace_id
  await cloud.db().collection('opinions').doc(doc._id).update({ data: { imageTraceIds: [traceId], flags: [], state: 'submitted' } })
  const { result } = await cloud.emulator.invoke('opinion', { Event: 'wxa_media_check', trace_id: traceId, errcode: 0, result: { suggest: 'pass', label: 100 } }, { openid: me })
  expect(result).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } })
  const after = (await cloud.db().collection('opinions').doc(doc._id).get()).data
  expect(after.images[0].check).toBe('risky')
  expect(after.imageTraceIds).toEqual([traceId])
})

test('pushes with a missing, empty or odd trace id change nothing and never fail', async () => {
  await loadDemoData(cloud.db())
  for (const trace_id of [undefined, '', 42, 'x'.repeat(500), '../../etc', { $ne: null }]) {
    const { result } = await cloud.emulator.invoke('opinion', { Event: 'wxa_media_check', trace_id, errcode: 0, result: { suggest: 'pass' } }, { openid: me, source: 'wx_unknown' })
    expect([trace_id, result]).toEqual([trace_id, { updated: false }])
  }
  expect((await cloud.db().collection('mediaVerdicts').count()).total).toBe(0)
})

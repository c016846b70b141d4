/**
 * Worker for the concurrency tests. workerData:
 *   { mode: 'inc', collection, id, times }            -> `times` concurrent _.inc(1)
 *   { mode: 'seats', activity, times, capacity, who }  -> `times` runTransaction seat grabs
 * The worker's env (given by the test) points wx-server-sdk at the emulator.
 */
const { workerData, parentPort } = require('worker_threads')
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const _ = db.command

async function inc({ collection, id, times }) {
  await Promise.all(
    Array.from({ length: times }, () => db.collection(collection).doc(id).update({ data: { n: _.inc(1) } }))
  )
  return { ok: times }
}

async function seats({ activity, times, capacity, who }) {
  let ok = 0
  let failed = 0
  let full = 0
  for (let i = 0; i < times; i++) {
    try {
      const r = await db.runTransaction(async (t) => {
        const a = (await t.collection('topics').doc(activity).get()).data
        if (a.seats >= capacity) return 'full'
        await t.collection('topics').doc(activity).update({ data: { seats: a.seats + 1 } })
        await t.collection('requests').add({ data: { _id: `${who}-${i}`, activity } })
        return 'ok'
      })
      if (r === 'full') full++
      else ok++
    } catch (e) {
      failed++
    }
  }
  return { ok, failed, full }
}

const run = workerData.mode === 'inc' ? inc : seats
// Tell the test the SDK is loaded, then start together on 'go' so the workers really overlap.
parentPort.postMessage({ ready: true })
parentPort.once('message', () => {
  run(workerData).then(
    (r) => parentPort.postMessage(r),
    (e) => parentPort.postMessage({ error: String((e && (e.errMsg || e.message)) || e) })
  )
})

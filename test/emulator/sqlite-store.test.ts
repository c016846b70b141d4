/**
 * The SQLite store across a restart (clean stop): updates, removals, a
 * collection created at run time, types, natural order, and the unique index
 * rebuilt from the stored documents.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startEmulator, type Emulator } from '../../emulator'

let dir = ''
let emu: Emulator | undefined
const saved = { ...process.env }

function sdk() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud.database()
}

async function start(): Promise<Emulator> {
  emu = await startEmulator({ dataDir: dir, quiet: true })
  Object.assign(process.env, emu.env())
  return emu
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-sqlite-'))
})

afterAll(async () => {
  await emu?.stop()
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
  Object.assign(process.env, saved)
  fs.rmSync(dir, { recursive: true, force: true })
})

it('keeps every committed change across a restart and rebuilds indexes', async () => {
  await start()
  const db = sdk()
  const when = new Date('2026-05-01T00:00:00Z')
  await db.collection('members').add({ data: [{ _id: 'a', memberNumber: 'N1', when }, { _id: 'b', memberNumber: 'N2' }, { _id: 'c', memberNumber: 'N3' }] })
  await db.collection('members').doc('a').update({ data: { name: '李四', n: db.command.inc(5) } })
  await db.collection('members').doc('b').remove()
  await db.createCollection('later')
  await db.collection('later').add({ data: { _id: 'x', v: 1 } })
  await db.runTransaction(async (t: any) => {
    await t.collection('members').doc('c').update({ data: { memberNumber: 'N4' } })
  })
  await (emu as Emulator).stop()

  await start()
  const members = (await db.collection('members').get()).data
  expect(members).toEqual([
    { _id: 'a', memberNumber: 'N1', when, name: '李四', n: 5 },
    { _id: 'c', memberNumber: 'N4' }
  ])
  expect((await db.collection('later').doc('x').get()).data).toEqual({ _id: 'x', v: 1 })
  let code: number | undefined
  try {
    await db.collection('members').add({ data: { memberNumber: 'N4' } })
  } catch (e: any) {
    code = e.errCode
  }
  expect(code).toBe(-502001)
  expect((await db.collection('members').where({ memberNumber: 'N1' }).get()).data.map((d: any) => d._id)).toEqual(['a'])

  await (emu as Emulator).reset()
  expect((await db.collection('members').count()).total).toBe(0)
  let missing: number | undefined
  try {
    await db.collection('later').count()
  } catch (e: any) {
    missing = e.errCode
  }
  expect(missing).toBe(-502005)
})

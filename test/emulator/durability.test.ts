/**
 * Durability of the SQLite store: a child emulator (`emulator/cli.ts --data`)
 * takes writes from the real SDK, is killed with SIGKILL partway, restarts on
 * the same directory, and still holds every write it acknowledged.
 */
import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { sdkEnvFor } from '../../emulator/types'

const ROOT = path.resolve(__dirname, '..', '..')

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data', dataDir, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out} ${err}`)), 20000)
    child.stdout?.on('data', (c) => {
      out += String(c)
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1] })
      }
    })
    child.stderr?.on('data', (c) => (err += String(c)))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited with ${code}: ${err}`))
    })
  })
}

function pointSdkAt(url: string) {
  Object.assign(process.env, sdkEnvFor(url, 'cppcc-local'))
}

let dataDir = ''
const children: ChildProcess[] = []

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-durable-'))
})

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

it('every acknowledged write survives kill -9 of the emulator', async () => {
  const first = await startChild(dataDir)
  children.push(first.child)
  pointSdkAt(first.url)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()

  const acked: string[] = []
  let killed = false
  let next = 0
  const KILL_AT = 400
  async function writer() {
    while (next < 1000) {
      const id = `w${String(next++).padStart(4, '0')}`
      try {
        await db.collection('auditLog').add({ data: { _id: id, at: new Date(), n: Number(id.slice(1)) } })
      } catch {
        return // the emulator is gone
      }
      acked.push(id)
      if (acked.length >= KILL_AT && !killed) {
        killed = true
        first.child.kill('SIGKILL')
      }
    }
  }
  await Promise.all([writer(), writer(), writer(), writer()])
  expect(killed).toBe(true)
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AT)
  expect(acked.length).toBeLessThan(1000)

  const second = await startChild(dataDir)
  children.push(second.child)
  pointSdkAt(second.url)
  const stored = new Set<string>()
  const total = (await db.collection('auditLog').count()).total
  for (let skip = 0; skip < total; skip += 100) {
    const page = await db.collection('auditLog').orderBy('n', 'asc').skip(skip).limit(100).get()
    for (const d of page.data) {
      stored.add(d._id)
      expect(d.at).toBeInstanceOf(Date)
    }
  }
  const missing = acked.filter((id) => !stored.has(id))
  expect(missing).toEqual([])
  second.child.kill('SIGTERM')
}, 90_000)

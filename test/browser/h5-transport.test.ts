/**
 * The H5 transport against a real in-memory emulator (development mode), in
 * Node: `call()` reaches `POST <cloud>/functions/<fn>` with the persona's
 * OPENID header, server refusals arrive as AppErrors, and `uploadFile`
 * stores bytes through `POST <cloud>/storage/upload`.
 */
import type { Emulator } from '../../emulator'
import { personas } from '../../src/dev/personas'
import { PERSONA_STORAGE_KEY } from '../../src/dev/persona-store'
import { call, setTransport, uploadFile } from '../../src/services'
import { h5Transport } from '../../src/services/transport.h5'
import { startDemoCloud } from './support/demo-cloud'

const g = globalThis as any
let emulator: Emulator
const store = new Map<string, string>()

beforeAll(async () => {
  emulator = await startDemoCloud({ development: true })
  g.window = { __CLOUD_CONFIG__: { url: emulator.url, envId: emulator.envId } }
  g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
  g.CLOUD_ENV_ID = 'unused-in-h5'
  setTransport(h5Transport)
})

afterAll(async () => {
  setTransport(undefined)
  delete g.window
  delete g.localStorage
  await emulator?.stop()
})

const asPersona = (key: string) => store.set(PERSONA_STORAGE_KEY, key)
const savedEnv = process.env.NODE_ENV
beforeEach(() => {
  process.env.NODE_ENV = 'development' // the branch that sends the persona header
})
afterEach(() => {
  process.env.NODE_ENV = savedEnv
})

test('the persona chosen in the switcher is the identity the cloud functions see', async () => {
  asPersona('staff')
  const staff = await call('user.me', {})
  expect(staff.openid).toBe(personas.find((p) => p.key === 'staff')!.openid)
  expect(staff.roles).toContain('staff')

  asPersona('public')
  const anyone = await call('user.me', {})
  expect(anyone.roles).not.toContain('staff')
  await expect(call('user.listMembers', {})).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行此操作' })

  asPersona('staff')
  const roster = await call('user.listMembers', { limit: 5 })
  expect(roster.items).toHaveLength(5)
})

test('studios arrive from the demo county', async () => {
  const page = await call('studio.list', { limit: 20 })
  expect(page.items).toHaveLength(12)
})

test('uploadFile stores the bytes and returns a cloud file id', async () => {
  asPersona('member')
  const openid = personas.find((p) => p.key === 'member')!.openid
  const { fileID } = await uploadFile(new Blob(['hello'], { type: 'text/plain' }), `uploads/${openid}/test/hello.txt`)
  expect(fileID).toMatch(/^cloud:\/\/.+\/uploads\/.+\/test\/hello\.txt$/)
  expect(emulator.storage.read(fileID)?.toString()).toBe('hello')
  // the storage rule: nowhere else
  await expect(uploadFile(new Blob(['x'], { type: 'text/plain' }), 'test/hello.txt')).rejects.toMatchObject({ details: { cause: expect.stringContaining('HTTP 403') } })
})

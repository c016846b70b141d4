/**
 * Cloud storage through the real SDK inside a hosted function, and the H5
 * upload endpoint.
 */
import crypto from 'crypto'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Emulator } from '../../emulator'
import { startFixtureEmulator } from './functions-support'

jest.setTimeout(30000)

let emu: Emulator
const origin = 'http://127.0.0.1:10086'

beforeAll(async () => {
  emu = await startFixtureEmulator({ development: true, h5Origins: [origin] })
})
afterAll(async () => {
  await emu.stop()
})

const files = <T = any>(event: Record<string, unknown>, openid = 'oUploader') => emu.invoke<T>('files', event, { openid }).then((r) => r.result)

it('a 2 MB binary round-trips byte-exact through uploadFile / downloadFile, with a cloud-shaped fileID', async () => {
  const bytes = crypto.randomBytes(2 * 1024 * 1024)
  const up = await files<{ fileID: string }>({ op: 'upload', cloudPath: 'proofs/2026/照片.bin', base64: bytes.toString('base64') })
  expect(up.fileID).toMatch(/^cloud:\/\/cppcc-local\.[0-9a-f]{4}-cppcc-local-\d+\/proofs\/2026\/照片\.bin$/)
  const down = await files<{ base64: string }>({ op: 'download', fileID: up.fileID })
  const back = Buffer.from(down.base64, 'base64')
  expect(back.length).toBe(bytes.length)
  expect(back.equals(bytes)).toBe(true)
  // the uploader is recorded: the user of the invocation that uploaded it
  expect(emu.storage.file(up.fileID)).toMatchObject({ openid: 'oUploader', via: 'sdk', size: bytes.length, cloudPath: 'proofs/2026/照片.bin' })
})

it('getTempFileURL gives a working temporary link; an unknown file is STORAGE_FILE_NONEXIST', async () => {
  const up = await files<{ fileID: string }>({ op: 'upload', cloudPath: 'a/b.txt', base64: Buffer.from('你好 storage').toString('base64') })
  const missing = emu.storage.fileIdFor('a/missing.txt')
  const urls = await files<{ fileList: Array<{ status: number; fileID: string; tempFileURL: string; maxAge: number }> }>({
    op: 'url',
    fileIDs: [up.fileID, missing],
    maxAge: 60
  })
  // wx-server-sdk maps each entry to {fileID, status, errMsg, maxAge, tempFileURL}
  expect(urls.fileList[0]).toMatchObject({ status: 0, fileID: up.fileID, maxAge: 60 })
  expect(urls.fileList[1]).toMatchObject({ status: -503003, fileID: missing, tempFileURL: '' })
  const res = await fetch(encodeURI(urls.fileList[0].tempFileURL))
  expect(res.status).toBe(200)
  expect(await res.text()).toBe('你好 storage')
  // a tampered link is refused
  const bad = await fetch(encodeURI(urls.fileList[0].tempFileURL.replace(/sign=[0-9a-f]/, 'sign=z')))
  expect(bad.status).toBe(403)
  // downloading a missing file fails (node-sdk throws the entry's code; wx-server-sdk reports errCode -1)
  const down = await files({ op: 'download', fileID: missing })
  expect(down.error.errMsg).toMatch(/^downloadFile:fail .*STORAGE_FILE_NONEXIST/)
})

it('deleteFile removes files and reports missing ones', async () => {
  const up = await files<{ fileID: string }>({ op: 'upload', cloudPath: 'tmp/x.txt', base64: Buffer.from('x').toString('base64') })
  const del = await files<{ fileList: Array<{ status: number; fileID: string }> }>({ op: 'delete', fileIDs: [up.fileID, emu.storage.fileIdFor('tmp/none')] })
  expect(del.fileList.map((f) => f.status)).toEqual([0, -503003])
  expect(emu.storage.file(up.fileID)).toBeNull()
  const down = await files({ op: 'download', fileID: up.fileID })
  expect(down.error.errMsg).toMatch(/STORAGE_FILE_NONEXIST/)
})

it('refuses a cloudPath that escapes (..) or starts with /', async () => {
  for (const cloudPath of ['../etc/passwd', '/abs.txt', 'a//b']) {
    const up = await files({ op: 'upload', cloudPath, base64: 'eA==' })
    // {code: 'INVALID_PARAM'} from the server; node-sdk throws it, wx-server-sdk reports errCode -1
    expect(up.error.errMsg).toMatch(/^uploadFile:fail .*cloudPath/)
    expect(emu.storage.files().some((f) => f.cloudPath === cloudPath)).toBe(false)
  }
})

describe('POST /storage/upload (H5 build)', () => {
  it('stores the raw body, records the uploader OPENID and returns a fileID a function can read', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const res = await fetch(`${emu.url}/storage/upload?cloudPath=${encodeURIComponent('uploads/oH5User/avatar.png')}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-wx-openid': 'oH5User', origin },
      body: png
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    const { fileID } = await res.json()
    expect(emu.storage.file(fileID)).toMatchObject({ openid: 'oH5User', via: 'http', contentType: 'image/png', size: png.length })
    const down = await files<{ base64: string }>({ op: 'download', fileID })
    expect(Buffer.from(down.base64, 'base64').equals(png)).toBe(true)
  })

  it('needs the identity header', async () => {
    const res = await fetch(`${emu.url}/storage/upload?cloudPath=h5/x.bin`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(401)
  })

  it('is refused outside development mode', async () => {
    const prod = await startFixtureEmulator()
    try {
      const res = await fetch(`${prod.url}/storage/upload?cloudPath=h5/x.bin`, { method: 'POST', headers: { 'x-wx-openid': 'oX' }, body: 'x' })
      expect(res.status).toBe(403)
      expect(prod.storage.files()).toEqual([])
    } finally {
      await prod.stop()
    }
  })
})

it('on disk, stored files survive a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'))
  try {
    const a = await startFixtureEmulator({ memory: false, dataDir: dir })
    const bytes = crypto.randomBytes(100_000)
    const up = await a.invoke<{ fileID: string }>('files', { op: 'upload', cloudPath: 'keep/me.bin', base64: bytes.toString('base64') }, { openid: 'oKeep' })
    await a.stop()
    const b = await startFixtureEmulator({ memory: false, dataDir: dir })
    try {
      expect(b.storage.read(up.result.fileID)?.equals(bytes)).toBe(true)
      expect(b.storage.file(up.result.fileID)?.openid).toBe('oKeep')
    } finally {
      await b.stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

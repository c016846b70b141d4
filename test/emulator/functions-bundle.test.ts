/**
 * scripts/bundle-functions.ts and the host's two ways to find code: TS
 * source bundled on the fly (re-bundled when it changes) and a prebuilt
 * dist folder.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { bundleFunction, bundleFunctions, listFunctions } from '../../scripts/bundle-functions'
import { FIXTURES, startFixtureEmulator } from './functions-support'

jest.setTimeout(30000)

let tmp: string
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'))
})
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

it('lists functions, skipping _shared-style folders', () => {
  fs.mkdirSync(path.join(tmp, '_shared'))
  fs.writeFileSync(path.join(tmp, '_shared', 'index.ts'), 'export const x = 1\n')
  fs.mkdirSync(path.join(tmp, 'alpha'))
  fs.writeFileSync(path.join(tmp, 'alpha', 'index.ts'), 'export const main = () => 1\n')
  fs.mkdirSync(path.join(tmp, 'empty'))
  expect(listFunctions(tmp)).toEqual(['alpha'])
})

it('writes index.js (CommonJS, wx-server-sdk external), package.json pinning 4.0.2 and config.json', async () => {
  const out = path.join(tmp, 'dist')
  const res = await bundleFunction('ticker', { sourceDir: FIXTURES, outDir: out })
  const js = fs.readFileSync(res.entry, 'utf8')
  expect(js).toContain('require("wx-server-sdk")')
  expect(js).not.toMatch(/^import /m)
  expect(js).not.toContain('getWXContext() {') // the SDK itself is not inlined
  expect(JSON.parse(fs.readFileSync(path.join(out, 'ticker', 'package.json'), 'utf8')).dependencies).toEqual({ 'wx-server-sdk': '4.0.2' })
  expect(JSON.parse(fs.readFileSync(path.join(out, 'ticker', 'config.json'), 'utf8')).triggers[0].name).toBe('everySecond')
  // a function without config.json gets the default (3 s timeout)
  await bundleFunction('whoami', { sourceDir: FIXTURES, outDir: out })
  expect(JSON.parse(fs.readFileSync(path.join(out, 'whoami', 'config.json'), 'utf8')).timeout).toBe(3)
})

it('the host runs a prebuilt dist folder', async () => {
  const out = path.join(tmp, 'dist')
  await bundleFunctions({ sourceDir: FIXTURES, outDir: out, names: ['whoami', 'sleepy'] })
  // prove the host uses the bundle: remove nothing from FIXTURES, point the host at dist only
  const emu = await startFixtureEmulator({ functionsDir: out })
  try {
    const r = await emu.invoke<any>('whoami', {}, { openid: 'oDist' })
    expect(r.result.before.OPENID).toBe('oDist')
    await expect(emu.invoke('sleepy', { ms: 3000 })).rejects.toMatchObject({ errMsg: 'Invoking task timed out after 1 seconds' })
  } finally {
    await emu.stop()
  }
})

it('re-bundles a source function when its code changes', async () => {
  const src = path.join(tmp, 'src')
  fs.mkdirSync(path.join(src, 'greet'), { recursive: true })
  fs.mkdirSync(path.join(src, '_lib'), { recursive: true })
  fs.writeFileSync(path.join(src, '_lib', 'word.ts'), "export const word = 'one'\n")
  fs.writeFileSync(path.join(src, 'greet', 'index.ts'), "import { word } from '../_lib/word'\nexport async function main() { return word }\n")
  const emu = await startFixtureEmulator({ functionsDir: src })
  try {
    expect((await emu.invoke('greet', {})).result).toBe('one')
    // change the shared file (not the entry): the host notices and rebuilds
    fs.writeFileSync(path.join(src, '_lib', 'word.ts'), "export const word = 'two, longer'\n")
    expect((await emu.invoke('greet', {})).result).toBe('two, longer')
  } finally {
    await emu.stop()
  }
})

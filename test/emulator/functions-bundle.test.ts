/**
 * scripts/bundle-functions.ts and the host's two ways to find code: TS
 * source bundled on the fly (re-bundled when it changes) and a prebuilt
 * dist folder.
 */
import { execFileSync } from 'child_process'
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

describe('start-up of the real functions (issue 13 item 10)', () => {
  const root = path.join(__dirname, '..', '..')
  /** Loads a bundle in a fresh node process; reports the actions it knows, the zod locale files loaded and one zod message. */
  const probe = (entry: string) => {
    const script = [
      `const m = require(${JSON.stringify(entry)})`,
      "const locales = Object.keys(require.cache).filter((k) => /[\\\\/]zod[\\\\/]v4[\\\\/]locales[\\\\/][^\\\\/]+\\.cjs$/.test(k) && !k.endsWith('index.cjs'))",
      "const { z } = require('zod')",
      'const message = z.object({ a: z.string() }).safeParse({ a: 1 }).error.issues[0].message',
      "m.main({ action: 'user.me' }).then((r) => process.stdout.write(JSON.stringify({ locales: locales.map((l) => l.replace(/^.*[\\\\/]/, '')), message, reply: r.ok ? 'ok' : r.error.code })))"
    ].join('\n')
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: path.dirname(entry), encoding: 'utf8' })) as { locales: string[]; message: string; reply: string }
  }

  it("bundles only the function's own areas of the contract and loads zod's zh-CN locale only", async () => {
    // inside the project, so wx-server-sdk and zod resolve from node_modules as in the cloud
    const out = fs.mkdtempSync(path.join(root, '.test-bundle-'))
    try {
      const [user, studio] = await bundleFunctions({ sourceDir: path.join(root, 'cloudfunctions'), outDir: out, names: ['user', 'studio'], projectRoot: root })
      const userJs = fs.readFileSync(user.entry, 'utf8')
      // esbuild prints the action specs' names with double quotes
      expect(userJs).toContain('name: "user.me"')
      expect(userJs).not.toContain('name: "proposal.saveDraft"')
      expect(userJs).not.toContain('name: "activity.signUp"')
      expect(fs.readFileSync(studio.entry, 'utf8')).not.toContain('name: "user.me"')
      // change detection still sees every action file (an action moved to another function re-bundles)
      expect(user.inputs).toEqual(expect.arrayContaining([path.join(root, 'src', 'core', 'actions', 'proposal.ts')]))
      const u = probe(user.entry)
      // en is zod's built-in default (its core requires it); the other ~65 locale files stay unloaded
      expect(u.locales.sort()).toEqual(['en.cjs', 'zh-CN.cjs'])
      expect(u.message).toMatch(/期望/) // zod's messages are still Chinese
      // an action of another function is refused as before (the handler never exists here)
      const s = probe(studio.entry)
      expect(s.reply).toBe('COMMON.UNKNOWN_ACTION')
    } finally {
      fs.rmSync(out, { recursive: true, force: true })
    }
  })
})

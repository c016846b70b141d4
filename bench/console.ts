/**
 * The desk console (issue 14, "Tests and targets"): bundle bytes per screen
 * (what opening it loads beyond the sign-in page; the sign-in page in full),
 * and the sign-in page's first contentful paint in Chromium beside a blank
 * page built by the same bundler (esbuild) in the same run, median of 5
 * fresh loads each. Goal: sign-in FCP <= 1.5x the blank page's.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { build } from 'esbuild'
import { buildConsole } from '../console/build'
import { serveH5 } from '../scripts/serve-h5'
import { startEmulator } from '../emulator'
import { launchDesktop } from '../test/browser/support/chromium'


interface Meta {
  outputs: Record<string, { bytes: number; entryPoint?: string; imports: { path: string; kind: string }[] }>
}

function closure(meta: Meta, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const i of meta.outputs[file].imports) if (i.kind === 'import-statement') closure(meta, i.path, seen)
  return seen
}

/** A blank page (one line of text) built by esbuild like the console. */
async function buildBlank(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blank-console-'))
  const entry = path.join(dir, 'main.js')
  fs.writeFileSync(entry, "document.getElementById('root').textContent = '空白页'\n")
  await build({ entryPoints: [entry], bundle: true, format: 'esm', minify: true, outdir: path.join(dir, 'assets'), logLevel: 'warning' })
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>blank</title></head><body><div id="root"></div><script type="module" src="./assets/main.js"></script></body></html>')
  return dir
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

export async function run(): Promise<Record<string, unknown>> {
  const { outDir } = await buildConsole()
  const meta = JSON.parse(fs.readFileSync(path.join(outDir, 'meta.json'), 'utf8')) as Meta
  const entries = Object.entries(meta.outputs).filter(([, o]) => o.entryPoint)
  const signInFiles = closure(meta, entries.find(([, o]) => o.entryPoint!.endsWith('main.tsx'))![0])
  const bytes = (files: Set<string>) => [...files].reduce((sum, f) => sum + meta.outputs[f].bytes, 0)
  const perScreen: Record<string, number> = { signIn: bytes(signInFiles) }
  for (const [file, o] of entries) {
    if (o.entryPoint!.endsWith('main.tsx')) continue
    const extra = new Set([...closure(meta, file)].filter((f) => !signInFiles.has(f)))
    perScreen[path.basename(o.entryPoint!).replace(/\.tsx$/, '')] = bytes(extra)
  }

  const blankDir = await buildBlank()
  const emulator = await startEmulator({ memory: true, quiet: true })
  const consoleServer = await serveH5({ distDir: outDir, cloudUrl: emulator.url, proxyApi: true })
  const blankServer = await serveH5({ distDir: blankDir, cloudUrl: emulator.url })
  const browser = await launchDesktop()
  const fcp = async (url: string): Promise<number> => {
    const page = await browser.context.newPage()
    await page.goto(url, { waitUntil: 'load' })
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 20000 })
    const value = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime)
    await page.close()
    return value
  }
  const signIn: number[] = []
  const blank: number[] = []
  try {
    for (let i = 0; i < 5; i++) {
      blank.push(await fcp(`${blankServer.url}/?r=${i}`))
      signIn.push(await fcp(`${consoleServer.url}/?r=${i}`))
    }
  } finally {
    await browser.close()
    await consoleServer.stop()
    await blankServer.stop()
    await emulator.stop()
    fs.rmSync(blankDir, { recursive: true, force: true })
  }
  const ratio = median(signIn) / median(blank)
  return {
    bundleBytesPerScreen: perScreen,
    signInFcpMs: Math.round(median(signIn)),
    blankPageFcpMs: Math.round(median(blank)),
    fcpRatio: Number(ratio.toFixed(2)),
    target: { fcpRatioMax: 1.5, met: ratio <= 1.5 },
    note: `sign-in bytes include React, antd's sign-in components and the action contract (zod) the typed client validates with`
  }
}

/**
 * Cold start (issue 13 item 10): each cloud function's module load time
 * against a bare function that only requires wx-server-sdk. Every function
 * is bundled as for deployment (scripts/bundle-functions.ts, into a
 * temporary folder inside the repository so the external libraries resolve
 * from node_modules as the cloud installs them), then each bundle's
 * `index.js` is required in a fresh node process, `RUNS` times, and the
 * median load time (ms, wall clock inside the process, require only) is
 * compared with the bare function's median. Target: ratio <= 1.2.
 * `npx tsx bench/coldstart.ts` prints the figures.
 */
import { execFileSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { bundleFunctions } from '../scripts/bundle-functions'

const root = path.join(__dirname, '..')
/** Fresh processes per function (odd: the median is one of them). */
const RUNS = 7

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Milliseconds to `require(file)` in a fresh node process (hrtime around the require only). */
function loadMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: path.dirname(file), encoding: 'utf8' }))
}

export async function run(): Promise<Record<string, unknown>> {
  const outDir = fs.mkdtempSync(path.join(root, '.bench-coldstart-'))
  try {
    const results = await bundleFunctions({ sourceDir: path.join(root, 'cloudfunctions'), outDir })
    const bare = path.join(outDir, '_bare', 'index.js')
    fs.mkdirSync(path.dirname(bare), { recursive: true })
    fs.writeFileSync(bare, "const cloud = require('wx-server-sdk')\nexports.main = async () => ({ ok: true, env: typeof cloud.init })\n")
    const names = results.map((r) => r.name)
    const files = [bare, ...names.map((n) => path.join(outDir, n, 'index.js'))]
    // Warm the disk cache once, then interleave the runs so machine noise hits every function alike.
    for (const f of files) loadMs(f)
    const times = new Map<string, number[]>(files.map((f) => [f, []]))
    for (let i = 0; i < RUNS; i++) for (const f of files) times.get(f)!.push(loadMs(f))
    const bareMs = median(times.get(bare)!)
    const perFunction = Object.fromEntries(
      names.map((n) => {
        const ms = median(times.get(path.join(outDir, n, 'index.js'))!)
        return [n, { loadMs: Math.round(ms * 10) / 10, ratio: Math.round((ms / bareMs) * 100) / 100 }]
      })
    )
    const worst = Math.max(...Object.values(perFunction).map((f) => f.ratio))
    return {
      bareWxServerSdkMs: Math.round(bareMs * 10) / 10,
      functions: perFunction,
      runs: RUNS,
      target: 'each function loads in <= 1.2x the bare wx-server-sdk function',
      met: worst <= 1.2
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)), (e) => {
    console.error(e)
    process.exit(1)
  })
}

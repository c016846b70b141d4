/**
 * Build sizes (bytes): the weapp main package (everything in dist/weapp
 * outside the subpackage roots), each subpackage, the total, and each bundled
 * cloud function's index.js. Targets (foundation issue): main package <= 1 MB
 * (WeChat's limit is 2 MB), each function bundle <= 300 KB.
 */
import fs from 'fs'
import path from 'path'

const root = path.join(__dirname, '..')

function sizeOf(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    total += entry.isDirectory() ? sizeOf(full) : fs.statSync(full).size
  }
  return total
}

export async function run(): Promise<Record<string, unknown>> {
  const weapp = path.join(root, 'dist', 'weapp')
  const functions = path.join(root, 'dist', 'cloudfunctions')
  if (!fs.existsSync(path.join(weapp, 'app.json')) || !fs.existsSync(functions)) {
    return { error: 'dist/weapp or dist/cloudfunctions is missing: run `npm run build:weapp` first' }
  }
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const subpackages = Object.fromEntries(roots.map((r) => [r, sizeOf(path.join(weapp, r))]))
  const total = sizeOf(weapp)
  const functionBundles = Object.fromEntries(
    fs
      .readdirSync(functions, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => [d.name, fs.existsSync(path.join(functions, d.name, 'index.js')) ? fs.statSync(path.join(functions, d.name, 'index.js')).size : 0])
  )
  return {
    weappMainPackageBytes: total - Object.values(subpackages).reduce((a, b) => a + b, 0),
    weappSubpackageBytes: subpackages,
    weappTotalBytes: total,
    functionBundleBytes: functionBundles
  }
}

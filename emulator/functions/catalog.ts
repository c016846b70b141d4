/**
 * Where the function host finds runnable code for a function name.
 *
 * `functionsDir/<name>/` may hold either
 *  - source: `index.ts` (the repo's `cloudfunctions/` or a test fixture folder):
 *    bundled on first use with scripts/bundle-functions.ts into a cache folder
 *    (`node_modules/.cache/cppcc-emulator/<hash>-<pid>-<rand>/v<n>/<name>/index.js`, inside the
 *    project so `require('wx-server-sdk')` resolves to the project's copy) and
 *    re-bundled when any source file it was built from changes (mtime/size);
 *  - a prebuilt bundle: `index.js` (+ `config.json`), e.g. `dist/cloudfunctions`.
 * Folders starting with `_` are shared code, never functions.
 */
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { bundleFunction } from '../../scripts/bundle-functions'
import { readFunctionConfig, type FunctionConfig } from './config'

/** Project root (folder holding package.json, tsconfig.json, node_modules). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..')

export interface ResolvedFunction {
  name: string
  /** Absolute path of the CommonJS file a worker requires. */
  entry: string
  config: FunctionConfig
  /** Changes whenever the code was re-bundled (workers of an older version are retired). */
  version: number
}

interface Built {
  entry: string
  version: number
  stamps: Map<string, string>
  config: FunctionConfig
}

function stamp(file: string): string {
  try {
    const st = fs.statSync(file)
    return `${st.mtimeMs}:${st.size}`
  } catch {
    return 'missing'
  }
}

/** Delete cache folders left by emulator processes that no longer run (killed with -9). */
function removeStaleCaches(parent: string): void {
  let entries: string[] = []
  try {
    entries = fs.readdirSync(parent)
  } catch {
    return
  }
  for (const name of entries) {
    const pid = Number(/^[0-9a-f]+-(\d+)-[0-9a-f]+$/.exec(name)?.[1])
    if (!pid || pid === process.pid) continue
    try {
      process.kill(pid, 0)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(parent, name), { recursive: true, force: true })
    }
  }
}

export class FunctionCatalog {
  private readonly built = new Map<string, Built>()
  private readonly building = new Map<string, Promise<Built>>()
  private versionSeq = 0
  readonly cacheDir: string

  constructor(
    readonly functionsDir: string,
    cacheDir?: string
  ) {
    // One folder per catalog instance: parallel jest workers bundling the same
    // sources must not write the same files.
    const hash = crypto.createHash('sha1').update(path.resolve(functionsDir)).digest('hex').slice(0, 8)
    const unique = `${hash}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`
    this.cacheDir = cacheDir ?? path.join(PROJECT_ROOT, 'node_modules', '.cache', 'cppcc-emulator', unique)
    if (!cacheDir) removeStaleCaches(path.dirname(this.cacheDir))
  }

  /** Function names available (folders with index.ts or index.js, not starting with `_`). */
  list(): string[] {
    if (!fs.existsSync(this.functionsDir)) return []
    return fs
      .readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .filter((d) => this.kind(d.name) !== null)
      .map((d) => d.name)
      .sort()
  }

  /** True if `name` names a function in the folder. */
  has(name: string): boolean {
    return /^[A-Za-z0-9_-]+$/.test(name) && !name.startsWith('_') && this.kind(name) !== null
  }

  private kind(name: string): 'source' | 'bundle' | null {
    const dir = path.join(this.functionsDir, name)
    if (fs.existsSync(path.join(dir, 'index.ts'))) return 'source'
    if (fs.existsSync(path.join(dir, 'index.js'))) return 'bundle'
    return null
  }

  /** Config of a function without building it. */
  config(name: string): FunctionConfig {
    return readFunctionConfig(path.join(this.functionsDir, name))
  }

  /**
   * Runnable code for `name`, bundling or re-bundling source when needed.
   * @throws Error `FUNCTION_NOT_FOUND` (message) when no such function; esbuild errors when the source does not build
   */
  async resolve(name: string): Promise<ResolvedFunction> {
    if (!this.has(name)) throw Object.assign(new Error(`function not found: ${name}`), { code: 'FUNCTION_NOT_FOUND' })
    const current = this.built.get(name)
    if (current && this.fresh(current)) return { name, entry: current.entry, config: current.config, version: current.version }
    let p = this.building.get(name)
    if (!p) {
      p = this.build(name).finally(() => this.building.delete(name))
      this.building.set(name, p)
    }
    const b = await p
    return { name, entry: b.entry, config: b.config, version: b.version }
  }

  private fresh(b: Built): boolean {
    for (const [file, s] of b.stamps) if (stamp(file) !== s) return false
    return true
  }

  private async build(name: string): Promise<Built> {
    const dir = path.join(this.functionsDir, name)
    const cfgFile = path.join(dir, 'config.json')
    if (this.kind(name) === 'bundle') {
      const entry = path.resolve(dir, 'index.js')
      const stamps = new Map([entry, cfgFile].map((f) => [f, stamp(f)]))
      const b: Built = { entry, version: ++this.versionSeq, stamps, config: readFunctionConfig(dir) }
      this.built.set(name, b)
      return b
    }
    // Bundle into a fresh file per version: a worker that already required the old
    // file keeps it; new workers get the new one (require caches by path).
    const version = ++this.versionSeq
    const outDir = path.join(this.cacheDir, `v${version}`)
    const res = await bundleFunction(name, { sourceDir: this.functionsDir, outDir, sourcemap: true, projectRoot: PROJECT_ROOT })
    const stamps = new Map<string, string>()
    for (const f of [...res.inputs, cfgFile]) stamps.set(f, stamp(f))
    const prev = this.built.get(name)
    const b: Built = { entry: res.entry, version, stamps, config: readFunctionConfig(dir) }
    this.built.set(name, b)
    if (prev && prev.entry !== b.entry) fs.rm(path.dirname(prev.entry), { recursive: true, force: true }, () => undefined)
    return b
  }

  /** Remove this catalog's cache folder. */
  dispose(): void {
    fs.rmSync(this.cacheDir, { recursive: true, force: true })
  }
}

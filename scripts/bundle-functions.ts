/**
 * Bundle cloud functions for deployment (and for the emulator's function host).
 *
 * Each folder `cloudfunctions/<name>/` with an `index.ts` is one function;
 * folders whose name starts with `_` hold shared code that esbuild inlines into
 * every function that imports it. The output, per function:
 *
 *   <outDir>/<name>/index.js      one CommonJS file, platform node, target node16: our code;
 *                                 the libraries in RUNTIME_DEPENDENCIES stay external
 *   <outDir>/<name>/package.json  dependencies: wx-server-sdk 4.0.2 plus the runtime
 *                                 dependencies this function imports, pinned to the exact
 *                                 versions of the root package.json; WeChat installs them
 *                                 on upload (上传并部署：云端安装依赖)
 *   <outDir>/<name>/config.json   copied from cloudfunctions/<name>/config.json, else
 *                                 the default {"timeout": 3, "permissions": {"openapi": []}}
 *
 * `config.json` follows WeChat's cloud-function config: `timeout` in SECONDS,
 * `triggers: [{name, type: 'timer', config: '<7-field cron: sec min hour day month week year>'}]`,
 * `permissions.openapi: ['security.msgSecCheck', ...]`.
 *
 * CLI: `npm run build:functions` (= `tsx scripts/bundle-functions.ts [--src dir] [--out dir] [name ...]`),
 * defaults: src `cloudfunctions`, out `dist/cloudfunctions`.
 */
import fs from 'fs'
import path from 'path'
import { build } from 'esbuild'

/** wx-server-sdk version every bundled function pins (exact). */
export const WX_SERVER_SDK_VERSION = '4.0.2'

/**
 * Well-kept CommonJS libraries left out of the bundle and installed by the
 * cloud from the function's package.json, at the root package.json's exact
 * versions: the bundle stays small (target <= 300 KB per function) and the
 * libraries are the very files the tests ran. Each must be CommonJS and run
 * on the cloud's Node 16 (hence file-type 16, the last CommonJS release).
 */
export const RUNTIME_DEPENDENCIES = ['zod', 'graphemer', 'dayjs', 'exceljs', 'docx', 'file-type'] as const

/** Exact version of a root dependency (package.json dependencies or devDependencies). */
function pinnedVersion(name: string, root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json must pin ${name} to an exact version (found ${version ?? 'none'})`)
  return version
}

/** Config written when a function has no config.json of its own. */
export const DEFAULT_FUNCTION_CONFIG = { timeout: 3, permissions: { openapi: [] as string[] } }

export interface BundleOptions {
  /** Folder holding `<name>/index.ts` (and `_shared`-style folders). */
  sourceDir: string
  /** Folder that receives `<name>/index.js|package.json|config.json`. */
  outDir: string
  /** Emit an inline source map (the emulator uses it for readable stacks). Default false. */
  sourcemap?: boolean
  /** Minify. Default false (readable code in the cloud console). */
  minify?: boolean
  /** Folder with tsconfig.json (path aliases like `@/core/...`). Default: process.cwd(). */
  projectRoot?: string
}

export interface BundleResult {
  name: string
  /** Absolute path of the written index.js. */
  entry: string
  /** Absolute paths of every source file esbuild read (for change detection). */
  inputs: string[]
}

/** Names of the functions under `sourceDir`: folders not starting with `_` that contain index.ts (or index.js). */
export function listFunctions(sourceDir: string): string[] {
  if (!fs.existsSync(sourceDir)) return []
  return fs
    .readdirSync(sourceDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .filter((d) => findEntry(path.join(sourceDir, d.name)) !== null)
    .map((d) => d.name)
    .sort()
}

function findEntry(dir: string): string | null {
  for (const f of ['index.ts', 'index.js']) {
    const p = path.join(dir, f)
    if (fs.existsSync(p)) return p
  }
  return null
}

/**
 * Bundle one function.
 * @param name folder name under `sourceDir`
 * @returns the written entry and the list of source files it was built from
 * @throws Error when the folder has no index.ts, or esbuild reports errors
 */
export async function bundleFunction(name: string, opts: BundleOptions): Promise<BundleResult> {
  const srcDir = path.resolve(opts.sourceDir, name)
  const entryPoint = findEntry(srcDir)
  if (!entryPoint) throw new Error(`cloud function "${name}": no index.ts in ${srcDir}`)
  const outFnDir = path.resolve(opts.outDir, name)
  fs.mkdirSync(outFnDir, { recursive: true })
  const outfile = path.join(outFnDir, 'index.js')
  const root = path.resolve(opts.projectRoot ?? process.cwd())
  const tsconfig = path.join(root, 'tsconfig.json')
  const result = await build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', ...RUNTIME_DEPENDENCIES],
    sourcemap: opts.sourcemap ? 'inline' : false,
    minify: opts.minify ?? false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
    tsconfig: fs.existsSync(tsconfig) ? tsconfig : undefined
  })
  const pkg = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION, ...runtimeDependenciesOf(result.metafile, root) }
  }
  fs.writeFileSync(path.join(outFnDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  const cfgSrc = path.join(srcDir, 'config.json')
  const config = fs.existsSync(cfgSrc) ? fs.readFileSync(cfgSrc, 'utf8') : JSON.stringify(DEFAULT_FUNCTION_CONFIG, null, 2) + '\n'
  fs.writeFileSync(path.join(outFnDir, 'config.json'), config)
  const inputs = Object.keys(result.metafile?.inputs ?? {})
    .filter((p) => !p.includes('node_modules'))
    .map((p) => path.resolve(root, p))
  inputs.push(cfgSrc)
  return { name, entry: outfile, inputs }
}

/** The runtime dependencies a bundle actually requires, with their pinned versions. */
function runtimeDependenciesOf(metafile: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> } | undefined, root: string): Record<string, string> {
  const used = new Set<string>()
  for (const input of Object.values(metafile?.inputs ?? {})) {
    for (const imp of input.imports) {
      if (!imp.external) continue
      const name = RUNTIME_DEPENDENCIES.find((d) => imp.path === d || imp.path.startsWith(`${d}/`))
      if (name) used.add(name)
    }
  }
  return Object.fromEntries([...used].sort().map((name) => [name, pinnedVersion(name, root)]))
}

/**
 * Bundle several functions (all of `listFunctions(sourceDir)` when `names` is omitted).
 * Functions are built one after another (the machine is small).
 */
export async function bundleFunctions(opts: BundleOptions & { names?: string[] }): Promise<BundleResult[]> {
  const names = opts.names && opts.names.length ? opts.names : listFunctions(opts.sourceDir)
  const out: BundleResult[] = []
  for (const name of names) out.push(await bundleFunction(name, opts))
  return out
}

async function cli(argv: string[]): Promise<void> {
  let sourceDir = 'cloudfunctions'
  let outDir = path.join('dist', 'cloudfunctions')
  const names: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--src') sourceDir = argv[++i]
    else if (a === '--out') outDir = argv[++i]
    else names.push(a)
  }
  const t0 = Date.now()
  const built = await bundleFunctions({ sourceDir, outDir, names })
  for (const b of built) console.log(`bundled ${b.name} -> ${path.relative(process.cwd(), b.entry)}`)
  console.log(`${built.length} function(s) in ${Date.now() - t0} ms`)
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}

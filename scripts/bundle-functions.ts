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
import { build, type Plugin } from 'esbuild'

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

/** The action table's file, relative to the project root. */
const CONTRACT_FILE = path.join('src', 'core', 'contract.ts')

/** One `import { xActions } from './actions/x'` line of the contract and what the module's actions serve. */
interface AreaImport {
  /** The whole import line, as written in contract.ts. */
  line: string
  /** The imported table's name, e.g. `userActions`. */
  table: string
  /** Absolute path of the action file. */
  file: string
  /** Cloud functions (`fn`) of the actions it declares. */
  fns: Set<string>
}

/**
 * The contract's area imports with the functions each area's actions name.
 * The action files are loaded here (in the bundling process) to read their
 * `fn`s, so the answer is the table itself, never a guess from the file text.
 * @throws Error when a listed table does not exist in its module
 */
function contractAreas(contractPath: string): AreaImport[] {
  const source = fs.readFileSync(contractPath, 'utf8')
  const areas: AreaImport[] = []
  for (const m of source.matchAll(/^import \{ (\w+) \} from '(\.\/actions\/[\w-]+)'\r?\n/gm)) {
    const file = path.resolve(path.dirname(contractPath), `${m[2]}.ts`)
    // eslint-disable-next-line @typescript-eslint/no-var-requires -- loaded at build time to read each action's fn
    const table = (require(file) as Record<string, Record<string, { fn?: unknown }> | undefined>)[m[1]]
    if (!table) throw new Error(`${m[2]} exports no ${m[1]} (src/core/contract.ts)`)
    areas.push({ line: m[0], table: m[1], file, fns: new Set(Object.values(table).map((spec) => String(spec.fn))) })
  }
  return areas
}

/**
 * esbuild plugin: the function's bundle gets a contract holding only the
 * areas that have an action served by this function (issue 13 item 10: zod
 * schemas are built when their module loads, and building every area's
 * schemas was a third of a function's start-up). The other areas' import
 * lines and `...xActions` spreads are left out; everything else of
 * contract.ts stays as written. Nothing changes for callers: an action of
 * another function was already refused with COMMON.UNKNOWN_ACTION
 * (define-function.ts), and modules a handler imports directly (constants of
 * another area) are still bundled. Projects without src/core/contract.ts
 * (test fixtures) are bundled unchanged.
 */
function ownContractPlugin(fnName: string, root: string, readFiles: string[]): Plugin {
  const contractPath = path.join(root, CONTRACT_FILE)
  return {
    name: 'own-contract',
    setup(b) {
      b.onLoad({ filter: /[\\/]contract\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== contractPath) return undefined
        const areas = contractAreas(contractPath)
        readFiles.push(...areas.map((a) => a.file))
        let contents = fs.readFileSync(contractPath, 'utf8')
        for (const area of areas) {
          if (area.fns.has(fnName)) continue
          const spread = new RegExp(`^\\s*\\.\\.\\.${area.table},?[ \\t]*\\r?\\n`, 'm')
          if (!spread.test(contents)) throw new Error(`src/core/contract.ts: no "...${area.table}" line in the actions table`)
          contents = contents.replace(area.line, '').replace(spread, '')
        }
        return { contents, loader: 'ts', resolveDir: path.dirname(contractPath) }
      })
    }
  }
}

/**
 * Code put first in every function bundle (issue 13 item 10). zod's classic
 * entry (`zod` -> `v4/classic/external`) requires its locale index, which
 * loads all ~65 locale files: four tenths of zod's load time. The product
 * configures zh-CN only (src/core/zod.ts, `z.config(zhCN())`), so the
 * bundle puts a locale index holding just `zhCN` into Node's module cache
 * before anything requires zod; `zod/locales` re-exports that index, so
 * `zhCN` is the very zh-CN module zod ships. Guarded: if zod moves its files
 * (the paths do not resolve), nothing is stubbed and zod loads as usual.
 */
export const ZOD_LOCALES_PRELUDE = [
  '"use strict";',
  '/* zod: load the zh-CN locale only (scripts/bundle-functions.ts, ZOD_LOCALES_PRELUDE) */',
  '(() => {',
  '  let index, zhCN',
  '  try {',
  "    index = require.resolve('zod/v4/locales')",
  "    zhCN = require('zod/v4/locales/zh-CN.cjs')",
  '  } catch (e) {',
  '    return',
  '  }',
  '  if (require.cache[index]) return',
  "  const Module = require('module')",
  '  const stub = new Module(index, module)',
  '  stub.filename = index',
  '  stub.loaded = true',
  "  stub.exports = { zhCN: typeof zhCN === 'function' ? zhCN : zhCN.default }",
  '  require.cache[index] = stub',
  '})();'
].join('\n')

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
  const actionFiles: string[] = []
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
    tsconfig: fs.existsSync(tsconfig) ? tsconfig : undefined,
    plugins: [ownContractPlugin(name, root, actionFiles)],
    banner: { js: ZOD_LOCALES_PRELUDE }
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
  // Every action file decides which areas the contract keeps (a moved action changes this bundle).
  for (const f of actionFiles) if (!inputs.includes(f)) inputs.push(f)
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

/**
 * Builds the desk console (issue 14) into dist/console with esbuild — the
 * bundler this repository already uses for the cloud functions (decision in
 * docs/decisions.md): one ES-module entry, each screen a lazy chunk
 * (`import()` + code splitting), so the sign-in page never loads the table
 * screens. antd styles itself at run time (CSS-in-JS): no CSS pipeline.
 *
 * `npx tsx console/build.ts [--dev]` (npm start and npm test run it).
 * Output: dist/console/index.html, dist/console/assets/*.js and
 * dist/console/meta.json (esbuild's metafile: bytes per chunk, for the bench).
 */
import fs from 'fs'
import path from 'path'
import { build } from 'esbuild'

const root = path.join(__dirname, '..')
const out = path.join(root, 'dist', 'console')

export async function buildConsole(options: { development?: boolean } = {}): Promise<{ outDir: string; files: string[] }> {
  fs.rmSync(out, { recursive: true, force: true })
  const result = await build({
    entryPoints: { main: path.join(__dirname, 'src', 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    outdir: path.join(out, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    jsx: 'automatic',
    minify: !options.development,
    sourcemap: options.development ? 'inline' : false,
    // TARO_ENV 'h5' keeps the mini-program's weapp transport (and Taro) out: the console installs its own.
    define: { 'process.env.NODE_ENV': JSON.stringify(options.development ? 'development' : 'production'), 'process.env.TARO_ENV': '"h5"' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning'
  })
  const entry = Object.keys(result.metafile.outputs).find((f) => result.metafile.outputs[f].entryPoint?.endsWith('main.tsx'))
  if (!entry) throw new Error('console build: no entry chunk')
  const html = fs
    .readFileSync(path.join(__dirname, 'index.html'), 'utf8')
    .replace('<!-- app -->', `<script type="module" src="./assets/${path.basename(entry)}"></script>`)
  fs.writeFileSync(path.join(out, 'index.html'), html)
  fs.writeFileSync(path.join(out, 'meta.json'), JSON.stringify(result.metafile))
  return { outDir: out, files: Object.keys(result.metafile.outputs) }
}

if (require.main === module) {
  buildConsole({ development: process.argv.includes('--dev') }).then(
    (r) => console.log(`Desk console built in ${path.relative(root, r.outDir)} (${r.files.length} files)`),
    (e: Error) => {
      console.error(e.message)
      process.exit(1)
    }
  )
}

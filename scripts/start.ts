/**
 * `npm start`: the local cloud with the demo county and the H5 build of the
 * mini-program, both on 127.0.0.1.
 *   1. builds dist/h5 (development, with the persona switcher) when it is
 *      missing or older than the sources;
 *   2. starts the emulator with the durable store in `.data/cloud`
 *      (git-ignored), in development mode so the persona header is honoured;
 *   3. loads the demo data when the database is empty;
 *   4. serves the H5 build and prints the URL and the personas;
 *   5. Ctrl-C stops everything.
 * Ports: CLOUD_PORT (default 9100), H5_PORT (default 10086) and CONSOLE_PORT
 * (default 10087, the desk console).
 */
import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { personas } from '../src/dev/personas'

process.env.TZ = 'UTC' // cloud functions run in UTC, and so does the host that runs them

const root = path.join(__dirname, '..')
const cloudPort = Number(process.env.CLOUD_PORT ?? 9100)
const h5Port = Number(process.env.H5_PORT ?? 10086)
const dataDir = path.join(root, '.data', 'cloud')

/** Newest modification time (ms) of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0
  if (!fs.existsSync(dir)) return latest
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs)
  }
  return latest
}

/**
 * True when dist/h5 is a development build (it carries the persona switcher,
 * hence the demo OPENIDs); `npm run build:h5` may have left a production one.
 */
function isDevelopmentBuild(): boolean {
  const js = path.join(root, 'dist', 'h5', 'js')
  if (!fs.existsSync(js)) return false
  const marker = personas[0].openid
  return fs.readdirSync(js).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(js, f), 'utf8').includes(marker))
}

function buildH5IfStale(): void {
  const marker = path.join(root, 'dist', 'h5', 'index.html')
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0
  const inputs = ['babel.config.js', 'package-lock.json', 'tsconfig.json'].map((f) => path.join(root, f))
  const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'config')), ...inputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)))
  if (built > sources && isDevelopmentBuild()) return
  console.log('Building the H5 mini-program (development), about half a minute …')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development' }
  })
  if (result.status !== 0) {
    console.error('The H5 build failed; see the output above.')
    process.exit(1)
  }
}

const consolePort = Number(process.env.CONSOLE_PORT ?? 10087)

/** Builds the desk console (dist/console) when it is missing or older than its sources (console/, src/core, src/services). */
function buildConsoleIfStale(): void {
  const marker = path.join(root, 'dist', 'console', 'index.html')
  const sources = Math.max(newest(path.join(root, 'console')), newest(path.join(root, 'src', 'core')), newest(path.join(root, 'src', 'services')))
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) return
  console.log('Building the desk console …')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['console/build.ts'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The console build failed; see the output above.')
    process.exit(1)
  }
}

async function main(): Promise<void> {
  buildH5IfStale()
  buildConsoleIfStale()
  fs.mkdirSync(dataDir, { recursive: true })

  const { startEmulator } = await import('../emulator')
  const { serveH5 } = await import('./serve-h5')
  const h5Origin = `http://127.0.0.1:${h5Port}`
  const emulator = await startEmulator({
    port: cloudPort,
    dataDir,
    development: true,
    // The console's origin too: it fetches export files from the cloud's temporary links (CORS).
    h5Origins: [h5Origin, `http://localhost:${h5Port}`, `http://127.0.0.1:${consolePort}`, `http://localhost:${consolePort}`],
    functionsDir: path.join(root, 'cloudfunctions'),
    functions: { timers: true }, // config.json timer triggers run on schedule
    openapi: { mediaCheckFunction: 'opinion' } // image verdicts pushed to the opinion function, as WeChat's message push
  })

  // Point this process's SDK at the emulator to check for and load demo data.
  Object.assign(process.env, emulator.env())
  const cloud = require('wx-server-sdk')
  cloud.init({ env: emulator.envId })
  const db = cloud.database()
  const { isEmpty, loadDemoData } = await import('../database/demo/load')
  if (await isEmpty(db)) {
    const summary = await loadDemoData(db)
    console.log(`Loaded the demo county: ${summary.studios} studios, ${summary.members} members, ${summary.topics} topics.`)
  } else {
    console.log(`Using the existing data in ${path.relative(root, dataDir)} (delete the folder to start over).`)
  }

  const h5 = await serveH5({ port: h5Port, distDir: path.join(root, 'dist', 'h5'), cloudUrl: emulator.url, envId: emulator.envId })
  const desk = await serveH5({ port: consolePort, distDir: path.join(root, 'dist', 'console'), cloudUrl: emulator.url, proxyApi: true, extraConfig: { h5Url: h5.url } })
  console.log('')
  console.log(`  Mini-program (H5):  ${h5.url}`)
  console.log(`  Desk console:       ${desk.url}   (sign in: open the link under the code as 机关工作人员 in the H5 mini-program)`)
  console.log(`  Local cloud:        ${emulator.url}   (sent subscription messages: ${emulator.url}/_outbox)`)
  console.log('  Personas (switch with the 身份 strip at the top of every page):')
  for (const p of personas) console.log(`    ${p.label.padEnd(8, '　')} ${p.description}`)
  console.log('\n  Ctrl-C stops everything.')

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping …')
    await h5.stop()
    await desk.stop()
    await emulator.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

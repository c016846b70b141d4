/**
 * `npm run emulator -- --port <p> --data <dir>` (durable, SQLite) or
 * `npm run emulator -- --port <p> --memory`. Other flags: `--env <id>`,
 * `--dev` (development identities on /functions), `--h5-origin <origin>`
 * (repeatable), `--get-limit <n>`, `--collections <file>`,
 * `--functions <dir>`, `--quiet`, `--timers` (run config.json timer triggers on schedule).
 * Prints `listening on http://127.0.0.1:<p>` once ready; stops on SIGINT/SIGTERM.
 */
import { startEmulator, type StartOptions } from './index'

function parseArgs(argv: string[]): StartOptions {
  const o: StartOptions = { h5Origins: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const val = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    switch (a) {
      case '--port':
        o.port = Number(val())
        break
      case '--data':
        o.dataDir = val()
        break
      case '--memory':
        o.memory = true
        break
      case '--env':
        o.envId = val()
        break
      case '--dev':
        o.development = true
        break
      case '--h5-origin':
        o.h5Origins?.push(val())
        break
      case '--get-limit':
        o.getLimit = Number(val())
        break
      case '--collections':
        o.collectionsFile = val()
        break
      case '--functions':
        o.functionsDir = val()
        break
      case '--quiet':
        o.quiet = true
        break
      case '--timers':
        o.functions = { ...o.functions, timers: true }
        break
      default:
        throw new Error(`unknown flag ${a}`)
    }
  }
  if (!o.dataDir && !o.memory) throw new Error('give --data <dir> or --memory')
  return o
}

async function main() {
  process.env.TZ = 'UTC'
  const opts = parseArgs(process.argv.slice(2))
  const emu = await startEmulator({ ...opts, quiet: opts.quiet })
  console.log(`listening on ${emu.url}`)
  const stop = () => {
    emu.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(`emulator: ${(e as Error).message}`)
  process.exit(1)
})

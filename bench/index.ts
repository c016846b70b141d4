/**
 * `npm run bench`: prints the figures the performance goals name, as JSON.
 * Sections: build sizes, DB operations per action on the demo data, the
 * local cloud's own figures, and every feature area's bench (bench/<area>.ts
 * exporting `run()`). `npm run bench -- sizes actions` runs only those.
 * Figures, not pass/fail: the closing notes compare them with the targets.
 */
import fs from 'fs'
import path from 'path'

process.env.TZ = 'UTC'

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const sections: Record<string, () => Promise<unknown>> = {
    sizes: async () => (await import('./sizes')).run(),
    actions: async () => (await import('./actions')).run(),
    emulator: async () => (await import('./emulator')).benchEmulator()
  }
  for (const file of fs.readdirSync(__dirname).sort()) {
    const name = file.replace(/\.ts$/, '')
    if (!file.endsWith('.ts') || name in sections || name === 'index') continue
    sections[name] = async () => {
      const mod = await import(path.join(__dirname, file))
      if (typeof mod.run !== 'function') return { skipped: `${file} exports no run()` }
      return mod.run()
    }
  }
  const results: Record<string, unknown> = {}
  for (const [name, run] of Object.entries(sections)) {
    if (wanted.length && !wanted.includes(name)) continue
    const started = Date.now()
    process.stderr.write(`bench: ${name} …\n`)
    try {
      results[name] = await run()
    } catch (error) {
      results[name] = { error: String((error as Error)?.message ?? error) }
    }
    process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  }
  console.log(JSON.stringify(results, null, 2))
  process.exit(0)
}

main()

/**
 * `npm test`: every check in one command, in this order, stopping at the
 * first failing step:
 *   1. lint (ESLint, with the layering rules)   2. type check (tsc)
 *   3. builds the UI tests need: dist/weapp, dist/cloudfunctions, dist/h5
 *      (development build with the persona switcher) and the production H5
 *      build used to check the switcher is absent, and the desk console
 *      (dist/console)
 *   4. jest: every project in test/jest (unit, emulator, functions, pages,
 *      simulate, browser)
 * Ends with the plain line `N passed, N failed` (CI reads it).
 *
 * Options: `--skip-build` reuses existing dist/ folders; `--only=a,b` runs
 * only those jest projects (and skips lint/typecheck); anything after `--`
 * goes to jest.
 */
import { spawnSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const root = path.join(__dirname, '..')
const args = process.argv.slice(2)
const passthrough = args.includes('--') ? args.slice(args.indexOf('--') + 1) : []
const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
const skipBuild = own.includes('--skip-build') || process.env.SKIP_BUILD === '1'
const only = own.find((a) => a.startsWith('--only='))?.slice('--only='.length)

function run(title: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${title} (${seconds} s)`)
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)

if (!only) {
  run('lint', bin('eslint'), ['--ext', '.ts,.tsx', 'src', 'console', 'cloudfunctions', 'emulator', 'database', 'scripts', 'test', 'bench', 'config'])
  run('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])
}

const needsBuild = !only || only.split(',').some((p) => ['simulate', 'browser', 'functions'].includes(p))
if (needsBuild && !skipBuild) {
  run('build mini-program (dist/weapp)', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
  run('bundle cloud functions (dist/cloudfunctions)', bin('tsx'), ['scripts/bundle-functions.ts'])
  run('build H5, development (dist/h5)', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'development' })
  run('build H5, production (dist/h5-production)', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production', H5_OUTPUT: 'dist/h5-production' })
  run('build desk console (dist/console)', bin('tsx'), ['console/build.ts'])
}

const report = path.join(os.tmpdir(), `jest-report-${process.pid}.json`)
fs.rmSync(report, { force: true })
const jestStarted = Date.now()
console.log('\n▶ jest')
const jest = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${report}`, ...passthrough], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', ...(only ? { JEST_PROJECTS: only } : {}) }
})
let passed = 0
let failed = 0
/** Jest's own verdict from its report (written only when the whole run completed). */
let reportSuccess = false
/** One line per failed test or suite, printed last so a cut-off log still names every failure. */
const failures: string[] = []
try {
  const summary = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numRuntimeErrorTestSuites?: number
    success?: boolean
    wasInterrupted?: boolean
    snapshot?: { failure?: boolean }
    runExecError?: { message?: string }
    testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName: string }[] }[]
  }
  passed = summary.numPassedTests
  failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0)
  reportSuccess = summary.success === true
  if (summary.success === false && failed === 0) {
    const why = [summary.snapshot?.failure && 'a snapshot check failed', summary.wasInterrupted && 'the run was interrupted', summary.runExecError?.message && `run error: ${summary.runExecError.message}`].filter(Boolean)
    failures.push(`jest reported the run unsuccessful with no failed test (${why.join('; ') || 'a reporter error'})`)
  }
  for (const file of summary.testResults) {
    const where = path.relative(root, file.name)
    const tests = file.assertionResults.filter((t) => t.status === 'failed')
    for (const t of tests) failures.push(`${where} › ${t.fullName}`)
    if (file.status === 'failed' && tests.length === 0) failures.push(`${where} › ${(file.message ?? '').split('\n').find((l) => l.trim()) ?? 'the suite failed'}`.slice(0, 300))
  }
} catch {
  failed = Math.max(failed, 1)
}
console.log(`jest finished in ${((Date.now() - jestStarted) / 1000).toFixed(1)} s`)
// A non-zero exit with every test passed (a crash after the report, a signal) must say so, not pass silently or fail unexplained.
// Seen here and on CI (decision 96): with every test passed and the report saying success, the in-band jest
// process still exits 1 (no error printed). The verdict is the complete report's; the odd exit is printed.
if (jest.status !== 0 && failures.length === 0) {
  console.log(`note: jest itself exited with ${jest.status === null ? `signal ${jest.signal}` : `code ${jest.status}`}${jest.error ? ` (${jest.error.message})` : ''} although its report says ${reportSuccess ? 'success' : 'no success'} and no test failed`)
  if (!reportSuccess) failures.push('jest exited non-zero and its report does not say success')
}
if (failures.length > 0) console.log(`failed:\n${failures.map((f) => `  ✕ ${f}`).join('\n')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(reportSuccess && failures.length === 0 && failed === 0 && passed > 0 ? 0 : 1)

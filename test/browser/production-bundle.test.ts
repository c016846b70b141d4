/**
 * The persona switcher and the demo OPENIDs exist only in development H5
 * builds: the production H5 build (dist/h5-production, built by npm test
 * with NODE_ENV=production H5_OUTPUT=dist/h5-production) and the
 * mini-program build (dist/weapp) must not contain them.
 */
import fs from 'fs'
import path from 'path'
import { personas } from '../../src/dev/personas'

const root = path.join(__dirname, '..', '..')

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(full) : [full]
  })
}

/** Text files of a build (js, css, html, json, wxml, wxss), or a clear failure when the build is missing. */
function buildText(dir: string, howToBuild: string): { file: string; text: string }[] {
  if (!fs.existsSync(dir)) throw new Error(`${path.relative(root, dir)} is missing. Build it first: ${howToBuild}`)
  const files = filesUnder(dir).filter((f) => /\.(js|css|html|json|wxml|wxss)$/.test(f))
  if (files.length === 0) throw new Error(`${path.relative(root, dir)} is empty. Build it first: ${howToBuild}`)
  return files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
}

function leaks(files: { file: string; text: string }[]): string[] {
  const needles = [...personas.map((p) => p.openid), 'cppcc.dev.persona', '切换演示身份']
  return files.flatMap(({ file, text }) => needles.filter((n) => text.includes(n)).map((n) => `${path.relative(root, file)}: ${n}`))
}

test('the production H5 build carries no persona switcher and no persona OPENID', () => {
  const files = buildText(path.join(root, 'dist', 'h5-production'), 'NODE_ENV=production H5_OUTPUT=dist/h5-production npx taro build --type h5')
  expect(files.some((f) => f.text.includes('县政协'))).toBe(true) // it is the app
  expect(leaks(files)).toEqual([])
})

test('the mini-program build carries no persona OPENID', () => {
  const files = buildText(path.join(root, 'dist', 'weapp'), 'npx taro build --type weapp')
  expect(leaks(files)).toEqual([])
})

test('the development H5 build does carry the switcher (so the check above can fail)', () => {
  const files = buildText(path.join(root, 'dist', 'h5'), 'NODE_ENV=development npx taro build --type h5')
  expect(leaks(files).length).toBeGreaterThan(0)
})

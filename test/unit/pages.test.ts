/**
 * Every page the server sends a person to (subscription messages, 我的消息,
 * mini-program codes) comes from the one table `src/core/pages.ts`, and every
 * route there is a page of `src/app.config.ts` (main package `pages/…`,
 * subpackage pages `<root>/<page>`). A notice once opened
 * `pages/proposal/detail/index`, which does not exist: the page lives in the
 * `proposal` subpackage. The second test reads the functions' sources, so a
 * route typed by hand anywhere in `cloudfunctions/` fails here.
 */
import fs from 'fs'
import path from 'path'
import { pageWithQuery, serverPages } from '../../src/core/pages'

// app.config.ts calls Taro's build-time global.
;(globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-var-requires
const appConfig = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
const appPages = new Set([...appConfig.pages, ...appConfig.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))])

test('every route in the table is a page of app.config.ts', () => {
  const missing = Object.entries(serverPages).filter(([, route]) => !appPages.has(route))
  expect(missing).toEqual([])
  expect(serverPages.proposal).toBe('proposal/detail/index')
})

test('a page with its query: no leading slash, values encoded, empty values left out', () => {
  expect(pageWithQuery(serverPages.proposal, { id: 'prop-1' })).toBe('proposal/detail/index?id=prop-1')
  expect(pageWithQuery(serverPages.topic, { id: 'a b&c', from: '' })).toBe('pages/topic/index?id=a%20b%26c')
  expect(pageWithQuery(serverPages.deskLogin)).toBe('desk/login/index')
})

/** Every .ts file under `dir` (no node_modules). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full)
    return e.name.endsWith('.ts') ? [full] : []
  })
}

test('no cloud function names a page route by hand (they all come from src/core/pages.ts)', () => {
  const roots = ['pages', ...appConfig.subPackages.map((s) => s.root)]
  // a quoted route such as 'pages/topic/index' or `/proposal/detail/index?id=${…}`
  const route = new RegExp(`['"\`]/?(?:${roots.join('|')})/[\\w-]+(?:/[\\w-]+)*/index\\b`, 'g')
  const root = path.join(__dirname, '..', '..', 'cloudfunctions')
  const found = sources(root).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8')
    return (text.match(route) ?? []).map((m) => `${path.relative(root, file)}: ${m}`)
  })
  expect(found).toEqual([])
  // the check itself sees such a route
  expect("page: 'pages/proposal/detail/index'".match(route)).toHaveLength(1)
})

/**
 * One jest run, several projects. Each project keeps its own config in
 * test/jest/<name>.config.js so the suites can evolve independently:
 *   unit       pure TypeScript (src/core, database helpers)        node
 *   emulator   conformance of the local cloud through wx-server-sdk node
 *   functions  cloud functions through the real SDK on the emulator node
 *   pages      React pages with Testing Library                   jsdom
 *   simulate   compiled dist/weapp pages in miniprogram-simulate   jsdom
 *   browser    the H5 build in headless Chromium (playwright-core) node
 */
// Cloud functions run in UTC; so do the tests, wherever the machine is.
process.env.TZ = 'UTC'

const fs = require('fs')
const path = require('path')

const dir = path.join(__dirname, 'test', 'jest')
const only = process.env.JEST_PROJECTS ? process.env.JEST_PROJECTS.split(',') : null
const projects = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.config.js'))
  .filter((f) => !only || only.includes(f.replace('.config.js', '')))
  .map((f) => path.join(dir, f))

module.exports = { projects }

/**
 * miniprogram-simulate tests: the compiled mini-program (dist/weapp) booted
 * in jsdom with `wx.cloud.callFunction` routed to an in-memory emulator with
 * the demo county. Needs `npx taro build --type weapp` first (npm test does it).
 */
const { base } = require('./shared')

module.exports = {
  ...base,
  displayName: 'simulate',
  // Node environment: the emulator (esbuild, mingo, bson) runs in this
  // process and breaks under jest's jsdom environment. The harness installs a
  // jsdom window for miniprogram-simulate itself, after the cloud is up.
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/simulate/**/*.test.ts'],
  // dist/weapp is already compiled JavaScript: never transform it.
  transformIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/dist/'],
  setupFilesAfterEnv: ['<rootDir>/test/browser/support/timeout.ts']
}

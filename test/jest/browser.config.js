/**
 * Browser tests: the H5 build (dist/h5, a development build with the persona
 * switcher) served by scripts/serve-h5.ts against an in-memory emulator with
 * the demo county, driven in headless Debian Chromium via playwright-core.
 * Screenshots go to test-results/.
 */
const { base } = require('./shared')

module.exports = {
  ...base,
  displayName: 'browser',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/browser/support/timeout.ts']
}

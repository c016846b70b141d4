/** Conformance of the local cloud (emulator/) through the real wx-server-sdk. */
const { base } = require('./shared')

module.exports = {
  ...base,
  displayName: 'emulator',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/emulator/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/emulator/support/network-guard.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/emulator/support/timeout.ts']
}

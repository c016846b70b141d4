/** Cloud functions through the real wx-server-sdk, hosted by the local cloud. */
const { base } = require('./shared')

module.exports = {
  ...base,
  displayName: 'functions',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/functions/**/*.test.ts'],
  setupFiles: ["<rootDir>/test/emulator/support/network-guard.ts"]
}

const { base } = require('./shared')

module.exports = {
  ...base,
  displayName: 'unit',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/unit/**/*.test.ts']
}

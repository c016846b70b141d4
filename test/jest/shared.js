/** Settings every jest project shares: the SWC transform for TS/TSX and the path alias. */
const path = require('path')

const rootDir = path.join(__dirname, '..', '..')

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020'
    },
    module: { type: 'commonjs' }
  }
]

module.exports = {
  rootDir,
  base: {
    rootDir,
    transform: { '^.+\\.(t|j)sx?$': swcTransform, '^.+\\.mjs$': swcTransform },
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json']
  }
}

/**
 * Page tests: React pages rendered with Testing Library in jsdom
 * (stack-notes.md recipe): @tarojs/components -> @tarojs/components-react via
 * a shim, @tarojs/taro -> @tarojs/taro-h5 + React page hooks, ESM-only
 * packages transformed, canvas stubbed. Styles are ignored.
 */
const { base } = require('./shared')

const esm = ['@tarojs', '@nutui', '@stencil', 'lodash-es', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'swiper', 'ssr-window', 'dom7', '@babel/runtime/helpers/esm', '@swc/helpers', 'ics', 'nanoid']

module.exports = {
  ...base,
  displayName: 'pages',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/pages/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/test/pages/support/setup.ts'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^@tarojs/components$': '<rootDir>/test/pages/support/taro-components.js',
    '^@tarojs/taro$': '<rootDir>/test/pages/support/taro.js',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/pages/support/style.js'
  },
  transformIgnorePatterns: [`<rootDir>/node_modules/(?!(${esm.join('|')})/)`],
  // Build-time constants Taro's DefinePlugin and config/index.ts provide.
  globals: {
    CLOUD_ENV_ID: 'test-env',
    APP_ID: 'touristappid',
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: false,
    SUPPORT_DINGTALK_NAVIGATE: 'disabled',
    SUPPORT_TARO_POLYFILL: 'disabled',
    DEPRECATED_ADAPTER_COMPONENT: false
  }
}

import type { UserConfigExport } from '@tarojs/cli'

/** Production builds: minified; `process.env.NODE_ENV === 'development'` branches (persona switcher) are dropped. */
export default {
  mini: {},
  h5: {}
} satisfies UserConfigExport<'webpack5'>

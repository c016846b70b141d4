import type { UserConfigExport } from '@tarojs/cli'

/** Development builds (watch mode, `build:h5:dev`): readable output, persona switcher compiled in. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {}
} satisfies UserConfigExport<'webpack5'>

/**
 * Taro build configuration (webpack5 runner). Outputs:
 *   weapp -> dist/weapp
 *   h5    -> dist/h5, or $H5_OUTPUT when set (npm test builds a development
 *            H5 with the persona switcher into dist/h5 and a production one
 *            into dist/h5-production; NODE_ENV decides which kind)
 * The AppID and cloud env id come from `config/cloud.ts` only.
 */
import fs from 'fs'
import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import webpack from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'
import { cloudSettings } from './cloud'

/** NutUI is drawn at 375 wide; our own styles at 750 (stack-notes.md). */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file
  if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
  return 750
}

/** Webpack changes shared by the weapp and H5 builds. */
function commonChain(chain: { resolve: { plugin(name: string): { use(p: unknown): unknown } }; plugin(name: string): { use(p: unknown, args?: unknown[]): unknown } }): void {
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
  // Only the zh-CN zod locale (see config/shims/zod-locales.js): -250 KB.
  chain.plugin('zod-locales').use(webpack.NormalModuleReplacementPlugin, [
    /zod[\\/]v4[\\/]locales[\\/]index\.js$/,
    path.join(__dirname, 'shims', 'zod-locales.js')
  ])
}

/** Keeps the root project.config.json's appid equal to the configured one (DevTools reads that file). */
function syncProjectConfig(appId: string): void {
  const file = path.join(__dirname, '..', 'project.config.json')
  if (!fs.existsSync(file)) return
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: string }
  if (json.appid !== appId) {
    json.appid = appId
    fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n')
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  const cloud = cloudSettings()
  const taroEnv = process.env.TARO_ENV ?? 'weapp'
  const development = process.env.NODE_ENV === 'development'
  if (taroEnv === 'weapp') syncProjectConfig(cloud.appId)
  // H5_OUTPUT lets `npm test` put a second (production) H5 build beside the
  // development one: dist/h5 (dev, persona switcher) and dist/h5-production.
  const outputRoot = (taroEnv === 'h5' && process.env.H5_OUTPUT) || `dist/${taroEnv}`

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cppcc-county',
    date: '2026-11-29',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      APP_ID: JSON.stringify(cloud.appId),
      CLOUD_ENV_ID: JSON.stringify(cloud.envId)
    },
    // The default share-card picture is referenced by path (services/share.ts), not imported.
    copy: { patterns: [{ from: 'src/assets/share/', to: `${outputRoot}/assets/share/` }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      // Persistent webpack cache: weapp rebuilds drop from ~20 s to ~5 s.
      enable: taroEnv === 'weapp'
    },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        commonChain(chain)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        commonChain(chain)
        // `taro build` without --watch always bundles in webpack's production
        // mode, which would define process.env.NODE_ENV as 'production'. A
        // build started with NODE_ENV=development (npm start, npm test's UI
        // build) must really be a development build: it carries the persona
        // switcher. Production builds keep webpack's default.
        if (development) chain.optimization.nodeEnv('development')
        // Share libraries between page chunks: without this every H5 page
        // chunk carried its own ~700 KB copy of zod, React helpers and NutUI.
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', priority: -10, reuseExistingChunk: true },
            common: { minChunks: 2, name: 'common', priority: -20, reuseExistingChunk: true }
          }
        })
      }
    }
  }

  if (development) return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})

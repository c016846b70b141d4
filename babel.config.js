// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// `hot: false`: the H5 build is served as static files (npm start, browser
// tests), never by webpack-dev-server, so React Fast Refresh's babel plugin
// would only leave `$RefreshReg$` calls with no runtime behind them.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      hot: false
    }]
  ]
}

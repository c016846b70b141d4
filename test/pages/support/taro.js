/**
 * Jest stand-in for `@tarojs/taro`: the H5 implementation (`@tarojs/taro-h5`)
 * plus the React page hooks from `@tarojs/plugin-framework-react` (they need
 * `createH5NativeComponentConfig(null, React, ReactDOM)` once to know React).
 * Tests may replace navigation/toast functions with jest spies.
 */
const React = require('react')
const ReactDOM = require('react-dom')
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

runtime.createH5NativeComponentConfig(null, React, ReactDOM)

const Taro = h5.default || h5
const hooks = {}
for (const [name, value] of Object.entries(runtime)) {
  if (/^use[A-Z]/.test(name)) hooks[name] = value
}
Object.assign(Taro, hooks)
// The H5 build reaches these through named imports (Taro's API transform); the default object lacks them.
if (!Taro.createIntersectionObserver) Taro.createIntersectionObserver = h5.createIntersectionObserver
module.exports = Taro
module.exports.default = Taro

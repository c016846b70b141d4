/**
 * Jest stand-in for `@tarojs/components`: the plain React DOM components of
 * `@tarojs/components-react`. That package imports `View` from
 * `@tarojs/components` itself (mapped back here), so `View` is exported
 * first to break the cycle (stack-notes.md).
 */
const View = require('@tarojs/components-react/dist/components/view/index.js').default
module.exports.View = View
Object.assign(module.exports, require('@tarojs/components-react'))

// Client builds only (weapp, H5): replaces zod's index of ~45 locales with the
// one the app uses. The app's schemas go through `z.config(zhCN())` in
// src/core/zod.ts; without this the whole locale table (~260 KB) lands in the
// main package, because the `z` namespace object cannot be tree-shaken.
// Wired in config/index.ts with webpack's NormalModuleReplacementPlugin.
export { default as zhCN } from 'zod/v4/locales/zh-CN.js'

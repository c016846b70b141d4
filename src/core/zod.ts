/**
 * zod configured for this product: default messages in Simplified Chinese
 * (only the zh-CN locale is used; the package is side-effect free so the
 * bundler drops the other locales).
 * Import `z` from here, never from 'zod' directly, so the locale is set
 * before any schema runs.
 */
import { z } from 'zod'
import { zhCN } from 'zod/locales'

z.config(zhCN())

export { z }

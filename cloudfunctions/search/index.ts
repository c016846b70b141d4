/**
 * Cloud function `search`: the public search over topics, activities,
 * studios and announcements (issue 12 item 8). Actions and their rules:
 * src/core/actions/search.ts; the use case and each kind's visibility rule:
 * query.ts. It only reads.
 */
import { defineFunction } from '../_shared/define-function'
import { query } from './query'

export const main = defineFunction('search', {
  'search.query': query
})

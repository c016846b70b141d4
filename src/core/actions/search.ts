/**
 * Public search (issue 12 item 8): a literal search over what the public may
 * read — published topics, listed activities, studios and published studio
 * announcements — by title and summary, newest first, paged. Served by the
 * `search` cloud function (cloudfunctions/search/).
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { textField } from '../text'

export const searchKinds = ['topic', 'activity', 'studio', 'announcement'] as const
export type SearchKind = (typeof searchKinds)[number]

/** The kind tabs' words (the order the page shows them). */
export const searchKindLabels: Record<SearchKind, string> = {
  topic: '议题',
  activity: '活动',
  studio: '工作室',
  announcement: '公告'
}

/** Longest search text, in characters as a person sees them (src/core/text.ts). */
export const SEARCH_TEXT_MAX = 30
/** Hits per page when the caller does not say. */
export const SEARCH_PAGE_DEFAULT = 10

export interface SearchHit {
  kind: SearchKind
  /** The document's id (what the page opens with `route`). */
  id: string
  title: string
  /**
   * A short piece of the summary around the first match (at most about 40
   * characters, `…` where cut), or the summary's start when only the title
   * matched. Never held or unchecked text.
   */
  snippet: string
  /**
   * ISO instant (UTC) the hit is ordered by and shows: a topic's last change,
   * an activity's start, a studio's last profile change, an announcement's
   * publication.
   */
  date: string
  /** Page path that opens the hit, without query: the page reads `?id=`. */
  route: string
}

export const searchActions = {
  'search.query': action<Page<SearchHit>>()({
    name: 'search.query',
    fn: 'search',
    input: () => z.object({
      text: textField({ label: '搜索内容', max: SEARCH_TEXT_MAX }),
      kind: z.enum(searchKinds, { error: '搜索类别不正确' }).optional(),
      ...pageInput
    }),
    access: 'anyone',
    doc:
      'Literal search (regex metacharacters escaped, case-insensitive) over titles and summaries of what the public lists show: visible topics (not merged away), listed activities (not cancelled), studios not held, published announcements. Hits newest first across kinds; `limit` (default 10, at most 20) and an opaque cursor. One read per kind searched (limit + 1 rows each), no caller read. Empty text: COMMON.INVALID_INPUT (请填写搜索内容); a forged cursor: COMMON.INVALID_INPUT (翻页参数不正确).'
  })
}

/**
 * The mini-program pages the server sends people to: the `page` of every
 * subscription message, of every 我的消息 entry and of every mini-program code
 * (wxacode.getUnlimited). One table, so a function never names a page the
 * package does not have: `test/unit/pages.test.ts` checks each route against
 * `src/app.config.ts` (main-package pages, and subpackage pages as
 * `<root>/<page>`), e.g. the proposal page is the subpackage route
 * `proposal/detail/index`, not `pages/proposal/detail/index`.
 *
 * Routes are written as WeChat's server APIs want them: no leading slash,
 * no query. Pure TypeScript (imported by the cloud functions).
 */

export const serverPages = {
  /** 协商议题 (main package). */
  topic: 'pages/topic/index',
  /** 活动详情 (main package); also the share poster's code. */
  activity: 'pages/activity/detail/index',
  /** 扫码签到 (main package): the check-in code's page. */
  activityCheckin: 'pages/activity/checkin/index',
  /** 社情民意 detail for its submitter (main package). */
  opinion: 'pages/opinion/detail/index',
  /** 提案详情 (subpackage `proposal`). */
  proposal: 'proposal/detail/index',
  /** 工作室 profile (subpackage `studio`): a search hit. */
  studio: 'studio/detail/index',
  /** 工作室公告 (subpackage `studio`): a search hit. */
  announcement: 'studio/announcement/index',
  /** The desk console's sign-in confirmation (subpackage `desk`). */
  deskLogin: 'desk/login/index'
} as const

export type ServerPage = (typeof serverPages)[keyof typeof serverPages]

/**
 * A page with its query, as a subscription message's `page` wants it (no
 * leading slash), e.g. `pageWithQuery(serverPages.proposal, { id })` ->
 * `proposal/detail/index?id=…`. Values are URI-encoded; empty ones are left out.
 */
export function pageWithQuery(page: ServerPage, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return pairs.length ? `${page}?${pairs.join('&')}` : page
}

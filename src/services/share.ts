/**
 * WeChat share cards (issue 12 item 7): 发送给朋友 (`onShareAppMessage`) and
 * 分享到朋友圈 (`onShareTimeline`) for topics, activities, studios,
 * announcements and the solved board. Each card opens the page it was shared
 * from (path + query) with a title a person reads and a picture (5:4).
 *
 * The picture is the announcement's reviewed cover where there is one, else
 * the app's share picture (`DEFAULT_SHARE_IMAGE`, copied by config/index.ts):
 * a topic's images as its proposer sees them may include unchecked ones
 * (decision 68), so no user upload goes on a card that is not known public.
 * The page config must also say `enableShareAppMessage` / `enableShareTimeline`.
 */
import { useRef } from 'react'
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { formatBeijing } from '../core/time'

/** The app's share picture (500×400 PNG, path inside the mini-program package). */
export const DEFAULT_SHARE_IMAGE = '/assets/share/default.png'

/** What one share card says: title, the page it opens (absolute path with query) and its picture. */
export interface ShareCard {
  title: string
  /** `/pages/…?id=…`: the page the card opens. */
  path: string
  imageUrl: string
}

/** WeChat shows about 28 characters of a card title. */
const TITLE_MAX = 28

function clip(text: string): string {
  const chars = Array.from(text.trim())
  return chars.length <= TITLE_MAX ? chars.join('') : `${chars.slice(0, TITLE_MAX - 1).join('')}…`
}

const withId = (page: string, id: string) => `${page}?id=${encodeURIComponent(id)}`

/** Cards for each shareable page. Dates in Beijing time (`M月D日`). */
export const shareCards = {
  /** 协商议题 (pages/topic). */
  topic: (t: { id: string; title: string }): ShareCard => ({ title: clip(`协商议题：${t.title}`), path: withId('/pages/topic/index', t.id), imageUrl: DEFAULT_SHARE_IMAGE }),
  /** 政协活动 (pages/activity/detail): title with its Beijing start day. */
  activity: (a: { id: string; title: string; startAt: Date | string }): ShareCard => ({
    title: clip(`${formatBeijing(a.startAt, 'M月D日')} ${a.title}`),
    path: withId('/pages/activity/detail/index', a.id),
    imageUrl: DEFAULT_SHARE_IMAGE
  }),
  /** 委员工作室 (studio/detail). */
  studio: (s: { id: string; name: string }): ShareCard => ({ title: clip(s.name), path: withId('/studio/detail/index', s.id), imageUrl: DEFAULT_SHARE_IMAGE }),
  /** 工作室公告 (studio/announcement): its cover (published announcements are reviewed) or the app picture. */
  announcement: (a: { id: string; title: string; coverFileID?: string }): ShareCard => ({
    title: clip(`工作室公告：${a.title}`),
    path: withId('/studio/announcement/index', a.id),
    imageUrl: a.coverFileID || DEFAULT_SHARE_IMAGE
  }),
  /** 问题解决榜 (pages/consultation/solved). */
  solved: (): ShareCard => ({ title: '问题解决榜：群众关心的问题办结公开', path: '/pages/consultation/solved/index', imageUrl: DEFAULT_SHARE_IMAGE })
}

/** The 朋友圈 form of a card: WeChat opens the sharing page itself, with `query` (no path). */
export function timelineOf(card: ShareCard): { title: string; query: string; imageUrl: string } {
  const q = card.path.indexOf('?')
  return { title: card.title, query: q >= 0 ? card.path.slice(q + 1) : '', imageUrl: card.imageUrl }
}

/**
 * Registers the page's share handlers. `card` may change as the page loads;
 * until it is known (null) the card opens the same page under `fallback`
 * (e.g. the path with the id and the page's own name as title).
 */
export function useShareCard(card: ShareCard | null, fallback: ShareCard): void {
  const latest = useRef<ShareCard>(fallback)
  latest.current = card ?? fallback
  useShareAppMessage(() => ({ ...latest.current }))
  useShareTimeline(() => timelineOf(latest.current))
}

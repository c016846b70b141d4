/**
 * `useSeen(selector)`: true once the page's element matching `selector` is
 * on screen or within `aheadPx` below it (issue 12, "the home page's first
 * screen needs at most 2 cloud calls", counted in the browser build: a
 * section below the fold loads its list when the person scrolls towards it,
 * and at once on a screen tall enough to show it).
 *
 * In the browser build this is the browser's IntersectionObserver on the
 * element (rootMargin `aheadPx` below the viewport, 0 by default: the section loads as its first pixel scrolls in, showing 加载中… for a moment). In WeChat, and wherever
 * there is no observer or no such element, it is true at once (decision 95:
 * WeChat's page-level observer could not be run here, so the mini-program
 * loads the section at once rather than risk a list that never loads).
 */
import { useEffect, useState } from 'react'

/** How far below the viewport (px) a section counts as seen: it starts loading just before it scrolls in. */
export const SEEN_AHEAD_PX = 0

/**
 * @param selector the section's CSS class selector, e.g. `.home__studios`
 * @param ready false while content above the section is still loading (its
 *   place on the page is not known yet: a loading placeholder is shorter than
 *   the list it becomes); watching starts once it is true
 * @param aheadPx px below the viewport that already count as seen
 */
export function useSeen(selector: string, ready: boolean = true, aheadPx: number = SEEN_AHEAD_PX): boolean {
  const [seen, setSeen] = useState(false)
  useEffect(() => {
    if (seen || !ready) return undefined
    if (process.env.TARO_ENV === 'weapp' || typeof IntersectionObserver !== 'function' || typeof document === 'undefined') {
      setSeen(true)
      return undefined
    }
    let observer: IntersectionObserver | undefined
    // after the render has reached the DOM
    const timer = setTimeout(() => {
      // Taro's browser build keeps earlier pages in the DOM, hidden: watch the one on screen
      const element = Array.from(document.querySelectorAll(selector)).find((e) => (e as HTMLElement).offsetParent !== null || e.getClientRects().length > 0) ?? document.querySelector(selector)
      if (!element) {
        setSeen(true)
        return
      }
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting || e.intersectionRatio > 0)) {
            setSeen(true)
            observer?.disconnect()
          }
        },
        { rootMargin: `0px 0px ${aheadPx}px 0px` }
      )
      observer.observe(element)
    }, 0)
    return () => {
      clearTimeout(timer)
      observer?.disconnect()
    }
  }, [selector, aheadPx, seen, ready])
  return seen
}

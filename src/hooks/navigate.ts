/**
 * The one way pages open another page (issue 13 item 11: navigation never
 * dead-ends). WeChat keeps at most 10 pages on its stack and `navigateTo`
 * fails beyond that; a chain of detail pages opened from one another
 * (topic -> activity -> studio -> activity ...) would reach it. So:
 *  - a tab page (the tab bar in app.config.ts) opens with `switchTab` (its
 *    query string is dropped: WeChat refuses one on a tab page);
 *  - with {@link REDIRECT_DEPTH} or more pages on the stack, or when the
 *    caller asks to replace the current page, `redirectTo` (the current page
 *    is replaced, the stack does not grow);
 *  - otherwise `navigateTo`; if that still fails for the stack limit, the
 *    page is opened with `redirectTo` instead.
 * A navigation that fails anyway is shown to the person as a toast in
 * Chinese, never swallowed.
 */
import Taro from '@tarojs/taro'

/** WeChat's page stack limit (pages). */
export const PAGE_STACK_LIMIT = 10
/** From this many pages on the stack, a new page replaces the current one. */
export const REDIRECT_DEPTH = PAGE_STACK_LIMIT - 1

/** Tab pages, as in app.config.ts `tabBar.list` (a page test checks they match). */
export const TAB_PAGES = ['/pages/index/index', '/pages/consult/index', '/pages/opinion/index', '/pages/mine/index'] as const

/** What the person sees when a page cannot be opened. */
export const NAVIGATION_FAILED = '页面打开失败，请稍后重试'

export interface NavigateOptions {
  /** Replace the current page (after a form is done, or a merged topic). */
  replace?: boolean
}

function stackDepth(): number {
  try {
    return Taro.getCurrentPages?.().length ?? 0
  } catch {
    return 0
  }
}

function errorText(error: unknown): string {
  return String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? error)
}

/**
 * Opens `url` (an absolute page path with an optional query, e.g.
 * `/pages/topic/index?id=t-1`). Resolves true when the page opened, false
 * after the person was shown {@link NAVIGATION_FAILED}; never rejects.
 */
export async function navigate(url: string, options: NavigateOptions = {}): Promise<boolean> {
  const path = url.split('?')[0]
  try {
    if ((TAB_PAGES as readonly string[]).includes(path)) {
      await Taro.switchTab({ url: path })
    } else if (options.replace || stackDepth() >= REDIRECT_DEPTH) {
      await Taro.redirectTo({ url })
    } else {
      try {
        await Taro.navigateTo({ url })
      } catch (error) {
        // the stack filled up some other way (e.g. opened from a share card)
        if (!/limit/i.test(errorText(error))) throw error
        await Taro.redirectTo({ url })
      }
    }
    return true
  } catch (error) {
    console.warn(`navigation to ${url} failed: ${errorText(error)}`)
    void Promise.resolve(Taro.showToast?.({ title: NAVIGATION_FAILED, icon: 'none' })).catch(() => undefined)
    return false
  }
}

/** `onClick={go(url)}`: a handler that opens `url` with {@link navigate}. */
export function go(url: string, options?: NavigateOptions): () => void {
  return () => void navigate(url, options)
}

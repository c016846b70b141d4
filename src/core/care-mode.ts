/**
 * Care mode (长辈模式, issue 12 item 6): the rule, without Taro, so pages,
 * hooks and tests share it. The hook is src/hooks/useCareMode.ts.
 */

/** Storage key of the person's own choice ('on' | 'off'; missing: follow WeChat's font size). */
export const CARE_MODE_STORAGE_KEY = 'app.careMode'

/** WeChat's standard text size (`fontSizeSetting`, px). */
export const STANDARD_FONT_SIZE = 17

/** What the page needs: whether care mode is on, the text scale, and why. */
export interface CareModeState {
  /** Care mode is on (choice in 我的, or WeChat's large text). */
  care: boolean
  /** Text scale for `--app-font-scale`: iOS `fontSizeSetting / 17` clamped to [1, 2], else 1. */
  scale: number
  /** WeChat's font size is larger than standard. */
  largeText: boolean
  /** The person's stored choice, or null while care mode follows WeChat. */
  choice: boolean | null
}

export interface FontInfo {
  fontSizeSetting?: number
  platform?: string
}

/**
 * Care mode from WeChat's font information and the stored choice (pure: the
 * rule the hook applies). `fontSizeSetting` in px; `platform` as WeChat names
 * it ('ios', 'android', 'devtools', 'windows', …).
 */
export function careModeFrom(info: FontInfo, choice: boolean | null): CareModeState {
  const setting = info.fontSizeSetting
  const largeText = typeof setting === 'number' && setting > STANDARD_FONT_SIZE
  const scale = typeof setting === 'number' && setting > 0 && info.platform !== 'android' ? Math.min(2, Math.max(1, setting / STANDARD_FONT_SIZE)) : 1
  return { care: choice ?? largeText, scale, largeText, choice }
}

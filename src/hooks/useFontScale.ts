import { useMemo } from 'react'
import Taro from '@tarojs/taro'

/** WeChat's standard text size on iOS (`fontSizeSetting`, px). */
const STANDARD_FONT_SIZE = 17

/**
 * Text scale from the user's WeChat font setting (care mode / 字体大小):
 * `fontSizeSetting / 17`, clamped to [1, 2]. iOS reports the setting here and
 * leaves scaling to the page; Android WeChat scales page text itself, so this
 * returns 1 there and we must not block it (no `text-size-adjust: none`).
 * Every font size in our SCSS is `calc(<px> * var(--app-font-scale, 1))`
 * (see `src/components/theme.scss`), and `PageShell` sets the variable.
 */
export function useFontScale(): number {
  return useMemo(() => {
    try {
      const info = Taro.getSystemInfoSync?.() as { fontSizeSetting?: number; platform?: string } | undefined
      const setting = info?.fontSizeSetting
      if (!setting || info?.platform === 'android') return 1
      return Math.min(2, Math.max(1, setting / STANDARD_FONT_SIZE))
    } catch {
      return 1
    }
  }, [])
}

/**
 * Care mode (长辈模式, issue 12 item 6): larger text, bigger tap targets,
 * higher contrast and simpler lists on every page.
 *
 * On by the person's choice in 我的 (remembered on this device in storage
 * under `CARE_MODE_STORAGE_KEY`: 'on' | 'off'), or, until they choose, when
 * WeChat's own font size (设置 > 通用 > 字体大小, `fontSizeSetting` in px)
 * is larger than standard, on iOS and Android alike. iOS leaves text scaling
 * to the page, so there the text is also scaled by `fontSizeSetting / 17`;
 * Android WeChat already enlarges page text itself, so the scale stays 1 there
 * (scaling again would double it). PageShell puts the class `app-care` and
 * `--app-font-scale` on every page's root; the floors are in src/app.scss.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { CARE_MODE_STORAGE_KEY, careModeFrom, type CareModeState, type FontInfo } from '../core/care-mode'

export { CARE_MODE_STORAGE_KEY, STANDARD_FONT_SIZE, careModeFrom } from '../core/care-mode'
export type { CareModeState } from '../core/care-mode'

/** WeChat's font size and platform (`getAppBaseInfo` + `getDeviceInfo`, or the older `getSystemInfoSync`). */
function readFontInfo(): FontInfo {
  try {
    const t = Taro as unknown as { getAppBaseInfo?: () => FontInfo; getDeviceInfo?: () => FontInfo }
    const base = typeof t.getAppBaseInfo === 'function' ? t.getAppBaseInfo() : undefined
    const device = typeof t.getDeviceInfo === 'function' ? t.getDeviceInfo() : undefined
    if (base?.fontSizeSetting && device?.platform) return { fontSizeSetting: base.fontSizeSetting, platform: device.platform }
    const info = Taro.getSystemInfoSync?.() as FontInfo | undefined
    return { fontSizeSetting: base?.fontSizeSetting ?? info?.fontSizeSetting, platform: device?.platform ?? info?.platform }
  } catch {
    return {}
  }
}

function readChoice(): boolean | null {
  try {
    const stored: unknown = Taro.getStorageSync(CARE_MODE_STORAGE_KEY)
    return stored === 'on' ? true : stored === 'off' ? false : null
  } catch {
    return null
  }
}

let current: CareModeState | null = null
const listeners = new Set<(s: CareModeState) => void>()

/** The current care-mode state (read once, then kept in memory). */
export function careMode(): CareModeState {
  if (!current) current = careModeFrom(readFontInfo(), readChoice())
  return current
}

/**
 * Switches care mode on or off by the person's choice (stored on this device)
 * and updates every open page; `null` forgets the choice (follow WeChat again).
 */
export function setCareMode(on: boolean | null): void {
  try {
    if (on === null) Taro.removeStorageSync(CARE_MODE_STORAGE_KEY)
    else Taro.setStorageSync(CARE_MODE_STORAGE_KEY, on ? 'on' : 'off')
  } catch {
    /* storage full or unavailable: still switch for this session */
  }
  current = careModeFrom(readFontInfo(), on)
  for (const listener of listeners) listener(current)
}

/** For tests: forget the in-memory state so the next read sees storage and WeChat again. */
export function resetCareModeForTests(): void {
  current = null
}

/** Care mode for a page or component; re-renders when the person switches it in 我的. */
export function useCareMode(): CareModeState & { setCare: (on: boolean | null) => void } {
  const [state, setState] = useState(careMode)
  useEffect(() => {
    listeners.add(setState)
    setState(careMode())
    return () => {
      listeners.delete(setState)
    }
  }, [])
  return { ...state, setCare: setCareMode }
}

/**
 * Recent searches of the 搜索 page, kept on this device only (storage key
 * {@link RECENT_KEY}): newest first, at most {@link RECENT_MAX}, no repeats.
 * Nothing is sent to the server.
 */
import Taro from '@tarojs/taro'

export const RECENT_KEY = 'search.recent'
export const RECENT_MAX = 8

/** The kept searches (an unreadable or foreign value reads as none). */
export function readRecent(): string[] {
  try {
    const stored: unknown = Taro.getStorageSync(RECENT_KEY)
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string' && s.length > 0).slice(0, RECENT_MAX) : []
  } catch {
    return []
  }
}

/** Puts `text` first and returns the new list (a failed write keeps the list on screen only). */
export function rememberSearch(text: string): string[] {
  const next = [text, ...readRecent().filter((s) => s !== text)].slice(0, RECENT_MAX)
  try {
    Taro.setStorageSync(RECENT_KEY, next)
  } catch {
    // storage full or refused: the list still shows for this visit
  }
  return next
}

/** Forgets every kept search. */
export function clearRecent(): void {
  try {
    Taro.removeStorageSync(RECENT_KEY)
  } catch {
    // nothing kept
  }
}

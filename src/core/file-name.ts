/**
 * The name shown beside a file a person attached (proposal attachments and
 * reply letters, 社情民意 evidence): the person's own file name where the
 * platform gives one (WeChat's chooseMessageFile, a browser's File), never a
 * stand-in such as 图片 (issue 12, the H5 build). Cleaned by the one text
 * rule (src/core/text.ts): no folders, control or zero-width characters;
 * at most `max` characters as people count them (graphemes), cut inside the
 * name so the extension stays (`很长的名字…报告.pdf`).
 */
import { cleanText, clampCharacters, countCharacters } from './text'

/** Longest name kept (characters), as the server's `attachmentNames` limit. */
export const FILE_NAME_MAX = 60

/**
 * `raw` (a file name, or a path whose last part is the name) made fit to
 * show and store; `fallback` when nothing readable is left (e.g. 附件.pdf).
 */
export function fileDisplayName(raw: string | undefined, fallback: string, max: number = FILE_NAME_MAX): string {
  const last = (raw ?? '').split(/[\\/]/).pop() ?? ''
  const name = cleanText(last)
  if (!name || /^\.+$/.test(name)) return clampCharacters(fallback, max)
  if (countCharacters(name) <= max) return name
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? ''
  const base = name.slice(0, name.length - ext.length)
  return `${clampCharacters(base, Math.max(1, max - ext.length - 1))}…${ext}`
}

/** The extension of a file name, lower case without the dot (`pdf`), or `fallback`. */
export function fileExtension(name: string, fallback: string): string {
  return /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? fallback
}

/**
 * Picking one document to attach (proposal attachments and reply letters,
 * 社情民意 evidence), keeping the person's own file name:
 * - in the mini-program, WeChat's `chooseMessageFile` (files from a chat),
 *   whose result carries the name;
 * - in the browser build, a file input limited to the same extensions: a
 *   `File` has its name (Taro's H5 `chooseImage` offers images only and
 *   its stand-in names made every attachment read 图片).
 * The name is cleaned and cut as people count characters
 * (src/core/file-name.ts). The privacy agreement is asked first (WeChat
 * counts a file pick as a photo-album access).
 */
import Taro from '@tarojs/taro'
import { fileDisplayName } from '../core/file-name'
import { requirePrivacy } from './privacy'

/** A file the person picked: a local path (or browser object URL), its shown name and its size in bytes. */
export interface PickedFile {
  path: string
  name: string
  size: number
}

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp']

/** A browser file input's pick: the File, or null when the person cancelled. */
function browserPick(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    const done = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => done(null), { once: true })
    document.body.appendChild(input)
    input.click()
  })
}

/**
 * Lets the person pick one file with one of `extensions` (lower case, no
 * dot). Answers null when cancelled, declined or unavailable; `fallbackName`
 * (e.g. 附件) only when the platform gives no usable name.
 */
export async function pickFile(options: { extensions: string[]; fallbackName: string }): Promise<PickedFile | null> {
  try {
    if (!(await requirePrivacy())) return null
    if (process.env.TARO_ENV === 'h5') {
      const file = await browserPick(options.extensions.map((e) => `.${e}`).join(','))
      if (!file) return null
      return { path: URL.createObjectURL(file), name: fileDisplayName(file.name, options.fallbackName), size: file.size }
    }
    const withImages = options.extensions.some((e) => IMAGE_EXTENSIONS.includes(e))
    const res = await Taro.chooseMessageFile({ count: 1, type: withImages ? 'all' : 'file', extension: options.extensions })
    const f = res.tempFiles[0]
    return f ? { path: f.path, name: fileDisplayName(f.name, options.fallbackName), size: f.size } : null
  } catch {
    return null
  }
}

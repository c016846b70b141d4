/**
 * Every export button's one path to a real file (issue 14 item 3): the
 * action answers a temporary URL of a cloud file; the console fetches it and
 * saves it under a readable Chinese name (e.g. `社情民意-2025年.xlsx`,
 * `提案汇编-十五届四次会议.docx`) through an object URL and an `<a download>`.
 * A fetch that fails throws an Error with a Chinese message (the screen shows it).
 */
import { saveUrlAs } from '../../src/core/save-url'

/** Characters Windows refuses in file names, replaced by '-'. */
const BAD_NAME = /[\\/:*?"<>|\u0000-\u001f]+/g

/** `name` made safe as a file name, with `ext` ('xlsx', 'docx') unless it already ends so. */
export function fileName(name: string, ext: string): string {
  const clean = name.replace(BAD_NAME, '-').trim() || '导出文件'
  return clean.toLowerCase().endsWith(`.${ext}`) ? clean : `${clean}.${ext}`
}

/**
 * Fetches `url` (the export's temporary URL) and saves it as `name` + `.ext`.
 * Resolves with the bytes saved.
 */
export async function saveExport(url: string, name: string, ext: 'xlsx' | 'docx'): Promise<number> {
  return saveUrlAs(url, fileName(name, ext))
}

/**
 * Opens one of the year's exports (year.export answers a temporary URL of a
 * cloud file): on the phone WeChat downloads it and opens its document
 * viewer (shareable from there, as the proposal and 社情民意 exports do); on
 * H5 the file is fetched and saved under a Chinese name, e.g.
 * `2026年度工作数据.xlsx`, through an object URL and an `<a download>`.
 * A failure throws an Error with a Chinese message (the page shows it).
 */
import Taro from '@tarojs/taro'
import { saveUrlAs } from '../core/save-url'

/** The saved file's name: `2026年度工作数据.xlsx` / `.docx`. */
export function exportFileName(year: number, format: 'xlsx' | 'docx'): string {
  return `${year}年度工作数据.${format}`
}

export async function openExport(url: string, year: number, format: 'xlsx' | 'docx'): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const file = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: format, showMenu: true })
    return
  }
  await saveUrlAs(url, exportFileName(year, format))
}

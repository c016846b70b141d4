/**
 * Opens a bulletin's .docx: asks the server for a download link
 * (bulletin.download, which writes the audit log), then on the phone
 * downloads and opens it with WeChat's document viewer (shareable from
 * there); on H5 opens the link in a new tab.
 */
import Taro from '@tarojs/taro'
import type { MutationState } from '../../hooks'

export async function openBulletin(download: MutationState<'bulletin.download'>, id: string): Promise<void> {
  try {
    const { url } = await download.run({ id })
    if (process.env.TARO_ENV === 'weapp') {
      const file = await Taro.downloadFile({ url })
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'docx', showMenu: true })
    } else if (typeof window !== 'undefined') {
      window.open(url, '_blank')
    }
  } catch (e) {
    if (!download.error) void Taro.showToast({ title: (e as Error).message || '打开失败', icon: 'none' }).catch(() => undefined)
  }
}

/**
 * The console's one way to send a file (issue 14): the browser cannot write
 * to cloud storage, so the file's bytes go to `console.upload` over the HTTP
 * access service (base64 in the JSON body). The server checks the size and
 * the type by content and answers a file ID under a neutral folder that only
 * this person can use in the next step (e.g. `user.importRoster`).
 */
import { CONSOLE_UPLOAD_MAX_BYTES, type ConsoleUploadKind, type ConsoleUploadOutput } from '../../src/core/actions/console'
import { call } from '../../src/services'

/** The file as base64 (no `data:` prefix). */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(new Error('文件读取失败，请重新选择'))
    reader.readAsDataURL(file)
  })
}

/**
 * Uploads `file` as `kind`; resolves with the stored file. Throws an Error
 * with a Chinese message when the file is over 4 MB (before sending), or the
 * server's AppError (FILE.WRONG_TYPE, FILE.TOO_LARGE, …).
 */
export async function uploadFromConsole(file: File, kind: ConsoleUploadKind): Promise<ConsoleUploadOutput> {
  if (file.size > CONSOLE_UPLOAD_MAX_BYTES) throw new Error(`文件不能超过 ${CONSOLE_UPLOAD_MAX_BYTES / 1024 / 1024} MB`)
  const content = await base64Of(file)
  return call('console.upload', { kind, name: file.name.slice(0, 100) || '未命名文件', content })
}

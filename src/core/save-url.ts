/**
 * Saves a file from a URL in a browser (the H5 build and the desk console):
 * fetches `url` (an export's temporary cloud-file URL), then saves the bytes
 * as `name` through an object URL and an `<a download>`. Resolves with the
 * bytes saved. Throws an Error with a Chinese message when the fetch fails
 * (network) or the link answers an error (expired): the screen shows it.
 */
export async function saveUrlAs(url: string, name: string): Promise<number> {
  let res: Response
  try {
    res = await fetch(url)
  } catch {
    throw new Error('文件下载失败，请检查网络后重试')
  }
  if (!res.ok) throw new Error('文件链接已失效，请重新导出')
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = href
    a.download = name
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    // The click starts the download synchronously; revoke on the next turn.
    setTimeout(() => URL.revokeObjectURL(href), 1000)
  }
  return blob.size
}

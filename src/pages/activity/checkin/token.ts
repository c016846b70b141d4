/**
 * Reads the check-in token from what opened the page or what the camera
 * scanned. The venue code is a mini-program code whose scene is the token:
 * opened from WeChat's scanner, the page gets `scene` (URL-encoded); scanned
 * in the app, `scanCode` answers `path` (`pages/activity/checkin/index?scene=…`)
 * or the raw text.
 */
const TOKEN = /^[A-Za-z0-9]{6,32}$/

export function tokenFromScan(input: { scene?: string; path?: string; result?: string; token?: string } | undefined): string | undefined {
  if (!input) return undefined
  const candidates: string[] = []
  if (input.token) candidates.push(input.token)
  if (input.scene) candidates.push(decodeURIComponent(input.scene))
  for (const text of [input.path, input.result]) {
    if (!text) continue
    const m = /[?&]scene=([^&]+)/.exec(text)
    if (m) candidates.push(decodeURIComponent(m[1]))
    else candidates.push(text)
  }
  return candidates.find((c) => TOKEN.test(c))
}

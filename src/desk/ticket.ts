/**
 * Reads the console login ticket from what opened the page: WeChat's scanner
 * opens `desk/login/index?scene=<ticket>` (URL-encoded); the app's own
 * scanner answers the code's `path` or raw text.
 */
const TICKET = /^[A-Za-z0-9_-]{22}$/

export function ticketFromScan(input: { scene?: string; path?: string; result?: string; ticket?: string } | undefined): string | undefined {
  if (!input) return undefined
  const candidates: string[] = []
  if (input.ticket) candidates.push(input.ticket)
  if (input.scene) candidates.push(decodeURIComponent(input.scene))
  for (const text of [input.path, input.result]) {
    if (!text) continue
    const m = /[?&]scene=([^&]+)/.exec(text)
    candidates.push(m ? decodeURIComponent(m[1]) : text)
  }
  return candidates.find((c) => TICKET.test(c))
}

/**
 * The console's transport for the one typed client (src/services): every
 * action goes to `POST /api/<function>` on the console's own origin — the
 * cloud's HTTP access service in production, the local cloud through
 * `npm start`'s console server — with the session token in the
 * `x-console-session` header. Identity is never in the body.
 * A reply saying the session is gone (AUTH.SESSION_*) signs the console out.
 */
import { SESSION_HEADER } from '../../src/core/actions/console'
import { setTransport, type Transport } from '../../src/services'
import { session } from './session'

const SESSION_GONE = new Set(['AUTH.SESSION_REQUIRED', 'AUTH.SESSION_EXPIRED', 'AUTH.SESSION_REVOKED'])

export const consoleTransport: Transport = {
  async callFunction({ fn, action, payload, requestId }) {
    const token = session.token()
    const res = await fetch(`api/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [SESSION_HEADER]: token } : {}) },
      body: JSON.stringify({ action, payload, requestId })
    })
    const text = await res.text()
    let reply: unknown
    try {
      reply = JSON.parse(text)
    } catch {
      throw new Error(`HTTP ${res.status}`)
    }
    const code = (reply as { ok?: boolean; error?: { code?: string } })?.error?.code
    if (token && code && SESSION_GONE.has(code)) session.end(code)
    return reply
  },
  async uploadFile() {
    throw new Error('上传文件请使用小程序')
  }
}

export function installConsoleTransport(): void {
  setTransport(consoleTransport)
}

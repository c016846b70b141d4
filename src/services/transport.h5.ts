/**
 * H5 transport: HTTP to the local cloud emulator,
 * `POST <cloudUrl>/functions/<fn>` with the event as JSON body. In
 * development builds the persona switcher's OPENID goes in the
 * `x-wx-openid` header (the emulator, in development mode, puts it into the
 * WX context); production builds compile that branch away.
 */
import type { Transport } from './transports'
import { cloudConfig } from './cloud-config'

function identityHeaders(): Record<string, string> {
  if (process.env.NODE_ENV === 'development') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const store = require('../dev/persona-store') as typeof import('../dev/persona-store')
    return { 'x-wx-openid': store.currentOpenid() }
  }
  return {}
}

export const h5Transport: Transport = {
  async callFunction({ fn, action, payload, requestId }) {
    const { url } = cloudConfig()
    const res = await fetch(`${url}/functions/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identityHeaders() },
      body: JSON.stringify({ action, payload, requestId })
    })
    const text = await res.text()
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`)
    }
  },
  async uploadFile(file, cloudPath) {
    const { url } = cloudConfig()
    const body = typeof file === 'string' ? await (await fetch(file)).blob() : file
    const res = await fetch(`${url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': body.type || 'application/octet-stream', ...identityHeaders() },
      body
    })
    if (!res.ok) throw new Error(`upload failed: HTTP ${res.status}`)
    const json = (await res.json()) as { fileID?: string }
    if (!json.fileID) throw new Error('upload reply has no fileID')
    return { fileID: json.fileID }
  }
}

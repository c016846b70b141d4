/**
 * Where the H5 build finds the local cloud, at RUNTIME: `/cloud-config.js`
 * (served by scripts/serve-h5.ts, loaded by src/index.html before the app)
 * sets `window.__CLOUD_CONFIG__ = {url, envId}`. Falls back to the page's own
 * origin so a same-origin proxy also works.
 */
export interface CloudConfig {
  /** Base URL of the emulator, without trailing slash, e.g. `http://127.0.0.1:3901`. */
  url: string
  envId: string
}

export function cloudConfig(): CloudConfig {
  const w = typeof window !== 'undefined' ? window : undefined
  const given = w?.__CLOUD_CONFIG__
  const url = (given?.url ?? w?.location?.origin ?? '').replace(/\/+$/, '')
  return { url, envId: given?.envId ?? CLOUD_ENV_ID }
}

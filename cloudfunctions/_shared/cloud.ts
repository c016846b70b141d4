/**
 * The one place a cloud function touches `wx-server-sdk` set-up. In
 * production the SDK finds the env from the function's own environment
 * (`DYNAMIC_CURRENT_ENV`); locally the emulator points it at itself through
 * the variables described in architecture.md ("The local cloud").
 */
import cloud from 'wx-server-sdk'

let initialised = false

export function getCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

// The SDK's database typings are loose; these aliases keep call sites readable.
export type Database = ReturnType<typeof cloud.database>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Transaction = any

export function getDb(): Database {
  return getCloud().database()
}

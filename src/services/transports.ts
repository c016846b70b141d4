/**
 * What a transport does: deliver `{action, payload, requestId}` to a cloud
 * function and hand back its raw reply, and upload a file to cloud storage.
 * Two implementations: `transport.weapp.ts` (Taro.cloud) and `transport.h5.ts`
 * (HTTP to the local cloud emulator). Tests inject a fake with `setTransport`.
 *
 * This file must not be called `transport.ts`: Taro resolves `./transport`
 * to `transport.h5.ts` / `transport.weapp.ts` on those platforms (its
 * multi-platform file convention), which would hide this module.
 */
import type { FunctionEvent } from '../core/contract'

export interface TransportRequest extends FunctionEvent {
  /** Cloud function name (`ActionSpec.fn`). */
  fn: string
  requestId: string
}

export interface UploadResult {
  /** Cloud file id (`cloud://...`), what actions accept as a file reference. */
  fileID: string
}

export interface Transport {
  /**
   * Resolves with the function's reply (normally the envelope
   * `{ok, data} | {ok: false, error}`). Rejects only when the reply never
   * arrived (network, platform error): `call` maps that to `COMMON.NETWORK`.
   */
  callFunction(request: TransportRequest): Promise<unknown>
  /**
   * Uploads a file. `file` is a local path (weapp temp path, H5 `blob:` URL)
   * or a Blob (H5 only). `cloudPath` is the storage path, e.g.
   * `opinions/2026/abc.jpg`.
   */
  uploadFile(file: string | Blob, cloudPath: string): Promise<UploadResult>
}

let current: Transport | undefined

/** Replaces the transport (tests, or a page harness). `undefined` restores the platform default. */
export function setTransport(transport: Transport | undefined): void {
  current = transport
}

/**
 * The transport in use: the injected one, else the platform's. The choice is
 * made on `process.env.TARO_ENV`, which the build replaces with a literal, so
 * the other transport is not in the bundle.
 */
export function getTransport(): Transport {
  if (current) return current
  if (process.env.TARO_ENV === 'h5') {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    current = (require('./transport.h5') as typeof import('./transport.h5')).h5Transport
  } else {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    current = (require('./transport.weapp') as typeof import('./transport.weapp')).weappTransport
  }
  return current!
}

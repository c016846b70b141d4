/**
 * The one typed client. Pages call `call('studio.list', {limit: 10})` and get
 * the action's output, or an `AppError` with a code from src/core/errors.ts
 * and a Chinese message. Pages never touch `Taro.cloud` or function code.
 */
import { actions, isMutating, type ActionInput, type ActionName, type ActionOutput } from '../core/contract'
import { AppError, errorMessages, messageFor, type ErrorCode } from '../core/errors'
import { getTransport } from './transports'
import { publishChange, touchedBy } from './changes'

export { AppError } from '../core/errors'
export { setTransport, getTransport } from './transports'
export type { Transport, TransportRequest, UploadResult } from './transports'
export { areaOf, changeVersion, changedSince, needsReload, onChange, publishChange, shownBy, STALE_AFTER_MS, touchedBy } from './changes'

export interface CallOptions {
  /**
   * Reuse a request id (idempotent retry). Default: a fresh id. For every
   * mutating action (`isMutating(spec)`: `mutates` or `creates` in the
   * contract), pass the id of the failed attempt so the server returns the
   * first answer instead of acting twice (`useMutation` does this).
   */
  requestId?: string
  /** Extra attempts after a network failure, with the same request id. Default 1. */
  networkRetries?: number
  /**
   * Extra attempts after a `COMMON.BUSY` answer (the cloud gave up on a
   * transaction that kept conflicting), with the same request id, after
   * {@link BUSY_PAUSE_MS}. Default 1.
   */
  busyRetries?: number
}

/** Pause before resending a `COMMON.BUSY` answer (ms): 400-800, random, so a crowd does not come back at once. */
export const BUSY_PAUSE_MS = { min: 400, max: 800 }

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A request id: time (ms, base 36) + 10 random base-36 characters, e.g. `mhx2k1p0-4f9z0q7b2c`. */
export function newRequestId(): string {
  const random = Array.from({ length: 10 }, () => Math.floor(Math.random() * 36).toString(36)).join('')
  return `${Date.now().toString(36)}-${random}`
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorMessages, code)
}

/**
 * Calls an action.
 * - Validates `input` with the action's zod schema first (the same rule the
 *   server applies); invalid input rejects with `COMMON.INVALID_INPUT`, the
 *   first issue's Chinese message, and `details` = `[{path, message}]`,
 *   without sending anything.
 * - Sends `{action, payload: input, requestId}` to the action's function.
 * - Resolves with `data` of an `{ok: true}` reply; rejects with
 *   `AppError(code, message, details, requestId)` for `{ok: false}`;
 *   `COMMON.NETWORK` when no reply arrived (after `networkRetries`, same
 *   request id); `COMMON.INTERNAL` for a reply that is not an envelope.
 * - A `COMMON.BUSY` answer is sent once more by itself, with the same
 *   request id, after a pause of 400-800 ms (`busyRetries`); a second
 *   `COMMON.BUSY` rejects.
 * - A mutating action's success publishes the areas it touched on the
 *   change bus (`./changes`), so screens showing them reload when shown again.
 */
export async function call<N extends ActionName>(name: N, input: ActionInput<N>, options: CallOptions = {}): Promise<ActionOutput<N>> {
  const spec = actions[name]
  if (!spec) throw new AppError('COMMON.UNKNOWN_ACTION')
  const parsed = spec.input.safeParse(input)
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    throw new AppError('COMMON.INVALID_INPUT', details[0]?.message ?? undefined, details)
  }
  const requestId = options.requestId ?? newRequestId()
  const busyRetries = Math.max(0, options.busyRetries ?? 1)
  for (let busy = 0; ; busy++) {
    try {
      const out = await callOnce(name, input, requestId, options)
      if (isMutating(spec)) publishChange(touchedBy(name))
      return out
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'COMMON.BUSY' || busy >= busyRetries) throw error
      await pause(BUSY_PAUSE_MS.min + Math.random() * (BUSY_PAUSE_MS.max - BUSY_PAUSE_MS.min))
    }
  }
}

/** One request (with its network retries) and its envelope read; see {@link call}. */
async function callOnce<N extends ActionName>(name: N, input: ActionInput<N>, requestId: string, options: CallOptions): Promise<ActionOutput<N>> {
  const spec = actions[name]
  const attempts = 1 + Math.max(0, options.networkRetries ?? 1)
  let reply: unknown
  let lastError: unknown
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      reply = await getTransport().callFunction({ fn: spec.fn, action: name, payload: input, requestId })
      lastError = undefined
      break
    } catch (error) {
      lastError = error
    }
  }
  if (lastError !== undefined) {
    throw new AppError('COMMON.NETWORK', undefined, { cause: String((lastError as Error)?.message ?? lastError) }, requestId)
  }
  const envelope = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | null
  if (envelope && envelope.ok === true) return envelope.data as ActionOutput<N>
  if (envelope && envelope.ok === false && envelope.error) {
    const code = isErrorCode(envelope.error.code) ? envelope.error.code : 'COMMON.INTERNAL'
    const message = typeof envelope.error.message === 'string' && envelope.error.message ? envelope.error.message : messageFor(code)
    const rid = typeof envelope.error.requestId === 'string' ? envelope.error.requestId : requestId
    throw new AppError(code, message, envelope.error.details, rid)
  }
  throw new AppError('COMMON.INTERNAL', undefined, { reply }, requestId)
}

/**
 * Uploads a file to cloud storage and resolves with its `fileID`
 * (`cloud://...`). `file`: weapp temp path, H5 `blob:` URL or Blob.
 * Network failures reject with `COMMON.NETWORK`.
 */
export async function uploadFile(file: string | Blob, cloudPath: string): Promise<{ fileID: string }> {
  try {
    return await getTransport().uploadFile(file, cloudPath)
  } catch (error) {
    throw new AppError('COMMON.NETWORK', undefined, { cause: String((error as Error)?.message ?? error) })
  }
}

/** Turns anything thrown into an AppError (unknown errors become `COMMON.INTERNAL`). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error && typeof error === 'object' && 'code' in error && isErrorCode((error as { code: unknown }).code)) {
    const e = error as { code: ErrorCode; message?: string }
    return new AppError(e.code, e.message)
  }
  return new AppError('COMMON.INTERNAL')
}

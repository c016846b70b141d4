/**
 * A scripted transport for page tests: each action name maps to a handler
 * returning the data (an `{ok: true}` reply), throwing `replyError(code)`
 * (an `{ok: false}` reply), or throwing anything else (no reply: network).
 * Every request is recorded in `calls`.
 */
import { errorMessages, type ErrorCode } from '@/core/errors'
import { setTransport, type Transport, type TransportRequest } from '@/services'

type Handler = (payload: any, request: TransportRequest) => unknown

export class ReplyError {
  constructor(readonly code: ErrorCode, readonly message: string = errorMessages[code]) {}
}
export const replyError = (code: ErrorCode, message?: string) => new ReplyError(code, message)

export interface FakeTransport extends Transport {
  calls: TransportRequest[]
  handlers: Record<string, Handler>
  callsOf(action: string): TransportRequest[]
}

/** Installs the fake as the client's transport and returns it. */
export function installFakeTransport(handlers: Record<string, Handler>): FakeTransport {
  const fake: FakeTransport = {
    calls: [],
    handlers,
    callsOf: (action) => fake.calls.filter((c) => c.action === action),
    async callFunction(request) {
      fake.calls.push(request)
      const handler = fake.handlers[request.action]
      if (!handler) return { ok: false, error: { code: 'COMMON.UNKNOWN_ACTION', message: errorMessages['COMMON.UNKNOWN_ACTION'], requestId: request.requestId } }
      try {
        const data = await handler(request.payload, request)
        return { ok: true, data, requestId: request.requestId }
      } catch (error) {
        if (error instanceof ReplyError) return { ok: false, error: { code: error.code, message: error.message, requestId: request.requestId } }
        throw error
      }
    },
    async uploadFile() {
      return { fileID: 'cloud://test/file' }
    }
  }
  setTransport(fake)
  return fake
}

/** A promise you resolve later: keeps a page in its loading state. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

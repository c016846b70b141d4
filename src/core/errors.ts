/**
 * Error codes every cloud-function action may return, with the Chinese message
 * a person sees. Codes are `AREA.REASON`; the client branches on the code and
 * shows the message. Each area keeps its codes in `errors/<area>.ts`; add the
 * file's table to `errorMessages` below before returning a code anywhere.
 */
import { commonErrors } from './errors/common'
import { userErrors } from './errors/user'
import { studioErrors } from './errors/studio'
import { activityErrors } from './errors/activity'
import { opinionErrors } from './errors/opinion'
import { consultationErrors } from './errors/consultation'
import { consoleErrors } from './errors/console'
import { proposalErrors } from './errors/proposal'
import { yearErrors } from './errors/year'
import { ledgerErrors } from './errors/ledger'

export const errorMessages = {
  ...commonErrors,
  ...userErrors,
  ...studioErrors,
  ...activityErrors,
  ...consultationErrors,
  ...opinionErrors,
  ...consoleErrors,
  ...proposalErrors,
  ...yearErrors,
  ...ledgerErrors
} as const

export type ErrorCode = keyof typeof errorMessages

/** A failure with a code from {@link errorMessages}; `details` carries field errors or row errors. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  readonly requestId?: string

  constructor(code: ErrorCode, message?: string, details?: unknown, requestId?: string) {
    super(message ?? errorMessages[code])
    this.name = 'AppError'
    this.code = code
    this.details = details
    this.requestId = requestId
  }
}

/** Reply envelope of every cloud-function call (architecture.md, "One request, end to end"). */
export type Envelope<T> =
  | { ok: true; data: T; requestId: string }
  | {
      ok: false
      error: { code: ErrorCode; message: string; requestId: string; details?: unknown }
    }

/** Chinese message for a code, falling back to the generic one. */
export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? errorMessages['COMMON.INTERNAL']
}

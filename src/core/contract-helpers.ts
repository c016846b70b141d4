/** Building blocks of the action contract; see `contract.ts` for the table itself. */
import type { z } from 'zod'
import type { AccessRule } from './roles'

export interface ActionSpec<Input extends z.ZodType = z.ZodType, Output = unknown> {
  /** `area.verb`, e.g. `user.me`. */
  name: string
  /** Cloud function that serves it (folder under `cloudfunctions/`). */
  fn: string
  input: Input
  /** Phantom: never set; carries the output type. */
  output?: Output
  access: AccessRule
  /** One line: what it does, for the README table and the docs. */
  doc: string
  /** True when the action creates something; the client sends a `requestId` for idempotency. Implies `mutates`. */
  creates?: boolean
  /**
   * True when the action changes state (anything a second call could do
   * twice). The client reuses a failed attempt's `requestId` for it, and the
   * server must answer a retry with the same `requestId` as it answered the
   * first time (issue 13, item 3; `test/functions/retry.test.ts`). Actions
   * that create are mutating without saying so: use {@link isMutating}.
   */
  mutates?: boolean
  /**
   * Where the action may be called from (issue 14): `both` (default) — the
   * mini-program (WeChat's identity) or the console (a valid session);
   * `miniprogram` — only with WeChat's identity; `console` — only with a
   * console session; `console-anonymous` — only from the console, before
   * signing in (no identity at all).
   */
  via?: 'both' | 'miniprogram' | 'console' | 'console-anonymous'
}

/** True for every state-changing action: `mutates: true` or `creates: true`. */
export function isMutating(spec: Pick<ActionSpec, 'creates' | 'mutates'>): boolean {
  return spec.mutates === true || spec.creates === true
}

/** Declares an action with its output type: `action<Out>()({...})`. */
export function action<Output>() {
  return <Input extends z.ZodType>(spec: Omit<ActionSpec<Input, Output>, 'output'>): ActionSpec<Input, Output> => spec
}

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
  /** True when the action creates something; the client sends a `requestId` for idempotency. */
  creates?: boolean
  /** True when the action changes state: the client reuses the requestId of a failed attempt. */
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

/** Declares an action with its output type: `action<Out>()({...})`. */
export function action<Output>() {
  return <Input extends z.ZodType>(spec: Omit<ActionSpec<Input, Output>, 'output'>): ActionSpec<Input, Output> => spec
}

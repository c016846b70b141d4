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
}

/** Declares an action with its output type: `action<Out>()({...})`. */
export function action<Output>() {
  return <Input extends z.ZodType>(spec: Omit<ActionSpec<Input, Output>, 'output'>): ActionSpec<Input, Output> => spec
}

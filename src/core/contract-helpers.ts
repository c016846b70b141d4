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

/**
 * What {@link action} accepts: an {@link ActionSpec} whose `input` is the
 * schema itself or a function that builds it (`input: () => z.object(...)`).
 */
export type ActionDeclaration<Input extends z.ZodType, Output> = Omit<ActionSpec<Input, Output>, 'output' | 'input'> & { input: Input | (() => Input) }

/**
 * Declares an action with its output type: `action<Out>()({...})`.
 *
 * `input` is either a zod schema or a function returning one. The function
 * form builds the schema on first use (issue 13 item 10, decision 94): a
 * cloud function's bundle carries every action of its areas, and building
 * all their schemas at module load was a large share of its cold start,
 * while one call needs one schema. `spec.input` is then a memoised getter, so
 * every reader (client, define-function, tests, bad-input harness, README
 * table) reads `spec.input` as before and always gets the same schema
 * object. The getter is enumerable, so a copy (`{ ...spec }`) still has its
 * `input` (and builds it): nothing may copy every spec at module load.
 * @returns the spec, with `input` typed as the schema either way
 */
export function action<Output>() {
  return <Input extends z.ZodType>(spec: ActionDeclaration<Input, Output>): ActionSpec<Input, Output> => {
    const declared = spec.input
    if (typeof declared !== 'function') return spec as ActionSpec<Input, Output>
    let built: Input | undefined
    const out = { ...spec } as Partial<ActionSpec<Input, Output>>
    delete out.input
    Object.defineProperty(out, 'input', {
      get: () => {
        if (built === undefined) built = (declared as () => Input)()
        return built
      },
      enumerable: true,
      configurable: false
    })
    return out as ActionSpec<Input, Output>
  }
}

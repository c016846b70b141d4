/**
 * The action contract: every action the mini-program can call, with its cloud
 * function, input schema, output type, access rule and a one-line doc. The
 * client (`src/services`), the functions (`cloudfunctions/`) and the test
 * harnesses (role × action matrix, bad input) all read this one table.
 *
 * Adding an action: add its schema file under `src/core/actions/`, register
 * it in `actions` below, implement its handler in the function folder.
 */
import type { z } from 'zod'
import { userActions } from './actions/user'
import { studioActions } from './actions/studio'
import { topicActions } from './actions/topic'
import { activityActions } from './actions/activity'
import { opinionActions } from './actions/opinion'
import { consoleActions } from './actions/console'
import { proposalActions } from './actions/proposal'
import { yearActions } from './actions/year'
import { ledgerActions } from './actions/ledger'
import { searchActions } from './actions/search'
export type { ActionSpec } from './contract-helpers'
export { action, isMutating } from './contract-helpers'

export const actions = {
  ...userActions,
  ...studioActions,
  ...topicActions,
  ...activityActions,
  ...opinionActions,
  ...consoleActions,
  ...proposalActions,
  ...yearActions,
  ...ledgerActions,
  ...searchActions
} as const

export type Actions = typeof actions
export type ActionName = keyof Actions
export type ActionInput<N extends ActionName> = z.input<Actions[N]['input']>
export type ParsedInput<N extends ActionName> = z.output<Actions[N]['input']>
export type ActionOutput<N extends ActionName> = NonNullable<Actions[N]['output']>

export const actionNames = Object.keys(actions) as ActionName[]

/** The request a cloud function receives (from either transport). */
export interface FunctionEvent {
  action: string
  payload?: unknown
  /** Client-generated id: correlates logs and makes every mutating action idempotent (a retry reuses it). */
  requestId?: string
}

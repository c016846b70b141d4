/**
 * A valid example input for every action in the contract, run against the
 * demo county. The role × action matrix and the bad-input harness use these;
 * they fail when an action has no sample, so every new action plugs in.
 * Each area keeps its samples in samples/<area>.ts.
 */
import type { ActionName } from '../../src/core/contract'
import { userSamples } from './samples/user'
import { activitySamples } from './samples/activity'
import { studioSamples } from './samples/studio'
import { consultationSamples } from './samples/consultation'
import { opinionSamples } from './samples/opinion'
import { consoleSamples } from './samples/console'
import { proposalSamples } from './samples/proposal'
import { yearSamples } from './samples/year'
import { ledgerSamples } from './samples/ledger'
import { searchSamples } from './samples/search'

export const samples: Partial<Record<ActionName, unknown>> & Record<string, unknown> = {
  ...userSamples,
  ...activitySamples,
  ...studioSamples,
  ...consultationSamples,
  ...opinionSamples,
  ...consoleSamples,
  ...proposalSamples,
  ...yearSamples,
  ...ledgerSamples,
  ...searchSamples
}

/**
 * The year's figures (issue 10): every definition in src/core/figures.ts
 * computed from the records, one aggregate or count per source kind, shared
 * by all the figures of that kind:
 *
 *   activities   1 aggregate (finalized, started in the year, by type + kind)
 *   outcomes     1 aggregate (by kind: suggestions, opinions, people served)
 *   records      4 counts (subjects, reports, designations, contacts)
 *   consultation 3 (cloudfunctions/_shared/year-counts.ts, as topic.counts)
 *   opinion      5 (the same file, as opinion.stats)
 *   informants   1 count, studios 1 count
 *   proposals    3 counts (once the proposal area is merged)
 *
 * = 19 DB operations per year whatever the number of records; `year.figures`
 * computes the year and the year before in parallel (38).
 */
import type { YearFigures } from '../../src/core/actions/year'
import { defaultKindOf, type ActivityKind, type ActivityType } from '../../src/core/actions/activity'
import { figureGroupLabels, figureGroups, figures, pendingSources, yearCollections, type FigureDefinition, type OutcomeField } from '../../src/core/figures'
import { beijingYear } from '../../src/core/time'
import type { Database } from '../_shared/cloud'
import type { HandlerContext } from '../_shared/define-function'
import { consultationYearCounts, opinionYearCounts } from '../_shared/year-counts'

/** Everything a year's figures are read from. */
export interface YearTotals {
  year: number
  activities: Map<ActivityKind, { n: number; attended: number }>
  outcomes: Map<ActivityKind, Record<OutcomeField, number>>
  records: { subjects: number; reports: number; designations: number; contacts: number }
  consultation: Awaited<ReturnType<typeof consultationYearCounts>>
  opinion: Awaited<ReturnType<typeof opinionYearCounts>>
  informants: number
  studios: number
  /** Null where the `proposals` collection does not exist (an environment without the proposal area). */
  proposals: { received: number; filed: number; replyRate: number } | null
}

type Listed<T> = { list?: T[] }
const total = (r: unknown) => (r as { total: number }).total

/** Where-condition of the activities the figures count: finalized and started in the Beijing year. */
export function countedActivitiesWhere(db: Database, year: number): Record<string, unknown> {
  const _ = db.command
  const { start, end } = beijingYear(year)
  return { state: 'finalized', startAt: _.gte(start).and(_.lt(end)) }
}

/** Proposal states that count as replied (办复), as the proposal area's own figures count them. */
export const REPLIED_PROPOSAL_STATES = ['replied', 'rehandling', 'closed']

/**
 * Proposal figures of a Beijing year of submission, with the proposal area's
 * rules (cloudfunctions/proposal/stats.ts `countBlock`): received =
 * submitted (`submittedAt` set), filed = given a number, replied = filed and
 * in a replied state; replyRate in percent. 3 counts. Null when the
 * `proposals` collection does not exist yet (figures show pendingSources).
 * Next step (decision 43): `proposal.stats` and this share one definition.
 */
export async function proposalYearCounts(db: Database, year: number): Promise<YearTotals['proposals']> {
  const _ = db.command
  const proposals = db.collection('proposals')
  try {
    // the first count alone: without the collection it fails and the others are not sent
    const received = await proposals.where({ year, submittedAt: _.exists(true) }).count()
    const [filed, replied] = await Promise.all([
      proposals.where({ year, submittedAt: _.exists(true), number: _.gt(0) }).count(),
      proposals.where({ year, submittedAt: _.exists(true), number: _.gt(0), state: _.in(REPLIED_PROPOSAL_STATES) }).count()
    ])
    const f = total(filed)
    return { received: total(received), filed: f, replyRate: f ? (total(replied) / f) * 100 : 0 }
  } catch (error) {
    if (/COLLECTION_NOT_EXIST|not exist/i.test(String((error as { errCode?: unknown; message?: string })?.message ?? error))) return null
    throw error
  }
}

/** Reads the totals of one Beijing year: 19 DB operations. */
export async function yearTotals(db: Database, year: number, now: Date): Promise<YearTotals> {
  const _ = db.command
  const $ = db.command.aggregate
  const { end } = beijingYear(year)
  const countYear = (collection: string) => db.collection(collection).where({ year }).count()
  const [acts, outs, subjects, reports, designations, contacts, consultation, opinion, informants, studios, proposals] = await Promise.all([
    db
      .collection('activities')
      .aggregate()
      .match(countedActivitiesWhere(db, year))
      .group({ _id: { type: '$type', kind: '$kind' }, n: $.sum(1), attended: $.sum('$attendance.attended') })
      .limit(1000)
      .end(),
    db
      .collection(yearCollections.outcomes)
      .aggregate()
      .match({ year })
      .group({ _id: '$kind', suggestions: $.sum('$suggestions'), opinions: $.sum('$opinions'), peopleServed: $.sum('$peopleServed') })
      .limit(1000)
      .end(),
    countYear(yearCollections.subjects),
    countYear(yearCollections.reports),
    countYear(yearCollections.designations),
    countYear(yearCollections.contacts),
    consultationYearCounts(db, year, now),
    opinionYearCounts(db, year),
    db.collection('users').where({ grants: _.elemMatch({ role: 'informant', grantedAt: _.lt(end) }) }).count(),
    db.collection('studios').where({ createdAt: _.lt(end) }).count(),
    proposalYearCounts(db, year)
  ])
  const activities = new Map<ActivityKind, { n: number; attended: number }>()
  for (const row of (acts as Listed<{ _id: { type: ActivityType; kind?: ActivityKind }; n: number; attended: number }>).list ?? []) {
    const kind = defaultKindOf(row._id.type, row._id.kind)
    const sum = activities.get(kind) ?? { n: 0, attended: 0 }
    activities.set(kind, { n: sum.n + row.n, attended: sum.attended + (row.attended ?? 0) })
  }
  const outcomes = new Map<ActivityKind, Record<OutcomeField, number>>()
  for (const row of (outs as Listed<{ _id: ActivityKind } & Record<OutcomeField, number>>).list ?? []) {
    outcomes.set(row._id, { suggestions: row.suggestions ?? 0, opinions: row.opinions ?? 0, peopleServed: row.peopleServed ?? 0 })
  }
  return {
    year,
    activities,
    outcomes,
    records: { subjects: total(subjects), reports: total(reports), designations: total(designations), contacts: total(contacts) },
    consultation,
    opinion,
    informants: total(informants),
    studios: total(studios),
    proposals
  }
}

/** One figure's value from a year's totals; null when its source is not connected (pendingSources). */
export function valueOf(figure: FigureDefinition, t: YearTotals): number | null {
  const s = figure.source
  switch (s.from) {
    case 'activities':
      return s.kinds.reduce((sum, k) => sum + (s.measure === 'count' ? t.activities.get(k)?.n ?? 0 : t.activities.get(k)?.attended ?? 0), 0)
    case 'outcomes':
      return s.kinds.reduce((sum, k) => sum + (t.outcomes.get(k)?.[s.field] ?? 0), 0)
    case 'records':
      return t.records[s.collection]
    case 'consultation':
      return t.consultation[s.field]
    case 'opinion':
      if (s.field === 'cityAdopted') return t.opinion.upward.city.adopted
      if (s.field === 'provinceAdopted') return t.opinion.upward.province.adopted
      return t.opinion[s.field]
    case 'informants':
      return t.informants
    case 'studios':
      return t.studios
    case 'proposals':
      return t.proposals ? t.proposals[s.field] : null
  }
}

/** Every figure of `year` and the year before, in the review's order. */
export async function computeFigures(db: Database, year: number, now: Date): Promise<YearFigures> {
  const [current, previous] = await Promise.all([yearTotals(db, year, now), yearTotals(db, year - 1, now)])
  return {
    year,
    previousYear: year - 1,
    groups: figureGroups.map((group) => ({
      group,
      label: figureGroupLabels[group],
      figures: figures
        .filter((f) => f.group === group)
        .map((f) => {
          const pending = f.source.from === 'proposals' && current.proposals ? undefined : pendingSources[f.source.from]
          return {
            id: f.id,
            name: f.name,
            unit: f.unit,
            howCounted: f.howCounted,
            records: f.records,
            value: valueOf(f, current),
            previous: valueOf(f, previous),
            ...(pending ? { pending } : {})
          }
        })
    })),
    participationsByMonth: current.consultation.participationsByMonth,
    upward: current.opinion.upward
  }
}

/** `year.figures`. */
export function yearFigures(input: { year: number }, ctx: HandlerContext): Promise<YearFigures> {
  return computeFigures(ctx.db, input.year, ctx.now)
}

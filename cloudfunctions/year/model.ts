/**
 * Stored shapes of the office's year records (issue 10) and the helpers the
 * use cases share. Collections: src/core/figures.ts `yearCollections`. Every
 * record carries `year` (its Beijing calendar year) so a year's count is one
 * `count()` on an index; instants are Date (UTC).
 */
import { createHash } from 'crypto'
import { activityKinds, activityTypes, defaultKindOf, kindTypes, type ActivityKind, type ActivityType } from '../../src/core/actions/activity'
import type { ContactKind, OutcomeField } from '../../src/core/figures'
import { beijing, beijingDay } from '../../src/core/time'
import { AppError } from '../../src/core/errors'
import type { Database } from '../_shared/cloud'

/** Who entered a record and when (hand entries and edits). */
export interface EnteredBy {
  /** OPENID of the staff member; never sent to a phone. */
  by: string
  /** Name shown with the record (机关工作人员 when unknown). */
  byName: string
  at: Date
}

/** `researchSubjects`: a key research subject (重点课题) of the year. */
export interface SubjectDocument {
  _id: string
  year: number
  title: string
  lead: string
  note: string
  entered: EnteredBy
  updatedAt: Date
}

/** `yearReports`: a 专题报告 (title, Beijing date, optional file). */
export interface ReportDocument {
  _id: string
  year: number
  title: string
  date: Date
  subjectId?: string
  fileID?: string
  entered: EnteredBy
  updatedAt: Date
}

/** `activityOutcomes`: the organiser's entry after a finalized activity; `_id` = the activity id. */
export interface OutcomeDocument {
  _id: string
  activityId: string
  /** Copied from the activity (finalized: it no longer changes). */
  title: string
  type: ActivityType
  kind: ActivityKind
  year: number
  startAt: Date
  place: string
  organiserName: string
  studioId?: string
  suggestions: number
  opinions: number
  peopleServed: number
  subjectId?: string
  note: string
  entered: EnteredBy
  updatedAt: Date
}

/** `supervisorDesignations`: a member designated 特约监督员 for a year; `_id` = `<year>_<memberId>`. */
export interface DesignationDocument {
  _id: string
  year: number
  memberId: string
  memberName: string
  sector: string
  field: string
  entered: EnteredBy
  updatedAt: Date
}

/** `memberContacts`: the office contacting or serving a member (联系服务委员). */
export interface ContactDocument {
  _id: string
  year: number
  memberId: string
  memberName: string
  /** The member's phone at the time (shown masked). */
  memberPhone?: string
  kind: ContactKind
  date: Date
  note: string
  entered: EnteredBy
  updatedAt: Date
}

/** Which outcome field each kind of activity takes (issue 10: suggestions of trips, opinions of supervision, people served by outreach). */
export function outcomeFieldsOf(kind: ActivityKind): OutcomeField[] {
  if (kind === 'inspection' || kind === 'research') return ['suggestions']
  if (kind === 'special_supervision') return ['opinions']
  if (kind === 'theme_event') return ['suggestions']
  if (kindTypes[kind] === 'outreach') return ['peopleServed']
  return ['suggestions']
}

/**
 * The where-condition matching activities whose counted kind
 * (`defaultKindOf(type, kind)`) is one of `kinds`: their own kind when it
 * belongs to their type, else the type's default. Used by the drill-down so
 * it lists exactly what the figure's aggregate counted.
 */
export function kindCondition(db: Database, kinds: readonly ActivityKind[]): Record<string, unknown> {
  const _ = db.command
  const own = kinds.map((k) => ({ type: kindTypes[k], kind: k }))
  const defaults = activityTypes
    .filter((t) => kinds.includes(defaultKindOf(t)))
    .map((t) => ({ type: t, kind: _.nin(activityKinds.filter((k) => kindTypes[k] === t)) }))
  return _.or([...own, ...defaults]) as unknown as Record<string, unknown>
}

/** Beijing calendar year of an instant. */
export function yearOf(instant: Date): number {
  return beijing(instant).year()
}

/** Refuses a date after today (Beijing). `YEAR.DATE_FUTURE`. */
export function assertNotFuture(date: Date, now: Date): void {
  if (date.getTime() >= beijingDay(now).end.getTime()) throw new AppError('YEAR.DATE_FUTURE')
}

/** `_id` of a create, derived from OPENID + requestId: a retry finds the first. */
export function recordId(prefix: string, openid: string, requestId: string): string {
  return `${prefix}-${createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 20)}`
}

/** Who is entering: the caller's name when bound as a member, else 机关工作人员. */
export function enteredBy(ctx: { openid: string; now: Date }, displayName?: string): EnteredBy {
  return { by: ctx.openid, byName: displayName ?? '机关工作人员', at: ctx.now }
}

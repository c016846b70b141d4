/**
 * Yearly counts other areas already report, written once so that their own
 * actions (`topic.counts`, `opinion.stats`) and the year's figures (`year`
 * function, issue 10) call the same definition. Years are Beijing calendar
 * years (src/core/time.ts `beijingYear`). Each function is a fixed number of
 * DB operations, whatever the number of records.
 */
import type { TopicYearCounts } from '../../src/core/actions/topic'
import type { OpinionStats, UpwardKind, UpwardLevel } from '../../src/core/actions/opinion'
import { beijingYear } from '../../src/core/time'
import type { Database } from './cloud'

/** States of a consultation session that did not take place. */
export const NOT_HELD_STATES = ['draft', 'cancelled', 'postponed']

/**
 * Where-condition of the consultation sessions held in `year` as of `now`:
 * type consultation, started in the year, ended by `now` (or the year's end),
 * not a draft, cancelled or postponed.
 */
export function consultationHeldWhere(db: Database, year: number, now: Date): Record<string, unknown> {
  const _ = db.command
  const { start, end } = beijingYear(year)
  const until = end.getTime() < now.getTime() ? end : now
  return { type: 'consultation', startAt: _.gte(start).and(_.lt(end)), endAt: _.lte(until), state: _.nin(NOT_HELD_STATES) }
}

/** Member registrations that count as a participation: checked in or attended. */
export const PARTICIPATION_STATES = ['checked_in', 'attended']

/**
 * 辽事好商量 counts of a year (issue 7 "counts"; the seed report's
 * "开展活动…场次，委员参与…人次，推动解决具体问题…个"):
 * - consultationActivities: sessions held ({@link consultationHeldWhere});
 * - memberParticipations: members' check-ins at those sessions (person-times);
 * - problemsSolved: topics closed in the year as resolved or partly resolved.
 * Also the participations per Beijing month (index 0 = January) for charts.
 * DB: 3 operations (a count, an aggregate with a lookup, a count).
 */
export async function consultationYearCounts(db: Database, year: number, now: Date): Promise<TopicYearCounts & { participationsByMonth: number[] }> {
  const _ = db.command
  const $ = db.command.aggregate
  const { start, end } = beijingYear(year)
  const held = consultationHeldWhere(db, year, now)
  const [sessions, joined, solved] = await Promise.all([
    db.collection('activities').where(held).count(),
    db
      .collection('activities')
      .aggregate()
      .match(held)
      .lookup({ from: 'registrations', localField: '_id', foreignField: 'activityId', as: 'regs' })
      .unwind('$regs')
      .match({ 'regs.state': _.in(PARTICIPATION_STATES), 'regs.memberId': _.exists(true) })
      // Beijing month of the start: UTC + 8 h, then the calendar month.
      .group({ _id: $.month($.add(['$startAt', 8 * 3600_000])), n: $.sum(1) })
      .end(),
    db.collection('topics').where({ state: 'closed', result: _.in(['resolved', 'partly_resolved']), closedAt: _.gte(start).and(_.lt(end)) }).count()
  ])
  const participationsByMonth = Array.from({ length: 12 }, () => 0)
  for (const row of (joined as { list?: { _id: number; n: number }[] }).list ?? []) {
    if (row._id >= 1 && row._id <= 12) participationsByMonth[row._id - 1] += row.n
  }
  return {
    year,
    consultationActivities: (sessions as { total: number }).total,
    memberParticipations: participationsByMonth.reduce((a, b) => a + b, 0),
    problemsSolved: (solved as { total: number }).total,
    participationsByMonth
  }
}

/**
 * 社情民意 counts of a year (issue 4 "Counts"): items received (receivedAt in
 * the year), adopted (adoptedAt in the year), bulletin issues of the year,
 * upward records by level and kind (by their Beijing date), and how many of
 * the received items informants submitted. DB: 5 operations (four counts,
 * one aggregation).
 */
export async function opinionYearCounts(db: Database, year: number): Promise<OpinionStats & { informantSubmissions: number }> {
  const _ = db.command
  const $ = db.command.aggregate
  const { start, end } = beijingYear(year)
  const inYear = _.gte(start).and(_.lt(end))
  const [received, adopted, bulletins, grouped, informant] = await Promise.all([
    db.collection('opinions').where({ receivedAt: inYear }).count(),
    db.collection('opinions').where({ adoptedAt: inYear }).count(),
    db.collection('bulletins').where({ year }).count(),
    db
      .collection('opinionUpward')
      .aggregate()
      .match({ year })
      .group({ _id: { level: '$level', kind: '$kind' }, n: $.sum(1) })
      .end(),
    db.collection('opinions').where({ receivedAt: inYear, submitterRole: 'informant' }).count()
  ])
  const upward: OpinionStats['upward'] = {
    city: { adopted: 0, instruction: 0, reported: 0 },
    province: { adopted: 0, instruction: 0, reported: 0 }
  }
  for (const row of (grouped as { list?: { _id: { level: UpwardLevel; kind: UpwardKind }; n: number }[] }).list ?? []) {
    if (upward[row._id.level] && row._id.kind in upward[row._id.level]) upward[row._id.level][row._id.kind] = row.n
  }
  return {
    year,
    received: (received as { total: number }).total,
    adopted: (adopted as { total: number }).total,
    bulletins: (bulletins as { total: number }).total,
    upward,
    informantSubmissions: (informant as { total: number }).total
  }
}

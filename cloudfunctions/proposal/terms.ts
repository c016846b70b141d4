/**
 * Terms and sessions (届次/次会议) as managed data (domain.md section 6,
 * issue 9 item 1): `terms` documents, `_id` = `term-<n>`, each with its
 * plenary sessions and the default handling deadline in months.
 */
import type { TermSession, TermView } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { dayjs, beijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findById, rowsOf } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import { sessionNameOf, termNameOf } from './model'

export interface TermDocument {
  _id: string
  number: number
  name: string
  current: boolean
  deadlineMonths: number
  sessions: TermSession[]
  updatedAt: Date
}

/** Months a unit has by default when none is set on the term. */
export const DEFAULT_DEADLINE_MONTHS = 3

export function termView(t: TermDocument): TermView {
  return {
    id: t._id,
    name: t.name,
    number: t.number,
    current: Boolean(t.current),
    deadlineMonths: t.deadlineMonths ?? DEFAULT_DEADLINE_MONTHS,
    sessions: [...(t.sessions ?? [])].sort((a, b) => a.number - b.number)
  }
}

/** Terms, newest first. One read. */
export async function listTerms(_input: Record<string, never>, ctx: HandlerContext): Promise<{ items: TermView[] }> {
  const rows = rowsOf<TermDocument>(await ctx.db.collection('terms').orderBy('number', 'desc').limit(50).get())
  return { items: rows.map(termView) }
}

/**
 * Adds or changes term `number` (id `term-<n>`). Sessions must have distinct
 * numbers and real Beijing dates. `current: true` clears the flag on the
 * other terms (one more read + writes). Audit-logged.
 */
export async function saveTerm(input: { number: number; current?: boolean; deadlineMonths?: number; sessions: { number: number; date: string }[] }, ctx: HandlerContext): Promise<TermView> {
  const numbers = input.sessions.map((s) => s.number)
  if (new Set(numbers).size !== numbers.length) throw new AppError('COMMON.INVALID_INPUT', '会议次数有重复，请检查')
  for (const s of input.sessions) {
    if (!dayjs(s.date, 'YYYY-MM-DD', true).isValid()) throw new AppError('COMMON.INVALID_INPUT', `${sessionNameOf(s.number)}的日期不正确`)
  }
  const id = `term-${input.number}`
  const existing = await findById<TermDocument>(ctx.db, 'terms', id)
  const doc: TermDocument = {
    _id: id,
    number: input.number,
    name: termNameOf(input.number),
    current: input.current ?? existing?.current ?? false,
    deadlineMonths: input.deadlineMonths ?? existing?.deadlineMonths ?? DEFAULT_DEADLINE_MONTHS,
    sessions: input.sessions
      .map((s) => ({ number: s.number, name: sessionNameOf(s.number), date: s.date, year: Number(s.date.slice(0, 4)) }))
      .sort((a, b) => a.number - b.number),
    updatedAt: ctx.now
  }
  const { _id, ...data } = doc
  await ctx.db.collection('terms').doc(_id).set({ data })
  if (input.current) {
    const _ = ctx.db.command
    await ctx.db.collection('terms').where({ _id: _.neq(id), current: true }).update({ data: { current: false, updatedAt: ctx.now } })
  }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'proposal.saveTerm', target: id, details: { sessions: doc.sessions.length, current: doc.current }, requestId: ctx.requestId }, ctx.now)
  return termView(doc)
}

/** A term and the session a proposal belongs to; PROPOSAL.TERM_UNKNOWN / SESSION_UNKNOWN. One read. */
export async function termAndSession(ctx: HandlerContext, termId: string, sessionNumber: number | null): Promise<TermDocument> {
  const term = await findById<TermDocument>(ctx.db, 'terms', termId)
  if (!term) throw new AppError('PROPOSAL.TERM_UNKNOWN')
  if (sessionNumber !== null && !(term.sessions ?? []).some((s) => s.number === sessionNumber)) throw new AppError('PROPOSAL.SESSION_UNKNOWN')
  return term
}

/**
 * The deadline of a new assignment: `date` (Beijing `YYYY-MM-DD`) or today +
 * `months` (Beijing). Output: the date and the instant it ends (24:00
 * Beijing). PROPOSAL.DEADLINE_PAST for a day before today (Beijing).
 */
export function deadlineOf(now: Date, months: number, date?: string): { deadline: string; deadlineAt: Date } {
  const today = beijing(now).format('YYYY-MM-DD')
  let day = date ?? beijing(now).add(months, 'month').format('YYYY-MM-DD')
  if (date && !dayjs(date, 'YYYY-MM-DD', true).isValid()) throw new AppError('COMMON.INVALID_INPUT', '办理期限的日期不正确')
  if (day < today) throw new AppError('PROPOSAL.DEADLINE_PAST')
  day = dayjs(day, 'YYYY-MM-DD').format('YYYY-MM-DD')
  const end = dayjs.tz(`${day} 00:00`, 'YYYY-MM-DD HH:mm', 'Asia/Shanghai').add(1, 'day').toDate()
  return { deadline: day, deadlineAt: end }
}

/** The handling units (承办单位) by name, in id order; one read (the county has about 30, the cap is 100). */
export async function listUnits(_input: Record<string, never>, ctx: HandlerContext): Promise<{ items: { id: string; name: string }[] }> {
  const rows = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').orderBy('_id', 'asc').field({ name: true }).limit(100).get())
  return { items: rows.map((d) => ({ id: d._id, name: d.name })) }
}

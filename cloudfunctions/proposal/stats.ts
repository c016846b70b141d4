/**
 * Figures per session or year of a term (issue 9 item 9), counted from the
 * proposal records themselves:
 * - received: proposals submitted to the office (any later state, drafts and
 *   proposals still collecting co-signers excluded);
 * - filed: given a number (立案), whatever happened after;
 * - notFiled / merged / withdrawn: in that state (withdrawn counts only
 *   submitted ones);
 * - replied: filed proposals whose lead/split units all replied (再办理
 *   included: it was answered); replyRate = replied / filed (办复率);
 * - ratings: the latest rating of each current reply; satisfactionRate =
 *   (满意 + 基本满意) / rated;
 * - overdue: proposals with a unit past its deadline day (Beijing) without
 *   an answer, now.
 * Scope: `sessionNumber` (null = 会间) or `year` (Beijing year of
 * submission); neither = the whole term.
 */
import { proposalCategories, proposalCategoryLabels, type ProposalCountBlock, type ProposalStats } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById } from '../_shared/db'
import { sessionNameOf, unitOverdue, type ProposalDocument } from './model'
import type { TermDocument } from './terms'

export interface Scope {
  termId: string
  sessionNumber?: number | null
  year?: number
}

/** The term and the proposals in scope (term read + 100 proposals per read). */
export async function proposalsInScope(ctx: HandlerContext, scope: Scope): Promise<{ term: TermDocument; docs: ProposalDocument[]; label: string }> {
  const term = await findById<TermDocument>(ctx.db, 'terms', scope.termId)
  if (!term) throw new AppError('PROPOSAL.TERM_UNKNOWN')
  const where: Record<string, unknown> = { termId: term._id }
  if (scope.sessionNumber !== undefined) where.sessionNumber = scope.sessionNumber
  else if (scope.year) where.year = scope.year
  const docs = await findAll<ProposalDocument>(ctx.db, 'proposals', where)
  const label = scope.sessionNumber !== undefined ? `${term.name}${sessionNameOf(scope.sessionNumber)}` : scope.year ? `${term.name} ${scope.year}年` : term.name
  return { term, docs, label }
}

const REPLIED = ['replied', 'rehandling', 'closed']

/** Counts of one set of proposals at `now`. Pure. */
export function countBlock(docs: ProposalDocument[], now: Date): ProposalCountBlock {
  const received = docs.filter((d) => d.submittedAt)
  const filed = received.filter((d) => d.number)
  const replied = filed.filter((d) => REPLIED.includes(d.state))
  const ratings = filed.flatMap((d) => (d.replies ?? []).map((r) => r.rating?.value).filter(Boolean))
  const satisfied = ratings.filter((r) => r === 'satisfied').length
  const basic = ratings.filter((r) => r === 'basic').length
  const unsatisfied = ratings.filter((r) => r === 'unsatisfied').length
  return {
    received: received.length,
    filed: filed.length,
    notFiled: received.filter((d) => d.state === 'not_filed').length,
    merged: received.filter((d) => d.state === 'merged').length,
    withdrawn: received.filter((d) => d.state === 'withdrawn').length,
    replied: replied.length,
    replyRate: filed.length ? replied.length / filed.length : 0,
    satisfied,
    basic,
    unsatisfied,
    satisfactionRate: ratings.length ? (satisfied + basic) / ratings.length : 0,
    overdue: filed.filter((d) => d.state !== 'withdrawn' && (d.units ?? []).some((u) => unitOverdue(u, now))).length
  }
}

export async function stats(input: Scope, ctx: HandlerContext): Promise<ProposalStats> {
  const { term, docs, label } = await proposalsInScope(ctx, input)
  const units = new Map<string, { departmentId: string; name: string; lead: number; assist: number; replied: number; overdue: number }>()
  for (const d of docs) {
    if (!d.number || d.state === 'withdrawn') continue
    for (const u of d.units ?? []) {
      if (u.status === 'returned') continue
      const row = units.get(u.departmentId) ?? { departmentId: u.departmentId, name: u.name, lead: 0, assist: 0, replied: 0, overdue: 0 }
      if (u.role === 'assist') row.assist++
      else row.lead++
      if (u.status === 'replied' || u.status === 'opinion_sent') row.replied++
      if (unitOverdue(u, ctx.now)) row.overdue++
      units.set(u.departmentId, row)
    }
  }
  return {
    termId: term._id,
    termName: term.name,
    ...(input.sessionNumber !== undefined ? { sessionNumber: input.sessionNumber } : {}),
    ...(input.year && input.sessionNumber === undefined ? { year: input.year } : {}),
    scopeLabel: label,
    ...countBlock(docs, ctx.now),
    byCategory: proposalCategories.map((c) => ({ category: c, label: proposalCategoryLabels[c], ...countBlock(docs.filter((d) => d.category === c), ctx.now) })),
    byUnit: [...units.values()].sort((a, b) => b.lead + b.assist - (a.lead + a.assist) || a.name.localeCompare(b.name, 'zh'))
  }
}

/**
 * The public view (issue 9 item 8): filed proposals marked public
 * (`publicVisible`, set on filing from the proposer's consent and cleared on
 * withdrawal) with their replies that the unit made public and no content
 * check holds. Never drafts, returned, not-filed, withdrawn or co-sign
 * states; never attachments, letters, flags or OPENIDs.
 */
import { proposalCategoryLabels, replyGradeLabels, unitRoleLabels, type ProposalCategory, type PublicProposal, type PublicProposalSummary } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { proposalStateLabels } from '../../src/core/states'
import { escapeRegExp } from '../../src/core/text'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage } from '../_shared/db'
import { confirmedCosigners, type ProposalDocument } from './model'

const iso = (d: Date | string) => new Date(d).toISOString()

function publicReplies(doc: ProposalDocument) {
  return (doc.replies ?? []).filter((r) => r.public && !r.held)
}

function summary(doc: ProposalDocument): PublicProposalSummary {
  return {
    id: doc._id,
    title: doc.title,
    categoryLabel: proposalCategoryLabels[doc.category],
    numberLabel: doc.numberLabel ?? '',
    proposerName: doc.proposerName,
    stateLabel: proposalStateLabels[doc.state],
    filedAt: iso(doc.filedAt ?? doc.updatedAt),
    replied: publicReplies(doc).length > 0
  }
}

/** Public list, newest filed first. One read per page. */
export async function publicList(
  input: { limit?: number; cursor?: string; termId?: string; sessionNumber?: number | null; category?: ProposalCategory; keyword?: string },
  ctx: HandlerContext
): Promise<Page<PublicProposalSummary>> {
  const where: Record<string, unknown> = { publicVisible: true }
  if (input.termId) where.termId = input.termId
  if (input.sessionNumber !== undefined) where.sessionNumber = input.sessionNumber
  if (input.category) where.category = input.category
  if (input.keyword) where.title = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
  const page = await findPage<ProposalDocument>(ctx.db, 'proposals', { where, sortField: 'filedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map(summary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** One public proposal; COMMON.NOT_FOUND unless public. One read (+ caller for 附议 mark). */
export async function publicGet(input: { id: string }, ctx: HandlerContext): Promise<PublicProposal> {
  const doc = await findById<ProposalDocument>(ctx.db, 'proposals', input.id)
  if (!doc || !doc.publicVisible) throw new AppError('COMMON.NOT_FOUND', '提案不存在或未公开')
  const memberId = (await ctx.caller()).memberId
  return {
    id: doc._id,
    title: doc.title,
    category: doc.category,
    categoryLabel: proposalCategoryLabels[doc.category],
    numberLabel: doc.numberLabel ?? '',
    termName: doc.termName,
    sessionName: doc.sessionName,
    proposerName: doc.proposerName,
    cosignerNames: confirmedCosigners(doc).map((c) => c.name),
    analysis: doc.analysis,
    suggestions: doc.suggestions,
    units: doc.units.filter((u) => u.status !== 'returned').map((u) => ({ name: u.name, roleLabel: unitRoleLabels[u.role] })),
    stateLabel: proposalStateLabels[doc.state],
    filedAt: iso(doc.filedAt ?? doc.updatedAt),
    seconderCount: (doc.seconders ?? []).length,
    secondedByMe: Boolean(memberId && (doc.seconders ?? []).some((s) => s.memberId === memberId)),
    replies: publicReplies(doc).map((r) => ({ unitName: r.unitName, gradeLabel: replyGradeLabels[r.grade], content: r.content, at: iso(r.at) }))
  }
}

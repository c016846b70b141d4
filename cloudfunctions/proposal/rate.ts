/**
 * 满意度 (issue 9 item 7): the proposer rates each reply (满意, 基本满意,
 * 不满意) with a comment. 不满意 on a first reply sends that part back to
 * its unit once (再办理, {@link REHANDLE_DAYS} days from the rating, Beijing
 * days); a second reply's rating is final. Rating every reply closes the
 * proposal.
 */
import type { ProposalDetail, Rating } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { beijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { change, isProposer, viewerOf, wrongState } from './model'
import { withUnits } from './assign'
import { deadlineOf } from './terms'

/** Days a unit has to handle again after 不满意. */
export const REHANDLE_DAYS = 30

export async function rate(input: { id: string; departmentId: string; rating: Rating; comment?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  return change(ctx, 'proposal.rate', input.id, (doc) => {
    if (!isProposer(doc, viewerOf(caller))) throw new AppError('PROPOSAL.NOT_OWNER', '只有提案人才能评价答复')
    if (!['replied', 'rehandling'].includes(doc.state)) throw wrongState(doc, '评价（答复后才能评价）')
    const target = doc.replies.find((r) => r.departmentId === input.departmentId)
    if (!target) throw new AppError('PROPOSAL.WRONG_STATE', '该单位还没有答复，暂不能评价')
    if (target.rating) throw new AppError('PROPOSAL.WRONG_STATE', '您已评价过该答复')
    const rehandle = input.rating === 'unsatisfied' && target.round === 1
    const replies = doc.replies.map((r) => (r === target ? { ...r, rating: { value: input.rating, ...(input.comment ? { comment: input.comment } : {}), at: ctx.now } } : r))
    const { deadline, deadlineAt } = deadlineOf(ctx.now, 0, beijing(ctx.now).add(REHANDLE_DAYS, 'day').format('YYYY-MM-DD'))
    const units = doc.units.map((u) => (rehandle && u.departmentId === target.departmentId && u.status === 'replied' ? { ...u, status: 'rehandling' as const, deadline, deadlineAt } : u))
    const answering = units.filter((u) => u.role !== 'assist' && u.status !== 'returned')
    const closes = answering.every((u) => u.status === 'replied' && replies.some((r) => r.departmentId === u.departmentId && r.rating))
    const state = units.some((u) => u.status === 'rehandling') ? 'rehandling' : closes ? 'closed' : 'replied'
    return {
      set: { replies, ...withUnits(units), state },
      timeline: [
        { step: 'rated', by: '', note: `${target.unitName}：${input.rating === 'satisfied' ? '满意' : input.rating === 'basic' ? '基本满意' : '不满意'}${input.comment ? `，${input.comment}` : ''}` },
        ...(rehandle ? [{ step: 'rehandling' as const, by: '', note: `${target.unitName}，${deadline} 前再次答复` }] : []),
        ...(state === 'closed' ? [{ step: 'closed' as const, by: '' }] : [])
      ],
      audit: { departmentId: target.departmentId, rating: input.rating, rehandle },
      notices: rehandle ? [{ to: { kind: 'units', departmentIds: [target.departmentId] }, status: '再办理', note: `提案人不满意，请于${deadline}前再次答复` }] : []
    }
  })
}

/**
 * 办复 (issue 9 item 6): assisting units send their opinions to the lead
 * unit first; the lead unit (or each split unit, on its part) then replies
 * with the letter, the result grade (A/B/C), the contact mode and whether the
 * reply may be public. The reply text passes the shared content check:
 * `review` or a failed check holds the reply (never public until staff
 * release it), `risky` refuses it. The letter is the unit's own upload,
 * checked as a `document` and copied to `proposal-files/<id>/`.
 */
import type { ContactMode, ProposalDetail, ReplyGrade } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import type { HandlerContext } from '../_shared/define-function'
import { inspectUploads } from '../_shared/content-safety'
import { change, wrongState, type ReplyRecord } from './model'
import { myPart, withUnits } from './assign'
import { filesFolder, textFlags } from './write'

/** An assisting unit's opinion to the lead unit. */
export async function assistOpinion(input: { id: string; departmentId?: string; content: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  const flags = await textFlags(ctx, [input.content])
  return change(ctx, 'proposal.assistOpinion', input.id, (doc) => {
    const part = myPart(doc, caller, input.departmentId, ['signed'])
    if (part.role !== 'assist') throw new AppError('PROPOSAL.WRONG_STATE', '只有协办单位提交协办意见；主办单位请直接答复')
    if (!['assigned', 'rehandling'].includes(doc.state)) throw wrongState(doc, '提交协办意见')
    if (part.status !== 'signed') throw new AppError('PROPOSAL.WRONG_STATE', part.status === 'pending' ? '请先签收，再提交协办意见' : '协办意见已提交')
    const units = doc.units.map((u) => (u === part ? { ...u, status: 'opinion_sent' as const, opinion: { content: input.content, at: ctx.now, flags } } : u))
    const leads = doc.units.filter((u) => u.role === 'lead' && u.status !== 'returned').map((u) => u.departmentId)
    return {
      set: withUnits(units),
      timeline: [{ step: 'assist_opinion', by: part.name }],
      audit: { departmentId: part.departmentId, flags },
      notices: leads.length ? [{ to: { kind: 'units', departmentIds: leads }, status: '协办意见', note: `${part.name}已提交协办意见` }] : []
    }
  })
}

/** The lead or a split unit replies (see the file's doc). */
export async function reply(
  input: { id: string; departmentId?: string; content: string; letterFileID: string; letterName?: string; grade: ReplyGrade; contactMode: ContactMode; public: boolean },
  ctx: HandlerContext
): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  const [flags, [letter]] = await Promise.all([
    textFlags(ctx, [input.content]),
    inspectUploads(ctx, [input.letterFileID], { kind: 'document', copyTo: filesFolder(input.id), names: input.letterName ? { [input.letterFileID]: input.letterName } : {} })
  ])
  return change(ctx, 'proposal.reply', input.id, (doc) => {
    const part = myPart(doc, caller, input.departmentId, ['signed', 'rehandling'])
    if (part.role === 'assist') throw new AppError('PROPOSAL.WRONG_STATE', '协办单位请提交协办意见，由主办单位答复')
    if (!['assigned', 'rehandling'].includes(doc.state)) throw wrongState(doc, '答复')
    if (part.status === 'pending' || part.status === 'return_requested') throw new AppError('PROPOSAL.WRONG_STATE', '请先签收该提案，再答复')
    if (part.status === 'replied') throw new AppError('PROPOSAL.WRONG_STATE', '您单位已答复该提案')
    if (part.role === 'lead' && doc.units.some((u) => u.role === 'assist' && !['opinion_sent', 'returned'].includes(u.status))) throw new AppError('PROPOSAL.ASSIST_PENDING')
    const round = part.status === 'rehandling' ? 2 : 1
    const record: ReplyRecord = {
      departmentId: part.departmentId,
      unitName: part.name,
      round,
      grade: input.grade,
      contactMode: input.contactMode,
      public: input.public,
      content: input.content,
      letter,
      at: ctx.now,
      held: flags.length > 0,
      flags
    }
    const previous = doc.replies.find((r) => r.departmentId === part.departmentId)
    const replies = [...doc.replies.filter((r) => r.departmentId !== part.departmentId), record]
    const units = doc.units.map((u) => (u === part ? { ...u, status: 'replied' as const } : u))
    const answering = units.filter((u) => u.role !== 'assist' && u.status !== 'returned')
    const allIn = answering.every((u) => u.status === 'replied')
    return {
      set: {
        ...withUnits(units),
        replies,
        ...(previous ? { earlierReplies: [...(doc.earlierReplies ?? []), previous] } : {}),
        ...(allIn ? { state: 'replied' } : {})
      },
      timeline: [{ step: 'replied', by: part.name, note: `${input.grade}类${round === 2 ? '（再办理）' : ''}` }],
      audit: { departmentId: part.departmentId, grade: input.grade, round, public: input.public, flags },
      notices: [
        { to: { kind: 'proposer' }, status: '已答复', note: `${part.name}已答复，请评价` },
        { to: { kind: 'cosigners' }, status: '已答复', note: `${part.name}已答复` }
      ]
    }
  })
}

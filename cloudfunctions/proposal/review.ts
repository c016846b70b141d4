/**
 * 提案审查 by the proposals office (staff), issue 9 item 4: the queue,
 * return for changes, filing with a number, not filing (optionally as a
 * 社情民意 item), merging duplicates, key proposals and their leaders, and
 * releasing a reply the content check held.
 *
 * Filing numbers: a counter document per session (`counters`, `_id`
 * `proposal-<sessionKey>`) is read and set in the same transaction that
 * files the proposal, so two staff filing at once conflict and the loser
 * retries with the next number: unique and gap-free. The idempotency record
 * in the same transaction makes a retry answer the first number.
 */
import type { ProposalDetail, ProposalSummary } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import type { ProposalState } from '../../src/core/states'
import { beijing } from '../../src/core/time'
import type { Transaction } from '../_shared/cloud'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage } from '../_shared/db'
import { change, numberLabelOf, summaryOf, txFind, txGet, viewerOf, wrongState, type ProposalDocument } from './model'

/** Staff queue. Default: 待审查, oldest submission first. One read per page. */
export async function reviewList(
  input: { limit?: number; cursor?: string; termId?: string; sessionNumber?: number | null; state?: ProposalState; key?: boolean },
  ctx: HandlerContext
): Promise<Page<ProposalSummary>> {
  const where: Record<string, unknown> = {}
  if (input.termId) where.termId = input.termId
  if (input.sessionNumber !== undefined) where.sessionNumber = input.sessionNumber
  if (input.key) where.key = true
  if (input.state) where.state = input.state
  else if (!input.key) where.state = 'submitted'
  const byNumber = input.key || (input.state && !['draft', 'cosigning', 'submitted', 'returned'].includes(input.state))
  const page = await findPage<ProposalDocument>(ctx.db, 'proposals', {
    where,
    sortField: byNumber ? 'updatedAt' : 'submittedAt',
    direction: byNumber ? 'desc' : 'asc',
    limit: input.limit,
    cursor: input.cursor
  })
  const viewer = viewerOf(await ctx.caller())
  return { items: page.items.map((d) => summaryOf(d, viewer, ctx.now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** Back to the proposer with the reason (待审查 -> 退回修改). */
export function returnForChanges(input: { id: string; reason: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(ctx, 'proposal.return', input.id, (doc) => {
    if (doc.state !== 'submitted') throw wrongState(doc, '退回修改')
    return {
      set: { state: 'returned', returnReason: input.reason },
      timeline: [{ step: 'returned', by: '', note: input.reason }],
      audit: { reason: input.reason },
      notices: [{ to: { kind: 'proposer' }, status: '退回修改', note: input.reason }]
    }
  })
}

/** 立案 with the session's next number (see the file's doc). */
export function file(input: { id: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(
    ctx,
    'proposal.file',
    input.id,
    async (doc, tx) => {
      if (doc.state !== 'submitted') throw wrongState(doc, '立案')
      const counterId = `proposal-${doc.sessionKey}`
      const counter = await txFind<{ value?: number }>(tx, 'counters', counterId)
      const number = Number(counter?.value ?? 0) + 1
      const numberLabel = numberLabelOf(doc.termName, doc.sessionName, number)
      return {
        set: { state: 'filed', number, numberLabel, filedAt: ctx.now, flags: [], publicVisible: doc.mayPublish, returnReason: null },
        timeline: [{ step: 'filed', by: '', note: numberLabel }],
        audit: { number, numberLabel },
        notices: [
          { to: { kind: 'proposer' }, status: '已立案', note: numberLabel },
          { to: { kind: 'cosigners' }, status: '已立案', note: numberLabel }
        ],
        extra: async (t: Transaction) => {
          await t.collection('counters').doc(counterId).set({ data: { value: number, updatedAt: ctx.now } })
        }
      }
    },
    // Many staff may file at once: each conflict is retried with the next number.
    12
  )
}

/** `_id` of the 社情民意 item made from a proposal. */
export function opinionIdFromProposal(id: string): string {
  return `op-from-${id}`.slice(0, 64)
}

/**
 * 不予立案 with the reason; with convertToOpinion a 社情民意 item (the
 * `opinions` document shape of cloudfunctions/opinion/model.ts, state
 * `submitted`) is written in the same transaction, submitted in the
 * proposer's name; it then follows that pipeline (docs/decisions.md).
 */
export async function notFile(input: { id: string; reason: string; convertToOpinion?: boolean; opinionCategoryId?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  let category: { _id: string; name: string } | null = null
  let proposerOpenid: string | null = null
  if (input.convertToOpinion) {
    category = input.opinionCategoryId ? await findById<{ _id: string; name: string; active?: boolean }>(ctx.db, 'opinionCategories', input.opinionCategoryId) : null
    if (!category || (category as { active?: boolean }).active === false) throw new AppError('PROPOSAL.OPINION_CATEGORY')
    const doc = await findById<ProposalDocument>(ctx.db, 'proposals', input.id)
    if (doc?.proposerMemberId) proposerOpenid = (await findById<{ boundOpenid?: string | null }>(ctx.db, 'members', doc.proposerMemberId))?.boundOpenid ?? null
    if (doc && !proposerOpenid) proposerOpenid = doc.ownerOpenid
  }
  return change(ctx, 'proposal.notFile', input.id, (doc) => {
    if (doc.state !== 'submitted') throw wrongState(doc, '不予立案')
    const opinionId = category ? opinionIdFromProposal(doc._id) : undefined
    return {
      set: { state: 'not_filed', notFiledReason: input.reason, publicVisible: false, ...(opinionId ? { convertedOpinionId: opinionId } : {}) },
      timeline: [{ step: 'not_filed', by: '', note: input.reason }, ...(opinionId ? [{ step: 'converted' as const, by: '', note: '转为社情民意信息办理' }] : [])],
      audit: { reason: input.reason, opinionId: opinionId ?? null },
      notices: [{ to: { kind: 'proposer' }, status: '不予立案', note: opinionId ? '已转为社情民意信息办理' : input.reason }],
      extra: opinionId
        ? async (tx: Transaction) => {
            const already = await txFind(tx, 'opinions', opinionId)
            if (already) return
            await tx.collection('opinions').doc(opinionId).set({
              data: {
                title: doc.title.slice(0, 50),
                categoryId: category!._id,
                categoryName: category!.name,
                content: `${doc.analysis}\n${doc.suggestions}`.slice(0, 3000),
                images: [],
                imageTraceIds: [],
                anonymous: false,
                mayPublish: doc.mayPublish,
                notify: doc.notify ? ['processing', 'decided', 'published', 'upward'] : [],
                submitterOpenid: proposerOpenid ?? doc.ownerOpenid,
                submitterName: doc.proposerName,
                submitterRole: 'member',
                state: 'submitted',
                flags: [],
                key: false,
                receivedAt: ctx.now,
                year: beijing(ctx.now).year(),
                updatedAt: ctx.now,
                timeline: [{ step: 'received', at: ctx.now, note: '由提案转来' }],
                history: [{ action: 'fromProposal', by: ctx.openid, at: ctx.now, note: doc._id, requestId: ctx.requestId }],
                upward: [],
                fromProposalId: doc._id
              }
            })
          }
        : undefined
    }
  })
}

/**
 * 并案: a submitted proposal joins `intoId` (same term, submitted or filed
 * and not yet replied); both changed in one transaction.
 */
export function merge(input: { id: string; intoId: string; note?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  if (input.id === input.intoId) throw new AppError('PROPOSAL.MERGE_TARGET', '不能把提案并入它自己')
  return change(ctx, 'proposal.merge', input.id, async (doc, tx) => {
    if (doc.state !== 'submitted') throw wrongState(doc, '并案')
    const target = await txGet(tx, input.intoId)
    if (target.termId !== doc.termId) throw new AppError('PROPOSAL.MERGE_TARGET', '只能并入同一届的提案')
    if (!['submitted', 'filed', 'assigned'].includes(target.state)) throw new AppError('PROPOSAL.MERGE_TARGET', `目标提案当前为“${target.state === 'merged' ? '已并案' : '不可并案'}”，不能接收并案`)
    return {
      set: { state: 'merged', mergedInto: { id: target._id, title: target.title, ...(target.numberLabel ? { numberLabel: target.numberLabel } : {}) } },
      timeline: [{ step: 'merged', by: '', note: `并入《${target.title}》${input.note ? `：${input.note}` : ''}` }],
      audit: { into: target._id },
      notices: [{ to: { kind: 'proposer' }, status: '已并案', note: `并入${target.numberLabel ?? target.title}` }],
      extra: async (t: Transaction) => {
        await t.collection('proposals').doc(target._id).update({
          data: {
            mergedFrom: [...(target.mergedFrom ?? []), { id: doc._id, title: doc.title, proposerName: doc.proposerName }],
            timeline: [...target.timeline, { step: 'merged_in', at: ctx.now, by: '政协办公室', note: `${doc.proposerName}《${doc.title}》` }],
            updatedAt: ctx.now
          }
        })
      }
    }
  })
}

/** 重点提案 on/off with the leaders who lead or supervise it. */
export function markKey(input: { id: string; key: boolean; leaders?: { name: string; mode: 'lead' | 'supervise' }[] }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(ctx, 'proposal.markKey', input.id, (doc) => {
    if (!['filed', 'assigned', 'replied', 'rehandling', 'closed'].includes(doc.state)) throw wrongState(doc, '标记重点提案（请先立案）')
    const leaders = input.key ? input.leaders ?? doc.leaders ?? [] : []
    return {
      set: { key: input.key, leaders },
      timeline: input.key ? [{ step: 'key', by: '', ...(leaders.length ? { note: leaders.map((l) => `${l.name}${l.mode === 'lead' ? '领办' : '督办'}`).join('、') } : {}) }] : [],
      audit: { key: input.key, leaders: leaders.map((l) => l.name) }
    }
  })
}

/** Staff release a held reply (read by a person): it may now be public. */
export function releaseReply(input: { id: string; departmentId: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(ctx, 'proposal.releaseReply', input.id, (doc) => {
    const reply = doc.replies.find((r) => r.departmentId === input.departmentId)
    if (!reply) throw new AppError('PROPOSAL.WRONG_STATE', '该单位还没有答复')
    if (!reply.held) throw new AppError('PROPOSAL.WRONG_STATE', '该答复无需审核')
    return {
      set: { replies: doc.replies.map((r) => (r.departmentId === input.departmentId ? { ...r, held: false, flags: [] } : r)) },
      timeline: [{ step: 'reply_released', by: '', note: reply.unitName }],
      audit: { departmentId: input.departmentId }
    }
  })
}

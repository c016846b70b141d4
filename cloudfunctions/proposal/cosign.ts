/**
 * Co-signing (联名) and seconding (附议), issue 9 item 3. The lead proposer
 * picks members from the roster by name (proposal.searchMembers answers
 * roster ids and names, never OPENIDs); each invitee confirms or declines;
 * only confirmed co-signers count. Inviting or answering twice is once.
 * When the last open invitation of a proposal in 征集联名 is answered, the
 * proposal goes to the office (待审查).
 */
import type { ProposalDetail, RosterHit } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { escapeRegExp } from '../../src/core/text'
import { beijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { rowsOf } from '../_shared/db'
import { change, isProposer, viewerOf, wrongState, type CosignerRecord } from './model'
import type { Notice } from './notify'

interface RosterRow {
  _id: string
  name: string
  sector: string
  specialCommittee?: string
  memberNumber?: string
}

/** Roster members whose name starts with `name`, by number (at most 20). One read. */
export async function searchMembers(input: { name: string }, ctx: HandlerContext): Promise<{ items: RosterHit[] }> {
  const rows = rowsOf<RosterRow>(
    await ctx.db
      .collection('members')
      .where({ name: ctx.db.RegExp({ regexp: `^${escapeRegExp(input.name)}`, options: '' }) })
      .orderBy('memberNumber', 'asc')
      .limit(20)
      .get()
  )
  return { items: rows.map((r) => ({ memberId: r._id, name: r.name, sector: r.sector, ...(r.specialCommittee ? { specialCommittee: r.specialCommittee } : {}) })) }
}

/** Invites roster members to co-sign. One read (roster) + the step. */
export async function invite(input: { id: string; memberIds: string[] }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  const ids = [...new Set(input.memberIds)]
  if (caller.memberId && ids.includes(caller.memberId)) throw new AppError('PROPOSAL.COSIGN_SELF')
  const _ = ctx.db.command
  const rows = rowsOf<RosterRow>(await ctx.db.collection('members').where({ _id: _.in(ids) }).limit(100).get())
  if (rows.length !== ids.length) throw new AppError('PROPOSAL.MEMBER_UNKNOWN')
  return change(ctx, 'proposal.invite', input.id, (doc) => {
    if (!isProposer(doc, viewerOf(caller))) throw new AppError('PROPOSAL.NOT_OWNER')
    if (!['draft', 'cosigning', 'returned'].includes(doc.state)) throw wrongState(doc, '邀请联名')
    if (doc.proposerMemberId && ids.includes(doc.proposerMemberId)) throw new AppError('PROPOSAL.COSIGN_SELF')
    const known = new Set(doc.cosigners.filter((c) => c.status !== 'declined').map((c) => c.memberId))
    const fresh = rows.filter((r) => !known.has(r._id))
    // A decliner invited again gets a new invitation.
    const cosigners: CosignerRecord[] = [
      ...doc.cosigners.filter((c) => !fresh.some((f) => f._id === c.memberId)),
      ...fresh.map((r) => ({ memberId: r._id, name: r.name, sector: r.sector, status: 'invited' as const, invitedAt: ctx.now }))
    ]
    const notices: Notice[] = fresh.length ? [{ to: { kind: 'members', memberIds: fresh.map((f) => f._id) }, status: '联名邀请', note: `${doc.proposerName}邀请您联名` }] : []
    return {
      set: {
        cosigners,
        cosignMemberIds: cosigners.filter((c) => c.status !== 'declined').map((c) => c.memberId),
        invitedMemberIds: cosigners.filter((c) => c.status === 'invited').map((c) => c.memberId)
      },
      timeline: fresh.length ? [{ step: 'invited', by: '', note: fresh.map((f) => f.name).join('、') }] : [],
      audit: { invited: fresh.map((f) => f._id) },
      notices
    }
  })
}

/** An invitee confirms or declines; the last answer in 征集联名 submits the proposal. */
export async function answerInvitation(input: { id: string; accept: boolean; notify?: boolean }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  return change(ctx, 'proposal.answerInvitation', input.id, (doc) => {
    const me = doc.cosigners.find((c) => c.memberId === caller.memberId)
    if (!me) throw new AppError('PROPOSAL.NOT_INVITED')
    if (me.status !== 'invited') {
      // Answering twice is one answer: nothing changes.
      return { set: {}, timeline: [], audit: { repeated: me.status } }
    }
    if (!['draft', 'cosigning', 'returned'].includes(doc.state)) throw wrongState(doc, '答复联名邀请')
    const status = input.accept ? ('confirmed' as const) : ('declined' as const)
    const cosigners = doc.cosigners.map((c) => (c.memberId === me.memberId ? { ...c, status, answeredAt: ctx.now, notify: Boolean(input.notify) } : c))
    const stillOpen = cosigners.some((c) => c.status === 'invited')
    const submitsNow = doc.state === 'cosigning' && !stillOpen
    const notices: Notice[] = [
      { to: { kind: 'proposer' }, status: input.accept ? '确认联名' : '谢绝联名', note: `${me.name}${input.accept ? '已确认联名' : '谢绝联名'}` },
      ...(submitsNow ? [{ to: { kind: 'proposer' as const }, status: '已提交', note: '联名已确认，提案已提交' }] : [])
    ]
    return {
      set: {
        cosigners,
        cosignMemberIds: cosigners.filter((c) => c.status !== 'declined').map((c) => c.memberId),
        invitedMemberIds: cosigners.filter((c) => c.status === 'invited').map((c) => c.memberId),
        ...(submitsNow ? { state: 'submitted', submittedAt: ctx.now, year: beijing(ctx.now).year() } : {})
      },
      timeline: [{ step: input.accept ? 'cosign_confirmed' : 'cosign_declined', by: me.name }, ...(submitsNow ? [{ step: 'submitted' as const, by: doc.proposerName, note: '联名人均已答复' }] : [])],
      audit: { accept: input.accept, submitsNow },
      notices
    }
  })
}

/** 附议 a public proposal; twice is once. Output: the count and the caller's mark. */
export async function second(input: { id: string }, ctx: HandlerContext): Promise<{ seconderCount: number; secondedByMe: true }> {
  const caller = await ctx.caller()
  const view = await change(ctx, 'proposal.second', input.id, (doc) => {
    if (!doc.publicVisible) throw new AppError('PROPOSAL.NOT_PUBLIC')
    if (doc.proposerMemberId === caller.memberId) throw new AppError('PROPOSAL.NOT_PUBLIC', '不能附议自己的提案')
    if ((doc.seconders ?? []).some((s) => s.memberId === caller.memberId)) return { set: {}, timeline: [], audit: { repeated: true } }
    return {
      set: { seconders: [...(doc.seconders ?? []), { memberId: caller.memberId!, name: caller.displayName ?? '', at: ctx.now }] },
      timeline: [],
      audit: { seconded: true }
    }
  })
  return { seconderCount: view.seconderCount, secondedByMe: true }
}

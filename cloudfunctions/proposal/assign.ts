/**
 * 交办 and the units' side of handling (issue 9 item 5): assignment to one
 * lead unit with assisting units or split to several, deadlines (default per
 * term), 签收, 申退 and staff's answer (reassign or insist), 催办, the
 * overdue list, and a unit's task list.
 *
 * A unit (role `department`) acts only on parts given to one of its
 * departmentIds; anything else is PROPOSAL.NOT_ASSIGNED (or, for reading,
 * COMMON.NOT_FOUND). Deadlines are Beijing days; a part is overdue from
 * 24:00 Beijing of its deadline day while the unit has not answered.
 */
import type { ProposalDetail, ProposalTask, UnitRole, UnitStatus } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import type { Caller } from '../../src/core/roles'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage } from '../_shared/db'
import { change, nextDeadline, summaryOf, unitView, viewerOf, wrongState, type ProposalDocument, type UnitRecord } from './model'
import { deadlineOf, DEFAULT_DEADLINE_MONTHS, type TermDocument } from './terms'
import { unitsById } from './write'

/** The fields that follow from the units (tasks query, overdue query). */
export function withUnits(units: UnitRecord[]): { units: UnitRecord[]; unitIds: string[]; nextDeadlineAt: Date | null } {
  return { units, unitIds: [...new Set(units.filter((u) => u.status !== 'returned').map((u) => u.departmentId))], nextDeadlineAt: nextDeadline(units) }
}

/**
 * The caller's part on `doc`: a unit among the caller's departmentIds
 * (the one named by `departmentId` when given), preferring one in `wanted`
 * statuses. PROPOSAL.NOT_ASSIGNED when there is none.
 */
export function myPart(doc: ProposalDocument, caller: Caller, departmentId: string | undefined, wanted: UnitStatus[]): UnitRecord {
  const mine = doc.units.filter((u) => caller.departmentIds.includes(u.departmentId) && u.status !== 'returned' && (!departmentId || u.departmentId === departmentId))
  if (!mine.length) throw new AppError('PROPOSAL.NOT_ASSIGNED')
  return mine.find((u) => wanted.includes(u.status)) ?? mine[0]
}

function partWrongState(u: UnitRecord, verb: string): AppError {
  const labels: Record<UnitStatus, string> = { pending: '待签收', signed: '办理中', return_requested: '申请退回', returned: '已退回', opinion_sent: '已提交协办意见', replied: '已答复', rehandling: '再办理' }
  return new AppError('PROPOSAL.WRONG_STATE', `您单位对该提案的办理状态为“${labels[u.status]}”，不能${verb}`)
}

/** 交办 (filed -> 办理中). DB: term (1) + units (1) + the step. */
export async function assign(input: { id: string; mode: 'lead' | 'split'; unitIds: string[]; assistUnitIds?: string[]; deadline?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const main = [...new Set(input.unitIds)]
  const assist = [...new Set(input.assistUnitIds ?? [])].filter((u) => !main.includes(u))
  if (input.mode === 'lead' && main.length !== 1) throw new AppError('COMMON.INVALID_INPUT', '主办单位只能选一个；要交给多个单位分别办理请选择“分办”')
  if (input.mode === 'split' && main.length < 2) throw new AppError('COMMON.INVALID_INPUT', '分办至少选择两个单位')
  if (input.mode === 'split' && assist.length) throw new AppError('COMMON.INVALID_INPUT', '分办时不设协办单位')
  const existing = await findById<ProposalDocument>(ctx.db, 'proposals', input.id)
  if (!existing) throw new AppError('COMMON.NOT_FOUND', '提案不存在或已被删除')
  const [term, names] = await Promise.all([findById<TermDocument>(ctx.db, 'terms', existing.termId), unitsById(ctx, [...main, ...assist])])
  const { deadline, deadlineAt } = deadlineOf(ctx.now, term?.deadlineMonths ?? DEFAULT_DEADLINE_MONTHS, input.deadline)
  const role: UnitRole = input.mode === 'lead' ? 'lead' : 'split'
  const part = (departmentId: string, r: UnitRole): UnitRecord => ({ departmentId, name: names.get(departmentId)!, role: r, status: 'pending', deadline, deadlineAt, assignedAt: ctx.now, reminders: [] })
  const units = [...main.map((u) => part(u, role)), ...assist.map((u) => part(u, 'assist'))]
  return change(ctx, 'proposal.assign', input.id, (doc) => {
    if (doc.state !== 'filed') throw wrongState(doc, '交办')
    const note = `${units.map((u) => `${u.name}（${u.role === 'lead' ? '主办' : u.role === 'split' ? '分办' : '协办'}）`).join('、')}，${deadline} 前办复`
    return {
      set: { state: 'assigned', ...withUnits(units) },
      timeline: [{ step: 'assigned', by: '', note }],
      audit: { mode: input.mode, units: units.map((u) => [u.departmentId, u.role]), deadline },
      notices: [
        { to: { kind: 'units', departmentIds: units.map((u) => u.departmentId) }, status: '新交办', note: `请于${deadline}前办复` },
        { to: { kind: 'proposer' }, status: '已交办', note: units.filter((u) => u.role !== 'assist').map((u) => u.name).join('、') }
      ]
    }
  })
}

/** A unit's tasks (staff: every assigned proposal). One read per page. */
export async function tasks(input: { limit?: number; cursor?: string; open?: boolean }, ctx: HandlerContext): Promise<Page<ProposalTask>> {
  const caller = await ctx.caller()
  const viewer = viewerOf(caller)
  const _ = ctx.db.command
  const scoped = caller.roles.includes('department') ? caller.departmentIds : []
  if (!scoped.length && !viewer.staff) return { items: [] }
  const where: Record<string, unknown> = scoped.length ? { unitIds: _.in(scoped) } : { state: _.in(['assigned', 'replied', 'rehandling', 'closed']) }
  if (input.open) where.state = _.in(['assigned', 'rehandling'])
  const page = await findPage<ProposalDocument>(ctx.db, 'proposals', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
  const items = page.items.map((d) => {
    const part = d.units.find((u) => scoped.includes(u.departmentId) && u.status !== 'returned') ?? d.units[0]
    return { ...summaryOf(d, viewer, ctx.now), myUnit: unitView(part, ctx.now, part.role !== 'assist') }
  })
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** 签收: the unit's part pending -> 办理中. */
export async function signFor(input: { id: string; departmentId?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  return change(ctx, 'proposal.signFor', input.id, (doc) => {
    const part = myPart(doc, caller, input.departmentId, ['pending'])
    if (!['assigned', 'rehandling'].includes(doc.state)) throw wrongState(doc, '签收')
    if (part.status !== 'pending') throw partWrongState(part, '签收')
    const units = doc.units.map((u) => (u === part ? { ...u, status: 'signed' as const, signedAt: ctx.now } : u))
    return {
      set: withUnits(units),
      timeline: [{ step: 'signed', by: part.name }],
      audit: { departmentId: part.departmentId }
    }
  })
}

/** 申退: before signing, the unit asks to give its part back. */
export async function askReturn(input: { id: string; departmentId?: string; reason: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  return change(ctx, 'proposal.askReturn', input.id, (doc) => {
    const part = myPart(doc, caller, input.departmentId, ['pending'])
    if (doc.state !== 'assigned') throw wrongState(doc, '申请退回')
    if (part.status !== 'pending') throw partWrongState(part, '申请退回（签收前才能申退）')
    const units = doc.units.map((u) => (u === part ? { ...u, status: 'return_requested' as const, returnReason: input.reason } : u))
    return {
      set: withUnits(units),
      timeline: [{ step: 'return_requested', by: part.name, note: input.reason }],
      audit: { departmentId: part.departmentId, reason: input.reason }
    }
  })
}

function partOf(doc: ProposalDocument, departmentId: string): UnitRecord {
  const part = doc.units.find((u) => u.departmentId === departmentId && u.status !== 'returned')
  if (!part) throw new AppError('PROPOSAL.NOT_ASSIGNED', '该单位没有承办这件提案')
  return part
}

/** Staff move a part (申退 or not yet signed) to another unit. */
export async function reassign(input: { id: string; fromUnitId: string; toUnitId: string; deadline?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const [names, existing] = await Promise.all([unitsById(ctx, [input.toUnitId]), findById<ProposalDocument>(ctx.db, 'proposals', input.id)])
  if (!existing) throw new AppError('COMMON.NOT_FOUND', '提案不存在或已被删除')
  return change(ctx, 'proposal.reassign', input.id, (doc) => {
    if (doc.state !== 'assigned') throw wrongState(doc, '改交办')
    const part = partOf(doc, input.fromUnitId)
    if (!['pending', 'return_requested'].includes(part.status)) throw partWrongState(part, '改交办')
    if (doc.units.some((u) => u.departmentId === input.toUnitId && u.status !== 'returned')) throw new AppError('COMMON.INVALID_INPUT', '该单位已在承办这件提案')
    const { deadline, deadlineAt } = input.deadline ? deadlineOf(ctx.now, 0, input.deadline) : { deadline: part.deadline, deadlineAt: part.deadlineAt }
    const fresh: UnitRecord = { departmentId: input.toUnitId, name: names.get(input.toUnitId)!, role: part.role, status: 'pending', deadline, deadlineAt, assignedAt: ctx.now, reminders: [] }
    const units = [...doc.units.map((u) => (u === part ? { ...u, status: 'returned' as const } : u)), fresh]
    return {
      set: withUnits(units),
      timeline: [{ step: 'reassigned', by: '', note: `${part.name} → ${fresh.name}` }],
      audit: { from: part.departmentId, to: fresh.departmentId, deadline },
      notices: [
        { to: { kind: 'units', departmentIds: [fresh.departmentId] }, status: '新交办', note: `请于${deadline}前办复` },
        { to: { kind: 'units', departmentIds: [part.departmentId] }, status: '已改交办', note: '申退已同意' }
      ]
    }
  })
}

/** Staff keep the part with the unit (申退 declined): back to 待签收. */
export function insist(input: { id: string; departmentId: string; note: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(ctx, 'proposal.insist', input.id, (doc) => {
    if (doc.state !== 'assigned') throw wrongState(doc, '维持交办')
    const part = partOf(doc, input.departmentId)
    if (part.status !== 'return_requested') throw partWrongState(part, '维持交办（该单位没有申退）')
    const units = doc.units.map((u) => (u === part ? { ...u, status: 'pending' as const } : u))
    return {
      set: withUnits(units),
      timeline: [{ step: 'insisted', by: '', note: `${part.name}：${input.note}` }],
      audit: { departmentId: part.departmentId, note: input.note },
      notices: [{ to: { kind: 'units', departmentIds: [part.departmentId] }, status: '维持交办', note: input.note }]
    }
  })
}

/** 催办 a unit still to answer; logged and notified. */
export function remind(input: { id: string; departmentId: string; note?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  return change(ctx, 'proposal.remind', input.id, (doc) => {
    if (!['assigned', 'rehandling'].includes(doc.state)) throw wrongState(doc, '催办')
    const part = partOf(doc, input.departmentId)
    if (!['pending', 'signed', 'return_requested', 'rehandling'].includes(part.status)) throw partWrongState(part, '催办')
    const units = doc.units.map((u) => (u === part ? { ...u, reminders: [...(u.reminders ?? []), { at: ctx.now, ...(input.note ? { note: input.note } : {}) }] } : u))
    return {
      set: withUnits(units),
      timeline: [{ step: 'reminded', by: '', note: `${part.name}${input.note ? `：${input.note}` : ''}` }],
      audit: { departmentId: part.departmentId, note: input.note ?? null },
      notices: [{ to: { kind: 'units', departmentIds: [part.departmentId] }, status: '催办', note: input.note ?? `请于${part.deadline}前办复` }]
    }
  })
}

/** Overdue proposals, longest overdue first. One read per page. */
export async function overdue(input: { limit?: number; cursor?: string }, ctx: HandlerContext) {
  const _ = ctx.db.command
  const page = await findPage<ProposalDocument>(ctx.db, 'proposals', {
    where: { state: _.in(['assigned', 'rehandling']), nextDeadlineAt: _.lte(ctx.now) },
    sortField: 'nextDeadlineAt',
    direction: 'asc',
    limit: input.limit,
    cursor: input.cursor
  })
  const viewer = viewerOf(await ctx.caller())
  return { items: page.items.map((d) => summaryOf(d, viewer, ctx.now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

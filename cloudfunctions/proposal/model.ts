/**
 * The `proposals` document, its views and the one way every step changes it
 * ({@link change}): a transaction that replays an earlier answer for the same
 * requestId, checks the state, writes the proposal, its timeline, the audit
 * log and the idempotency record together; notices go out after the commit.
 *
 * Privacy: the document keeps OPENIDs only in `ownerOpenid` (who writes it);
 * co-signers and seconders are kept by roster id and name, units by
 * department id; views show names and a `mine` flag, never an OPENID.
 */
import { tempUrls } from '../_shared/files'
import { transact } from '../_shared/transaction'
import { syncProposal, syncProposalInTx } from '../_shared/ledger'
import { requestKey } from '../_shared/first-answer'
import {
  cosignStatusLabels,
  contactModeLabels,
  leaderModeLabels,
  proposalCategoryLabels,
  ratingLabels,
  replyGradeLabels,
  unitRoleLabels,
  unitStatusLabels,
  type ContactMode,
  type CosignStatus,
  type LeaderMode,
  type ProposalCategory,
  type ProposalDetail,
  type ProposalFlag,
  type ProposalSummary,
  type ProposalTimelineStep,
  type ProposalUnitView,
  type Rating,
  type ReplyGrade,
  type UnitRole,
  type UnitStatus
} from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { proposalStateLabels, type ProposalState } from '../../src/core/states'
import type { Caller } from '../../src/core/roles'
import type { Transaction } from '../_shared/cloud'
import type { FileRecord } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'
import { auditId } from '../_shared/audit'
import { findById } from '../_shared/db'
import { sendNotices, type Notice } from './notify'

export interface CosignerRecord {
  memberId: string
  name: string
  sector: string
  status: CosignStatus
  invitedAt: Date
  answeredAt?: Date
  /** Agreed to later notices (given when answering). */
  notify?: boolean
}

export interface UnitRecord {
  departmentId: string
  name: string
  role: UnitRole
  status: UnitStatus
  /** Beijing date YYYY-MM-DD: last day. */
  deadline: string
  /** 24:00 Beijing of the deadline day (UTC instant): overdue from then on. */
  deadlineAt: Date
  assignedAt: Date
  signedAt?: Date
  returnReason?: string | null
  reminders: { at: Date; note?: string }[]
  opinion?: { content: string; at: Date; flags: ProposalFlag[] }
}

export interface ReplyRecord {
  departmentId: string
  unitName: string
  round: number
  grade: ReplyGrade
  contactMode: ContactMode
  public: boolean
  content: string
  letter: FileRecord
  at: Date
  /** The content check held it: never public until staff release it. */
  held: boolean
  flags: ProposalFlag[]
  rating?: { value: Rating; comment?: string; at: Date }
}

export interface TimelineRecord {
  step: ProposalTimelineStep
  at: Date
  /** Name of who acted (member, 政协办公室, unit). */
  by: string
  note?: string
}

export interface ProposalDocument {
  _id: string
  termId: string
  termName: string
  sessionNumber: number | null
  sessionName: string
  /** Counter key of the session: `<termId>-s<n>` or `<termId>-between`. */
  sessionKey: string
  /** Beijing year of submission (of creation while a draft). */
  year: number
  title: string
  analysis: string
  suggestions: string
  category: ProposalCategory
  suggestedUnits: { id: string; name: string }[]
  attachments: FileRecord[]
  collective: boolean
  proposerName: string
  proposerMemberId?: string
  /** OPENID of who writes it (the member, or the staff user for a collective proposal). Never shown. */
  ownerOpenid: string
  notify: boolean
  cosigners: CosignerRecord[]
  /** Roster ids of invited or confirmed co-signers (我的提案 query). */
  cosignMemberIds: string[]
  /** Roster ids with an open invitation. */
  invitedMemberIds: string[]
  seconders: { memberId: string; name: string; at: Date }[]
  mayPublish: boolean
  /** The public list shows it: filed (or later, not withdrawn), mayPublish. */
  publicVisible: boolean
  state: ProposalState
  flags: ProposalFlag[]
  key: boolean
  leaders: { name: string; mode: LeaderMode }[]
  number?: number
  numberLabel?: string
  submittedAt?: Date
  filedAt?: Date
  units: UnitRecord[]
  /** Department ids of the units on it (tasks query). */
  unitIds: string[]
  /** Earliest deadline of a unit still to answer; null when none. */
  nextDeadlineAt: Date | null
  replies: ReplyRecord[]
  /** First-round replies superseded by a 再办理. */
  earlierReplies: ReplyRecord[]
  returnReason?: string | null
  notFiledReason?: string
  convertedOpinionId?: string
  mergedInto?: { id: string; title: string; numberLabel?: string }
  mergedFrom: { id: string; title: string; proposerName: string }[]
  timeline: TimelineRecord[]
  createdAt: Date
  updatedAt: Date
}

/** Who is looking. */
export interface Viewer {
  openid: string
  memberId?: string
  staff: boolean
  departmentIds: string[]
}

export function viewerOf(caller: Caller): Viewer {
  return { openid: caller.openid, memberId: caller.memberId, staff: caller.roles.includes('staff'), departmentIds: caller.roles.includes('department') ? caller.departmentIds : [] }
}

export const OFFICE_NAME = '政协办公室'

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
/** 4 -> 四次会议; null -> 会间. */
export function sessionNameOf(n: number | null): string {
  return n === null ? '会间' : `${CN[n] ?? n}次会议`
}
/** 15 -> 十五届. */
export function termNameOf(n: number): string {
  if (n <= 10) return `${CN[n]}届`
  if (n < 20) return `十${CN[n % 10] === '零' ? '' : CN[n % 10]}届`
  return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}届`
}
export function sessionKeyOf(termId: string, n: number | null): string {
  return n === null ? `${termId}-between` : `${termId}-s${n}`
}
/** 十五届四次会议第 023 号 */
export function numberLabelOf(termName: string, sessionName: string, n: number): string {
  return `${termName}${sessionName}第 ${String(n).padStart(3, '0')} 号`
}

const stepLabels: Record<ProposalTimelineStep, string> = {
  created: '创建草稿',
  invited: '邀请联名',
  cosign_confirmed: '确认联名',
  cosign_declined: '谢绝联名',
  submitted: '提交提案',
  returned: '退回修改',
  filed: '已立案',
  not_filed: '不予立案',
  converted: '转为社情民意',
  merged: '已并案',
  merged_in: '并入提案',
  withdrawn: '已撤案',
  key: '重点提案',
  assigned: '已交办',
  signed: '已签收',
  return_requested: '申请退回',
  reassigned: '改交办',
  insisted: '维持交办',
  reminded: '催办',
  assist_opinion: '提交协办意见',
  replied: '已答复',
  reply_released: '答复已审核',
  rated: '已评价',
  rehandling: '再办理',
  closed: '已办结'
}

export function timelineLabel(step: ProposalTimelineStep): string {
  return stepLabels[step]
}

const iso = (d: Date | string) => new Date(d).toISOString()

/** Open unit statuses: still to sign, handle, or re-handle. */
export const OPEN_UNIT: UnitStatus[] = ['pending', 'signed', 'return_requested', 'rehandling']

export function unitOverdue(u: UnitRecord, now: Date): boolean {
  return OPEN_UNIT.includes(u.status) && now.getTime() >= new Date(u.deadlineAt).getTime()
}

/** Earliest deadline of a unit still to answer. */
export function nextDeadline(units: UnitRecord[]): Date | null {
  const open = units.filter((u) => OPEN_UNIT.includes(u.status)).map((u) => new Date(u.deadlineAt).getTime())
  return open.length ? new Date(Math.min(...open)) : null
}

export function confirmedCosigners(doc: Pick<ProposalDocument, 'cosigners'>): CosignerRecord[] {
  return (doc.cosigners ?? []).filter((c) => c.status === 'confirmed')
}

export function isProposer(doc: ProposalDocument, viewer: Viewer): boolean {
  return doc.collective ? doc.ownerOpenid === viewer.openid : Boolean(viewer.memberId && doc.proposerMemberId === viewer.memberId)
}

function myRoleOf(doc: ProposalDocument, viewer: Viewer): ProposalSummary['myRole'] {
  if (isProposer(doc, viewer)) return 'proposer'
  const c = viewer.memberId ? doc.cosigners.find((x) => x.memberId === viewer.memberId) : undefined
  if (c?.status === 'confirmed') return 'cosigner'
  if (c?.status === 'invited') return 'invited'
  if (doc.units.some((u) => viewer.departmentIds.includes(u.departmentId))) return 'unit'
  return undefined
}

export function unitView(u: UnitRecord, now: Date, withOpinion: boolean): ProposalUnitView {
  return {
    departmentId: u.departmentId,
    name: u.name,
    role: u.role,
    roleLabel: unitRoleLabels[u.role],
    status: u.status,
    statusLabel: unitStatusLabels[u.status],
    deadline: u.deadline,
    overdue: unitOverdue(u, now),
    ...(u.signedAt ? { signedAt: iso(u.signedAt) } : {}),
    ...(u.returnReason ? { returnReason: u.returnReason } : {}),
    reminders: (u.reminders ?? []).length,
    ...(withOpinion && u.opinion ? { opinion: { content: u.opinion.content, at: iso(u.opinion.at) } } : {})
  }
}

export function summaryOf(doc: ProposalDocument, viewer: Viewer, now: Date): ProposalSummary {
  const role = myRoleOf(doc, viewer)
  return {
    id: doc._id,
    title: doc.title,
    category: doc.category,
    categoryLabel: proposalCategoryLabels[doc.category],
    state: doc.state,
    stateLabel: proposalStateLabels[doc.state],
    termId: doc.termId,
    termName: doc.termName,
    sessionNumber: doc.sessionNumber,
    sessionName: doc.sessionName,
    ...(doc.number ? { number: doc.number, numberLabel: doc.numberLabel } : {}),
    proposerName: doc.proposerName,
    collective: doc.collective,
    cosignerCount: confirmedCosigners(doc).length,
    key: Boolean(doc.key),
    ...(doc.submittedAt ? { submittedAt: iso(doc.submittedAt) } : {}),
    ...(doc.filedAt ? { filedAt: iso(doc.filedAt) } : {}),
    updatedAt: iso(doc.updatedAt),
    units: (doc.units ?? []).map((u) => ({ name: u.name, role: u.role, status: u.status, deadline: u.deadline, overdue: unitOverdue(u, now) })),
    overdue: (doc.units ?? []).some((u) => unitOverdue(u, now)),
    mine: role === 'proposer',
    ...(role ? { myRole: role } : {}),
    ...(viewer.staff ? { flags: doc.flags ?? [] } : {})
  }
}

/** Replies a proposer may rate now: the current round's, not yet rated. */
export function rateable(doc: ProposalDocument): string[] {
  if (!['replied', 'rehandling'].includes(doc.state)) return []
  return doc.replies.filter((r) => !r.rating).map((r) => r.departmentId)
}

/**
 * Full view. A unit sees the proposal and the units' parts, assisting
 * opinions only when it leads; `urls` maps fileIDs to temporary URLs.
 */
export function detailOf(doc: ProposalDocument, viewer: Viewer, now: Date, urls: Record<string, string>): ProposalDetail {
  const proposer = isProposer(doc, viewer)
  const mineCosign = viewer.memberId ? doc.cosigners.find((c) => c.memberId === viewer.memberId) : undefined
  const leadsIt = doc.units.some((u) => viewer.departmentIds.includes(u.departmentId) && u.role !== 'assist')
  const seesOpinions = viewer.staff || proposer || leadsIt
  const open = ['draft', 'returned'].includes(doc.state)
  return {
    ...summaryOf(doc, viewer, now),
    analysis: doc.analysis,
    suggestions: doc.suggestions,
    suggestedUnits: doc.suggestedUnits ?? [],
    attachments: (doc.attachments ?? []).map((a) => ({ fileID: a.fileID, name: a.name ?? '附件', mime: a.mime, bytes: a.bytes, url: urls[a.fileID] ?? '' })),
    cosigners: doc.cosigners.map((c) => ({ name: c.name, sector: c.sector, status: c.status, statusLabel: cosignStatusLabels[c.status], mine: c.memberId === viewer.memberId })),
    seconderCount: (doc.seconders ?? []).length,
    secondedByMe: Boolean(viewer.memberId && (doc.seconders ?? []).some((s) => s.memberId === viewer.memberId)),
    mayPublish: doc.mayPublish,
    publicVisible: doc.publicVisible,
    notify: doc.notify,
    timeline: doc.timeline.map((t) => ({ step: t.step, label: t.step === 'filed' && doc.numberLabel ? `已立案（${doc.numberLabel}）` : timelineLabel(t.step), at: iso(t.at), by: t.by, ...(t.note ? { note: t.note } : {}) })),
    assignments: doc.units.map((u) => unitView(u, now, seesOpinions)),
    replies: doc.replies.map((r) => ({
      departmentId: r.departmentId,
      unitName: r.unitName,
      round: r.round,
      grade: r.grade,
      gradeLabel: replyGradeLabels[r.grade],
      contactMode: r.contactMode,
      contactLabel: contactModeLabels[r.contactMode],
      public: r.public,
      content: r.content,
      letterUrl: urls[r.letter.fileID] ?? '',
      ...(r.letter.name ? { letterName: r.letter.name } : {}),
      at: iso(r.at),
      ...(r.held ? { held: true } : {}),
      ...(r.rating ? { rating: { value: r.rating.value, label: ratingLabels[r.rating.value], ...(r.rating.comment ? { comment: r.rating.comment } : {}), at: iso(r.rating.at) } } : {})
    })),
    leaders: (doc.leaders ?? []).map((l) => ({ name: l.name, mode: l.mode, modeLabel: leaderModeLabels[l.mode] })),
    ...(doc.returnReason && doc.state === 'returned' ? { returnReason: doc.returnReason } : {}),
    ...(doc.notFiledReason ? { notFiledReason: doc.notFiledReason } : {}),
    ...(doc.convertedOpinionId ? { convertedOpinionId: doc.convertedOpinionId } : {}),
    ...(doc.mergedInto ? { mergedInto: doc.mergedInto } : {}),
    mergedFrom: doc.mergedFrom ?? [],
    can: {
      edit: proposer && open,
      submit: proposer && open,
      withdraw: (proposer && ['draft', 'cosigning', 'submitted', 'returned'].includes(doc.state)) || (viewer.staff && ['submitted', 'returned', 'filed', 'assigned'].includes(doc.state)),
      invite: proposer && ['draft', 'cosigning', 'returned'].includes(doc.state),
      answerInvitation: mineCosign?.status === 'invited' && ['draft', 'cosigning'].includes(doc.state),
      second: Boolean(viewer.memberId) && doc.publicVisible && !proposer && !(doc.seconders ?? []).some((s) => s.memberId === viewer.memberId),
      rate: proposer ? rateable(doc) : []
    }
  }
}

/** Who may read the full proposal: its people, staff, its units. */
export function maySee(doc: ProposalDocument, viewer: Viewer): boolean {
  return viewer.staff || myRoleOf(doc, viewer) !== undefined
}

export function wrongState(doc: Pick<ProposalDocument, 'state'>, verb: string): AppError {
  return new AppError('PROPOSAL.WRONG_STATE', `该提案当前为“${proposalStateLabels[doc.state]}”，不能${verb}`)
}

/** Reads one proposal inside a transaction; COMMON.NOT_FOUND when missing. */
export async function txGet(tx: Transaction, id: string): Promise<ProposalDocument> {
  let doc: ProposalDocument | undefined
  try {
    doc = (await tx.collection('proposals').doc(id).get()).data as ProposalDocument
  } catch {
    doc = undefined
  }
  if (!doc) throw new AppError('COMMON.NOT_FOUND', '提案不存在或已被删除')
  return { ...doc, _id: id }
}

/** Reads a document inside a transaction, or undefined. */
export async function txFind<T>(tx: Transaction, collection: string, id: string): Promise<T | undefined> {
  try {
    const data = (await tx.collection(collection).doc(id).get()).data as T | undefined
    return data ?? undefined
  } catch {
    return undefined
  }
}

/** What one step does to the proposal. */
export interface Step {
  set: Partial<ProposalDocument> & Record<string, unknown>
  timeline: Omit<TimelineRecord, 'at'>[]
  /** Audit entry details. */
  audit?: Record<string, unknown>
  notices?: Notice[]
  /** More writes in the same transaction (another proposal, an opinion item, a counter). */
  extra?: (tx: Transaction) => Promise<void>
}

export interface RequestRecord {
  proposalId: string
  action: string
  at: Date
  result?: unknown
}

/** `_id` of the idempotency record of one call: the shared key (`requests`, _shared/first-answer.ts). */
export { requestKey }

/** Temporary URLs for file IDs: the shared helper (_shared/files.ts). */
export { tempUrls }

export function filesOf(doc: ProposalDocument): string[] {
  return [...(doc.attachments ?? []).map((a) => a.fileID), ...(doc.replies ?? []).map((r) => r.letter.fileID)]
}

/** The caller's detail view of `doc` (one storage call for file URLs). */
export async function viewFor(ctx: HandlerContext, doc: ProposalDocument): Promise<ProposalDetail> {
  const viewer = viewerOf(await ctx.caller())
  return detailOf(doc, viewer, ctx.now, await tempUrls(ctx, filesOf(doc)))
}

/**
 * Applies one step to proposal `id` (see the file's doc). `step(doc, tx)`
 * checks the state and returns the change; throw to refuse. A retry of the
 * same call (same OPENID, action and requestId) answers what the first call
 * answered, without acting again. Write conflicts are retried by the shared
 * transaction (then COMMON.BUSY). Output: the caller's detail view.
 */
export async function change(
  ctx: HandlerContext,
  action: string,
  id: string,
  step: (doc: ProposalDocument, tx: Transaction) => Promise<Step> | Step,
  /** Transaction attempts on write conflicts (default: the shared rule's). */
  attempts?: number
): Promise<ProposalDetail> {
  const key = requestKey(ctx, action)
  const byName = await actorName(ctx)
  let ledger = 'done' as 'done' | 'too_many'
  // The shared transaction: bounded retries on conflicts, then COMMON.BUSY (_shared/transaction.ts).
  const outcome: { replay: true; result?: unknown; id: string } | { replay: false; doc: ProposalDocument; notices: Notice[] } = await transact(ctx.db, async (tx: Transaction) => {
      const earlier = await txFind<RequestRecord>(tx, 'requests', key)
      if (earlier) return { replay: true as const, result: earlier.result, id: earlier.proposalId }
      const current = await txGet(tx, id)
      const s = await step(current, tx)
      const timeline = [...current.timeline, ...s.timeline.map((t) => ({ ...t, by: t.by || byName, at: ctx.now }))]
      const data = { ...s.set, timeline, updatedAt: ctx.now }
      await tx.collection('proposals').doc(id).update({ data })
      // the members' ledger lines in the same transaction (decision 93); a step concerning many co-signers syncs after the commit
      ledger = await syncProposalInTx(tx, current, { ...current, ...data } as ProposalDocument, ctx.now)
      if (s.extra) await s.extra(tx)
      await tx.collection('auditLog').doc(auditId()).set({ data: { actor: ctx.openid, action, target: id, details: s.audit ?? {}, requestId: ctx.requestId, at: ctx.now } })
      await tx.collection('requests').doc(key).set({ data: { proposalId: id, action, at: ctx.now } })
      return { replay: false as const, doc: { ...current, ...data } as ProposalDocument, notices: s.notices ?? [] }
    },
    attempts ? { attempts } : {}
  )
  if (outcome.replay) {
    if (outcome.result) return outcome.result as ProposalDetail
    const doc = await findById<ProposalDocument>(ctx.db, 'proposals', outcome.id)
    if (!doc) throw new AppError('COMMON.NOT_FOUND')
    return viewFor(ctx, doc)
  }
  if (ledger === 'too_many') {
    try {
      await syncProposal(ctx.db, id, ctx.now)
    } catch (error) {
      console.error(`ledger sync of proposal ${id} failed (the repair timer will catch up)`, ctx.requestId, error)
    }
  }
  await sendNotices(ctx, outcome.doc, outcome.notices)
  const view = await viewFor(ctx, outcome.doc)
  await remember(ctx, key, view)
  return view
}

/** Keeps the first answer on the idempotency record (best effort: a replay without it answers the current view). */
export async function remember(ctx: HandlerContext, key: string, result: unknown): Promise<void> {
  try {
    await ctx.db.collection('requests').doc(key).update({ data: { result } })
  } catch (error) {
    console.warn(JSON.stringify({ remember: key, error: String((error as Error)?.message ?? error) }))
  }
}

/** The caller's name on the timeline: member name, unit name, or 政协办公室. */
export async function actorName(ctx: HandlerContext): Promise<string> {
  const caller = await ctx.caller()
  if (caller.roles.includes('staff')) return OFFICE_NAME
  if (caller.displayName) return caller.displayName
  return ''
}

/** Loads a proposal the caller may see, else COMMON.NOT_FOUND. One read. */
export async function loadVisible(ctx: HandlerContext, id: string): Promise<{ doc: ProposalDocument; viewer: Viewer }> {
  const [doc, caller] = await Promise.all([findById<ProposalDocument>(ctx.db, 'proposals', id), ctx.caller()])
  const viewer = viewerOf(caller)
  if (!doc || !maySee(doc, viewer)) throw new AppError('COMMON.NOT_FOUND', '提案不存在或您无权查看')
  return { doc, viewer }
}

/**
 * Writing a proposal (issue 9 item 2): drafts on the server, submission,
 * withdrawal (撤案), 我的提案 and one proposal's detail.
 *
 * Only a bound member writes a personal proposal; staff write collective
 * ones (专委会/界别/党派) in the collective's name. Text passes the shared
 * content check (risky: refused; review or a failed check: flagged and held
 * for the office, which reviews every proposal before it is filed and so
 * before anything is public). Attachments are the writer's own uploads,
 * checked by kind `document` and copied to `proposal-files/<id>/` (no OPENID
 * in any file ID others see).
 */
import { createHash } from 'crypto'
import type { ProposalCategory, ProposalDetail, ProposalFlag, ProposalSummary } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { PAGE_SIZE_MAX, type Page } from '../../src/core/paging'
import { beijing } from '../../src/core/time'
import { withCallerRead, type HandlerContext } from '../_shared/define-function'
import type { UserDocument } from '../_shared/caller'
import { findById, findPage, isDuplicateKey, pageOfRows, rowsOf } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import { checkText, inspectUploads, type FileRecord } from '../_shared/content-safety'
import {
  change,
  detailOf,
  filesOf,
  isProposer,
  loadVisible,
  OFFICE_NAME,
  remember,
  requestKey,
  sessionKeyOf,
  sessionNameOf,
  summaryOf,
  tempUrls,
  viewerOf,
  viewFor,
  wrongState,
  type ProposalDocument
} from './model'
import { termAndSession } from './terms'
import type { Notice } from './notify'

export interface DraftInput {
  id?: string
  termId: string
  sessionNumber: number | null
  title: string
  analysis: string
  suggestions: string
  category: ProposalCategory
  suggestedUnitIds?: string[]
  attachments?: string[]
  attachmentNames?: Record<string, string | undefined>
  mayPublish?: boolean
  notify?: boolean
  collectiveName?: string
}

/** Deterministic id of a new draft: a retry with the same requestId saves one. */
export function proposalIdFor(openid: string, requestId: string): string {
  return `pr-${createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 24)}`
}

/** Folder an attachment is copied to. */
export function filesFolder(id: string): string {
  return `proposal-files/${id}`
}

/** Units by id (one read); PROPOSAL.UNIT_UNKNOWN when any is missing. */
export async function unitsById(ctx: HandlerContext, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const _ = ctx.db.command
  const rows = rowsOf<{ _id: string; name: string }>(await ctx.db.collection('departments').where({ _id: _.in(unique) }).limit(100).get())
  const names = new Map(rows.map((r) => [r._id, r.name]))
  const missing = unique.filter((u) => !names.has(u))
  if (missing.length) throw new AppError('PROPOSAL.UNIT_UNKNOWN', `承办单位不存在（${missing.length} 个），请重新选择`)
  return names
}

/** Text verdict -> flags (risky throws CONTENT.RISKY). */
export async function textFlags(ctx: HandlerContext, parts: (string | undefined)[]): Promise<ProposalFlag[]> {
  const verdict = await checkText(ctx, parts, 3)
  return verdict === 'pass' ? [] : verdict === 'review' ? ['text_review'] : ['text_check_failed']
}

/**
 * Saves a draft: new (no id) or the caller's draft/returned proposal.
 * DB: caller (1) + term (1) + units (1, when suggested) + insert (1) for a new
 * draft; an edit goes through the step transaction. Output: the detail.
 */
export async function saveDraft(input: DraftInput, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  const staff = caller.roles.includes('staff')
  if (input.collectiveName && !staff) throw new AppError('PROPOSAL.COLLECTIVE_STAFF_ONLY')
  if (!input.collectiveName && !caller.memberId) throw new AppError('PROPOSAL.NOT_MEMBER')
  const id = input.id ?? proposalIdFor(ctx.openid, ctx.requestId)
  const [term, units] = await Promise.all([termAndSession(ctx, input.termId, input.sessionNumber), unitsById(ctx, input.suggestedUnitIds ?? [])])
  const existing = input.id ? await findById<ProposalDocument>(ctx.db, 'proposals', input.id) : null
  if (input.id && !existing) throw new AppError('COMMON.NOT_FOUND', '提案不存在或已被删除')
  const viewer = viewerOf(caller)
  if (existing && !isProposer(existing, viewer)) throw new AppError('PROPOSAL.NOT_OWNER')
  if (existing && !['draft', 'returned'].includes(existing.state)) {
    // A retry of this very save answers what the first one did.
    const earlier = await findById<{ result?: ProposalDetail }>(ctx.db, 'requests', requestKey(ctx, 'proposal.saveDraft'))
    if (earlier?.result) return earlier.result
    throw wrongState(existing, '修改')
  }

  const previous = existing?.attachments ?? []
  const wanted = input.attachments ?? previous.map((a) => a.fileID)
  const fresh = wanted.filter((f) => !previous.some((p) => p.fileID === f))
  const names = Object.fromEntries(Object.entries(input.attachmentNames ?? {}).filter((e): e is [string, string] => Boolean(e[1])))
  const [flags, inspected] = await Promise.all([
    textFlags(ctx, [input.title, input.analysis, input.suggestions]),
    inspectUploads(ctx, fresh, { kind: 'document', copyTo: filesFolder(id), names })
  ])
  const attachments: FileRecord[] = wanted.map((f) => previous.find((p) => p.fileID === f) ?? inspected[fresh.indexOf(f)])
  const fields = {
    termId: term._id,
    termName: term.name,
    sessionNumber: input.sessionNumber,
    sessionName: sessionNameOf(input.sessionNumber),
    sessionKey: sessionKeyOf(term._id, input.sessionNumber),
    title: input.title,
    analysis: input.analysis,
    suggestions: input.suggestions,
    category: input.category,
    suggestedUnits: [...units].map(([uid, name]) => ({ id: uid, name })),
    attachments,
    mayPublish: input.mayPublish ?? existing?.mayPublish ?? true,
    notify: input.notify ?? existing?.notify ?? false,
    flags
  }

  if (existing) {
    return change(ctx, 'proposal.saveDraft', existing._id, (doc) => {
      if (!['draft', 'returned'].includes(doc.state)) throw wrongState(doc, '修改')
      return { set: fields, timeline: [], audit: { edit: true, flags } }
    })
  }

  const doc: ProposalDocument = {
    _id: id,
    ...fields,
    year: beijing(ctx.now).year(),
    collective: Boolean(input.collectiveName),
    proposerName: input.collectiveName ?? caller.displayName ?? '',
    ...(input.collectiveName ? {} : { proposerMemberId: caller.memberId }),
    ownerOpenid: ctx.openid,
    cosigners: [],
    cosignMemberIds: [],
    invitedMemberIds: [],
    seconders: [],
    publicVisible: false,
    state: 'draft',
    key: false,
    leaders: [],
    units: [],
    unitIds: [],
    nextDeadlineAt: null,
    replies: [],
    earlierReplies: [],
    mergedFrom: [],
    timeline: [{ step: 'created', at: ctx.now, by: input.collectiveName ? OFFICE_NAME : caller.displayName ?? '' }],
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  const { _id, ...data } = doc
  try {
    await ctx.db.collection('proposals').add({ data: { _id, ...data } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const first = await findById<ProposalDocument>(ctx.db, 'proposals', _id)
    if (!first) throw error
    return viewFor(ctx, first)
  }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'proposal.saveDraft', target: id, details: { created: true, collective: doc.collective, flags }, requestId: ctx.requestId }, ctx.now)
  const view = detailOf(doc, viewer, ctx.now, await tempUrls(ctx, filesOf(doc)))
  await remember(ctx, requestKey(ctx, 'proposal.saveDraft'), view).catch(() => undefined)
  return view
}

/**
 * Submits (draft/returned -> 待审查, or 征集联名 while invitations are open).
 * withoutPending drops the open invitations (the lead goes on without them).
 */
export function submit(input: { id: string; withoutPending?: boolean; notify?: boolean }, ctx: HandlerContext): Promise<ProposalDetail> {
  return ctx.caller().then((caller) =>
    change(ctx, 'proposal.submit', input.id, (doc) => {
      if (!isProposer(doc, viewerOf(caller))) throw new AppError('PROPOSAL.NOT_OWNER')
      if (!['draft', 'returned'].includes(doc.state)) throw wrongState(doc, '提交')
      const open = doc.cosigners.filter((c) => c.status === 'invited')
      const dropping = input.withoutPending && open.length > 0
      const cosigners = dropping ? doc.cosigners.filter((c) => c.status !== 'invited') : doc.cosigners
      const waiting = !dropping && open.length > 0
      const notices: Notice[] = waiting ? [] : [{ to: { kind: 'proposer' }, status: '已提交', note: '提案已提交，等待审查' }]
      return {
        set: {
          state: waiting ? 'cosigning' : 'submitted',
          cosigners,
          cosignMemberIds: cosigners.filter((c) => c.status !== 'declined').map((c) => c.memberId),
          invitedMemberIds: cosigners.filter((c) => c.status === 'invited').map((c) => c.memberId),
          ...(input.notify !== undefined ? { notify: input.notify } : {}),
          ...(waiting ? {} : { submittedAt: ctx.now, year: beijing(ctx.now).year() })
        },
        timeline: [{ step: 'submitted', by: '', ...(waiting ? { note: `等待 ${open.length} 位委员确认联名` } : dropping ? { note: `未确认的 ${open.length} 位委员不再列为联名人` } : {}) }],
        audit: { waiting, dropped: dropping ? open.length : 0 },
        notices
      }
    })
  )
}

/**
 * 撤案. The proposer: draft, 征集联名, 待审查, 退回修改. Staff, at the
 * proposer's request: 待审查, 退回修改, 已立案, 办理中 (units released and told).
 */
export async function withdraw(input: { id: string; reason?: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const caller = await ctx.caller()
  const viewer = viewerOf(caller)
  return change(ctx, 'proposal.withdraw', input.id, (doc) => {
    const proposer = isProposer(doc, viewer)
    const byStaff = !proposer && viewer.staff
    if (!proposer && !byStaff) throw new AppError('PROPOSAL.NOT_OWNER')
    const allowed = byStaff ? ['submitted', 'returned', 'filed', 'assigned'] : ['draft', 'cosigning', 'submitted', 'returned']
    if (!allowed.includes(doc.state)) throw wrongState(doc, byStaff ? '撤案' : '撤回（已立案的提案请联系政协办公室撤案）')
    const busyUnits = doc.units.filter((u) => u.status !== 'returned').map((u) => u.departmentId)
    const notices: Notice[] = [...(byStaff ? [{ to: { kind: 'proposer' as const }, status: '已撤案', note: input.reason ?? '提案已按您的申请撤案' }] : []), ...(busyUnits.length ? [{ to: { kind: 'units' as const, departmentIds: busyUnits }, status: '已撤案', note: '该提案已撤案，无需继续办理' }] : [])]
    return {
      set: { state: 'withdrawn', publicVisible: false, nextDeadlineAt: null, invitedMemberIds: [] },
      timeline: [{ step: 'withdrawn', by: '', ...(input.reason ? { note: input.reason } : {}) }],
      audit: { byStaff, reason: input.reason ?? null },
      notices
    }
  })
}

/** wx-server-sdk's typings lack `aggregate.pipeline()` and `command.expr()`, which the SDK has (`$lookup` with `let` and `pipeline`). */
interface LookupPipelineBuilder {
  pipeline(): { match(q: unknown): { sort(s: Record<string, 1 | -1>): { limit(n: number): { done(): unknown } } } }
}

type MineInput = { limit?: number; cursor?: string; role?: 'proposer' | 'cosigner' | 'invited' }

/**
 * 我的提案's first page and the caller in ONE database operation (issue 9
 * bench target "my proposals: 1"; decision 63): an aggregate on `users`
 * matching the caller's OPENID, whose `$lookup` selects the proposals
 * {@link mine} would select (the same led / co-signed / invited rule, keyed
 * by the roster id of that very `users` document), newest change first,
 * `limit + 1` of them. The access rule (member or staff) is then checked on
 * that document as always; a refusal discards the proposals. Later pages
 * (a cursor) and a caller without a `users` document (bootstrap staff)
 * take the normal path: caller read, then one list read.
 */
async function readMine(db: HandlerContext['db'], openid: string, input: MineInput): Promise<{ user: UserDocument | null; data: ProposalDocument[] | undefined } | null> {
  if (input.cursor) return null
  const $ = db.command.aggregate
  const _ = db.command
  // '' when the caller is no bound member: no proposal has an empty member id, and the guard below says so explicitly
  const me = '$$memberId'
  const asMember = (condition: unknown) => $.and([$.neq([me, '']), condition])
  const led = $.or([asMember($.eq(['$proposerMemberId', me])), $.and([$.eq(['$ownerOpenid', openid]), $.eq(['$collective', true])])])
  const cosigned = asMember($.in([me, $.ifNull(['$cosignMemberIds', []])]))
  const invited = asMember($.in([me, $.ifNull(['$invitedMemberIds', []])]))
  const condition = input.role === 'proposer' ? led : input.role === 'cosigner' ? cosigned : input.role === 'invited' ? invited : $.or([led, cosigned])
  const limit = Math.min(input.limit ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX)
  const result = await db
    .collection('users')
    .aggregate()
    .match({ _id: openid })
    .lookup({
      from: 'proposals',
      let: { memberId: $.ifNull(['$member.id', '']) },
      pipeline: ($ as unknown as LookupPipelineBuilder).pipeline().match((_ as unknown as { expr(e: unknown): unknown }).expr(condition)).sort({ updatedAt: -1, _id: -1 }).limit(limit + 1).done(),
      as: 'myProposalsPage'
    })
    .end()
  const row = (result as { list?: (UserDocument & { myProposalsPage: ProposalDocument[] })[] }).list?.[0]
  if (!row) return { user: null, data: undefined }
  const { myProposalsPage, ...user } = row
  return { user, data: myProposalsPage }
}

/** 我的提案: led, co-signed or invited, newest change first. First page: one operation with the caller (readMine); later pages: caller + one read. */
export const mine = withCallerRead(readMine, async (input: MineInput, ctx: HandlerContext): Promise<Page<ProposalSummary>> => {
  const caller = await ctx.caller()
  const viewer = viewerOf(caller)
  const summaries = (page: Page<ProposalDocument>): Page<ProposalSummary> => ({ items: page.items.map((d) => summaryOf(d, viewer, ctx.now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) })
  const first = ctx.prefetched as ProposalDocument[] | undefined
  if (first) return summaries(pageOfRows(first, input.limit, 'updatedAt'))
  const _ = ctx.db.command
  const memberId = caller.memberId
  const lead = [...(memberId ? [{ proposerMemberId: memberId }] : []), { ownerOpenid: ctx.openid, collective: true }]
  const parts: Record<string, unknown>[] =
    input.role === 'proposer' ? lead : input.role === 'cosigner' ? (memberId ? [{ cosignMemberIds: memberId }] : []) : input.role === 'invited' ? (memberId ? [{ invitedMemberIds: memberId }] : []) : [...lead, ...(memberId ? [{ cosignMemberIds: memberId }] : [])]
  if (!parts.length) return { items: [] }
  return summaries(
    await findPage<ProposalDocument>(ctx.db, 'proposals', {
      where: parts.length === 1 ? parts[0] : (_.or(parts) as unknown as Record<string, unknown>),
      sortField: 'updatedAt',
      direction: 'desc',
      limit: input.limit,
      cursor: input.cursor
    })
  )
})

/** One proposal to its people, staff and its units. Two reads (caller, proposal) + storage. */
export async function getProposal(input: { id: string }, ctx: HandlerContext): Promise<ProposalDetail> {
  const { doc, viewer } = await loadVisible(ctx, input.id)
  return detailOf(doc, viewer, ctx.now, await tempUrls(ctx, filesOf(doc)))
}


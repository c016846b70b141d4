/**
 * Proposals (提案, issue 9; lifecycle: domain.md section 4), served by the
 * `proposal` cloud function: terms and sessions (届次/次会议) as managed
 * data, writing and co-signing (联名, 附议), the proposals office's review
 * and filing (立案 with a gap-free number per session), assignment to units
 * (交办: 主办/协办/分办, deadlines, 签收/申退, 催办), replies (办复), the
 * proposer's rating (满意度, one 再办理), the public list, figures, exports.
 *
 * Rules every action keeps (see cloudfunctions/proposal/):
 * - identity from WeChat only; a reply never carries an OPENID — people
 *   appear by name, and `mine` says whether a row is the caller;
 * - every mutation is idempotent by requestId: a retry gets the first answer
 *   (records in `requests`, written in the same transaction as the change);
 * - every step is refused from the wrong state with PROPOSAL.WRONG_STATE and
 *   a Chinese message naming the current state;
 * - every step writes the proposal's timeline and the audit log, and
 *   notifies the person concerned (subscription message
 *   `subscriptionTemplates.proposalProgress`);
 * - dates a person enters or sees as a day are Beijing dates `YYYY-MM-DD`;
 *   instants are ISO strings (UTC). A deadline day ends at 24:00 Beijing;
 *   `overdue` is true from then on while the unit has not replied.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { proposalStates, type ProposalState } from '../states'
import { optionalTextField, textField } from '../text'

/** Limits shared by the forms and the server. */
export const PROPOSAL_LIMITS = {
  titleMax: 60,
  analysisMin: 20,
  analysisMax: 5000,
  suggestionsMin: 10,
  suggestionsMax: 5000,
  attachments: 9,
  /** Largest attachment or reply letter (bytes): the shared `document` kind. */
  attachmentBytes: 20 * 1024 * 1024,
  cosigners: 30,
  suggestedUnits: 5,
  assistUnits: 8,
  splitUnits: 8,
  reasonMax: 500,
  replyMax: 5000,
  leaders: 6,
  sessionsPerTerm: 7
} as const

/** Categories (提案类别), fixed by the issue. */
export const proposalCategories = ['economy', 'politics', 'culture', 'society', 'ecology', 'other'] as const
export type ProposalCategory = (typeof proposalCategories)[number]
export const proposalCategoryLabels: Record<ProposalCategory, string> = {
  economy: '经济建设',
  politics: '政治建设',
  culture: '文化建设',
  society: '社会建设',
  ecology: '生态文明',
  other: '其他'
}

/** 办理结果: A 已解决或采纳, B 正在解决或列入计划, C 因条件限制留作参考. */
export const replyGrades = ['A', 'B', 'C'] as const
export type ReplyGrade = (typeof replyGrades)[number]
export const replyGradeLabels: Record<ReplyGrade, string> = { A: 'A类（已解决或采纳）', B: 'B类（正在解决或列入计划）', C: 'C类（因条件限制留作参考）' }

/** 沟通方式. */
export const contactModes = ['meeting', 'forum', 'phone', 'written'] as const
export type ContactMode = (typeof contactModes)[number]
export const contactModeLabels: Record<ContactMode, string> = { meeting: '面谈', forum: '座谈', phone: '电话', written: '书面' }

/** 满意度. */
export const ratings = ['satisfied', 'basic', 'unsatisfied'] as const
export type Rating = (typeof ratings)[number]
export const ratingLabels: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }

/** A unit's part: 主办 (lead), 协办 (assist), 分办 (split: each answers its own part). */
export const unitRoles = ['lead', 'assist', 'split'] as const
export type UnitRole = (typeof unitRoles)[number]
export const unitRoleLabels: Record<UnitRole, string> = { lead: '主办', assist: '协办', split: '分办' }

/** Where one unit stands on a proposal. */
export type UnitStatus = 'pending' | 'signed' | 'return_requested' | 'returned' | 'opinion_sent' | 'replied' | 'rehandling'
export const unitStatusLabels: Record<UnitStatus, string> = {
  pending: '待签收',
  signed: '办理中',
  return_requested: '申请退回',
  returned: '已退回',
  opinion_sent: '已提交协办意见',
  replied: '已答复',
  rehandling: '再办理'
}

/** A co-signer's answer. */
export type CosignStatus = 'invited' | 'confirmed' | 'declined'
export const cosignStatusLabels: Record<CosignStatus, string> = { invited: '待确认', confirmed: '已确认', declined: '已谢绝' }

/** Leaders' roles on a key proposal. */
export const leaderModes = ['lead', 'supervise'] as const
export type LeaderMode = (typeof leaderModes)[number]
export const leaderModeLabels: Record<LeaderMode, string> = { lead: '领办', supervise: '督办' }

/** Timeline steps (each with a Chinese label on the way out). */
export type ProposalTimelineStep =
  | 'created'
  | 'invited'
  | 'cosign_confirmed'
  | 'cosign_declined'
  | 'submitted'
  | 'returned'
  | 'filed'
  | 'not_filed'
  | 'converted'
  | 'merged'
  | 'merged_in'
  | 'withdrawn'
  | 'key'
  | 'assigned'
  | 'signed'
  | 'return_requested'
  | 'reassigned'
  | 'insisted'
  | 'reminded'
  | 'assist_opinion'
  | 'replied'
  | 'reply_released'
  | 'rated'
  | 'rehandling'
  | 'closed'

// ---------------------------------------------------------------- views

export interface TermSession {
  /** 1-based number within the term: 4 = 四次会议. */
  number: number
  /** 四次会议 */
  name: string
  /** Beijing date `YYYY-MM-DD` of the opening. */
  date: string
  /** Beijing year of `date`. */
  year: number
}

export interface TermView {
  id: string
  /** 十五届 */
  name: string
  /** The term's ordinal (15). */
  number: number
  /** The term new proposals go to by default. */
  current: boolean
  /** Default handling deadline (交办 -> 办复), months. */
  deadlineMonths: number
  sessions: TermSession[]
}

export interface ProposalTimelineEntry {
  step: ProposalTimelineStep
  /** Chinese, e.g. 已立案（十五届四次会议第 023 号）. */
  label: string
  /** ISO instant (UTC). */
  at: string
  /** Who acted, by name: a member, 政协办公室, a unit's name. Never an OPENID. */
  by: string
  note?: string
}

export interface ProposalUnitView {
  departmentId: string
  name: string
  role: UnitRole
  roleLabel: string
  status: UnitStatus
  statusLabel: string
  /** Beijing date `YYYY-MM-DD`: the last day to reply. */
  deadline: string
  /** True from 24:00 Beijing of the deadline day while no reply is in. */
  overdue: boolean
  /** ISO instant. */
  signedAt?: string
  returnReason?: string
  /** Number of 催办 reminders sent. */
  reminders: number
  /** 协办意见 (assist units), shown to staff, the lead unit and the proposer. */
  opinion?: { content: string; at: string }
}

export interface ProposalReplyView {
  departmentId: string
  unitName: string
  /** 1, or 2 after a 再办理. */
  round: number
  grade: ReplyGrade
  gradeLabel: string
  contactMode: ContactMode
  contactLabel: string
  /** The unit agreed the reply may be shown to the public. */
  public: boolean
  /** The reply's text. */
  content: string
  /** Temporary URL of the reply letter ('' when unavailable; absent in public views). */
  letterUrl?: string
  letterName?: string
  /** ISO instant. */
  at: string
  /** True while the content check holds the reply for staff (never shown publicly). */
  held?: boolean
  rating?: { value: Rating; label: string; comment?: string; at: string }
}

export interface ProposalSummary {
  id: string
  title: string
  category: ProposalCategory
  categoryLabel: string
  state: ProposalState
  stateLabel: string
  termId: string
  termName: string
  /** null = 会间/平时提案. */
  sessionNumber: number | null
  /** 四次会议 or 会间 */
  sessionName: string
  /** Filing number within the session (1-based), once filed. */
  number?: number
  /** 十五届四次会议第 023 号 */
  numberLabel?: string
  /** The lead proposer's name, or the collective's (e.g. 提案委员会). */
  proposerName: string
  collective: boolean
  /** Confirmed co-signers only. */
  cosignerCount: number
  key: boolean
  /** ISO instants. */
  submittedAt?: string
  filedAt?: string
  updatedAt: string
  /** Units with their part (once assigned). */
  units: { name: string; role: UnitRole; status: UnitStatus; deadline: string; overdue: boolean }[]
  /** Any unit overdue. */
  overdue: boolean
  /** The caller's relation to it. */
  mine: boolean
  myRole?: 'proposer' | 'cosigner' | 'invited' | 'unit'
  /** Staff only: content-check flags still waiting for a person. */
  flags?: ProposalFlag[]
}

/** Content-check flags (never shown to the public). */
export type ProposalFlag = 'text_review' | 'text_check_failed' | 'attachment_review'
export const proposalFlagLabels: Record<ProposalFlag, string> = {
  text_review: '文字需人工复核',
  text_check_failed: '文字安全检测失败，需人工复核',
  attachment_review: '附件图片需人工复核'
}

export interface ProposalDetail extends ProposalSummary {
  analysis: string
  suggestions: string
  suggestedUnits: { id: string; name: string }[]
  /** `fileID` is the neutral copy (proposal-files/<id>/…); send it back in saveDraft.attachments to keep the file. */
  attachments: { fileID: string; name: string; mime: string; bytes: number; url: string }[]
  cosigners: { name: string; sector: string; status: CosignStatus; statusLabel: string; mine: boolean }[]
  /** 附议: members who seconded the published proposal. */
  seconderCount: number
  secondedByMe: boolean
  mayPublish: boolean
  /** Whether the public list shows it. */
  publicVisible: boolean
  notify: boolean
  timeline: ProposalTimelineEntry[]
  assignments: ProposalUnitView[]
  replies: ProposalReplyView[]
  leaders: { name: string; mode: LeaderMode; modeLabel: string }[]
  returnReason?: string
  notFiledReason?: string
  /** The 社情民意 item made from it (不予立案 -> 转社情民意). */
  convertedOpinionId?: string
  mergedInto?: { id: string; title: string; numberLabel?: string }
  mergedFrom: { id: string; title: string; proposerName: string }[]
  /** What the caller may do now (the server checks again). */
  can: {
    edit: boolean
    submit: boolean
    withdraw: boolean
    invite: boolean
    answerInvitation: boolean
    second: boolean
    /** departmentIds of replies the caller may rate now. */
    rate: string[]
  }
}

/** What the public sees: filed proposals marked public, with public replies. */
export interface PublicProposal {
  id: string
  title: string
  category: ProposalCategory
  categoryLabel: string
  numberLabel: string
  termName: string
  sessionName: string
  proposerName: string
  cosignerNames: string[]
  analysis: string
  suggestions: string
  units: { name: string; roleLabel: string }[]
  stateLabel: string
  /** ISO instant. */
  filedAt: string
  seconderCount: number
  secondedByMe: boolean
  replies: { unitName: string; gradeLabel: string; content: string; at: string }[]
}

export interface PublicProposalSummary {
  id: string
  title: string
  categoryLabel: string
  numberLabel: string
  proposerName: string
  stateLabel: string
  filedAt: string
  replied: boolean
}

export interface RosterHit {
  /** Roster id, as picked from the search (never typed). */
  memberId: string
  name: string
  sector: string
  specialCommittee?: string
}

export interface ProposalCountBlock {
  received: number
  filed: number
  notFiled: number
  merged: number
  withdrawn: number
  /** Filed proposals whose every lead/split unit replied. */
  replied: number
  /** replied / filed, 0..1 (0 when nothing filed). */
  replyRate: number
  /** Ratings of replies (the latest of each): 满意, 基本满意, 不满意. */
  satisfied: number
  basic: number
  unsatisfied: number
  /** (satisfied + basic) / rated replies, 0..1. */
  satisfactionRate: number
  /** Units past their deadline without a reply, counted per proposal. */
  overdue: number
}

export interface ProposalStats extends ProposalCountBlock {
  termId: string
  termName: string
  /** The scope: a session (number) or a Beijing year. */
  sessionNumber?: number | null
  year?: number
  /** 十五届四次会议 or 2025年 */
  scopeLabel: string
  byCategory: (ProposalCountBlock & { category: ProposalCategory; label: string })[]
  byUnit: { departmentId: string; name: string; lead: number; assist: number; replied: number; overdue: number }[]
}

export interface ProposalTask extends ProposalSummary {
  /** The caller's unit's part on it. */
  myUnit: ProposalUnitView
}

export interface ExportFile {
  fileID: string
  /** Temporary download URL. */
  url: string
  /** Rows or proposals in the file. */
  count: number
}

// ---------------------------------------------------------------- inputs

const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')
const fileID = z.string({ error: '文件标识不正确' }).min(1, '文件标识不正确').max(512, '文件标识不正确')
const beijingDate = z.string({ error: '日期格式不正确' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const year = z.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确')
const sessionNumber = z.number({ error: '会议次数应为数字' }).int('会议次数应为整数').min(1, '会议次数不正确').max(PROPOSAL_LIMITS.sessionsPerTerm, '会议次数不正确')
const category = z.enum(proposalCategories, { error: '请选择提案类别' })
const reason = (label: string) => textField({ label, max: PROPOSAL_LIMITS.reasonMax, multiline: true })
const unitIds = (max: number, label: string) => z.array(id, { error: `${label}格式不正确` }).max(max, `${label}最多 ${max} 个`)

/** The writing form's fields (草稿 and 修改后重新提交); a function: built on first use (issue 13 item 10). */
export const proposalFieldShape = () => ({
  termId: id,
  /** null = 会间/平时提案. */
  sessionNumber: sessionNumber.nullable(),
  title: textField({ label: '案由', max: PROPOSAL_LIMITS.titleMax }),
  analysis: textField({ label: '情况分析', min: PROPOSAL_LIMITS.analysisMin, max: PROPOSAL_LIMITS.analysisMax, multiline: true }),
  suggestions: textField({ label: '具体建议', min: PROPOSAL_LIMITS.suggestionsMin, max: PROPOSAL_LIMITS.suggestionsMax, multiline: true }),
  category,
  suggestedUnitIds: unitIds(PROPOSAL_LIMITS.suggestedUnits, '建议承办单位').optional(),
  /** The caller's own uploads (image, PDF, Word; 20 MB each, type by content). */
  attachments: z.array(fileID, { error: '附件列表格式不正确' }).max(PROPOSAL_LIMITS.attachments, `最多上传 ${PROPOSAL_LIMITS.attachments} 个附件`).optional(),
  /** Names shown beside attachments, by fileID. */
  attachmentNames: z.record(z.string().max(512), optionalTextField({ label: '附件名称', max: 60 })).optional(),
  mayPublish: z.boolean({ error: '请选择是否同意公开' }).optional(),
  /** The proposer agreed to subscription messages about its progress. */
  notify: z.boolean({ error: '通知设置不正确' }).optional()
})

const withPage = { ...pageInput }

export const proposalActions = {
  // ------------------------------------------------------------ terms.ts
  'proposal.terms': action<{ items: TermView[] }>()({
    name: 'proposal.terms',
    fn: 'proposal',
    input: () => z.object({}),
    access: 'anyone',
    doc: 'Terms (届次) with their plenary sessions (次会议: number, name, Beijing date, year) and default deadline, newest term first. One read.'
  }),
  'proposal.units': action<{ items: { id: string; name: string }[] }>()({
    name: 'proposal.units',
    fn: 'proposal',
    input: () => z.object({}),
    access: 'anyone',
    doc: 'The county\'s handling units (承办单位) by name, for choosing suggested units in the writing form and units in assignment (never typed ids). At most 100 (the county has about 30). One read.'
  }),
  'proposal.saveTerm': action<TermView>()({
    name: 'proposal.saveTerm',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      number: z.number({ error: '届次应为数字' }).int().min(1, '届次不正确').max(99, '届次不正确'),
      current: z.boolean({ error: '请选择是否为本届' }).optional(),
      deadlineMonths: z.number({ error: '办理期限应为数字' }).int().min(1, '办理期限至少 1 个月').max(12, '办理期限最多 12 个月').optional(),
      sessions: z
        .array(z.object({ number: sessionNumber, date: beijingDate }), { error: '会议列表格式不正确' })
        .max(PROPOSAL_LIMITS.sessionsPerTerm, `一届最多 ${PROPOSAL_LIMITS.sessionsPerTerm} 次会议`)
    }),
    access: ['staff'],
    doc: 'Staff add or change a term by its number (id term-<n>; name 十五届), its sessions (number + Beijing date) and default deadline in months (default 3). current=true makes it the only current term. Audit-logged. Errors: COMMON.INVALID_INPUT (duplicate session number, bad date).'
  }),

  // ------------------------------------------------------------ write.ts
  'proposal.saveDraft': action<ProposalDetail>()({
    name: 'proposal.saveDraft',
    fn: 'proposal',
    input: () => z.object({
      /** Absent: a new draft (its id comes from OPENID + requestId, so a retry saves one). */
      id: id.optional(),
      ...proposalFieldShape(),
      /** Staff only: a collective proposal by a 专委会/界别/党派, named here. */
      collectiveName: optionalTextField({ label: '集体提案单位', max: 30 })
    }),
    access: ['member', 'staff'],
    creates: true,
    doc: 'Saves a draft (new, or a draft/returned one of the caller\'s): text, category, suggested units, attachments (checked by content, copied to proposal-files/<id>). Only a bound member, or staff for a collective proposal. Errors: PROPOSAL.NOT_MEMBER, PROPOSAL.COLLECTIVE_STAFF_ONLY, PROPOSAL.TERM_UNKNOWN, PROPOSAL.SESSION_UNKNOWN, PROPOSAL.UNIT_UNKNOWN, PROPOSAL.NOT_OWNER, PROPOSAL.WRONG_STATE, CONTENT.RISKY, FILE.*.'
  }),
  'proposal.searchMembers': action<{ items: RosterHit[] }>()({
    name: 'proposal.searchMembers',
    fn: 'proposal',
    input: () => z.object({ name: textField({ label: '委员姓名', max: 20 }) }),
    access: ['member', 'staff'],
    doc: 'Roster members whose name starts with the text (at most 20), to pick co-signers by name. One read.'
  }),
  'proposal.invite': action<ProposalDetail>()({
    name: 'proposal.invite',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, memberIds: z.array(id, { error: '请选择联名委员' }).min(1, '请至少选择一位委员').max(PROPOSAL_LIMITS.cosigners, `联名人最多 ${PROPOSAL_LIMITS.cosigners} 位`) }),
    access: ['member', 'staff'],
    doc: 'The lead proposer invites roster members (picked from proposal.searchMembers) to co-sign a draft or a proposal waiting for co-signers; each invitee gets a notice. Inviting someone twice is one invitation. Errors: PROPOSAL.NOT_OWNER, PROPOSAL.WRONG_STATE, PROPOSAL.MEMBER_UNKNOWN, PROPOSAL.COSIGN_SELF.'
  }),
  'proposal.submit': action<ProposalDetail>()({
    name: 'proposal.submit',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, withoutPending: z.boolean().optional(), notify: z.boolean().optional() }),
    access: ['member', 'staff'],
    doc: 'The lead proposer submits a draft or a returned proposal: to 待审查 when no invitation is open (or withoutPending=true drops the open ones), else to 征集联名 until the last invitee answers. Held content (check review/error) still goes to the office, flagged. Errors: PROPOSAL.NOT_OWNER, PROPOSAL.WRONG_STATE.'
  }),
  'proposal.withdraw': action<ProposalDetail>()({
    name: 'proposal.withdraw',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, reason: optionalTextField({ label: '撤案理由', max: PROPOSAL_LIMITS.reasonMax, multiline: true }) }),
    access: ['member', 'staff'],
    doc: 'Withdraws (撤案): the proposer before filing; staff at the proposer\'s request up to 办理中 (units released). Errors: PROPOSAL.NOT_OWNER, PROPOSAL.WRONG_STATE.'
  }),
  'proposal.mine': action<Page<ProposalSummary>>()({
    name: 'proposal.mine',
    fn: 'proposal',
    input: () => z.object({ ...withPage, role: z.enum(['proposer', 'cosigner', 'invited'], { error: '筛选条件不正确' }).optional() }),
    access: ['member', 'staff'],
    doc: '我的提案: proposals the caller leads (members by roster id, staff their collective ones), co-signs or is invited to, newest first. One read per page.'
  }),
  'proposal.get': action<ProposalDetail>()({
    name: 'proposal.get',
    fn: 'proposal',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'One proposal with its timeline: to its proposer, co-signers and invitees, staff, and the units it is assigned to (only theirs). Anyone else: COMMON.NOT_FOUND (use proposal.publicGet).'
  }),

  // ------------------------------------------------------------ cosign.ts
  'proposal.answerInvitation': action<ProposalDetail>()({
    name: 'proposal.answerInvitation',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, accept: z.boolean({ error: '请选择同意或谢绝联名' }), notify: z.boolean().optional() }),
    access: ['member'],
    doc: 'An invited member confirms or declines co-signing; answering twice is one answer (the first). The last answer of a proposal waiting for co-signers submits it. Errors: PROPOSAL.NOT_INVITED, PROPOSAL.WRONG_STATE.'
  }),
  'proposal.second': action<{ seconderCount: number; secondedByMe: true }>()({
    name: 'proposal.second',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id }),
    access: ['member'],
    doc: '附议: a member seconds a published (filed, public) proposal; twice is once. Errors: PROPOSAL.NOT_PUBLIC.'
  }),

  // ------------------------------------------------------------ review.ts
  'proposal.reviewList': action<Page<ProposalSummary>>()({
    name: 'proposal.reviewList',
    fn: 'proposal',
    input: () => z.object({
      ...withPage,
      termId: id.optional(),
      sessionNumber: sessionNumber.nullable().optional(),
      state: z.enum(proposalStates, { error: '状态不正确' }).optional(),
      key: z.boolean().optional()
    }),
    access: ['staff'],
    doc: 'Staff queue: by default proposals waiting for review (待审查), oldest first; with state, any state; key=true the key proposals. One read per page (+1 for the term when termId is given).'
  }),
  'proposal.return': action<ProposalDetail>()({
    name: 'proposal.return',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, reason: reason('退回理由') }),
    access: ['staff'],
    doc: 'Staff return a submitted proposal to its proposer for changes, with the reason. Errors: PROPOSAL.WRONG_STATE.'
  }),
  'proposal.file': action<ProposalDetail>()({
    name: 'proposal.file',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id }),
    access: ['staff'],
    doc: '立案: the next number of the proposal\'s session (counter per session, in one transaction: unique and gap-free; a retry returns the first number). Clears content flags (a person reviewed it). Errors: PROPOSAL.WRONG_STATE, COMMON.BUSY.'
  }),
  'proposal.notFile': action<ProposalDetail>()({
    name: 'proposal.notFile',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      id,
      reason: reason('不予立案理由'),
      /** Also create a 社情民意 item (opinions) in this category. */
      convertToOpinion: z.boolean().optional(),
      opinionCategoryId: id.optional()
    }),
    access: ['staff'],
    doc: '不予立案 with the reason; optionally converted into a 社情民意 item (written to `opinions`, state 已收到, in the same transaction). Errors: PROPOSAL.WRONG_STATE, PROPOSAL.OPINION_CATEGORY.'
  }),
  'proposal.merge': action<ProposalDetail>()({
    name: 'proposal.merge',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, intoId: id, note: optionalTextField({ label: '并案说明', max: PROPOSAL_LIMITS.reasonMax, multiline: true }) }),
    access: ['staff'],
    doc: '并案: a submitted proposal joins another of the same session (submitted or filed, not yet replied); its proposer is listed on the target. Output: the merged (source) proposal. Errors: PROPOSAL.WRONG_STATE, PROPOSAL.MERGE_TARGET.'
  }),
  'proposal.markKey': action<ProposalDetail>()({
    name: 'proposal.markKey',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      id,
      key: z.boolean({ error: '重点标记不正确' }),
      leaders: z
        .array(z.object({ name: textField({ label: '领导姓名', max: 20 }), mode: z.enum(leaderModes, { error: '请选择领办或督办' }) }))
        .max(PROPOSAL_LIMITS.leaders, `最多 ${PROPOSAL_LIMITS.leaders} 位领导`)
        .optional()
    }),
    access: ['staff'],
    doc: 'Staff mark a filed (or later) proposal as key (重点提案) with the leaders who lead or supervise it (领导领办/督办). Errors: PROPOSAL.WRONG_STATE.'
  }),
  'proposal.releaseReply': action<ProposalDetail>()({
    name: 'proposal.releaseReply',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id }),
    access: ['staff'],
    doc: 'Staff release a reply the content check held (review or failed check) after reading it; only then may it be shown publicly. Errors: PROPOSAL.WRONG_STATE.'
  }),

  // ------------------------------------------------------------ assign.ts
  'proposal.assign': action<ProposalDetail>()({
    name: 'proposal.assign',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      id,
      /** lead: one 主办 + 协办; split: 分办 to several units, each replying on its part. */
      mode: z.enum(['lead', 'split'], { error: '请选择主办或分办' }),
      unitIds: z.array(id, { error: '请选择承办单位' }).min(1, '请选择承办单位').max(PROPOSAL_LIMITS.splitUnits, `最多 ${PROPOSAL_LIMITS.splitUnits} 个单位`),
      assistUnitIds: unitIds(PROPOSAL_LIMITS.assistUnits, '协办单位').optional(),
      /** Last day (Beijing); default: today + the term's deadlineMonths. */
      deadline: beijingDate.optional()
    }),
    access: ['staff'],
    doc: '交办: a filed proposal to one lead unit and assisting units (mode lead, exactly one unitId) or to several units (split), with a deadline; each unit\'s users are notified. Errors: PROPOSAL.WRONG_STATE, PROPOSAL.UNIT_UNKNOWN, PROPOSAL.DEADLINE_PAST, COMMON.INVALID_INPUT.'
  }),
  'proposal.tasks': action<Page<ProposalTask>>()({
    name: 'proposal.tasks',
    fn: 'proposal',
    input: () => z.object({ ...withPage, open: z.boolean().optional() }),
    access: ['department', 'staff'],
    doc: 'A unit\'s tasks: proposals assigned to the caller\'s units (department scope), with its part, status and deadline; open=true only those still to sign, handle or re-handle. One read per page.'
  }),
  'proposal.signFor': action<ProposalDetail>()({
    name: 'proposal.signFor',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id.optional() }),
    access: ['department'],
    doc: '签收: the caller\'s unit accepts its part (from 待签收). departmentId needed only when the caller answers for several units on it. Errors: PROPOSAL.NOT_ASSIGNED, PROPOSAL.WRONG_STATE.'
  }),
  'proposal.askReturn': action<ProposalDetail>()({
    name: 'proposal.askReturn',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id.optional(), reason: reason('申退理由') }),
    access: ['department'],
    doc: '申退: the unit asks to give the proposal back (before signing for it), with the reason; staff then reassign or insist. Errors: PROPOSAL.NOT_ASSIGNED, PROPOSAL.WRONG_STATE.'
  }),
  'proposal.reassign': action<ProposalDetail>()({
    name: 'proposal.reassign',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, fromUnitId: id, toUnitId: id, deadline: beijingDate.optional() }),
    access: ['staff'],
    doc: 'Staff move a unit\'s part (after 申退, or before it signed) to another unit, keeping the part and (unless given) the deadline. Errors: PROPOSAL.WRONG_STATE, PROPOSAL.UNIT_UNKNOWN, PROPOSAL.NOT_ASSIGNED.'
  }),
  'proposal.insist': action<ProposalDetail>()({
    name: 'proposal.insist',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id, note: reason('说明') }),
    access: ['staff'],
    doc: 'Staff decline a unit\'s 申退: the part goes back to 待签收 with the note. Errors: PROPOSAL.WRONG_STATE, PROPOSAL.NOT_ASSIGNED.'
  }),
  'proposal.remind': action<ProposalDetail>()({
    name: 'proposal.remind',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id, note: optionalTextField({ label: '催办说明', max: PROPOSAL_LIMITS.reasonMax, multiline: true }) }),
    access: ['staff'],
    doc: '催办: staff remind a unit that has not replied; logged on the proposal and the audit log, the unit\'s users notified. Errors: PROPOSAL.WRONG_STATE, PROPOSAL.NOT_ASSIGNED.'
  }),
  'proposal.overdue': action<Page<ProposalSummary>>()({
    name: 'proposal.overdue',
    fn: 'proposal',
    input: () => z.object({ ...withPage }),
    access: ['staff'],
    doc: 'Proposals with a unit past its deadline day (Beijing) and no reply, the longest overdue first. One read per page.'
  }),

  // ------------------------------------------------------------ reply.ts
  'proposal.assistOpinion': action<ProposalDetail>()({
    name: 'proposal.assistOpinion',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({ id, departmentId: id.optional(), content: textField({ label: '协办意见', max: PROPOSAL_LIMITS.replyMax, multiline: true }) }),
    access: ['department'],
    doc: 'An assisting unit that signed for its part sends its opinion to the lead unit (content checked; held opinions stay internal anyway). Errors: PROPOSAL.NOT_ASSIGNED, PROPOSAL.WRONG_STATE, CONTENT.RISKY.'
  }),
  'proposal.reply': action<ProposalDetail>()({
    name: 'proposal.reply',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      id,
      departmentId: id.optional(),
      content: textField({ label: '答复内容', min: 10, max: PROPOSAL_LIMITS.replyMax, multiline: true }),
      /** The reply letter (PDF, Word or image), the unit's own upload. */
      letterFileID: fileID,
      letterName: optionalTextField({ label: '答复函名称', max: 60 }),
      grade: z.enum(replyGrades, { error: '请选择办理结果（A/B/C）' }),
      contactMode: z.enum(contactModes, { error: '请选择沟通方式' }),
      public: z.boolean({ error: '请选择答复是否公开' })
    }),
    access: ['department'],
    doc: '办复: the lead (or a split) unit, having signed for it and with every assisting opinion in, replies: letter, A/B/C, contact mode, public or not. The proposer is notified. Text checked: a held reply is never public until staff release it. Errors: PROPOSAL.NOT_ASSIGNED, PROPOSAL.WRONG_STATE, PROPOSAL.ASSIST_PENDING, CONTENT.RISKY, FILE.*.'
  }),

  // ------------------------------------------------------------ rate.ts
  'proposal.rate': action<ProposalDetail>()({
    name: 'proposal.rate',
    fn: 'proposal',
    mutates: true,
    input: () => z.object({
      id,
      /** The unit whose reply is rated (the lead unit, or one split unit). */
      departmentId: id,
      rating: z.enum(ratings, { error: '请选择满意、基本满意或不满意' }),
      comment: optionalTextField({ label: '评价意见', max: PROPOSAL_LIMITS.reasonMax, multiline: true })
    }),
    access: ['member', 'staff'],
    doc: 'The proposer rates a reply; 不满意 on the first reply sends it back to that unit once (再办理, 30 days); rating every reply closes the proposal. Errors: PROPOSAL.NOT_OWNER, PROPOSAL.WRONG_STATE.'
  }),

  // ------------------------------------------------------------ public.ts
  'proposal.publicList': action<Page<PublicProposalSummary>>()({
    name: 'proposal.publicList',
    fn: 'proposal',
    input: () => z.object({
      ...withPage,
      termId: id.optional(),
      sessionNumber: sessionNumber.nullable().optional(),
      category: category.optional(),
      /** Matched literally in the title. */
      keyword: optionalTextField({ label: '关键词', max: 30 })
    }),
    access: 'anyone',
    doc: 'Filed proposals marked public (never drafts, returned, not filed, withdrawn or co-sign states), newest filed first; by term/session, category, title keyword. One read per page.'
  }),
  'proposal.publicGet': action<PublicProposal>()({
    name: 'proposal.publicGet',
    fn: 'proposal',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'One public proposal with its public, released replies; not public: COMMON.NOT_FOUND.'
  }),

  // ------------------------------------------------------------ stats.ts
  'proposal.stats': action<ProposalStats>()({
    name: 'proposal.stats',
    fn: 'proposal',
    input: () => z.object({ termId: id, sessionNumber: sessionNumber.nullable().optional(), year: year.optional() }),
    access: ['staff'],
    doc: 'Figures for a session (sessionNumber; null = 会间) or a Beijing year (submitted that year) of a term: received, filed, not filed, merged, withdrawn, replied and 办复率, ratings and 满意率, overdue; by category and by unit. Errors: PROPOSAL.TERM_UNKNOWN.'
  }),

  // ------------------------------------------------------------ export.ts
  'proposal.exportList': action<ExportFile>()({
    name: 'proposal.exportList',
    fn: 'proposal',
    input: () => z.object({ termId: id, sessionNumber: sessionNumber.nullable().optional(), year: year.optional() }),
    access: ['staff'],
    doc: 'The proposal list of a session or year as .xlsx (number, title, category, proposer, co-signers, state, units, deadline, grade, rating); audit-logged.'
  }),
  'proposal.exportDocx': action<ExportFile>()({
    name: 'proposal.exportDocx',
    fn: 'proposal',
    input: () => z.object({ id }),
    access: ['staff'],
    doc: 'One proposal as .docx in the usual layout (提案号, 案由, 提案人 and 联名人, 内容, 承办单位); audit-logged. Errors: COMMON.NOT_FOUND.'
  }),
  'proposal.exportCompilation': action<ExportFile>()({
    name: 'proposal.exportCompilation',
    fn: 'proposal',
    input: () => z.object({ termId: id, sessionNumber: sessionNumber.nullable() }),
    access: ['staff'],
    doc: 'The session\'s 提案汇编: every filed proposal in number order as one .docx with a table of contents; audit-logged. Errors: PROPOSAL.TERM_UNKNOWN.'
  })
} as const

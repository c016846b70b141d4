/**
 * 委员履职档案 (issue 11; domain.md sections 5 and 6): every member's duty
 * ledger, the year's rules, the annual evaluation (公示, objections, lock),
 * sectors and committees, and the exports. Served by the `ledger` function.
 *
 * The ledger: every piece of work that concerns a member writes one line
 * (`ledgerLines`, id derived from kind + source + member, so a retry or a
 * re-run never counts twice; undoing the source reverses the line). Scores
 * are kept per member per year (`ledgerScores`), recomputed from the lines
 * only (never by re-scanning the sources) when a line or the rules change.
 * The score document embeds the member's line summaries, so 我的履职 is one
 * read after the caller's.
 *
 * Years are Beijing calendar years. Dates travel as Beijing `YYYY-MM-DD`
 * in inputs and ISO instants (UTC) in outputs. Points are whole numbers
 * (deductions negative).
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { optionalTextField, textField } from '../text'
import { parseBeijing } from '../time'

// ------------------------------------------------------------------ kinds

/**
 * Kinds of ledger line. Meetings (plenary = 全体会议, standing = 常委会议)
 * come from activities of type `meeting`; the other activity kinds from the
 * activity's type (inspection covers 视察 and 调研); proposals and 社情民意
 * from their functions; speeches and offline work from staff (or a member's
 * approved claim).
 */
export const ledgerKinds = [
  'plenary_attended',
  'plenary_leave',
  'plenary_absent',
  'standing_attended',
  'standing_leave',
  'standing_absent',
  'consultation',
  'studio_activity',
  'training',
  'inspection',
  'supervision',
  'outreach',
  'activity_absent',
  'proposal_lead',
  'proposal_cosign',
  'proposal_filed',
  'proposal_key',
  'proposal_excellent',
  'opinion_submitted',
  'opinion_adopted',
  'opinion_city',
  'opinion_province',
  'opinion_instruction',
  'speech',
  'other'
] as const
export type LedgerKind = (typeof ledgerKinds)[number]

export const ledgerKindLabels: Record<LedgerKind, string> = {
  plenary_attended: '出席全体会议',
  plenary_leave: '全体会议请假',
  plenary_absent: '全体会议无故缺席',
  standing_attended: '出席常委会议',
  standing_leave: '常委会议请假',
  standing_absent: '常委会议无故缺席',
  consultation: '参加协商议事',
  studio_activity: '参加工作室活动',
  training: '参加学习培训',
  inspection: '参加视察调研',
  supervision: '参加专项监督',
  outreach: '参加“四送三联系”服务',
  activity_absent: '其他活动无故缺席',
  proposal_lead: '领衔提案',
  proposal_cosign: '联名提案',
  proposal_filed: '提案立案',
  proposal_key: '重点提案',
  proposal_excellent: '优秀提案',
  opinion_submitted: '报送社情民意',
  opinion_adopted: '社情民意被采用',
  opinion_city: '社情民意被市政协采用',
  opinion_province: '社情民意被省政协采用',
  opinion_instruction: '社情民意获领导批示',
  speech: '大会发言',
  other: '其他履职'
}

/** Kinds staff may enter by hand (offline lines) and members may claim. */
export const manualKinds = ['speech', 'consultation', 'studio_activity', 'training', 'inspection', 'supervision', 'outreach', 'other'] as const satisfies readonly LedgerKind[]

/** Kinds that count as "having done duty" for 未履职 (everything except leave and absence). */
export function isDutyKind(kind: LedgerKind): boolean {
  return !kind.endsWith('_leave') && !kind.endsWith('_absent')
}

/** Kinds of unexcused absence (the "absent twice without leave" list counts these). */
export const absenceKinds = ['plenary_absent', 'standing_absent', 'activity_absent'] as const satisfies readonly LedgerKind[]

export const grades = ['excellent', 'pass', 'basic', 'fail'] as const
export type Grade = (typeof grades)[number]
export const gradeLabels: Record<Grade, string> = { excellent: '优秀', pass: '合格', basic: '基本合格', fail: '不合格' }

// ------------------------------------------------------------------ rules

/**
 * The rules of one year (《委员年度履职考评办法》), edited by staff.
 * `points[kind]`: points per line (negative = deduction, e.g. unexcused
 * absence). `caps[kind]`: most points (absolute value) the kind may add or
 * take in the year; absent = no cap. `bands`: lowest score of 优秀, 合格 and
 * 基本合格 (excellent > pass > basic); below basic is 不合格.
 */
export interface LedgerRules {
  points: Record<LedgerKind, number>
  caps: Partial<Record<LedgerKind, number>>
  bands: { excellent: number; pass: number; basic: number }
}

/** The rules a year starts with until staff save their own (the county's 2025 办法). */
export const defaultLedgerRules: LedgerRules = {
  points: {
    plenary_attended: 10,
    plenary_leave: 0,
    plenary_absent: -10,
    standing_attended: 5,
    standing_leave: 0,
    standing_absent: -5,
    consultation: 4,
    studio_activity: 3,
    training: 3,
    inspection: 4,
    supervision: 4,
    outreach: 3,
    activity_absent: -2,
    proposal_lead: 6,
    proposal_cosign: 2,
    proposal_filed: 4,
    proposal_key: 6,
    proposal_excellent: 10,
    opinion_submitted: 2,
    opinion_adopted: 5,
    opinion_city: 8,
    opinion_province: 12,
    opinion_instruction: 15,
    speech: 6,
    other: 2
  },
  caps: { opinion_submitted: 20, proposal_cosign: 10, other: 10, studio_activity: 30, outreach: 30 },
  bands: { excellent: 60, pass: 30, basic: 15 }
}

const points = z.number({ error: '分值应为数字' }).int('分值应为整数').min(-100, '分值不能低于 -100').max(100, '分值不能高于 100')
const cap = z.number({ error: '上限应为数字' }).int('上限应为整数').min(0, '上限不能为负').max(1000, '上限过大')
const bandScore = z.number({ error: '分数线应为数字' }).int('分数线应为整数').min(-1000, '分数线不正确').max(10000, '分数线不正确')

/** Schema of a year's scoring rules (a function: built on first use, issue 13 item 10). */
export const ledgerRulesInput = () => z
  .object({
    points: z.object(Object.fromEntries(ledgerKinds.map((k) => [k, points])) as Record<LedgerKind, typeof points>, { error: '请填写每一类的分值' }),
    caps: z.partialRecord(z.enum(ledgerKinds, { error: '类别不正确' }), cap),
    bands: z.object({ excellent: bandScore, pass: bandScore, basic: bandScore }, { error: '请填写等次分数线' })
  })
  // checks run even when a band is not a number (reported on its own): only compare three numbers
  .refine((r) => typeof r?.bands?.excellent !== 'number' || typeof r.bands.pass !== 'number' || typeof r.bands.basic !== 'number' || (r.bands.excellent > r.bands.pass && r.bands.pass > r.bands.basic), { message: '分数线应为 优秀 > 合格 > 基本合格', path: ['bands'] })

// ------------------------------------------------------------------ fields

/** Years the ledger can hold. */
export const ledgerYear = z.number({ error: '请选择年度' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确')
const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_:.-]{1,120}$/, '编号格式不正确')
const memberId = z.string({ error: '请选择委员' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '委员编号格式不正确')
const fileID = z.string({ error: '文件编号不正确' }).regex(/^cloud:\/\/[^\s]{1,300}$/, '文件编号不正确')
const groupName = (label: string) => textField({ label, max: 30 })

/** A Beijing calendar date `YYYY-MM-DD` -> the Date of its 00:00 Beijing (UTC instant). */
export const beijingDateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 年-月-日`)
    .transform((value, ctx) => {
      try {
        return parseBeijing(value, 'YYYY-MM-DD')
      } catch {
        ctx.addIssue({ code: 'custom', message: `${label}不是有效的日期` })
        return z.NEVER
      }
    })

// ------------------------------------------------------------------ views

/** Where a line's source can be opened (the page decides the route). */
export interface SourceLink {
  /** activity | proposal | opinion | manual | claim */
  type: 'activity' | 'proposal' | 'opinion' | 'manual' | 'claim'
  id: string
  /** The source's title (activity name, proposal title, opinion title, note). */
  title: string
}

/** One ledger line as members and staff see it. */
export interface LedgerLineView {
  id: string
  kind: LedgerKind
  kindLabel: string
  /** ISO instant (UTC) of the work. */
  date: string
  source: SourceLink
  /** Points the line is worth under the year's rules (after a correction, the corrected value). */
  points: number
  /** Points actually counted after the kind's yearly cap (may be less than `points`). */
  counted: number
  /** Set when staff accepted an objection and corrected the line. */
  corrected?: { points: number; reason: string }
  /** The member's objection to this line, if any. */
  objection?: { id: string; state: ObjectionState; reason: string; answer?: string }
}

export const objectionStates = ['open', 'accepted', 'refused'] as const
export type ObjectionState = (typeof objectionStates)[number]
export const objectionStateLabels: Record<ObjectionState, string> = { open: '待答复', accepted: '已采纳', refused: '未采纳' }

/** Evaluation state of a year. */
export interface LedgerYearState {
  year: number
  /** 公示 window, ISO instants: start = 00:00 Beijing of the first day, end = 24:00 Beijing of the last day. */
  window?: { startAt: string; endAt: string; startDate: string; endDate: string }
  /** True while now is inside the window. */
  windowOpen: boolean
  locked: boolean
  lockedAt?: string
}

/** A member's year: score, grade and every line (ledger.mine / ledger.member). */
export interface MemberLedgerView extends LedgerYearState {
  memberId: string
  name: string
  sector: string
  committees: string[]
  score: number
  grade: Grade
  gradeLabel: string
  /** Lines by kind: count and points counted. */
  byKind: { kind: LedgerKind; label: string; count: number; points: number }[]
  lines: LedgerLineView[]
}

/** One member's row in the ranking (no lines). */
export interface RankingRow {
  rank: number
  memberId: string
  name: string
  sector: string
  committees: string[]
  score: number
  grade: Grade
  gradeLabel: string
  /** Lines that count as duty done (not leave or absence). */
  dutyLines: number
  /** Unexcused absences of the year. */
  absences: number
}

export interface GroupView {
  id: string
  kind: 'sector' | 'committee'
  name: string
  sortKey: number
  /** Members on the roster in it. */
  members: number
}

export interface ClaimView {
  id: string
  memberId: string
  memberName: string
  kind: LedgerKind
  kindLabel: string
  date: string
  note: string
  fileID?: string
  state: 'pending' | 'approved' | 'refused'
  stateLabel: string
  reason?: string
  submittedAt: string
}

export interface ObjectionView {
  id: string
  year: number
  lineId: string
  memberId: string
  memberName: string
  kindLabel: string
  lineDate: string
  linePoints: number
  reason: string
  state: ObjectionState
  stateLabel: string
  answer?: string
  submittedAt: string
  answeredAt?: string
}

export interface LateChangeView {
  id: string
  year: number
  memberName: string
  kindLabel: string
  /** What the source tried: write or reverse. */
  change: 'write' | 'reverse'
  at: string
  source: SourceLink
}

const staff = ['staff'] as const
const staffOrLeader = ['staff', 'leader'] as const

export const ledgerActions = {
  // ------------------------------------------------------------ groups.ts
  'ledger.groups': action<{ sectors: GroupView[]; committees: GroupView[] }>()({
    name: 'ledger.groups',
    fn: 'ledger',
    input: () => z.object({}),
    access: staffOrLeader,
    doc: 'Sectors (界别) and committees (专委会) as managed data, in their order, each with its member count. Names the roster holds but no group has yet are listed too (id = "", sortKey 999) so staff can adopt them. Two reads + one member scan (≤ 2000 members, 1 read per 1000).'
  }),
  'ledger.saveGroup': action<GroupView>()({
    name: 'ledger.saveGroup',
    fn: 'ledger',
    creates: true,
    input: () => z.object({
      kind: z.enum(['sector', 'committee'], { error: '请选择界别或专委会' }),
      id: id.optional(),
      name: groupName('名称'),
      sortKey: z.number({ error: '排序应为数字' }).int('排序应为整数').min(0, '排序不能为负').max(999, '排序过大').optional()
    }),
    access: staff,
    doc: 'Creates (no id; a retry returns the first) or renames a sector or committee. A rename is carried to the members who held the old name. Errors: LEDGER.GROUP_NOT_FOUND, LEDGER.GROUP_EXISTS.'
  }),
  'ledger.setMemberGroups': action<{ memberId: string; sector: string; committees: string[] }>()({
    name: 'ledger.setMemberGroups',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({
      memberId,
      sector: groupName('界别'),
      committees: z.array(groupName('专委会'), { error: '专委会格式不正确' }).max(5, '最多 5 个专委会')
    }),
    access: staff,
    doc: 'Puts a member in one sector and zero or more committees (names of managed groups). Errors: LEDGER.MEMBER_NOT_FOUND, LEDGER.GROUP_NOT_FOUND.'
  }),

  // ------------------------------------------------------------ lines.ts
  'ledger.mine': action<MemberLedgerView>()({
    name: 'ledger.mine',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: ['member'],
    doc: "The caller's own year: score, grade, every line (kind label, date, source link, points) and the evaluation state. 2 DB operations (caller + the year's score document). Errors: LEDGER.NOT_MEMBER."
  }),
  'ledger.member': action<MemberLedgerView>()({
    name: 'ledger.member',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear, memberId }),
    access: staffOrLeader,
    doc: "One member's year as the member sees it, for staff and leaders. Errors: LEDGER.MEMBER_NOT_FOUND."
  }),
  'ledger.addLine': action<LedgerLineView>()({
    name: 'ledger.addLine',
    fn: 'ledger',
    creates: true,
    input: () => z.object({
      memberId,
      kind: z.enum(manualKinds, { error: '请选择履职类别' }),
      date: beijingDateField('履职日期'),
      note: textField({ label: '说明', max: 200, multiline: true }),
      fileID: fileID.optional()
    }),
    access: staff,
    doc: 'Staff add an offline line (speech at a session, work done offline): kind, Beijing date, note, optional evidence file the caller uploaded. A retry returns the first line. Errors: LEDGER.MEMBER_NOT_FOUND, LEDGER.DATE_FUTURE, LEDGER.YEAR_LOCKED, FILE.NOT_OWNED.'
  }),
  'ledger.removeLine': action<{ id: string; reversed: true }>()({
    name: 'ledger.removeLine',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '撤销原因', max: 200 }) }),
    access: staff,
    doc: 'Reverses an offline line staff entered by mistake (reason audited). Lines from activities, proposals and 社情民意 are reversed by undoing their source. Errors: LEDGER.LINE_NOT_FOUND, LEDGER.NOT_MANUAL, LEDGER.YEAR_LOCKED.'
  }),

  'ledger.markExcellent': action<{ proposalId: string; excellent: boolean }>()({
    name: 'ledger.markExcellent',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({ proposalId: id, excellent: z.boolean({ error: '请选择是否评为优秀提案' }) }),
    access: staff,
    doc: 'Marks a filed proposal as 优秀提案 (or takes the mark back); its lead proposer\'s line follows. Audited. Errors: LEDGER.SOURCE_NOT_FOUND, LEDGER.NOT_FILED, LEDGER.YEAR_LOCKED.'
  }),
  'ledger.rebuild': action<{ year: number; sources: number; written: number; reversed: number; scores: number }>()({
    name: 'ledger.rebuild',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({ year: ledgerYear }),
    access: staff,
    doc: "Runs the repair for one year now (what the `repair` timer does every hour for this year and the last): every activity, proposal and 社情民意 of the year is checked against its lines; missing lines written, stale ones reversed, scores recomputed. Idempotent. Errors: LEDGER.YEAR_LOCKED."
  }),

  // ------------------------------------------------------------ claims.ts
  'ledger.claim': action<ClaimView>()({
    name: 'ledger.claim',
    fn: 'ledger',
    creates: true,
    input: () => z.object({
      kind: z.enum(manualKinds, { error: '请选择履职类别' }),
      date: beijingDateField('履职日期'),
      note: textField({ label: '履职情况', max: 500, multiline: true }),
      fileID: fileID.optional()
    }),
    access: ['member'],
    doc: "A member claims work the product did not record (kind, Beijing date, note, optional evidence the caller uploaded); staff approve or refuse it. A retry returns the first claim. Errors: LEDGER.NOT_MEMBER, LEDGER.DATE_FUTURE, LEDGER.YEAR_LOCKED, FILE.NOT_OWNED."
  }),
  'ledger.myClaims': action<{ items: ClaimView[] }>()({
    name: 'ledger.myClaims',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: ['member'],
    doc: "The caller's claims of the year with their state and staff's reason. Errors: LEDGER.NOT_MEMBER."
  }),
  'ledger.claims': action<{ items: ClaimView[] }>()({
    name: 'ledger.claims',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear, state: z.enum(['pending', 'approved', 'refused'], { error: '状态不正确' }).optional() }),
    access: staff,
    doc: 'Claims of the year (newest first, at most 200), optionally by state.'
  }),
  'ledger.decideClaim': action<ClaimView>()({
    name: 'ledger.decideClaim',
    fn: 'ledger',
    mutates: true,
    input: () => z
      .object({ id, approve: z.boolean({ error: '请选择通过或不通过' }), reason: optionalTextField({ label: '理由', max: 200 }) })
      .refine((v) => v.approve || (v.reason ?? '').length > 0, { message: '不通过时请填写理由', path: ['reason'] }),
    access: staff,
    doc: 'Approves a claim (its line is written) or refuses it with a reason; audited. Errors: LEDGER.CLAIM_NOT_FOUND, LEDGER.CLAIM_DECIDED, LEDGER.YEAR_LOCKED.'
  }),

  // ------------------------------------------------------------ rules.ts
  'ledger.rules': action<{ rules: LedgerRules; saved: boolean; state: LedgerYearState; kinds: { kind: LedgerKind; label: string }[] }>()({
    name: 'ledger.rules',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: ['staff', 'leader', 'member'],
    doc: "The year's rules (the default 办法 until staff save the year's own; `saved` says which) and its evaluation state. One read."
  }),
  'ledger.saveRules': action<{ rules: LedgerRules; recomputed: number }>()({
    name: 'ledger.saveRules',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({ year: ledgerYear, rules: ledgerRulesInput() }),
    access: staff,
    doc: "Saves the year's rules and recomputes every member's score of the year from the ledger lines only (no re-scan of sources); answers how many scores were recomputed. Audited. Errors: LEDGER.YEAR_LOCKED."
  }),
  'ledger.ranking': action<{ year: number; rows: RankingRow[] }>()({
    name: 'ledger.ranking',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear, sector: groupName('界别').optional(), committee: groupName('专委会').optional() }),
    access: staffOrLeader,
    doc: 'The ranking of the year (score high to low, ties by name), optionally within a sector or committee; from the per-member scores, 2 DB operations whatever the size of the roster (caller + one aggregate grouping the score documents of the year into one row; decision 93).'
  }),
  'ledger.attention': action<{ year: number; inactive: RankingRow[]; absentTwice: RankingRow[] }>()({
    name: 'ledger.attention',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: staffOrLeader,
    doc: 'Members with no duty done in the year (未履职: no line except leave or absence, including members with no score yet) and members absent twice or more without leave. Caller + score read + member read.'
  }),

  // ------------------------------------------------------------ evaluation.ts
  'ledger.openWindow': action<LedgerYearState>()({
    name: 'ledger.openWindow',
    fn: 'ledger',
    mutates: true,
    input: () => z
      .object({ year: ledgerYear, startDate: beijingDateField('公示开始日期'), endDate: beijingDateField('公示结束日期') })
      .refine((v) => !(v.startDate instanceof Date && v.endDate instanceof Date) || v.endDate.getTime() >= v.startDate.getTime(), { message: '公示结束日期不能早于开始日期', path: ['endDate'] }),
    access: staff,
    doc: 'Sets the 公示 window (Beijing dates, both days included: 00:00 of the first to 24:00 of the last); may be set again to change it before the lock. Audited. Errors: LEDGER.YEAR_LOCKED, LEDGER.WINDOW_TOO_LONG (over 31 days).'
  }),
  'ledger.object': action<ObjectionView>()({
    name: 'ledger.object',
    fn: 'ledger',
    creates: true,
    input: () => z.object({ year: ledgerYear, lineId: id, reason: textField({ label: '异议理由', max: 300, multiline: true }) }),
    access: ['member'],
    doc: "A member objects to one of their own lines during the window, once per line, with a reason; audited. Errors: LEDGER.NOT_MEMBER, LEDGER.LINE_NOT_FOUND (not the caller's), LEDGER.WINDOW_CLOSED, LEDGER.ALREADY_OBJECTED, LEDGER.YEAR_LOCKED."
  }),
  'ledger.objections': action<{ items: ObjectionView[] }>()({
    name: 'ledger.objections',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear, state: z.enum(objectionStates, { error: '状态不正确' }).optional() }),
    access: staff,
    doc: 'Objections of the year (open first, then newest), at most 500.'
  }),
  'ledger.answer': action<ObjectionView>()({
    name: 'ledger.answer',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({
      id,
      accept: z.boolean({ error: '请选择采纳或不采纳' }),
      /** When accepting: the line's corrected points (0 strikes it). */
      points: points.optional(),
      answer: textField({ label: '答复', max: 300, multiline: true })
    }).refine((v) => !v.accept || v.points !== undefined, { message: '采纳时请填写更正后的分值', path: ['points'] }),
    access: staff,
    doc: "Staff answer an objection: accept (the line is corrected to `points` and the member's score recomputed) or refuse with the answer as reason; audited. Errors: LEDGER.OBJECTION_NOT_FOUND, LEDGER.OBJECTION_ANSWERED, LEDGER.YEAR_LOCKED."
  }),
  'ledger.lock': action<LedgerYearState>()({
    name: 'ledger.lock',
    fn: 'ledger',
    mutates: true,
    input: () => z.object({ year: ledgerYear }),
    access: staff,
    doc: 'Locks the year after the window ended with every objection answered: nothing in it changes afterwards (late source changes are logged, not applied). Audited. Errors: LEDGER.WINDOW_NOT_ENDED, LEDGER.OPEN_OBJECTIONS, LEDGER.YEAR_LOCKED.'
  }),
  'ledger.lateChanges': action<{ items: LateChangeView[] }>()({
    name: 'ledger.lateChanges',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: staff,
    doc: 'Source changes that arrived after the year was locked (logged, not applied), newest first, at most 200.'
  }),

  // ------------------------------------------------------------ export.ts
  'ledger.exportReport': action<{ fileID: string; url: string; members: number }>()({
    name: 'ledger.exportReport',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear, memberId: memberId.optional() }),
    access: staffOrLeader,
    doc: 'Annual duty report .docx (年度履职报告), one page per member: name, sector, every kind with counts and points, score, grade; one member or the whole roster. Cloud file + temporary URL; audited. Errors: LEDGER.MEMBER_NOT_FOUND, LEDGER.EXPORT_FAILED.'
  }),
  'ledger.exportLedger': action<{ fileID: string; url: string; lines: number }>()({
    name: 'ledger.exportLedger',
    fn: 'ledger',
    input: () => z.object({ year: ledgerYear }),
    access: staffOrLeader,
    doc: "The year's ledger as .xlsx: sheet 考评结果 (rank, name, sector, score, grade) and sheet 履职明细 (every line: member, kind, date, source, points). Audited. Errors: LEDGER.EXPORT_FAILED."
  })
} as const

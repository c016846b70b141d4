/**
 * Public-opinion information (社情民意, issue 4; lifecycle: domain.md section 3):
 * submission from the 反映 tab, the submitter's own list and timeline, the
 * staff review queue and its actions, bulletins (《社情民意》专刊) and upward
 * adoption records, yearly counts. Served by the `opinion` cloud function.
 *
 * Text rule: every text field is cleaned (control and zero-width characters
 * stripped) and counted in graphemes (src/core/text.ts) — the UI counts with
 * the same function, so "an emoji is one".
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { opinionStates, type OpinionState } from '../states'
import { optionalTextField, textField } from '../text'

/** Limits shared by the submit form and the server. */
export const OPINION_LIMITS = {
  titleMax: 50,
  contentMin: 10,
  contentMax: 3000,
  placeMax: 60,
  images: 9,
  /** Largest image accepted (bytes); the phone compresses before upload. */
  imageBytes: 10 * 1024 * 1024,
  /** Largest evidence file of an upward adoption (bytes). */
  evidenceBytes: 20 * 1024 * 1024,
  reasonMax: 300,
  /** Items one bulletin issue may carry. */
  bulletinItems: 200,
  /** Recipients on one 报 or 送 line. */
  bulletinRecipients: 30
} as const

/** Steps a submitter may ask to be notified of (subscription messages). */
export const opinionNotifySteps = ['received', 'processing', 'returned', 'decided', 'published', 'upward'] as const
export type OpinionNotifyStep = (typeof opinionNotifySteps)[number]

/** Public timeline steps, in the order they can happen. */
export type OpinionTimelineStep =
  | 'received'
  | 'processing'
  | 'returned'
  | 'resubmitted'
  | 'merged'
  | 'rejected'
  | 'adopted'
  | 'published'
  | 'reported'
  | 'upward_adopted'
  | 'upward_instruction'

export const upwardLevels = ['city', 'province'] as const
export type UpwardLevel = (typeof upwardLevels)[number]
export const upwardLevelLabels: Record<UpwardLevel, string> = { city: '市政协', province: '省政协' }
/** `reported` = sent up; `adopted` = the level adopted it; `instruction` = a leader's 批示. */
export const upwardKinds = ['reported', 'adopted', 'instruction'] as const
export type UpwardKind = (typeof upwardKinds)[number]

/** Content-safety outcome kept on an item (never shown to the public). */
export type SafetyFlag = 'text_review' | 'text_check_failed' | 'image_pending' | 'image_review' | 'image_risky' | 'image_check_failed'
export const safetyFlagLabels: Record<SafetyFlag, string> = {
  text_review: '文字需人工复核',
  text_check_failed: '文字安全检测失败，需人工复核',
  image_pending: '图片检测中',
  image_review: '图片需人工复核',
  image_risky: '图片疑似违规',
  image_check_failed: '图片安全检测失败，需人工复核'
}

export interface OpinionCategory {
  id: string
  name: string
  active: boolean
  sortKey: number
}

export interface OpinionSummary {
  id: string
  title: string
  categoryName: string
  state: OpinionState
  /** What the submitter's timeline says now, e.g. 已编入第12期, 被省政协采用. */
  statusLabel: string
  /** ISO instant (UTC) the item was received. */
  receivedAt: string
  /** 受理编号 the submitter quotes, e.g. 20261202-4821 (Beijing date + 4 digits; cloudfunctions/_shared/reference-number.ts). */
  refNo: string
  anonymous: boolean
  /** 匿名 for anonymous items (to everyone but the submitter), else the name or role. */
  submitter: string
  imageCount: number
  key: boolean
  /** Staff views only: unresolved content-safety flags. */
  flags?: SafetyFlag[]
  bulletin?: { id: string; year: number; number: number }
}

export interface OpinionTimelineEntry {
  step: OpinionTimelineStep
  label: string
  /** ISO instant (UTC). */
  at: string
  note?: string
}

export interface OpinionHistoryEntry {
  action: string
  /**
   * Who acted, as staff know them: the staff member's name (工作人员 when
   * they registered none), 提交人 with the submitter's name or role
   * (提交人（匿名） for anonymous items) or 系统. Never an OPENID.
   */
  byName: string
  /** True when the caller did it (shown as 我). */
  byMe: boolean
  at: string
  note?: string
}

export interface UpwardRecordView {
  id: string
  level: UpwardLevel
  kind: UpwardKind
  label: string
  /** Beijing calendar date `YYYY-MM-DD`. */
  date: string
  note?: string
  evidenceUrl?: string
}

export interface OpinionDetail extends OpinionSummary {
  categoryId: string
  content: string
  place?: string
  images: { fileID: string; url: string }[]
  /** Masked (138****5678) unless the caller is staff. Hidden for anonymous items to all but the submitter. */
  contactPhone?: string
  mayPublish: boolean
  notify: OpinionNotifyStep[]
  timeline: OpinionTimelineEntry[]
  adopted?: { title: string; content: string; key: boolean; at: string }
  rejectReason?: string
  returnNote?: string
  mergedInto?: string
  upward: UpwardRecordView[]
  /** The submitter may edit and resubmit (state `returned`). */
  canEdit: boolean
  mine: boolean
  /** Staff only: every action with who and when. */
  history?: OpinionHistoryEntry[]
}

export interface BulletinSummary {
  id: string
  year: number
  number: number
  /** 《社情民意》2026年第3期 */
  title: string
  /** Beijing date `YYYY-MM-DD`. */
  date: string
  itemCount: number
  editor: string
  approver: string
  hasFile: boolean
  /** The 报/送 lines printed at the foot of the issue (empty lists when none). */
  distribution: BulletinDistribution
}

/**
 * The 报/送 distribution lines of a bulletin issue: `report` (报, to
 * superiors: 县委、县政府…) and `send` (送, to peers: 各有关单位…), each a list
 * of recipient names in print order. Stored with the issue, printed in its
 * .docx as “报：县委、县政府”.
 */
export interface BulletinDistribution {
  report: string[]
  send: string[]
}

/** `bulletin.preview`'s answer: the .docx the compile would write, not stored. */
export interface BulletinPreview {
  /** The issue number this compilation would take now (another compile may take it first). */
  year: number
  number: number
  title: string
  /** The .docx bytes, base64. */
  docx: string
  /** Size of the .docx in bytes. */
  bytes: number
}

export interface OpinionStats {
  year: number
  received: number
  adopted: number
  bulletins: number
  upward: { city: { adopted: number; instruction: number; reported: number }; province: { adopted: number; instruction: number; reported: number } }
}

const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')
/** One 报/送 recipient: a unit's name, e.g. 县委办公室 (≤ 30 characters). */
const recipient = textField({ label: '报送单位名称', max: 30 })
const recipients = (label: string) => z.array(recipient, { error: `${label}格式不正确` }).max(OPINION_LIMITS.bulletinRecipients, `${label}最多 ${OPINION_LIMITS.bulletinRecipients} 个单位`)
/** A bulletin's content: items in print order, editor, approver, 报/送 (compile and preview); built on first use (issue 13 item 10). */
const bulletinInput = () => z.object({
  itemIds: z.array(id, { error: '请选择信息' }).min(1, '请至少选择一条已采用的信息').max(OPINION_LIMITS.bulletinItems, `一期最多编入 ${OPINION_LIMITS.bulletinItems} 条信息`),
  editor: textField({ label: '编辑', max: 20 }),
  approver: textField({ label: '签发', max: 20 }),
  distribution: z.object({ report: recipients('“报”的单位'), send: recipients('“送”的单位') }, { error: '报送单位格式不正确' }).optional()
})
const fileID = z.string({ error: '文件标识不正确' }).min(1, '文件标识不正确').max(512, '文件标识不正确')
const phone = z
  .string({ error: '联系电话格式不正确' })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => v === '' || /^(1\d{10}|0\d{9,11})$/.test(v), '联系电话应为 11 位手机号或带区号的固定电话')
  .optional()
  .transform((v) => (v ? v : undefined))
const beijingDate = z.string({ error: '日期格式不正确' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const year = z.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确')

/** Fields of a submission (also of a resubmission after 退回修改); a function: built on first use (issue 13 item 10). */
export const opinionFieldShape = () => ({
  title: textField({ label: '标题', max: OPINION_LIMITS.titleMax }),
  categoryId: id,
  content: textField({ label: '内容', min: OPINION_LIMITS.contentMin, max: OPINION_LIMITS.contentMax, multiline: true }),
  place: optionalTextField({ label: '地点', max: OPINION_LIMITS.placeMax }),
  images: z.array(fileID, { error: '图片列表格式不正确' }).max(OPINION_LIMITS.images, `最多上传 ${OPINION_LIMITS.images} 张图片`).optional(),
  contactPhone: phone,
  mayPublish: z.boolean({ error: '请选择是否同意公开' }).optional(),
  notify: z.array(z.enum(opinionNotifySteps, { error: '通知类型不正确' })).max(opinionNotifySteps.length).optional()
})

export const opinionActions = {
  'opinion.categories': action<{ items: OpinionCategory[] }>()({
    name: 'opinion.categories',
    fn: 'opinion',
    input: () => z.object({ all: z.boolean().optional() }),
    access: 'anyone',
    doc: 'Categories of public-opinion items, in display order (inactive ones only for staff with all=true). One read.'
  }),
  'opinion.saveCategory': action<OpinionCategory>()({
    name: 'opinion.saveCategory',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({
      id: id.optional(),
      name: textField({ label: '类别名称', max: 20 }),
      active: z.boolean({ error: '启用状态不正确' }).optional(),
      sortKey: z.number({ error: '排序应为数字' }).int().min(0).max(9999).optional()
    }),
    access: ['staff'],
    doc: 'Staff add, rename, reorder or disable a category (items keep the name they were filed under).'
  }),
  'opinion.submit': action<OpinionSummary>()({
    name: 'opinion.submit',
    fn: 'opinion',
    input: () => z.object({ ...opinionFieldShape(), anonymous: z.boolean({ error: '请选择是否匿名' }).optional() }),
    access: 'anyone',
    creates: true,
    doc: 'Submits an item (title, category, content, place, up to 9 own images, phone, anonymous, may-publish). Idempotent by requestId. <= 3 DB ops + content check.'
  }),
  'opinion.resubmit': action<OpinionSummary>()({
    name: 'opinion.resubmit',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id, ...opinionFieldShape() }),
    access: 'anyone',
    doc: 'The submitter edits an item returned for changes and sends it again (content checked again).'
  }),
  'opinion.mine': action<Page<OpinionSummary>>()({
    name: 'opinion.mine',
    fn: 'opinion',
    input: () => z.object({ ...pageInput }),
    access: 'anyone',
    doc: 'The caller\'s own submissions, newest first. One read per page.'
  }),
  'opinion.get': action<OpinionDetail>()({
    name: 'opinion.get',
    fn: 'opinion',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'One item with its public timeline: to its submitter, or to staff (with history and safety flags).'
  }),
  'opinion.reviewList': action<Page<OpinionSummary>>()({
    name: 'opinion.reviewList',
    fn: 'opinion',
    input: () => z.object({
      ...pageInput,
      state: z.enum(opinionStates, { error: '状态不正确' }).optional(),
      categoryId: id.optional(),
      from: beijingDate.optional(),
      to: beijingDate.optional(),
      /** Cleaned like every text field (control characters stripped), then matched literally. */
      keyword: optionalTextField({ label: '关键词', max: 50 }),
      flagged: z.boolean().optional()
    }),
    access: ['staff'],
    doc: 'Staff review queue: by state, category, received date range (Beijing days, inclusive), literal keyword in title or content. One read per page.'
  }),
  'opinion.accept': action<OpinionSummary>()({
    name: 'opinion.accept',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id }),
    access: ['staff'],
    doc: 'Staff take a received item into review (已收到 -> 处理中).'
  }),
  'opinion.return': action<OpinionSummary>()({
    name: 'opinion.return',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id, note: textField({ label: '退回意见', max: OPINION_LIMITS.reasonMax, multiline: true }) }),
    access: ['staff'],
    doc: 'Staff return an item to its author for changes, with what to change.'
  }),
  'opinion.merge': action<OpinionSummary>()({
    name: 'opinion.merge',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id, intoId: id, note: optionalTextField({ label: '合并说明', max: OPINION_LIMITS.reasonMax, multiline: true }) }),
    access: ['staff'],
    doc: 'Staff merge an item into another item on the same matter.'
  }),
  'opinion.reject': action<OpinionSummary>()({
    name: 'opinion.reject',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '不采用理由', max: OPINION_LIMITS.reasonMax, multiline: true }) }),
    access: ['staff'],
    doc: 'Staff decline an item (未采用) with a reason the submitter sees.'
  }),
  'opinion.adopt': action<OpinionSummary>()({
    name: 'opinion.adopt',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({
      id,
      title: textField({ label: '采用稿标题', max: OPINION_LIMITS.titleMax }),
      content: textField({ label: '采用稿内容', min: OPINION_LIMITS.contentMin, max: OPINION_LIMITS.contentMax * 2, multiline: true }),
      key: z.boolean({ error: '重点标记不正确' }).optional()
    }),
    access: ['staff'],
    doc: 'Staff adopt an item: the edited copy is kept beside the original; may be marked key (重点).'
  }),
  'opinion.markKey': action<OpinionSummary>()({
    name: 'opinion.markKey',
    fn: 'opinion',
    mutates: true,
    input: () => z.object({ id, key: z.boolean({ error: '重点标记不正确' }) }),
    access: ['staff'],
    doc: 'Staff mark or unmark an adopted item as key (重点).'
  }),
  'opinion.reportUp': action<OpinionDetail>()({
    name: 'opinion.reportUp',
    fn: 'opinion',
    input: () => z.object({
      id,
      level: z.enum(upwardLevels, { error: '请选择市政协或省政协' }),
      kind: z.enum(upwardKinds, { error: '请选择报送、采用或批示' }),
      date: beijingDate,
      evidenceFileID: fileID.optional(),
      note: optionalTextField({ label: '说明', max: OPINION_LIMITS.reasonMax, multiline: true })
    }),
    access: ['staff'],
    creates: true,
    doc: 'Staff record that an adopted or published item was reported to the city/province, adopted there, or received a 批示 (date, evidence); the submitter is notified.'
  }),
  'opinion.stats': action<OpinionStats>()({
    name: 'opinion.stats',
    fn: 'opinion',
    input: () => z.object({ year }),
    access: ['staff'],
    doc: 'Counts for a Beijing calendar year: items received, adopted, bulletin issues, upward records by level and kind.'
  }),
  'opinion.export': action<{ fileID: string; url: string; count: number }>()({
    name: 'opinion.export',
    fn: 'opinion',
    input: () => z.object({ year }),
    access: ['staff'],
    doc: 'Staff export a year\'s items as .xlsx (phones in full, anonymous submitters hidden); written to the audit log.'
  }),
  'bulletin.compile': action<BulletinSummary>()({
    name: 'bulletin.compile',
    fn: 'opinion',
    input: bulletinInput,
    access: ['staff'],
    creates: true,
    doc: 'Compiles adopted items, in the order given (their order in the issue and its .docx), into the next bulletin issue of the Beijing year (transactional counter: no gaps, no duplicates), with its 报/送 lines; writes the .docx to cloud storage; items become published.'
  }),
  'bulletin.preview': action<BulletinPreview>()({
    name: 'bulletin.preview',
    fn: 'opinion',
    input: bulletinInput,
    access: ['staff'],
    doc: 'The .docx `bulletin.compile` would write for the same input (items in the given order, 报/送 lines, the number it would take now), as base64 bytes; nothing stored, nothing changes. Same refusals as compile (BULLETIN.ITEM_NOT_ADOPTED, BULLETIN.NOT_PUBLISHABLE, COMMON.NOT_FOUND).'
  }),
  'bulletin.list': action<Page<BulletinSummary>>()({
    name: 'bulletin.list',
    fn: 'opinion',
    input: () => z.object({ ...pageInput, year: year.optional() }),
    access: ['staff'],
    doc: 'Bulletin issues, newest first, optionally of one year. One read per page.'
  }),
  'bulletin.get': action<BulletinSummary & { items: Page<OpinionSummary> }>()({
    name: 'bulletin.get',
    fn: 'opinion',
    input: () => z.object({ id, ...pageInput }),
    access: ['staff'],
    doc: 'One bulletin issue with its items, paged.'
  }),
  'bulletin.download': action<{ fileID: string; url: string }>()({
    name: 'bulletin.download',
    fn: 'opinion',
    input: () => z.object({ id }),
    access: ['staff'],
    doc: 'A download link for the bulletin .docx (generated again if missing); written to the audit log.'
  })
} as const

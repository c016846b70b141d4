/**
 * The year at a glance (issue 10): the work review's figures from the
 * product's own records, the records behind each figure, the exports, and
 * the office's records of the work the review counts (research subjects,
 * reports, activity outcomes, supervisor designations, contacts with
 * members, past activities entered by hand). Served by the `year` function.
 *
 * Figures: src/core/figures.ts (one definition each). Years are Beijing
 * calendar years. Dates travel as Beijing `YYYY-MM-DD` (or
 * `YYYY-MM-DD HH:mm`) in inputs and ISO instants (UTC) in outputs.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { optionalTextField, textField } from '../text'
import { parseBeijing } from '../time'
import { activityKinds, activityTypes } from './activity'
import { contactKinds, figureIds, type FigureGroup } from '../figures'

const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')
const memberId = z.string({ error: '请选择委员' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '委员编号格式不正确')
/** Years the product can hold records for. */
export const year = z.number({ error: '请选择年度' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确')
const count = (label: string) => z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负`).max(1_000_000, `${label}过大`)

/** Beijing wall-clock date or time -> Date (UTC instant). */
const beijingDate = (label: string, pattern: 'YYYY-MM-DD' | 'YYYY-MM-DD HH:mm') =>
  z
    .string({ error: `请填写${label}` })
    .regex(pattern === 'YYYY-MM-DD' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `${label}格式应为 ${pattern === 'YYYY-MM-DD' ? '年-月-日' : '年-月-日 时:分'}`)
    .transform((value, ctx) => {
      try {
        return parseBeijing(value, pattern)
      } catch {
        ctx.addIssue({ code: 'custom', message: `${label}不是有效的日期` })
        return z.NEVER
      }
    })

const fileID = z.string({ error: '文件编号不正确' }).regex(/^cloud:\/\/[^\s]{1,300}$/, '文件编号不正确')

export interface FigureValue {
  id: string
  name: string
  unit: string
  howCounted: string
  records: string
  /** Null when the figure's source is not connected yet (see `pending`). */
  value: number | null
  previous: number | null
  /** Why there is no number yet (Chinese), when value is null. */
  pending?: string
}

export interface YearFigures {
  year: number
  previousYear: number
  groups: { group: FigureGroup; label: string; figures: FigureValue[] }[]
  /** Member participations in consultation per Beijing month (index 0 = January), for the chart. */
  participationsByMonth: number[]
  /** 社情民意 upward records of the year by level and kind, for the chart. */
  upward: { city: { adopted: number; instruction: number; reported: number }; province: { adopted: number; instruction: number; reported: number } }
}

/** One record behind a figure; no OPENID, phones masked. */
export interface FigureRecord {
  id: string
  title: string
  /** ISO instant (UTC) or undefined. */
  date?: string
  place?: string
  /** e.g. 出席 32 人, 意见建议 5 条, 专刊第 3 期. */
  detail?: string
  /** A person or organiser shown with it (names only; phones masked). */
  who?: string
  /** The number this record adds to the figure. */
  value: number
  /** Entered by hand by staff: who (name) and when (ISO). */
  manual?: { by: string; at: string }
}

export interface SubjectView {
  id: string
  year: number
  title: string
  lead: string
  note: string
  /** Finalized trips linked to the subject (from the outcomes). */
  trips: number
}

export interface ReportView {
  id: string
  year: number
  title: string
  date: string
  subjectId?: string
  fileID?: string
}

export interface OutcomeView {
  activityId: string
  title: string
  kind: string
  year: number
  suggestions: number
  opinions: number
  peopleServed: number
  subjectId?: string
  note: string
  enteredAt: string
}

export interface DesignationView {
  id: string
  year: number
  memberId: string
  memberName: string
  field: string
}

export interface ContactView {
  id: string
  year: number
  memberId: string
  memberName: string
  kind: string
  date: string
  note: string
}

export const yearActions = {
  'year.figures': action<YearFigures>()({
    name: 'year.figures',
    fn: 'year',
    input: () => z.object({ year }),
    access: ['staff', 'leader'],
    doc: 'Every figure of the year (figures.ts) grouped as the work review groups them, with the year before beside each; about 30 DB operations whatever the number of records.'
  }),
  'year.records': action<Page<FigureRecord> & { figure: string; pending?: string }>()({
    name: 'year.records',
    fn: 'year',
    input: () => z.object({ ...pageInput, year, figure: z.enum(figureIds, { error: '统计项不存在' }) }),
    access: ['staff', 'leader'],
    doc: 'The records behind one figure, a page at a time (same definition as the figure); names only, phones masked, never an OPENID.'
  }),
  'year.export': action<{ fileID: string; url: string; figures: number }>()({
    name: 'year.export',
    fn: 'year',
    input: () => z.object({ year, format: z.enum(['xlsx', 'docx'], { error: '导出格式不正确' }) }),
    access: ['staff', 'leader'],
    doc: 'The year\'s figures as .xlsx (name, value, last year, how counted) or .docx 年度工作数据 in the review\'s order; cloud file + temporary URL; audited.'
  }),
  'year.subjects': action<SubjectView[]>()({
    name: 'year.subjects',
    fn: 'year',
    input: () => z.object({ year }),
    access: ['staff', 'leader', 'studio_admin'],
    doc: 'The year\'s key research subjects (重点课题), for choosing one when entering a trip\'s outcome. One read + one aggregate.'
  }),
  'year.saveSubject': action<SubjectView>()({
    name: 'year.saveSubject',
    fn: 'year',
    input: () => z.object({
      id: id.optional(),
      year,
      title: textField({ label: '课题名称', max: 60 }),
      lead: optionalTextField({ label: '牵头单位', max: 40 }),
      note: optionalTextField({ label: '备注', max: 500, multiline: true })
    }),
    access: ['staff'],
    creates: true,
    doc: 'Creates (no id; a retry with the same requestId returns the first) or edits a research subject of the year. Errors: YEAR.NOT_FOUND.'
  }),
  'year.saveReport': action<ReportView>()({
    name: 'year.saveReport',
    fn: 'year',
    input: () => z.object({
      id: id.optional(),
      title: textField({ label: '报告标题', max: 80 }),
      date: beijingDate('报告日期', 'YYYY-MM-DD'),
      subjectId: id.optional(),
      fileID: fileID.optional()
    }),
    access: ['staff'],
    creates: true,
    doc: 'Creates or edits a 专题报告 (title, Beijing date, optional subject and file the caller uploaded). Errors: YEAR.NOT_FOUND, YEAR.DATE_FUTURE, YEAR.SUBJECT_NOT_FOUND, FILE.NOT_OWNED.'
  }),
  'year.saveOutcome': action<OutcomeView>()({
    name: 'year.saveOutcome',
    fn: 'year',
    mutates: true,
    input: () => z.object({
      activityId: id,
      suggestions: count('意见建议条数').optional(),
      opinions: count('监督意见条数').optional(),
      peopleServed: count('服务人数').optional(),
      subjectId: id.optional(),
      note: optionalTextField({ label: '成果说明', max: 1000, multiline: true })
    }),
    access: ['staff', 'studio_admin'],
    doc: 'The organiser\'s entry after a finalized activity (suggestions, supervision opinions, people served, research subject); one per activity, saved again to edit. Errors: ACTIVITY.NOT_FOUND, ACTIVITY.NOT_ORGANISER, YEAR.NOT_FINALIZED, YEAR.FIELD_NOT_FOR_KIND, YEAR.SUBJECT_NOT_FOUND.'
  }),
  'year.designate': action<DesignationView>()({
    name: 'year.designate',
    fn: 'year',
    mutates: true,
    input: () => z.object({ year, memberId, field: optionalTextField({ label: '监督领域', max: 40 }) }),
    access: ['staff'],
    doc: 'Designates a member as 特约监督员 for the year (one per member per year; again to edit the field). Errors: MEMBER.NOT_FOUND.'
  }),
  'year.undesignate': action<{ removed: boolean }>()({
    name: 'year.undesignate',
    fn: 'year',
    mutates: true,
    input: () => z.object({ year, memberId }),
    access: ['staff'],
    doc: 'Withdraws a member\'s designation for the year; audited.'
  }),
  'year.saveContact': action<ContactView>()({
    name: 'year.saveContact',
    fn: 'year',
    input: () => z.object({
      id: id.optional(),
      memberId,
      kind: z.enum(contactKinds, { error: '联系方式不正确' }),
      date: beijingDate('联系日期', 'YYYY-MM-DD'),
      note: optionalTextField({ label: '情况记录', max: 500, multiline: true })
    }),
    access: ['staff'],
    creates: true,
    doc: 'Creates or edits a dated record of the office contacting or serving a member (联系服务委员). Errors: MEMBER.NOT_FOUND, YEAR.NOT_FOUND, YEAR.DATE_FUTURE.'
  }),
  'year.contacts': action<Page<ContactView>>()({
    name: 'year.contacts',
    fn: 'year',
    input: () => z.object({ ...pageInput, year, memberId: memberId.optional() }),
    access: ['staff'],
    doc: 'The year\'s contact records, newest first (optionally one member\'s). One read.'
  }),
  'year.recordPast': action<{ activityId: string }>()({
    name: 'year.recordPast',
    fn: 'year',
    input: () => z.object({
      title: textField({ label: '活动名称', max: 60 }),
      type: z.enum(activityTypes, { error: '活动类型不正确' }),
      kind: z.enum(activityKinds, { error: '活动类别不正确' }).optional(),
      place: textField({ label: '活动地点', max: 100 }),
      startAt: beijingDate('开始时间', 'YYYY-MM-DD HH:mm'),
      endAt: beijingDate('结束时间', 'YYYY-MM-DD HH:mm'),
      attended: count('出席人数'),
      studioId: id.optional(),
      note: optionalTextField({ label: '活动情况', max: 1000, multiline: true })
    }),
    access: ['staff'],
    creates: true,
    doc: 'Enters a past activity held before the product (created by the activity engine, then finalized with the attendance entered by hand, marked with who entered it and when). Errors: ACTIVITY.BAD_TIMES, ACTIVITY.KIND_MISMATCH, YEAR.DATE_FUTURE.'
  })
} as const

/**
 * The year's figures (issue 10; domain.md "Numbers the product should be able
 * to produce"): every figure of the annual work review, written once. The
 * year page, the .xlsx/.docx exports, the drill-down behind each figure and
 * the tests all read this table, so they always agree.
 *
 * Each figure says which report group it belongs to (the review's order),
 * its Chinese name and unit, one sentence on how it is counted, which records
 * it counts (`records`, in words) and, as data, where the number comes from
 * (`source`). The `year` cloud function turns each source into a bounded
 * number of DB operations (one aggregate per source kind, shared by every
 * figure of that kind) and into the drill-down query for the same records.
 *
 * Years are Beijing calendar years (src/core/time.ts `beijingYear`): an
 * activity that starts on 31 Dec 23:30 Beijing counts in that year.
 */
import type { ActivityKind } from './actions/activity'

export const figureGroups = ['consult', 'supervise', 'proposal', 'opinion', 'consensus', 'duty', 'platform'] as const
export type FigureGroup = (typeof figureGroups)[number]
/** The review's section names, in the review's order. */
export const figureGroupLabels: Record<FigureGroup, string> = {
  consult: '协商议政',
  supervise: '民主监督',
  proposal: '提案',
  opinion: '社情民意',
  consensus: '凝聚共识',
  duty: '委员履职',
  platform: '平台建设'
}

/** Collections of the records the office enters for the year (the `year` function). */
export const yearCollections = {
  subjects: 'researchSubjects',
  reports: 'yearReports',
  outcomes: 'activityOutcomes',
  designations: 'supervisorDesignations',
  contacts: 'memberContacts'
} as const

/** Counted fields of an activity's outcome (the organiser's entry after the activity). */
export const outcomeFields = ['suggestions', 'opinions', 'peopleServed'] as const
export type OutcomeField = (typeof outcomeFields)[number]

/**
 * Where a figure's number comes from:
 * - `activities`: finalized activities of the given kinds starting in the
 *   year; `count` counts them, `attended` sums their locked attendance
 *   (check-ins that became 出席; hand-entered past records carry the number
 *   staff entered);
 * - `outcomes`: the organisers' entries for finalized activities of the kinds
 *   (sum of one field);
 * - `records`: the office's own records of the year (research subjects,
 *   reports, supervisor designations, contacts with members), counted;
 * - `consultation` / `opinion`: the same counts as `topic.counts` and
 *   `opinion.stats` (cloudfunctions/_shared/year-counts.ts);
 * - `informants`: people holding the 信息员 role granted before the year ended;
 * - `studios`: studios on record;
 * - `proposals`: the proposal area (collection `proposals`), see {@link pendingSources}.
 */
export type FigureSource =
  | { from: 'activities'; kinds: readonly ActivityKind[]; measure: 'count' | 'attended' }
  | { from: 'outcomes'; kinds: readonly ActivityKind[]; field: OutcomeField }
  | { from: 'records'; collection: 'subjects' | 'reports' | 'designations' | 'contacts' }
  | { from: 'consultation'; field: 'consultationActivities' | 'memberParticipations' | 'problemsSolved' }
  | { from: 'opinion'; field: 'received' | 'informantSubmissions' | 'bulletins' | 'cityAdopted' | 'provinceAdopted' }
  | { from: 'informants' }
  | { from: 'studios' }
  | { from: 'proposals'; field: 'received' | 'filed' | 'replyRate' }

export interface FigureDefinition {
  /** Stable id (URLs, exports, tests). */
  id: string
  group: FigureGroup
  /** Chinese name as the review words it. */
  name: string
  /** 次, 条, 人次, %, … */
  unit: string
  /** One sentence: how it is counted (shown on the page and in the .xlsx). */
  howCounted: string
  /** Which records it counts, in words (the drill-down's heading). */
  records: string
  source: FigureSource
}

const inspectionKinds = ['inspection', 'research'] as const
const serviceKinds = ['art_show', 'legal_aid', 'agri_tech', 'health_clinic', 'outreach_other'] as const
const trainingKinds = ['training', 'lecture'] as const

/** Every figure, in the review's order (group by group). */
export const figures: readonly FigureDefinition[] = [
  // 协商议政
  { id: 'research_subjects', group: 'consult', name: '年度重点课题', unit: '项', howCounted: '机关登记的当年重点调研课题数。', records: '重点课题', source: { from: 'records', collection: 'subjects' } },
  { id: 'inspection_trips', group: 'consult', name: '视察调研', unit: '次', howCounted: '当年开始、已归档考勤的视察和调研活动数。', records: '视察调研活动', source: { from: 'activities', kinds: inspectionKinds, measure: 'count' } },
  { id: 'inspection_suggestions', group: 'consult', name: '视察调研提出意见建议', unit: '条', howCounted: '组织方在视察调研活动后登记的意见建议条数之和。', records: '视察调研活动的成果登记', source: { from: 'outcomes', kinds: inspectionKinds, field: 'suggestions' } },
  { id: 'special_reports', group: 'consult', name: '形成专题报告', unit: '份', howCounted: '报告日期在当年的专题报告份数。', records: '专题报告', source: { from: 'records', collection: 'reports' } },
  { id: 'consultation_sessions', group: 'consult', name: '“辽事好商量”协商活动', unit: '场次', howCounted: '当年开始且已结束、未取消的协商议事活动数（与协商议事统计一致）。', records: '协商议事活动', source: { from: 'consultation', field: 'consultationActivities' } },
  { id: 'member_participations', group: 'consult', name: '委员参与协商', unit: '人次', howCounted: '上述协商活动中委员签到（出席）人次。', records: '协商议事活动及出席委员人数', source: { from: 'consultation', field: 'memberParticipations' } },
  { id: 'problems_solved', group: 'consult', name: '协商推动解决具体问题', unit: '个', howCounted: '当年办结且结果为已解决或部分解决的议题数。', records: '办结的协商议题', source: { from: 'consultation', field: 'problemsSolved' } },
  // 民主监督
  { id: 'supervisors', group: 'supervise', name: '选派特约监督员', unit: '名', howCounted: '当年选派为特约监督员的委员人数。', records: '特约监督员选派记录', source: { from: 'records', collection: 'designations' } },
  { id: 'supervision_activities', group: 'supervise', name: '专项监督活动', unit: '次', howCounted: '当年开始、已归档考勤的专项监督活动数。', records: '专项监督活动', source: { from: 'activities', kinds: ['special_supervision'], measure: 'count' } },
  { id: 'supervision_opinions', group: 'supervise', name: '提出监督意见', unit: '条', howCounted: '组织方在专项监督活动后登记的监督意见条数之和。', records: '专项监督活动的成果登记', source: { from: 'outcomes', kinds: ['special_supervision'], field: 'opinions' } },
  // 提案
  { id: 'proposals_received', group: 'proposal', name: '收到提案', unit: '件', howCounted: '当年提交的提案件数。', records: '提案', source: { from: 'proposals', field: 'received' } },
  { id: 'proposals_filed', group: 'proposal', name: '经审查立案', unit: '件', howCounted: '当年提交并经审查立案的提案件数。', records: '立案提案', source: { from: 'proposals', field: 'filed' } },
  { id: 'proposals_reply_rate', group: 'proposal', name: '提案办复率', unit: '%', howCounted: '当年立案提案中已办复的比例。', records: '立案提案及办复情况', source: { from: 'proposals', field: 'replyRate' } },
  // 社情民意
  { id: 'informants', group: 'opinion', name: '信息员队伍', unit: '人', howCounted: '年底前授予且仍持有信息员身份的人数。', records: '信息员及当年报送条数', source: { from: 'informants' } },
  { id: 'opinions_received', group: 'opinion', name: '收集社情民意信息', unit: '条', howCounted: '当年收到的社情民意信息条数（与社情民意统计一致）。', records: '社情民意信息', source: { from: 'opinion', field: 'received' } },
  { id: 'informant_submissions', group: 'opinion', name: '信息员报送信息', unit: '条', howCounted: '当年收到的信息中由信息员报送的条数。', records: '信息员报送的社情民意信息', source: { from: 'opinion', field: 'informantSubmissions' } },
  { id: 'bulletins', group: 'opinion', name: '编报《社情民意》专刊', unit: '期', howCounted: '当年编发的专刊期数。', records: '《社情民意》专刊', source: { from: 'opinion', field: 'bulletins' } },
  { id: 'adopted_city', group: 'opinion', name: '被市政协采用', unit: '篇', howCounted: '当年登记的市政协采用记录数。', records: '市政协采用记录', source: { from: 'opinion', field: 'cityAdopted' } },
  { id: 'adopted_province', group: 'opinion', name: '被省政协采用', unit: '篇', howCounted: '当年登记的省政协采用记录数。', records: '省政协采用记录', source: { from: 'opinion', field: 'provinceAdopted' } },
  // 凝聚共识
  { id: 'theme_suggestions', group: 'consensus', name: '主题活动征集建议', unit: '条', howCounted: '“我为编制‘十五五’规划献良策”等主题活动结束后组织方登记的建议条数之和。', records: '主题活动的成果登记', source: { from: 'outcomes', kinds: ['theme_event'], field: 'suggestions' } },
  { id: 'art_shows', group: 'consensus', name: '送文艺下乡', unit: '次', howCounted: '当年开始、已归档的“四送三联系”送文艺活动数。', records: '送文艺下乡活动', source: { from: 'activities', kinds: ['art_show'], measure: 'count' } },
  { id: 'law_agri_lectures', group: 'consensus', name: '公益法律咨询、农业技术讲座', unit: '期', howCounted: '当年开始、已归档的送法律咨询和送农业技术活动数。', records: '法律咨询、农业技术讲座', source: { from: 'activities', kinds: ['legal_aid', 'agri_tech'], measure: 'count' } },
  { id: 'health_clinics', group: 'consensus', name: '健康义诊', unit: '次', howCounted: '当年开始、已归档的送健康义诊活动数。', records: '健康义诊活动', source: { from: 'activities', kinds: ['health_clinic'], measure: 'count' } },
  { id: 'people_served', group: 'consensus', name: '直接服务基层群众', unit: '人次', howCounted: '“四送三联系”活动结束后组织方登记的服务人数之和。', records: '“四送三联系”活动的成果登记', source: { from: 'outcomes', kinds: serviceKinds, field: 'peopleServed' } },
  // 委员履职
  { id: 'trainings', group: 'duty', name: '组织培训', unit: '次', howCounted: '当年开始、已归档考勤的培训数（不含讲座）。', records: '培训活动', source: { from: 'activities', kinds: ['training'], measure: 'count' } },
  { id: 'lectures', group: 'duty', name: '开办讲座', unit: '次', howCounted: '当年开始、已归档考勤的讲座数。', records: '讲座', source: { from: 'activities', kinds: ['lecture'], measure: 'count' } },
  { id: 'training_person_times', group: 'duty', name: '累计培训委员', unit: '人次', howCounted: '培训和讲座归档时的签到出席人次之和。', records: '培训、讲座及出席人数', source: { from: 'activities', kinds: trainingKinds, measure: 'attended' } },
  // 平台建设
  { id: 'studios', group: 'platform', name: '委员工作室（活动室）', unit: '个', howCounted: '登记在册的委员工作室数。', records: '委员工作室及当年活动场次', source: { from: 'studios' } },
  { id: 'studio_activities', group: 'platform', name: '工作室活动', unit: '次', howCounted: '当年开始、已归档的委员工作室活动数（协商议事另计）。', records: '工作室活动', source: { from: 'activities', kinds: ['studio_activity'], measure: 'count' } },
  { id: 'member_contacts', group: 'platform', name: '联系、服务委员', unit: '人次', howCounted: '机关登记的当年联系、服务委员记录数。', records: '联系服务委员记录', source: { from: 'records', collection: 'contacts' } }
]

export type FigureId = string

/**
 * Sources that may not be there yet and what to show meanwhile: the
 * proposal figures count the `proposals` collection of the proposal area
 * (built on its own branch); until it exists they show this instead of a number.
 */
export const pendingSources: Partial<Record<FigureSource['from'], string>> = {
  proposals: '提案办理功能接入后自动统计'
}

export function figureById(id: string): FigureDefinition | undefined {
  return figures.find((f) => f.id === id)
}

/** Figure ids, for the input schema of the drill-down. */
export const figureIds = figures.map((f) => f.id) as [string, ...string[]]

/** Kinds of contact with a member (联系服务委员). */
export const contactKinds = ['visit', 'call', 'study', 'duty_service', 'care'] as const
export type ContactKind = (typeof contactKinds)[number]
export const contactKindLabels: Record<ContactKind, string> = {
  visit: '走访看望',
  call: '电话联系',
  study: '送学上门',
  duty_service: '履职服务',
  care: '困难帮扶'
}

/** A figure's value for display: `—` when not available, percentages with one decimal. */
export function formatFigure(value: number | null, unit: string): string {
  if (value === null) return '—'
  if (unit === '%') return `${Math.round(value * 10) / 10}%`
  return `${value}${unit}`
}

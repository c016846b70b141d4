/**
 * Activities and sign-up (domain.md section 2; issue 5): one engine for
 * studio activities, consultation sessions, trainings, supervision and
 * outreach. Served by the `activity` cloud function; the engine module
 * (cloudfunctions/activity/engine.ts) is shared with `consultation`.
 *
 * Times travel as Beijing wall-clock strings `YYYY-MM-DD HH:mm` in inputs
 * and as ISO instants (UTC) in outputs; pages format them with
 * `formatBeijing`.
 */
import { subscriptionTemplates } from '../templates'
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { textField, optionalTextField } from '../text'
import { parseBeijing } from '../time'
import type { ActivityState } from '../states'

export const activityTypes = ['studio_activity', 'consultation', 'training', 'supervision', 'outreach', 'meeting'] as const
export type ActivityType = (typeof activityTypes)[number]
export const activityTypeLabels: Record<ActivityType, string> = {
  studio_activity: '工作室活动',
  consultation: '协商议事',
  training: '学习培训',
  supervision: '视察监督',
  outreach: '四送三联系',
  /** 全体会议 and 常委会议 (issue 11: attendance, leave and absence go to the duty ledger). */
  meeting: '全会和常委会议'
}

/**
 * Finer kinds of activity the year's work review counts (issue 10): an
 * optional field beside `type`; each kind belongs to one type. An activity
 * without a kind (or with one that does not belong to its type) counts as its
 * type's default kind ({@link defaultKindOf}).
 */
export const activityKinds = [
  'inspection',
  'research',
  'special_supervision',
  'training',
  'lecture',
  'art_show',
  'legal_aid',
  'agri_tech',
  'health_clinic',
  'outreach_other',
  'theme_event',
  'studio_activity',
  'consultation',
  'plenary',
  'standing_committee'
] as const
export type ActivityKind = (typeof activityKinds)[number]
export const activityKindLabels: Record<ActivityKind, string> = {
  inspection: '视察',
  research: '调研',
  special_supervision: '专项监督',
  training: '培训',
  lecture: '讲座',
  art_show: '送文艺',
  legal_aid: '送法律咨询',
  agri_tech: '送农业技术',
  health_clinic: '送健康义诊',
  outreach_other: '其他联系服务',
  theme_event: '主题活动',
  studio_activity: '工作室活动',
  consultation: '协商议事',
  plenary: '全体会议',
  standing_committee: '常委会议'
}
/** The type each kind belongs to. */
export const kindTypes: Record<ActivityKind, ActivityType> = {
  inspection: 'supervision',
  research: 'supervision',
  special_supervision: 'supervision',
  training: 'training',
  lecture: 'training',
  art_show: 'outreach',
  legal_aid: 'outreach',
  agri_tech: 'outreach',
  health_clinic: 'outreach',
  outreach_other: 'outreach',
  theme_event: 'outreach',
  studio_activity: 'studio_activity',
  consultation: 'consultation',
  plenary: 'meeting',
  standing_committee: 'meeting'
}
const defaultKinds: Record<ActivityType, ActivityKind> = {
  studio_activity: 'studio_activity',
  consultation: 'consultation',
  training: 'training',
  supervision: 'inspection',
  outreach: 'outreach_other',
  meeting: 'plenary'
}
/** The kind an activity counts as: its own when it belongs to its type, else the type's default. */
export function defaultKindOf(type: ActivityType, kind?: ActivityKind | null): ActivityKind {
  return kind && kindTypes[kind] === type ? kind : defaultKinds[type]
}

export const audiences = ['members', 'public', 'invitees'] as const
export type Audience = (typeof audiences)[number]
export const audienceLabels: Record<Audience, string> = { members: '仅限委员', public: '面向公众', invitees: '特邀人员' }

export const registrationStates = [
  'registered',
  'waitlisted',
  'cancelled',
  'notified',
  'confirmed',
  'leave_requested',
  'leave_approved',
  'leave_denied',
  'checked_in',
  'attended',
  'absent'
] as const
export type RegistrationState = (typeof registrationStates)[number]
export const registrationStateLabels: Record<RegistrationState, string> = {
  registered: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  notified: '待确认',
  confirmed: '已确认参加',
  leave_requested: '请假审批中',
  leave_approved: '已准假',
  leave_denied: '请假未批准',
  checked_in: '已签到',
  attended: '已出席',
  absent: '缺席'
}

export const organiserKinds = ['studio', 'committee', 'office'] as const
export type OrganiserKind = (typeof organiserKinds)[number]

/**
 * Subscription-message templates the activity engine sends (the phone asks
 * consent for these ids in the sign-up tap); the ids live in templates.ts.
 */
export const activityTemplates = {
  reminder: subscriptionTemplates.activityReminder,
  change: subscriptionTemplates.activityChange,
  promoted: subscriptionTemplates.activityPromoted,
  invitation: subscriptionTemplates.activityInvitation,
  leave: subscriptionTemplates.activityLeave
} as const

export interface ActivitySummary {
  id: string
  title: string
  type: ActivityType
  /** Effective state at the time of the request (published becomes registration_closed / checkin_open / ended with time). */
  state: ActivityState
  organiserName: string
  studioId?: string
  topicId?: string
  place: string
  /** ISO instants (UTC). */
  startAt: string
  endAt: string
  signupDeadline: string
  capacity: number
  registeredCount: number
  waitlistCount: number
  audience: Audience
  required: boolean
}

export interface MyRegistration {
  id: string
  state: RegistrationState
  /** 1-based place on the waitlist (only when waitlisted). */
  waitlistPosition?: number
  /** Personal pass code staff scan at the door (shown as a QR code). */
  pass?: string
  leaveReason?: string
  leaveDecisionReason?: string
  checkedInAt?: string
}

export interface ActivityDetail extends ActivitySummary {
  description: string
  checkinStartAt: string
  checkinEndAt: string
  waitlist: boolean
  postponeReason?: string
  cancelReason?: string
  /** The caller's registration, if any. */
  mine?: MyRegistration
  /** True when the caller may manage this activity (organiser views). */
  canManage: boolean
  /** For its managers: why the activity is not shown to the public (the content check held its text), in Chinese. */
  safetyNote?: string
}

export interface RegistrationView {
  id: string
  /** Roster id for members, else an opaque key (never an OPENID): what decideLeave and mark take. */
  personKey: string
  name: string
  memberId?: string
  /** Masked unless the caller is staff. */
  phone: string
  state: RegistrationState
  /** Waitlist order key: when the place in line was stored (ms since epoch, UTC). */
  waitlistSeq?: number
  leaveReason?: string
  checkedInAt?: string
  checkinMethod?: 'venue_qr' | 'pass' | 'manual'
  /** ISO instant (UTC). */
  registeredAt: string
}

export interface SignupResult {
  state: RegistrationState
  /** True when the person was already registered (a repeat tap or a retry). */
  already: boolean
  waitlistPosition?: number
}

export interface MyActivity {
  activity: ActivitySummary
  registration: MyRegistration
}

const id = z.string({ error: '缺少活动编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')
const personKey = z.string({ error: '缺少人员编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '人员编号格式不正确')

/** Beijing wall clock `YYYY-MM-DD HH:mm` -> Date (UTC instant). */
const beijingTime = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `${label}格式应为 年-月-日 时:分`)
    .transform((value, ctx) => {
      try {
        return parseBeijing(value)
      } catch {
        ctx.addIssue({ code: 'custom', message: `${label}不是有效的时间` })
        return z.NEVER
      }
    })

/**
 * Fields of an activity as the organiser fills them in (create and edit).
 * A function, so the schemas are built when an action's input is first
 * used, not when this module loads (issue 13 item 10, decision 94).
 */
export const activityFieldShape = () => ({
  title: textField({ label: '活动名称', max: 60 }),
  type: z.enum(activityTypes, { error: '活动类型不正确' }),
  /** Finer kind for the year's figures (视察, 调研, 讲座, 送文艺…); must belong to `type`. */
  kind: z.enum(activityKinds, { error: '活动类别不正确' }).optional(),
  description: optionalTextField({ label: '活动介绍', max: 2000, multiline: true }),
  place: textField({ label: '活动地点', max: 100 }),
  startAt: beijingTime('开始时间'),
  endAt: beijingTime('结束时间'),
  signupDeadline: beijingTime('报名截止时间'),
  /** Default: 30 minutes before the start. */
  checkinStartAt: beijingTime('签到开始时间').optional(),
  /** Default: the end of the activity. */
  checkinEndAt: beijingTime('签到结束时间').optional(),
  /** Seats; 0 means no limit. */
  capacity: z.number({ error: '名额应为数字' }).int('名额应为整数').min(0, '名额不能为负').max(100000, '名额过大'),
  /** Whether a full activity keeps a waitlist (default yes). */
  waitlist: z.boolean({ error: '候补设置不正确' }).optional(),
  audience: z.enum(audiences, { error: '报名范围不正确' }),
  /** Roster ids of invitees (audience `invitees`, or a required activity). */
  inviteeIds: z.array(personKey).max(1000, '特邀人员过多').optional(),
  required: z.boolean({ error: '是否必须参加不正确' }).optional(),
  studioId: id.optional(),
  organiserKind: z.enum(organiserKinds, { error: '组织方不正确' }).optional(),
  /** Consultation topic this session belongs to. */
  topicId: id.optional()
})

/** Input of `activity.create` (built on each call: the contract memoises it as the action's input). */
export const activityCreateInput = () => z.object({ ...activityFieldShape(), publish: z.boolean().optional() })
export type ActivityCreateInput = z.output<ReturnType<typeof activityCreateInput>>

export const activityActions = {
  'activity.list': action<Page<ActivitySummary>>()({
    name: 'activity.list',
    fn: 'activity',
    input: () => z.object({
      ...pageInput,
      /** upcoming: not yet ended, soonest first; past: ended, newest first; today: starting on today's Beijing date. */
      scope: z.enum(['upcoming', 'past', 'today'], { error: '列表范围不正确' }).optional(),
      type: z.enum(activityTypes, { error: '活动类型不正确' }).optional(),
      studioId: id.optional(),
      topicId: id.optional()
    }),
    access: 'anyone',
    doc: 'Published activities (not drafts) by time; filters by type, studio, topic. One DB read per page.'
  }),
  'activity.get': action<ActivityDetail>()({
    name: 'activity.get',
    fn: 'activity',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'An activity with the caller\'s registration and whether they may manage it.'
  }),
  'activity.create': action<ActivityDetail>()({
    name: 'activity.create',
    fn: 'activity',
    input: activityCreateInput,
    access: ['staff', 'studio_admin'],
    creates: true,
    doc: 'Creates an activity (studio admins for their studios, staff for any); a retry with the same requestId returns the first.'
  }),
  'activity.update': action<ActivityDetail>()({
    name: 'activity.update',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, ...activityFieldShape() }).partial().required({ id: true }),
    access: ['staff', 'studio_admin'],
    doc: 'Edits an activity; capacity below the registered count is refused; a raise promotes waitlisted people.'
  }),
  'activity.publish': action<ActivityDetail>()({
    name: 'activity.publish',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id }),
    access: ['staff', 'studio_admin'],
    doc: 'Publishes a draft or postponed activity; invitees of a required activity are notified.'
  }),
  'activity.cancel': action<{ notified: number }>()({
    name: 'activity.cancel',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '取消原因', max: 200 }) }),
    access: ['staff', 'studio_admin'],
    doc: 'Cancels an activity before it ends; everyone registered who consented is notified.'
  }),
  'activity.postpone': action<{ notified: number }>()({
    name: 'activity.postpone',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '延期原因', max: 200 }) }),
    access: ['staff', 'studio_admin'],
    doc: 'Postpones an activity (reminders stop); edit the times and publish again to resume.'
  }),
  'activity.signup': action<SignupResult>()({
    name: 'activity.signup',
    fn: 'activity',
    mutates: true,
    input: () => z.object({
      id,
      /** The person accepted the subscription messages in the same tap. */
      consent: z.boolean({ error: '订阅授权参数不正确' }).optional(),
      contactName: optionalTextField({ label: '联系人', max: 20 }),
      contactPhone: z.string().regex(/^1\d{10}$/, '手机号格式不正确').optional()
    }),
    access: 'anyone',
    doc: 'Signs the caller up in one transaction (registration + seat counter); full -> waitlisted; a repeat answers already.'
  }),
  'activity.cancelSignup': action<{ state: RegistrationState; promoted?: string }>()({
    name: 'activity.cancelSignup',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'Cancels the caller\'s registration before the deadline; the first waitlisted person is promoted and notified.'
  }),
  'activity.confirm': action<{ state: RegistrationState }>()({
    name: 'activity.confirm',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, consent: z.boolean().optional() }),
    access: ['member'],
    doc: 'An invitee confirms attendance of a required activity.'
  }),
  'activity.requestLeave': action<{ state: RegistrationState }>()({
    name: 'activity.requestLeave',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '请假事由', max: 200, multiline: true }) }),
    access: ['member'],
    doc: 'An invitee asks for leave from a required activity with a reason (not after checking in).'
  }),
  'activity.decideLeave': action<{ state: RegistrationState }>()({
    name: 'activity.decideLeave',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, personKey, approve: z.boolean({ error: '请选择批准或不批准' }), reason: optionalTextField({ label: '审批意见', max: 200 }) }),
    access: ['staff', 'studio_admin'],
    doc: 'The organiser approves or denies a leave request; the member is notified.'
  }),
  'activity.checkinCode': action<{ token: string; code: string; scene: string; page: string; image: string; expiresAt: string }>()({
    name: 'activity.checkinCode',
    fn: 'activity',
    input: () => z.object({ id, rotate: z.boolean().optional() }),
    access: ['staff', 'studio_admin'],
    doc: 'The venue check-in code (mini-program code, scene = short token) valid only in the check-in window; rotates every minute. `code` is the 6-digit code shown under it for typing (activity.checkinByCode); `expiresAt` ISO (UTC).'
  }),
  'activity.shareCode': action<{ page: string; scene: string; image: string }>()({
    name: 'activity.shareCode',
    fn: 'activity',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'The activity\'s mini-program code for its share poster (wxacode.getUnlimited: page pages/activity/detail/index, scene = the activity id, ≤ 32 characters), as a PNG data URL. Anyone who may open the activity (drafts and held ones: managers only, else ACTIVITY.NOT_FOUND); ACTIVITY.SHARE_CODE_UNAVAILABLE when the id does not fit a scene. Not stored: a fresh image each time.'
  }),
  'activity.checkin': action<{ activityId: string; state: RegistrationState; already: boolean; title: string; checkedInAt: string }>()({
    name: 'activity.checkin',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ token: z.string({ error: '缺少签到码' }).regex(/^[A-Za-z0-9]{6,32}$/, '签到码格式不正确'), id: id.optional() }),
    access: 'anyone',
    doc: 'A registered person checks in with the venue code\'s token (current token, inside the window, this activity).'
  }),
  'activity.checkinByCode': action<{ activityId: string; state: RegistrationState; already: boolean; title: string; checkedInAt: string }>()({
    name: 'activity.checkinByCode',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ code: z.string({ error: '请输入签到码' }).trim().regex(/^\d{6}$/, '签到码是 6 位数字'), id: id.optional() }),
    access: 'anyone',
    doc: 'Check-in without a camera: a registered person types the 6-digit code shown under the venue QR code (current code, inside the window; with `id`, that activity\'s). Wrong or expired codes count: 5 per 10 minutes per person, then ACTIVITY.CODE_ATTEMPTS. Errors: ACTIVITY.CODE_INVALID, TOKEN_EXPIRED, CHECKIN_CLOSED, NOT_REGISTERED. `checkedInAt` ISO (UTC).'
  }),
  'activity.scanPass': action<{ name: string; state: RegistrationState; already: boolean }>()({
    name: 'activity.scanPass',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, pass: z.string({ error: '缺少凭证' }).regex(/^[A-Za-z0-9]{6,32}$/, '凭证格式不正确') }),
    access: ['staff', 'studio_admin'],
    doc: 'The organiser scans a person\'s pass and checks them in.'
  }),
  'activity.mark': action<{ state: RegistrationState }>()({
    name: 'activity.mark',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id, personKey, present: z.boolean({ error: '请选择签到或取消签到' }) }),
    access: ['staff', 'studio_admin'],
    doc: 'The organiser marks a person checked in (or undoes it) by hand before attendance is locked.'
  }),
  'activity.finalize': action<{ attended: number; absent: number; leave: number }>()({
    name: 'activity.finalize',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id }),
    access: ['staff', 'studio_admin'],
    doc: 'After the end: check-ins become attended, the rest absent; attendance is locked.'
  }),
  'activity.mine': action<Page<MyActivity>>()({
    name: 'activity.mine',
    fn: 'activity',
    input: () => z.object({ ...pageInput, scope: z.enum(['upcoming', 'past'], { error: '列表范围不正确' }).optional() }),
    access: 'anyone',
    doc: 'The caller\'s registrations with their activities, upcoming soonest first or past newest first.'
  }),
  'activity.registrations': action<Page<RegistrationView> & { counts: Record<string, number> }>()({
    name: 'activity.registrations',
    fn: 'activity',
    input: () => z.object({
      ...pageInput,
      id,
      group: z.enum(['registered', 'waitlisted', 'leave', 'attendance', 'all'], { error: '分组不正确' }).optional()
    }),
    access: ['staff', 'studio_admin'],
    doc: 'Organiser view: registrations by group (waitlist in order), phones masked unless staff.'
  }),
  'activity.export': action<{ fileID: string; url: string; name: string; rows: number }>()({
    name: 'activity.export',
    fn: 'activity',
    mutates: true,
    input: () => z.object({ id }),
    access: ['staff', 'studio_admin'],
    doc: 'Exports registrations and attendance to .xlsx in cloud storage; phones masked unless staff; audited. Output {fileID (the phone downloads and opens it), url (temporary download URL the desk console saves; \'\' when storage gives none), name (readable file name without extension, e.g. 报名与考勤-<title>), rows}. A retry answers the first export.'
  })
} as const

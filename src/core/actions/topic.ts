/**
 * Consultation topics (协商议题, 辽事好商量), domain.md section 1: a
 * resident's or member's proposal, supported (附议) and discussed, selected
 * (立题) by staff, opened for input, consulted in a session (an activity of
 * type `consultation` from the activity engine), followed up by departments
 * and closed with a result on the public "problems solved" board.
 *
 * Served by the `consultation` cloud function. Error codes:
 * src/core/errors/consultation.ts. Times: every instant in and out is an ISO
 * string (UTC); wall-clock input (deadlines, session times) is Beijing time
 * `YYYY-MM-DD HH:mm`.
 */
import { subscriptionTemplates } from '../templates'
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { optionalTextField, textField } from '../text'
import { topicStates, type TopicState } from '../states'
import { dayjs } from '../time'

/** Results a department (and the closed topic) can report. */
export const topicResults = ['resolved', 'partly_resolved', 'planned', 'not_feasible'] as const
export type TopicResult = (typeof topicResults)[number]
export const topicResultLabels: Record<TopicResult, string> = {
  resolved: '已解决',
  partly_resolved: '部分解决',
  planned: '已列入计划',
  not_feasible: '暂不具备条件'
}

/** Who proposed a topic (the desk's 来源 filter): a bound member, the office (staff, e.g. a town's 协商议事室), or the public. */
export const topicSources = ['member', 'office', 'public'] as const
export type TopicSource = (typeof topicSources)[number]
export const topicSourceLabels: Record<TopicSource, string> = { member: '委员提出', office: '机关提出', public: '群众提出' }

/** Topic categories offered on the propose page (free text is refused). */
export const topicCategories = ['民生', '教育', '医疗卫生', '城市建设', '交通', '生态环境', '乡村振兴', '产业发展', '文化旅游', '文化传承', '社会治理', '其他'] as const

/** The county committee's special committees that may organise a consultation (立题 with a committee). */
export const consultationCommittees = [
  { id: 'committee-proposals', name: '县政协提案委员会' },
  { id: 'committee-economy', name: '县政协经济和农业委员会' },
  { id: 'committee-culture', name: '县政协文史和学习委员会' },
  { id: 'committee-society', name: '县政协社会和法制委员会' },
  { id: 'committee-ethnic', name: '县政协民族宗教委员会' }
] as const

/**
 * Subscription-message template for topic progress (selected / declined /
 * merged / consulted / closed). The mini-program asks for consent with it in
 * the same tap as proposing or supporting. Fields: thing1 title, phrase2
 * state, thing3 note, time4 when (Beijing).
 */
export const topicNoticeTemplateId = subscriptionTemplates.topicProgress

/** States in which people may support (附议) a topic. */
export const supportableStates: readonly TopicState[] = ['proposed', 'selected', 'open_for_input', 'scheduled']
/** States shown in the similar-topics check ("open" topics). */
export const openTopicStates: readonly TopicState[] = ['proposed', 'selected', 'open_for_input', 'scheduled', 'consulted', 'following_up']

export interface TopicSummary {
  id: string
  title: string
  category: string
  state: TopicState
  supportCount: number
  commentCount: number
  /** Studio or committee organising it, when selected. */
  organiser?: string
  place?: string
  /** Who proposed it; absent on topics written before the field existed. */
  source?: TopicSource
  /** ISO instant (UTC) the topic was proposed. */
  proposedAt: string
  /** ISO instant (UTC) of the last change. */
  updatedAt: string
}

export interface CommentView {
  id: string
  authorName: string
  text: string
  /** ISO instant (UTC). */
  createdAt: string
  replyTo?: { id: string; authorName: string }
  /** `visible`; the author alone also sees `held` (awaiting a moderator) and `hidden` (reported) ones with the reason. */
  status: 'visible' | 'held' | 'hidden' | 'removed'
  /** Why the author's comment is not public (only on the author's own comments). */
  statusReason?: string
  mine: boolean
}

export interface RecommendationView {
  id: string
  departmentId: string
  departmentName: string
  text: string
  /** `open` until the department posts its result. */
  status: 'open' | 'answered'
  /** `held` (only in the owning department's and staff's views): waits for staff after the content check; others do not see it. */
  progress: { text: string; at: string; by: string; held?: boolean }[]
  result?: TopicResult
  /** Omitted for others while the result's text waits for staff. */
  resultText?: string
  /** Only in the owning department's and staff's views: the result's text waits for staff. */
  resultHeld?: boolean
  /** File IDs of the evidence the department attached (others: only files whose check passed; none carries an OPENID). */
  evidence: string[]
  beforePhotos: string[]
  afterPhotos: string[]
  answeredAt?: string
}

export interface TopicDetail extends TopicSummary {
  description: string
  /** File IDs (neutral folder, no OPENID): others see only images whose check passed, the proposer all of theirs. */
  images: string[]
  /** Only for the proposer, while the topic is not public: why (waiting for staff, or not published with staff's reason). */
  heldReason?: string
  proposerName: string
  isProposer: boolean
  /** The caller's own support (附议). */
  supported: boolean
  canSupport: boolean
  canComment: boolean
  declineReason?: string
  mergedInto?: { id: string; title: string }
  organiserType?: 'studio' | 'committee'
  input?: { question: string; background?: string; deadline: string }
  session?: { activityId: string; startAt: string; endAt: string; place: string; attendance?: number; memberAttendance?: number }
  minutes?: string
  consensus?: string
  recommendations: RecommendationView[]
  result?: TopicResult
  closedAt?: string
  closingNote?: string
  rating?: { score: number; comment?: string; at: string }
  reopenCount: number
  timeline: { state: TopicState; at: string; note?: string }[]
  /** First page of comments, newest first. */
  comments: Page<CommentView>
  /** Temporary HTTPS URLs of the topic's images and the recommendations' photos and evidence, by file ID (empty when the storage could not answer). */
  fileUrls: Record<string, string>
}

export interface SimilarTopic {
  id: string
  title: string
  state: TopicState
  supportCount: number
  /** Sørensen–Dice coefficient over character bigrams of title + description, 0..1. */
  score: number
}

export interface SolvedTopic {
  id: string
  title: string
  category: string
  departments: string[]
  result: TopicResult
  proposedAt: string
  closedAt: string
  beforePhotos: string[]
  afterPhotos: string[]
  supportCount: number
  rating?: number
  /** Temporary HTTPS URLs of the photos, by file ID. */
  fileUrls: Record<string, string>
}

export interface DepartmentTask {
  topicId: string
  topicTitle: string
  topicState: TopicState
  recommendation: RecommendationView
}

export interface HeldComment extends CommentView {
  topicId: string
  topicTitle: string
  reportCount: number
}

/** Something on a topic that waits for staff after the content check (issue 13 item 1). */
export interface HeldContent {
  topicId: string
  topicTitle: string
  /** What to pass to topic.release. */
  key: string
  kind: 'proposal' | 'progress' | 'result' | 'rating' | 'image'
  /** What waits, in Chinese (议题内容, 办理进展（县教育局）, 整改后照片 …). */
  label: string
  /** Why it waits, in Chinese (内容待人工复核, 图片待人工复核 …), never a raw verdict. */
  reason: string
  text?: string
  /** The image (neutral file ID) and a temporary URL when the storage answered. */
  image?: { fileID: string; url?: string }
  /** Who wrote it: the proposer's display name or the department. */
  author: string
  /** ISO instant (UTC). */
  at: string
}

export interface TopicYearCounts {
  year: number
  /** Consultation activities held (sessions that took place) in the Beijing calendar year. */
  consultationActivities: number
  /** Member check-ins at those sessions (person-times). */
  memberParticipations: number
  /** Topics closed in the year with result resolved or partly resolved. */
  problemsSolved: number
}

const id = z.string({ error: '缺少议题编号' }).regex(/^[A-Za-z0-9_:-]{1,80}$/, '编号格式不正确')
const heldKey = z.string({ error: '缺少待审内容' }).regex(/^[A-Za-z0-9_:-]{1,160}$/, '待审内容格式不正确')
const fileId = z.string({ error: '图片格式不正确' }).regex(/^cloud:\/\/\S{1,500}$/, '图片格式不正确')
const wallClock = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `${label}格式应为 YYYY-MM-DD HH:mm（北京时间）`)
    .refine((v) => dayjs(v, 'YYYY-MM-DD HH:mm', true).isValid(), `${label}不是有效的日期时间`)
const topicTitle = textField({ label: '议题标题', min: 4, max: 40 })
const topicDescription = textField({ label: '议题描述', min: 10, max: 2000, multiline: true })
const subscribe = z.boolean({ error: '订阅选项应为是或否' }).optional()

export const topicActions = {
  'topic.list': action<Page<TopicSummary>>()({
    name: 'topic.list',
    fn: 'consultation',
    input: () => z.object({
      ...pageInput,
      state: z.enum(topicStates, { error: '议题状态不正确' }).optional(),
      keyword: optionalTextField({ label: '关键词', max: 30 }),
      source: z.enum(topicSources, { error: '议题来源不正确' }).optional(),
      /** Proposed on or after this Beijing date `YYYY-MM-DD`. */
      from: z.string({ error: '开始日期格式不正确' }).regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式不正确').optional(),
      /** Proposed on or before this Beijing date `YYYY-MM-DD` (inclusive). */
      to: z.string({ error: '结束日期格式不正确' }).regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式不正确').optional()
    }),
    access: 'anyone',
    doc: 'Visible topics (never drafts), newest change first, optionally by state, a literal keyword in the title, source (who proposed it) and the Beijing days it was proposed (from..to inclusive). Errors: COMMON.INVALID_INPUT (a date that does not exist, from after to). One DB read per page.'
  }),
  'topic.get': action<TopicDetail>()({
    name: 'topic.get',
    fn: 'consultation',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'A topic with its first page of comments and the caller’s support, in one DB operation (aggregate with lookups).'
  }),
  'topic.comments': action<Page<CommentView>>()({
    name: 'topic.comments',
    fn: 'consultation',
    input: () => z.object({ id, ...pageInput }),
    access: 'anyone',
    doc: 'Further pages of a topic’s comments (visible ones plus the caller’s own), newest first. One read.'
  }),
  'topic.similar': action<{ items: SimilarTopic[] }>()({
    name: 'topic.similar',
    fn: 'consultation',
    input: () => z.object({ title: topicTitle, description: optionalTextField({ label: '议题描述', max: 2000, multiline: true }) }),
    access: 'anyone',
    doc: 'Open topics similar to a draft (Dice coefficient on character bigrams of title + description), best first, at most 5.'
  }),
  'topic.propose': action<{ id: string; state: TopicState; /** 受理编号, e.g. 20261202-4821 (_shared/reference-number.ts). */ refNo: string }>()({
    name: 'topic.propose',
    fn: 'consultation',
    input: () => z.object({
      title: topicTitle,
      description: topicDescription,
      category: z.enum(topicCategories, { error: '请选择议题类别' }),
      place: optionalTextField({ label: '地点', max: 60 }),
      images: z.array(fileId, { error: '图片格式不正确' }).max(9, '最多上传 9 张图片').optional(),
      subscribe,
      /** Set after the person saw the similar topics and still wants a new one. */
      ignoreSimilar: z.boolean({ error: '参数格式不正确' }).optional()
    }),
    access: 'anyone',
    creates: true,
    doc: 'Proposes a topic (state proposed). Refuses with TOPIC.SIMILAR_FOUND (details = similar topics) unless ignoreSimilar. Title, description and place pass the shared text check (risky: CONTENT.RISKY, nothing stored; review or a failed check: the topic waits for staff, invisible to others); images are checked (FILE.*), copied to topic-images/<id>/ and shown to others only once their check passed. Idempotent by requestId.'
  }),
  'topic.support': action<{ supported: true }>()({
    name: 'topic.support',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id, subscribe }),
    access: 'anyone',
    doc: 'Supports (附议) a topic once per person: support _id = topic:openid, then one conditional atomic increment of the counter (2 DB operations).'
  }),
  'topic.withdrawSupport': action<{ supportCount: number; supported: false }>()({
    name: 'topic.withdrawSupport',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'Withdraws the caller’s support; the counter is decremented in the same transaction.'
  }),
  'topic.comment': action<CommentView>()({
    name: 'topic.comment',
    fn: 'consultation',
    input: () => z.object({ id, text: textField({ label: '评论', max: 500, multiline: true }), replyTo: id.optional() }),
    access: 'anyone',
    creates: true,
    doc: 'Comments or replies; the shared text check: pass → visible, review or check failure → held for a moderator, risky → refused (CONTENT.RISKY, nothing stored). Refused after the input deadline. Idempotent by requestId.'
  }),
  'topic.report': action<{ reportCount: number; hidden: boolean }>()({
    name: 'topic.report',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ commentId: id, reason: optionalTextField({ label: '举报理由', max: 100 }) }),
    access: 'anyone',
    doc: 'Reports a comment once per person; the third report hides it until a moderator decides.'
  }),
  'topic.heldComments': action<Page<HeldComment>>()({
    name: 'topic.heldComments',
    fn: 'consultation',
    input: () => z.object({ ...pageInput }),
    access: ['staff'],
    doc: 'Comments waiting for a moderator (held by the content check or hidden by reports), oldest first.'
  }),
  'topic.moderate': action<{ status: 'visible' | 'removed' }>()({
    name: 'topic.moderate',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      commentId: id,
      decision: z.enum(['approve', 'remove'], { error: '请选择处理结果' }),
      reason: optionalTextField({ label: '处理说明', max: 100 })
    }),
    access: ['staff'],
    doc: 'A moderator publishes or removes a held or hidden comment; the author sees the reason on their comment.'
  }),
  'topic.heldContent': action<Page<HeldContent>>()({
    name: 'topic.heldContent',
    fn: 'consultation',
    input: () => z.object({ ...pageInput }),
    access: ['staff'],
    doc: 'What waits for staff after the content check, by topic, oldest change first: proposals, progress, results, rating comments (text review or a failed check) and images (review, risky or a failed check), each with a Chinese reason and a key for topic.release.'
  }),
  'topic.release': action<{ decision: 'approve' | 'remove'; remaining: number }>()({
    name: 'topic.release',
    fn: 'consultation',
    input: () => z.object({
      id,
      key: heldKey,
      decision: z.enum(['approve', 'remove'], { error: '请选择处理结果' }),
      reason: optionalTextField({ label: '处理说明', max: 100 })
    }),
    access: ['staff'],
    doc: 'Staff decide one held item of a topic (key from topic.heldContent): approve publishes it (a proposal becomes visible, an image counts as passed), remove keeps it from the public (a removed image is dropped). Output: the decision and how many items of the topic still wait. TOPIC.NOTHING_HELD when the key waits for nothing. Idempotent by requestId.'
  }),
  'topic.select': action<{ state: TopicState }>()({
    name: 'topic.select',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      id,
      organiserType: z.enum(['studio', 'committee'], { error: '请选择组织单位类型' }),
      organiserId: id
    }),
    access: ['staff'],
    doc: 'Selects (立题) a proposed topic with its organising studio or committee; notifies proposer and supporters once.'
  }),
  'topic.decline': action<{ state: TopicState }>()({
    name: 'topic.decline',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '不予立题的理由', min: 4, max: 200, multiline: true }) }),
    access: ['staff'],
    doc: 'Declines a proposed topic with a reason; notifies proposer and supporters once.'
  }),
  'topic.merge': action<{ state: TopicState; intoId: string; movedSupporters: number; movedComments: number }>()({
    name: 'topic.merge',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id, intoId: id }),
    access: ['staff'],
    doc: 'Merges a proposed topic into another open one: supporters (and the proposer) and comments carried over; no self-merge, not into closed/declined/merged.'
  }),
  'topic.openInput': action<{ state: TopicState }>()({
    name: 'topic.openInput',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      id,
      question: textField({ label: '征求意见的问题', min: 4, max: 200, multiline: true }),
      background: optionalTextField({ label: '背景材料', max: 2000, multiline: true }),
      deadline: wallClock('截止时间')
    }),
    access: ['staff'],
    doc: 'Opens a selected topic for public input with a question and a deadline (Beijing wall clock, in the future).'
  }),
  'topic.schedule': action<{ state: TopicState; activityId: string }>()({
    name: 'topic.schedule',
    fn: 'consultation',
    input: () => z.object({
      id,
      startAt: wallClock('开始时间'),
      endAt: wallClock('结束时间'),
      place: textField({ label: '协商地点', max: 60 }),
      capacity: z.number({ error: '名额应为数字' }).int('名额应为整数').min(1, '名额至少为 1').max(500, '名额不能超过 500')
    }),
    access: ['staff'],
    creates: true,
    doc: 'Schedules the session as an activity of type consultation through the activity engine (createActivity); topic → scheduled.'
  }),
  'topic.recordOutcome': action<{ state: TopicState; memberAttendance: number; attendance: number }>()({
    name: 'topic.recordOutcome',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      id,
      minutes: textField({ label: '协商纪要', min: 10, max: 5000, multiline: true }),
      consensus: textField({ label: '协商共识', min: 4, max: 2000, multiline: true }),
      recommendations: z
        .array(z.object({ departmentId: id, text: textField({ label: '建议内容', min: 4, max: 500, multiline: true }) }), { error: '请填写建议' })
        .min(1, '至少填写一条建议')
        .max(10, '建议不能超过 10 条')
    }),
    access: ['staff'],
    doc: 'After the session: minutes (纪要), consensus and recommendations each addressed to a department; attendance read from the activity’s check-ins; topic → consulted, then following_up. Notifies once.'
  }),
  'topic.departmentTasks': action<Page<DepartmentTask>>()({
    name: 'topic.departmentTasks',
    fn: 'consultation',
    input: () => z.object({ ...pageInput, status: z.enum(['open', 'answered'], { error: '状态不正确' }).optional() }),
    access: ['department', 'staff'],
    doc: 'Recommendations addressed to the caller’s departments (staff: all), by topic, newest change first. One read.'
  }),
  'topic.postProgress': action<RecommendationView>()({
    name: 'topic.postProgress',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ recommendationId: id, text: textField({ label: '办理进展', min: 4, max: 500, multiline: true }) }),
    access: ['department', 'staff'],
    doc: 'A department posts progress on one of its own recommendations (TOPIC.NOT_YOUR_DEPARTMENT otherwise). The text passes the shared check (risky: CONTENT.RISKY; review or failure: hidden from others until staff release it). Idempotent by requestId (one entry per request).'
  }),
  'topic.postResult': action<RecommendationView>()({
    name: 'topic.postResult',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      recommendationId: id,
      result: z.enum(topicResults, { error: '请选择办理结果' }),
      text: textField({ label: '办理结果说明', min: 4, max: 1000, multiline: true }),
      evidence: z.array(fileId, { error: '佐证材料格式不正确' }).min(1, '请上传佐证材料').max(9, '佐证材料最多 9 个'),
      beforePhotos: z.array(fileId).max(9, '整改前照片最多 9 张').optional(),
      afterPhotos: z.array(fileId).max(9, '整改后照片最多 9 张').optional()
    }),
    access: ['department', 'staff'],
    doc: 'A department posts its result (resolved / partly_resolved / planned / not_feasible) with evidence, on its own recommendation only, once. Text through the shared check (risky: CONTENT.RISKY; review or failure: hidden from others until staff release it); evidence (image or PDF) and photos checked (FILE.*), copied to topic-images/<topic id>/ and shown to others only once their check passed.'
  }),
  'topic.close': action<{ state: TopicState; result: TopicResult }>()({
    name: 'topic.close',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id, result: z.enum(topicResults, { error: '请选择办结结果' }), note: optionalTextField({ label: '办结说明', max: 500, multiline: true }) }),
    access: ['staff'],
    doc: 'Closes a following-up topic with a result; refused while a recommendation is open. Notifies once.'
  }),
  'topic.rate': action<{ score: number }>()({
    name: 'topic.rate',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({
      id,
      score: z.number({ error: '请选择评分' }).int('评分应为整数').min(1, '评分为 1 到 5 分').max(5, '评分为 1 到 5 分'),
      comment: optionalTextField({ label: '评价', max: 200, multiline: true })
    }),
    access: 'anyone',
    doc: 'The proposer rates a closed topic’s result, once. The comment passes the shared text check (risky: CONTENT.RISKY; review or failure: shown to others only after staff release it).'
  }),
  'topic.reopen': action<{ state: TopicState }>()({
    name: 'topic.reopen',
    fn: 'consultation',
    mutates: true,
    input: () => z.object({ id, reason: textField({ label: '重新办理的理由', min: 4, max: 200, multiline: true }) }),
    access: ['staff'],
    doc: 'Reopens a closed topic once (back to following_up; recommendations reopen for the departments).'
  }),
  'topic.solved': action<Page<SolvedTopic>>()({
    name: 'topic.solved',
    fn: 'consultation',
    input: () => z.object({ ...pageInput }),
    access: 'anyone',
    doc: 'The public "problems solved" board: closed topics, latest closed first, with departments, dates, result and photos. One read.'
  }),
  'topic.counts': action<TopicYearCounts>()({
    name: 'topic.counts',
    fn: 'consultation',
    input: () => z.object({ year: z.number({ error: '请选择年份' }).int('年份应为整数').min(2000, '年份不正确').max(2100, '年份不正确') }),
    access: 'anyone',
    doc: 'Consultation activities held, member participations and problems solved in a Beijing calendar year, counted from records.'
  }),
  'topic.options': action<{ studios: { id: string; name: string }[]; committees: { id: string; name: string }[]; departments: { id: string; name: string }[] }>()({
    name: 'topic.options',
    fn: 'consultation',
    input: () => z.object({}),
    access: ['staff', 'department'],
    doc: 'Choices for the staff pages: organising studios and committees, departments.'
  })
} as const

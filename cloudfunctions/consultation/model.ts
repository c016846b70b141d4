/**
 * Stored shapes of the consultation function and their public views
 * (src/core/actions/topic.ts). Demo topics written by database/demo/county.ts
 * lack most optional fields; every view reads them with defaults.
 */
import { createHash } from 'crypto'
import type { CommentView, RecommendationView, SolvedTopic, TopicDetail, TopicResult, TopicSource, TopicSummary } from '../../src/core/actions/topic'
import type { TopicState } from '../../src/core/states'
import type { FileRecord, TextVerdict } from '../_shared/content-safety'

/**
 * A text held by the shared content check (review or a failed check) until
 * staff decide (issue 13 item 1). Shown to the public only once `decision`
 * is `approve`.
 */
export interface Hold {
  verdict: Exclude<TextVerdict, 'pass'>
  decision?: 'approve' | 'remove'
  /** Staff's reason when removing (shown to the author). */
  reason?: string
  at?: Date
}

/**
 * A checked upload a topic holds (the topic's `images` is the registry of
 * every checked file of the topic, as the shared image-verdict handler
 * expects). `use` says where it is shown: `topic` (the proposal's images) or
 * `<recommendationId>:evidence|before|after`. The file itself lives in the
 * neutral folder `topic-images/<topic id>/` (no OPENID in its ID).
 */
export interface TopicFile extends FileRecord {
  use: string
}

/**
 * The reply a mutation gave, kept on the document it changed, in the same
 * write (decision 23): `key` = hash of OPENID + requestId, so a retry finds
 * its first answer.
 */
export interface Receipt {
  key: string
  reply: unknown
  at: Date
}

/** Notice events sent once each to proposer and supporters (issue 6 item 8). */
export type NoticeEvent = 'selected' | 'declined' | 'merged' | 'consulted' | 'closed'

export interface RecommendationDocument {
  /** `<topicId>:r<n>`. */
  id: string
  departmentId: string
  departmentName: string
  text: string
  status: 'open' | 'answered'
  progress: { id?: string; text: string; at: Date; by: string; hold?: Hold }[]
  result?: TopicResult
  resultText?: string
  /** The result's text waits for staff (content check review or failure). */
  resultHold?: Hold
  evidence?: string[]
  beforePhotos?: string[]
  afterPhotos?: string[]
  answeredAt?: Date
  answeredBy?: string
  /** Result before a reopen. */
  previousResult?: TopicResult
}

/** Shape of a `topics` document. */
export interface TopicDocument {
  _id: string
  title: string
  description: string
  category: string
  state: TopicState
  /** False only for drafts; the public list reads visible topics. */
  visible: boolean
  supportCount: number
  commentCount?: number
  place?: string
  /** Every checked file of the topic (proposal images, results' evidence and photos), see {@link TopicFile}. */
  images?: TopicFile[]
  /** Trace ids of image checks still waiting for WeChat's verdict (indexed; _shared/media-verdict.ts). */
  imageTraceIds?: string[]
  /** Some image waits for a person (set by the verdict handler and by staff release). */
  imagesHeld?: boolean
  /** The proposal's text waits for staff: the topic is not visible until they approve it. */
  hold?: Hold
  /** Something on the topic waits for staff (proposal, progress, result, rating; images: `imagesHeld`). */
  waiting?: boolean
  /** Replies of the last mutations, for retries with the same requestId (bounded, decision 23). */
  receipts?: Receipt[]
  /** Scheduling in progress: who claimed it and when (issue 13 item 5). */
  sessionClaim?: { key: string; at: Date }
  organiser?: string
  organiserType?: 'studio' | 'committee'
  organiserId?: string
  proposerOpenid: string
  proposerName?: string
  /** Who proposed it (member / office / public), stamped at proposal; the desk filters on it. */
  source?: TopicSource
  /** The proposer accepted topic notices when proposing. */
  proposerConsented?: boolean
  declineReason?: string
  mergedInto?: string
  mergedIntoTitle?: string
  input?: { question: string; background?: string; deadline: Date }
  session?: { activityId: string; startAt: Date; endAt: Date; place: string; attendance?: number; memberAttendance?: number; memberIds?: string[] }
  minutes?: string
  consensus?: string
  recommendations?: RecommendationDocument[]
  /** Departments of all recommendations / of the open ones (department task lists query these). */
  recDepartmentIds?: string[]
  openRecDepartmentIds?: string[]
  hasRecommendations?: boolean
  result?: TopicResult
  closedAt?: Date
  closingNote?: string
  rating?: { score: number; comment?: string; at: Date; hold?: Hold }
  previousRating?: { score: number; comment?: string; at: Date; hold?: Hold }
  reopenCount?: number
  reopenReason?: string
  timeline?: { state: TopicState; at: Date; note?: string }[]
  /** When each notice went out (once each). */
  notified?: Partial<Record<NoticeEvent, Date>>
  createdAt: Date
  updatedAt: Date
}

/** Shape of a `topicSupports` document: `_id` = `<topicId>:<openid>`, one per person per topic. */
export interface SupportDocument {
  _id: string
  topicId: string
  openid: string
  consented: boolean
  /** Topic it was carried over from by a merge. */
  mergedFrom?: string
  /** Hash of OPENID + requestId of the support call that wrote it (a retry answers its first reply, decision 23). */
  requestKey?: string
  createdAt: Date
}

/** Shape of a `topicComments` document. */
export interface CommentDocument {
  _id: string
  topicId: string
  /** Where it was written, when a merge carried it over. */
  originTopicId?: string
  replyTo?: { id: string; authorName: string }
  authorOpenid: string
  authorName: string
  text: string
  status: 'visible' | 'held' | 'hidden' | 'removed'
  statusReason?: string
  reportCount: number
  /** Content-check verdict that decided the first status. */
  check: 'pass' | 'review' | 'error'
  /** Replies of reports and moderation on this comment, for retries (decision 23). */
  receipts?: Receipt[]
  createdAt: Date
  updatedAt: Date
}

/** Shape of a `commentReports` document: `_id` = `<commentId>:<openid>`. */
export interface ReportDocument {
  _id: string
  commentId: string
  topicId: string
  openid: string
  reason?: string
  createdAt: Date
}

export function supportId(topicId: string, openid: string): string {
  return `${topicId}:${openid}`
}

/** Short stable hash (hex) for ids derived from OPENID + requestId. */
export function hashOf(text: string, length = 20): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length)
}

/**
 * Display name of a person who is not a bound member: 群众 plus a stable
 * 4-digit tag derived from a hash (never the OPENID itself). Digits, not hex:
 * no Latin letters on screen (issue 12 item 1).
 */
export function publicName(openid: string): string {
  return `群众${String(parseInt(hashOf(openid, 8), 16) % 10000).padStart(4, '0')}`
}

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : undefined)

export function summaryOf(t: TopicDocument): TopicSummary {
  return {
    id: t._id,
    title: t.title,
    category: t.category,
    state: t.state,
    supportCount: t.supportCount ?? 0,
    commentCount: t.commentCount ?? 0,
    ...(t.organiser ? { organiser: t.organiser } : {}),
    ...(t.place ? { place: t.place } : {}),
    ...(t.source ? { source: t.source } : {}),
    proposedAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!
  }
}

/** A topic's checked files, old plain file IDs read as passed proposal images. */
export function filesOf(t: Pick<TopicDocument, 'images'>): TopicFile[] {
  return (t.images ?? []).map((i) => (typeof i === 'string' ? { fileID: i, mime: 'image/jpeg', bytes: 0, check: 'pass', use: 'topic' } : i))
}

/**
 * Whether others may see a file of the topic: its check passed (fail
 * closed). A file without a record predates the shared check (demo data
 * placed by staff outside `uploads/`) and is shown; an upload without a
 * record never is.
 */
export function fileShown(t: Pick<TopicDocument, 'images'>, fileID: string): boolean {
  const record = filesOf(t).find((f) => f.fileID === fileID)
  return record ? record.check === 'pass' : !fileID.includes('/uploads/')
}

/** A held text is public only once staff approved it. */
export function holdReleased(hold: Hold | undefined): boolean {
  return !hold || hold.decision === 'approve'
}

/** A hold still waiting for staff. */
export function holdWaiting(hold: Hold | undefined): boolean {
  return Boolean(hold && !hold.decision)
}

/** Whether a text hold, anywhere on the topic, waits for staff (images: `imagesHeld`). */
export function waitingOf(t: Pick<TopicDocument, 'hold' | 'recommendations' | 'rating'>): boolean {
  return (
    holdWaiting(t.hold) ||
    holdWaiting(t.rating?.hold) ||
    (t.recommendations ?? []).some((r) => holdWaiting(r.resultHold) || (r.progress ?? []).some((p) => holdWaiting(p.hold)))
  )
}

/**
 * A recommendation as shown. `full` (the department that owns it, staff)
 * also sees held progress and result text, flagged `held`; everyone else
 * only released text and files whose check passed.
 */
export function recommendationView(r: RecommendationDocument, t: Pick<TopicDocument, 'images'>, full = false): RecommendationView {
  const files = (list: string[] | undefined) => (list ?? []).filter((f) => full || fileShown(t, f))
  const resultOpen = holdReleased(r.resultHold)
  return {
    id: r.id,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    text: r.text,
    status: r.status,
    progress: (r.progress ?? [])
      .filter((p) => full || holdReleased(p.hold))
      .map((p) => ({ text: p.text, at: iso(p.at)!, by: p.by, ...(holdReleased(p.hold) ? {} : { held: true }) })),
    ...(r.result ? { result: r.result } : {}),
    ...(r.resultText && (resultOpen || full) ? { resultText: r.resultText } : {}),
    ...(resultOpen || !full ? {} : { resultHeld: true }),
    evidence: files(r.evidence),
    beforePhotos: files(r.beforePhotos),
    afterPhotos: files(r.afterPhotos),
    ...(r.answeredAt ? { answeredAt: iso(r.answeredAt) } : {})
  }
}

export function commentViewOf(c: CommentDocument, openid: string): CommentView {
  const mine = c.authorOpenid === openid
  return {
    id: c._id,
    authorName: c.authorName,
    text: c.status === 'visible' || mine ? c.text : '',
    createdAt: iso(c.createdAt)!,
    ...(c.replyTo ? { replyTo: c.replyTo } : {}),
    status: c.status,
    ...(mine && c.status !== 'visible' && c.statusReason ? { statusReason: c.statusReason } : {}),
    mine
  }
}

export function solvedOf(t: TopicDocument): Omit<SolvedTopic, 'fileUrls'> {
  const recs = t.recommendations ?? []
  return {
    id: t._id,
    title: t.title,
    category: t.category,
    departments: [...new Set(recs.map((r) => r.departmentName))],
    result: t.result ?? 'resolved',
    proposedAt: iso(t.createdAt)!,
    closedAt: iso(t.closedAt ?? t.updatedAt)!,
    beforePhotos: recs.flatMap((r) => r.beforePhotos ?? []).filter((f) => fileShown(t, f)),
    afterPhotos: recs.flatMap((r) => r.afterPhotos ?? []).filter((f) => fileShown(t, f)),
    supportCount: t.supportCount ?? 0,
    ...(t.rating ? { rating: t.rating.score } : {})
  }
}

/** Everything of a topic except its comments and the caller-dependent flags. */
export function detailOf(t: TopicDocument, caller: { openid: string; supported: boolean }, now: Date): Omit<TopicDetail, 'comments' | 'fileUrls'> {
  const isProposer = t.proposerOpenid === caller.openid
  const ratingOpen = holdReleased(t.rating?.hold) || isProposer
  const supportable = ['proposed', 'selected', 'open_for_input', 'scheduled'].includes(t.state)
  return {
    ...summaryOf(t),
    description: t.description,
    images: filesOf(t)
      .filter((f) => f.use === 'topic' && (isProposer || f.check === 'pass'))
      .map((f) => f.fileID),
    ...(isProposer && t.hold && t.hold.decision !== 'approve'
      ? { heldReason: t.hold.decision === 'remove' ? `经审核，该议题不予公开${t.hold.reason ? `：${t.hold.reason}` : ''}` : '议题正在等待人工审核，审核通过后公开显示' }
      : {}),
    proposerName: t.proposerName ?? '群众',
    isProposer,
    supported: caller.supported,
    canSupport: supportable && !isProposer && !caller.supported,
    canComment: commentsOpen(t, now),
    ...(t.declineReason ? { declineReason: t.declineReason } : {}),
    ...(t.mergedInto ? { mergedInto: { id: t.mergedInto, title: t.mergedIntoTitle ?? '' } } : {}),
    ...(t.organiserType ? { organiserType: t.organiserType } : {}),
    ...(t.input ? { input: { question: t.input.question, ...(t.input.background ? { background: t.input.background } : {}), deadline: iso(t.input.deadline)! } } : {}),
    ...(t.session
      ? {
          session: {
            activityId: t.session.activityId,
            startAt: iso(t.session.startAt)!,
            endAt: iso(t.session.endAt)!,
            place: t.session.place,
            ...(t.session.attendance !== undefined ? { attendance: t.session.attendance } : {}),
            ...(t.session.memberAttendance !== undefined ? { memberAttendance: t.session.memberAttendance } : {})
          }
        }
      : {}),
    ...(t.minutes ? { minutes: t.minutes } : {}),
    ...(t.consensus ? { consensus: t.consensus } : {}),
    recommendations: (t.recommendations ?? []).map((r) => recommendationView(r, t)),
    ...(t.result ? { result: t.result } : {}),
    ...(t.closedAt ? { closedAt: iso(t.closedAt) } : {}),
    ...(t.closingNote ? { closingNote: t.closingNote } : {}),
    ...(t.rating ? { rating: { score: t.rating.score, ...(t.rating.comment && ratingOpen ? { comment: t.rating.comment } : {}), at: iso(t.rating.at)! } } : {}),
    reopenCount: t.reopenCount ?? 0,
    timeline: (t.timeline ?? []).map((e) => ({ state: e.state, at: iso(e.at)!, ...(e.note ? { note: e.note } : {}) }))
  }
}

/**
 * Comments are open while a topic is proposed or selected, and while it is
 * open for input until its deadline (issue 6: "commenting after the input
 * deadline" is refused).
 */
export function commentsOpen(t: Pick<TopicDocument, 'state' | 'input'>, now: Date): boolean {
  if (t.state === 'proposed' || t.state === 'selected') return true
  if (t.state === 'open_for_input') return !t.input || now.getTime() < new Date(t.input.deadline).getTime()
  return false
}

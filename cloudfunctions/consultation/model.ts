/**
 * Stored shapes of the consultation function and their public views
 * (src/core/actions/topic.ts). Demo topics written by database/demo/county.ts
 * lack most optional fields; every view reads them with defaults.
 */
import { createHash } from 'crypto'
import type { CommentView, RecommendationView, SolvedTopic, TopicDetail, TopicResult, TopicSummary } from '../../src/core/actions/topic'
import type { TopicState } from '../../src/core/states'

/** Notice events sent once each to proposer and supporters (issue 6 item 8). */
export type NoticeEvent = 'selected' | 'declined' | 'merged' | 'consulted' | 'closed'

export interface RecommendationDocument {
  /** `<topicId>:r<n>`. */
  id: string
  departmentId: string
  departmentName: string
  text: string
  status: 'open' | 'answered'
  progress: { text: string; at: Date; by: string }[]
  result?: TopicResult
  resultText?: string
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
  images?: string[]
  organiser?: string
  organiserType?: 'studio' | 'committee'
  organiserId?: string
  proposerOpenid: string
  proposerName?: string
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
  rating?: { score: number; comment?: string; at: Date }
  previousRating?: { score: number; comment?: string; at: Date }
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

/** Display name of a person who is not a bound member: 群众 plus a stable 4-character tag (never the OPENID itself). */
export function publicName(openid: string): string {
  return `群众${hashOf(openid, 4).toUpperCase()}`
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
    proposedAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!
  }
}

export function recommendationView(r: RecommendationDocument): RecommendationView {
  return {
    id: r.id,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    text: r.text,
    status: r.status,
    progress: (r.progress ?? []).map((p) => ({ text: p.text, at: iso(p.at)!, by: p.by })),
    ...(r.result ? { result: r.result } : {}),
    ...(r.resultText ? { resultText: r.resultText } : {}),
    evidence: r.evidence ?? [],
    beforePhotos: r.beforePhotos ?? [],
    afterPhotos: r.afterPhotos ?? [],
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
    beforePhotos: recs.flatMap((r) => r.beforePhotos ?? []),
    afterPhotos: recs.flatMap((r) => r.afterPhotos ?? []),
    supportCount: t.supportCount ?? 0,
    ...(t.rating ? { rating: t.rating.score } : {})
  }
}

/** Everything of a topic except its comments and the caller-dependent flags. */
export function detailOf(t: TopicDocument, caller: { openid: string; supported: boolean }, now: Date): Omit<TopicDetail, 'comments' | 'fileUrls'> {
  const isProposer = t.proposerOpenid === caller.openid
  const supportable = ['proposed', 'selected', 'open_for_input', 'scheduled'].includes(t.state)
  return {
    ...summaryOf(t),
    description: t.description,
    images: t.images ?? [],
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
    recommendations: (t.recommendations ?? []).map(recommendationView),
    ...(t.result ? { result: t.result } : {}),
    ...(t.closedAt ? { closedAt: iso(t.closedAt) } : {}),
    ...(t.closingNote ? { closingNote: t.closingNote } : {}),
    ...(t.rating ? { rating: { score: t.rating.score, ...(t.rating.comment ? { comment: t.rating.comment } : {}), at: iso(t.rating.at)! } } : {}),
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

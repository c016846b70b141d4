/**
 * The `opinions` document and how it is shown: summaries, details and the
 * public timeline, with the privacy rules of issue 4 ("Privacy"): phones
 * masked except to staff; anonymous items never reveal the submitter to
 * anyone but the submitter (staff included).
 */
import type { FileRecord, ImageCheck } from '../_shared/content-safety'
import {
  safetyFlagLabels,
  upwardLevelLabels,
  type OpinionDetail,
  type OpinionNotifyStep,
  type OpinionSummary,
  type OpinionTimelineEntry,
  type OpinionTimelineStep,
  type SafetyFlag,
  type UpwardKind,
  type UpwardLevel,
  type UpwardRecordView
} from '../../src/core/actions/opinion'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import { roleLabels } from '../../src/core/roles'
import type { OpinionState } from '../../src/core/states'
import type { Transaction } from '../_shared/cloud'
import { referenceNumber } from '../_shared/reference-number'

/** An item's image: the shared content check's record (cloudfunctions/_shared/content-safety.ts). */
export type ImageRecord = FileRecord
export type { ImageCheck }

export interface TimelineRecord {
  step: OpinionTimelineStep
  at: Date
  note?: string
  /** Bulletin issue number (published). */
  number?: number
  year?: number
  level?: UpwardLevel
}

export interface HistoryRecord {
  action: string
  /** OPENID of whoever acted. */
  by: string
  at: Date
  note?: string
  /** requestId of the call that made the change (a retry of it is answered without acting again). */
  requestId?: string
}

export interface UpwardRecord {
  id: string
  level: UpwardLevel
  kind: UpwardKind
  /** Beijing date YYYY-MM-DD. */
  date: string
  note?: string
  evidenceFileID?: string
}

export interface OpinionDocument {
  _id: string
  title: string
  categoryId: string
  /** The category's name when filed (renaming a category does not rewrite items). */
  categoryName: string
  content: string
  place?: string
  images: ImageRecord[]
  /** Trace ids of pending image checks (indexed: the check's push finds the item by it). */
  imageTraceIds: string[]
  contactPhone?: string
  anonymous: boolean
  mayPublish: boolean
  notify: OpinionNotifyStep[]
  submitterOpenid: string
  /** Member name for a named submission by a bound member. */
  submitterName?: string
  submitterRole: 'public' | 'informant' | 'member'
  state: OpinionState
  flags: SafetyFlag[]
  key: boolean
  receivedAt: Date
  /** Beijing year of receivedAt. */
  year: number
  updatedAt: Date
  timeline: TimelineRecord[]
  history: HistoryRecord[]
  adopted?: { title: string; content: string; key: boolean; at: Date; by: string }
  adoptedAt?: Date
  rejectReason?: string
  returnNote?: string
  mergedInto?: string
  mergedFrom?: string[]
  bulletin?: { id: string; year: number; number: number }
  bulletinOrder?: number
  upward: UpwardRecord[]
}

export interface Viewer {
  openid: string
  staff: boolean
  /** Staff views: names of the people in the item's history, by OPENID (`_shared/people.ts` namesOf). */
  names?: Map<string, string>
}

/** Who did a history step, as a staff screen shows it (never the OPENID). */
function actorName(doc: OpinionDocument, by: string, viewer: Viewer): string {
  if (by === 'system') return '系统'
  if (by === doc.submitterOpenid) return doc.anonymous ? '提交人（匿名）' : `提交人 ${doc.submitterName ?? roleLabels[doc.submitterRole]}`
  return viewer.names?.get(by) ?? '工作人员'
}

const stepLabels: Record<OpinionTimelineStep, string> = {
  received: '已收到',
  processing: '处理中',
  returned: '退回修改',
  resubmitted: '已重新提交',
  merged: '已合并',
  rejected: '未采用',
  adopted: '已采用',
  published: '已编入专刊',
  reported: '已报送',
  upward_adopted: '被上级政协采用',
  upward_instruction: '获领导批示'
}

/** Chinese label of one timeline entry, e.g. 已编入第12期, 被省政协采用. */
export function timelineLabel(t: Pick<TimelineRecord, 'step' | 'number' | 'level'>): string {
  const level = t.level ? upwardLevelLabels[t.level] : '上级政协'
  switch (t.step) {
    case 'published':
      return t.number ? `已编入第${t.number}期` : stepLabels.published
    case 'reported':
      return `已报送${level}`
    case 'upward_adopted':
      return `被${level}采用`
    case 'upward_instruction':
      return `获${level}领导批示`
    default:
      return stepLabels[t.step]
  }
}

/** Label of an upward record. */
export function upwardLabel(r: Pick<UpwardRecord, 'level' | 'kind'>): string {
  return timelineLabel({ step: r.kind === 'reported' ? 'reported' : r.kind === 'adopted' ? 'upward_adopted' : 'upward_instruction', level: r.level })
}

/** What the submitter's list shows now: the label of the latest public step. */
export function statusLabel(doc: Pick<OpinionDocument, 'state' | 'timeline'>): string {
  const last = doc.timeline[doc.timeline.length - 1]
  if (!last) return stepLabels.received
  if (doc.state === 'reported_up') {
    // the strongest upward outcome wins over a later plain "reported"
    const rank = (t: TimelineRecord) => (t.step === 'upward_instruction' ? 3 : t.step === 'upward_adopted' ? 2 : t.step === 'reported' ? 1 : 0) * 10 + (t.level === 'province' ? 1 : 0)
    const best = [...doc.timeline].sort((a, b) => rank(b) - rank(a))[0]
    return timelineLabel(best)
  }
  return timelineLabel(last)
}

function submitterOf(doc: OpinionDocument, viewer: Viewer): string {
  const mine = doc.submitterOpenid === viewer.openid
  if (doc.anonymous) return mine ? '我（匿名）' : '匿名'
  if (mine) return '我'
  return doc.submitterName ?? roleLabels[doc.submitterRole]
}

const iso = (d: Date | string) => new Date(d).toISOString()

export function summaryOf(doc: OpinionDocument, viewer: Viewer): OpinionSummary {
  return {
    id: doc._id,
    title: doc.title,
    categoryName: doc.categoryName,
    state: doc.state,
    statusLabel: statusLabel(doc),
    receivedAt: iso(doc.receivedAt),
    refNo: referenceNumber(doc._id, doc.receivedAt),
    anonymous: doc.anonymous,
    submitter: submitterOf(doc, viewer),
    imageCount: doc.images?.length ?? 0,
    key: Boolean(doc.key),
    ...(viewer.staff ? { flags: doc.flags ?? [] } : {}),
    ...(doc.bulletin ? { bulletin: doc.bulletin } : {})
  }
}

export function timelineOf(doc: OpinionDocument): OpinionTimelineEntry[] {
  return doc.timeline.map((t) => ({ step: t.step, label: timelineLabel(t), at: iso(t.at), ...(t.note ? { note: t.note } : {}) }))
}

/**
 * Full view. `urls` maps image and evidence fileIDs to temporary download
 * URLs. Phone: full to staff (except on anonymous items, where only the
 * submitter sees it, masked); masked to the submitter.
 */
export function detailOf(doc: OpinionDocument, viewer: Viewer, urls: Record<string, string>): OpinionDetail {
  const mine = doc.submitterOpenid === viewer.openid
  let contactPhone: string | undefined
  if (doc.contactPhone) {
    if (viewer.staff && !doc.anonymous) contactPhone = doc.contactPhone
    else if (mine) contactPhone = maskPhone(doc.contactPhone)
  }
  const upward: UpwardRecordView[] = (doc.upward ?? []).map((u) => ({
    id: u.id,
    level: u.level,
    kind: u.kind,
    label: upwardLabel(u),
    date: u.date,
    ...(u.note ? { note: u.note } : {}),
    ...(u.evidenceFileID && viewer.staff && urls[u.evidenceFileID] ? { evidenceUrl: urls[u.evidenceFileID] } : {})
  }))
  return {
    ...summaryOf(doc, viewer),
    categoryId: doc.categoryId,
    content: doc.content,
    ...(doc.place ? { place: doc.place } : {}),
    images: (doc.images ?? []).filter(() => viewer.staff || mine).map((i) => ({ fileID: i.fileID, url: urls[i.fileID] ?? '' })),
    ...(contactPhone ? { contactPhone } : {}),
    mayPublish: doc.mayPublish,
    notify: doc.notify ?? [],
    timeline: timelineOf(doc),
    ...(doc.adopted ? { adopted: { title: doc.adopted.title, content: doc.adopted.content, key: doc.adopted.key, at: iso(doc.adopted.at) } } : {}),
    ...(doc.rejectReason ? { rejectReason: doc.rejectReason } : {}),
    ...(doc.returnNote ? { returnNote: doc.returnNote } : {}),
    ...(doc.mergedInto ? { mergedInto: doc.mergedInto } : {}),
    upward,
    canEdit: mine && doc.state === 'returned',
    mine,
    ...(viewer.staff
      ? {
          history: doc.history.map((h) => ({
            action: h.action,
            byName: actorName(doc, h.by, viewer),
            byMe: h.by === viewer.openid,
            at: iso(h.at),
            ...(h.note ? { note: h.note } : {})
          }))
        }
      : {})
  }
}

export function flagText(flags: SafetyFlag[]): string {
  return flags.map((f) => safetyFlagLabels[f]).join('；')
}

/** Reads one item inside a transaction; COMMON.NOT_FOUND when missing. */
export async function txGet(tx: Transaction, id: string): Promise<OpinionDocument> {
  let doc: OpinionDocument | undefined
  try {
    doc = (await tx.collection('opinions').doc(id).get()).data as OpinionDocument
  } catch {
    doc = undefined
  }
  if (!doc) throw new AppError('COMMON.NOT_FOUND', '信息不存在或已被删除')
  return { ...doc, _id: id }
}

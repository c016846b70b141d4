/**
 * Shapes of the `studio` function's documents and replies, and the one
 * rule of who manages a studio.
 */
import type { AnnouncementState, AnnouncementView, StudioDetail, StudioSummary } from '../../src/core/actions/studio'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import type { Caller } from '../../src/core/roles'
import { imageCheckLabels, publicImages, type FileRecord, type TextVerdict } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'

export type { Handler } from '../_shared/define-function'

/** Profile fields that other people read, so they pass the text check. */
export const PROFILE_TEXT_FIELDS = ['name', 'town', 'address', 'openingHours', 'intro', 'contactName'] as const
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number]

/** Shape of a `studios` document. */
export interface StudioDocument {
  _id: string
  name: string
  /** Sort key for the list (pinyin of the name, set by whoever writes the studio). */
  sortKey: string
  town: string
  address: string
  openingHours: string
  intro: string
  contactName: string
  contactPhone: string
  shared: boolean
  members: { id: string; name: string; sector: string }[]
  /** Announcements go to staff review before publication. */
  reviewAnnouncements?: boolean
  /**
   * Profile text the content check did not pass (review, or the check
   * failed): kept here, not shown, until staff release it (decision 22).
   */
  heldProfile?: { fields: Partial<Record<ProfileTextField, string>>; verdict: TextVerdict; at: Date }
  /** A new studio whose profile text is held: not listed, not shown to the public, until staff release it. */
  hidden?: boolean
  createdAt: Date
  updatedAt: Date
}

/** Shape of an `announcements` document. */
export interface AnnouncementDocument {
  _id: string
  studioId: string
  studioName: string
  title: string
  body: string
  /** The cover's copy in `studio-images/<id>/` (no OPENID in it); shown to others only once its check passed. */
  coverFileID?: string
  /** Copies in `studio-files/<id>/`; each shown to others only once its check passed. */
  attachments: { fileID: string; name: string }[]
  /** Every checked file (cover and attachments) with its check (content-safety.ts); the image-verdict push updates them. */
  images?: FileRecord[]
  /** Trace ids of image checks still waiting for WeChat's verdict. */
  imageTraceIds?: string[]
  /** Some image's check said review or risky, or failed (set by the verdict push). */
  imagesHeld?: boolean
  /** The text check of title, body and attachment names: anything but `pass` sends the announcement to staff review. */
  textCheck?: TextVerdict
  state: AnnouncementState
  returnReason?: string
  authorOpenid: string
  publishedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** Chinese note for managers on why an announcement waits for a person (never the raw verdict). */
export function safetyNoteOf(a: Pick<AnnouncementDocument, 'textCheck' | 'images'>): string | undefined {
  const notes: string[] = []
  if (a.textCheck === 'review') notes.push('文字待人工复核')
  if (a.textCheck === 'error') notes.push('文字检测失败，待人工复核')
  for (const check of new Set((a.images ?? []).map((i) => i.check))) if (check !== 'pass') notes.push(imageCheckLabels[check].replace('图片', '图片或附件'))
  return notes.length ? notes.join('；') : undefined
}

/**
 * An announcement as shown. `manager` (its studio's admins, staff) sees every
 * file and the safety note; anyone else sees the cover and attachments only
 * once their check passed (publicImages: fail closed, files without a check
 * record stay hidden).
 */
export function announcementOf(a: AnnouncementDocument, manager = false): AnnouncementView {
  const passed = new Set(publicImages(a.images).map((i) => i.fileID))
  const visible = (fileID: string) => manager || passed.has(fileID)
  const note = manager ? safetyNoteOf(a) : undefined
  return {
    id: a._id,
    studioId: a.studioId,
    studioName: a.studioName,
    title: a.title,
    body: a.body,
    ...(a.coverFileID && visible(a.coverFileID) ? { coverFileID: a.coverFileID } : {}),
    attachments: (a.attachments ?? []).filter((f) => visible(f.fileID)),
    ...(note ? { safetyNote: note } : {}),
    state: a.state,
    ...(a.returnReason ? { returnReason: a.returnReason } : {}),
    ...(a.publishedAt ? { publishedAt: new Date(a.publishedAt).toISOString() } : {}),
    updatedAt: new Date(a.updatedAt).toISOString()
  }
}

/** Staff manage every studio; a studio admin only those in their grant's scope. */
export function manages(caller: Caller, studioId: string): boolean {
  return caller.roles.includes('staff') || (caller.roles.includes('studio_admin') && caller.studioIds.includes(studioId))
}

/** The caller when they manage `studioId`, else STUDIO.NOT_ADMIN. */
export async function assertManages(ctx: HandlerContext, studioId: string): Promise<Caller> {
  const caller = await ctx.caller()
  if (!manages(caller, studioId)) throw new AppError('STUDIO.NOT_ADMIN')
  return caller
}

/** A studio's profile for `caller`: phone in full only for those who manage it. */
export function detailOf(studio: StudioDocument, caller: Caller): StudioDetail {
  const full = manages(caller, studio._id)
  return {
    ...summaryOf(studio),
    intro: studio.intro ?? '',
    contactName: studio.contactName,
    contactPhone: full ? studio.contactPhone : maskPhone(studio.contactPhone),
    members: studio.members ?? [],
    reviewAnnouncements: !!studio.reviewAnnouncements,
    canManage: full,
    ...(full && studio.heldProfile
      ? {
          heldChanges: studio.heldProfile.fields,
          safetyNote: studio.heldProfile.verdict === 'review' ? '修改的内容待机关工作人员复核，通过后公开' : '内容检测失败，修改的内容待机关工作人员复核，通过后公开'
        }
      : {})
  }
}

/** A studio as listed. */
export function summaryOf(s: StudioDocument): StudioSummary {
  return { id: s._id, name: s.name, town: s.town, address: s.address, openingHours: s.openingHours, memberCount: s.members?.length ?? 0, shared: s.shared }
}

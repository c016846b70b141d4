/**
 * Shapes of the `studio` function's documents and replies, and the one
 * rule of who manages a studio.
 */
import type { AnnouncementState, AnnouncementView, StudioDetail, StudioSummary } from '../../src/core/actions/studio'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import type { Caller } from '../../src/core/roles'
import type { HandlerContext } from '../_shared/define-function'
import type { ActionName, ActionOutput, ParsedInput } from '../../src/core/contract'

/** The handler of one action of this function (input already validated by the contract's schema). */
export type Handler<N extends ActionName> = (input: ParsedInput<N>, ctx: HandlerContext) => Promise<ActionOutput<N>>

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
  coverFileID?: string
  attachments: { fileID: string; name: string }[]
  state: AnnouncementState
  returnReason?: string
  authorOpenid: string
  publishedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** An announcement as shown (to the public once published, to its managers in every state). */
export function announcementOf(a: AnnouncementDocument): AnnouncementView {
  return {
    id: a._id,
    studioId: a.studioId,
    studioName: a.studioName,
    title: a.title,
    body: a.body,
    ...(a.coverFileID ? { coverFileID: a.coverFileID } : {}),
    attachments: a.attachments ?? [],
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
    canManage: full
  }
}

/** A studio as listed. */
export function summaryOf(s: StudioDocument): StudioSummary {
  return { id: s._id, name: s.name, town: s.town, address: s.address, openingHours: s.openingHours, memberCount: s.members?.length ?? 0, shared: s.shared }
}

/**
 * Cloud function `studio`: studios (委员工作室). Actions and their rules:
 * src/core/actions/studio.ts.
 */
import type { StudioDetail, StudioSummary } from '../../src/core/actions/studio'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import { defineFunction } from '../_shared/define-function'
import { findById, findPage } from '../_shared/db'

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
  createdAt: Date
  updatedAt: Date
}

function summaryOf(s: StudioDocument): StudioSummary {
  return { id: s._id, name: s.name, town: s.town, address: s.address, openingHours: s.openingHours, memberCount: s.members?.length ?? 0, shared: s.shared }
}

export const main = defineFunction('studio', {
  /** Page of studios by sort key. One read; no caller lookup. */
  'studio.list': async (input, ctx) => {
    const page = await findPage<StudioDocument>(ctx.db, 'studios', { where: {}, sortField: 'sortKey', direction: 'asc', limit: input.limit, cursor: input.cursor })
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor }
  },
  /**
   * A studio's profile. The contact phone is masked unless the caller is
   * staff or administers this studio (then one more read for the caller).
   * Errors: COMMON.NOT_FOUND.
   */
  'studio.get': async (input, ctx): Promise<StudioDetail> => {
    const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
    if (!studio) throw new AppError('COMMON.NOT_FOUND', '工作室不存在')
    const caller = await ctx.caller()
    const full = caller.roles.includes('staff') || caller.studioIds.includes(studio._id)
    return {
      ...summaryOf(studio),
      intro: studio.intro,
      contactName: studio.contactName,
      contactPhone: full ? studio.contactPhone : maskPhone(studio.contactPhone),
      members: studio.members ?? []
    }
  }
})

/**
 * Cloud function `studio`: studios (委员工作室) and their announcements.
 * Actions and their rules: src/core/actions/studio.ts.
 */
import { createHash } from 'crypto'
import type { AnnouncementState, AnnouncementView, StudioDetail, StudioSummary } from '../../src/core/actions/studio'
import { AppError } from '../../src/core/errors'
import { maskPhone } from '../../src/core/privacy'
import type { Caller } from '../../src/core/roles'
import { defineFunction, type HandlerContext } from '../_shared/define-function'
import { findById, findPage, rowsOf } from '../_shared/db'
import { auditId } from '../_shared/audit'
import { assertOwnUpload } from '../_shared/files'
import type { UserDocument } from '../_shared/caller'
import type { Transaction } from '../_shared/cloud'
import { transact } from '../_shared/transaction'

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

function announcementOf(a: AnnouncementDocument): AnnouncementView {
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
function manages(caller: Caller, studioId: string): boolean {
  return caller.roles.includes('staff') || (caller.roles.includes('studio_admin') && caller.studioIds.includes(studioId))
}

async function assertManages(ctx: HandlerContext, studioId: string): Promise<Caller> {
  const caller = await ctx.caller()
  if (!manages(caller, studioId)) throw new AppError('STUDIO.NOT_ADMIN')
  return caller
}

function detailOf(studio: StudioDocument, caller: Caller): StudioDetail {
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
    return detailOf(studio, await ctx.caller())
  },

  /** Profile edit by the studio's admin or staff; `reviewAnnouncements` by staff only. */
  'studio.update': async (input, ctx) => {
    const caller = await assertManages(ctx, input.id)
    const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
    if (!studio) throw new AppError('STUDIO.NOT_FOUND')
    const { id, reviewAnnouncements, ...fields } = input
    if (reviewAnnouncements !== undefined && !caller.roles.includes('staff')) throw new AppError('AUTH.FORBIDDEN', '只有机关工作人员可以设置公告审核')
    const data: Record<string, unknown> = { updatedAt: ctx.now }
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) data[k] = v
    if (reviewAnnouncements !== undefined) data.reviewAnnouncements = reviewAnnouncements
    await ctx.db.collection('studios').doc(id).update({ data })
    return detailOf({ ...studio, ...data } as StudioDocument, caller)
  },

  /** Staff create a studio; `_id` derived from OPENID + requestId so a retry returns the first. */
  'studio.create': async (input, ctx) => {
    const caller = await ctx.caller()
    const id = `studio-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
    const existing = await findById<StudioDocument>(ctx.db, 'studios', id)
    if (existing) return detailOf(existing, caller)
    const { sortKey, shared, ...fields } = input
    const doc: Omit<StudioDocument, '_id'> = {
      ...fields,
      intro: fields.intro ?? '',
      sortKey: sortKey ?? `z-${fields.name}`,
      shared: !!shared,
      members: [],
      createdAt: ctx.now,
      updatedAt: ctx.now
    }
    await ctx.db.collection('studios').doc(id).set({ data: doc })
    await ctx.db.collection('auditLog').doc(auditId()).set({ data: { actor: ctx.openid, action: 'studio.create', target: id, requestId: ctx.requestId, at: ctx.now } })
    return detailOf({ _id: id, ...doc }, caller)
  },

  /**
   * Staff set a studio's admins and stationed members. Admins: each listed
   * OPENID gets this studio in its studio_admin grant (created if absent);
   * admins not listed lose it. Every change is audited.
   */
  'studio.assign': async (input, ctx) => {
    const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
    if (!studio) throw new AppError('STUDIO.NOT_FOUND')
    const _ = ctx.db.command
    let memberCount = studio.members?.length ?? 0
    if (input.memberIds) {
      const ids = [...new Set(input.memberIds)]
      const rows = ids.length
        ? rowsOf<{ _id: string; name: string; sector: string }>(await ctx.db.collection('members').where({ _id: _.in(ids) }).limit(100).get())
        : []
      const more = ids.length > 100 ? rowsOf<{ _id: string; name: string; sector: string }>(await ctx.db.collection('members').where({ _id: _.in(ids.slice(100)) }).limit(100).get()) : []
      const found = new Map([...rows, ...more].map((m) => [m._id, m]))
      const missing = ids.filter((m) => !found.has(m))
      if (missing.length) throw new AppError('STUDIO.MEMBER_NOT_FOUND', `名册中没有：${missing.join('、')}`)
      const members = ids.map((m) => ({ id: m, name: found.get(m)!.name, sector: found.get(m)!.sector }))
      await ctx.db.collection('studios').doc(studio._id).update({ data: { members, updatedAt: ctx.now } })
      memberCount = members.length
    }
    let admins: string[] = []
    const current = rowsOf<UserDocument>(await ctx.db.collection('users').where({ 'grants.studioIds': studio._id }).limit(100).get())
    admins = current.filter((u) => u.grants.some((g) => g.role === 'studio_admin' && g.studioIds.includes(studio._id))).map((u) => u._id)
    if (input.adminOpenids) {
      const wanted = new Set(input.adminOpenids)
      const changes = [...new Set([...admins, ...wanted])]
      for (const openid of changes) {
        const add = wanted.has(openid)
        await transact(ctx.db, async (t: Transaction) => {
          let user: UserDocument | null = null
          try {
            const res = await t.collection('users').doc(openid).get()
            user = res.data ? ({ ...res.data, _id: openid } as UserDocument) : null
          } catch {
            user = null
          }
          const grants = [...(user?.grants ?? [])].map((g) => ({ ...g, studioIds: [...(g.studioIds ?? [])] }))
          let grant = grants.find((g) => g.role === 'studio_admin')
          if (add) {
            if (!grant) grants.push((grant = { role: 'studio_admin', studioIds: [], departmentIds: [], grantedBy: ctx.openid, grantedAt: ctx.now }))
            if (!grant.studioIds.includes(studio._id)) grant.studioIds.push(studio._id)
          } else if (grant) {
            grant.studioIds = grant.studioIds.filter((s) => s !== studio._id)
          }
          const kept = grants.filter((g) => g.role !== 'studio_admin' || g.studioIds.length > 0)
          if (user) await t.collection('users').doc(openid).update({ data: { grants: kept, updatedAt: ctx.now } })
          else await t.collection('users').doc(openid).set({ data: { grants: kept, createdAt: ctx.now, updatedAt: ctx.now } })
          await t.collection('auditLog').doc(auditId()).set({
            data: { actor: ctx.openid, action: add ? 'role.grant' : 'role.revoke', target: openid, details: { role: 'studio_admin', studioId: studio._id }, requestId: ctx.requestId, at: ctx.now }
          })
        })
      }
      admins = [...wanted]
    }
    return { admins, members: memberCount }
  },

  /** Published announcements newest first. One read. */
  'studio.announcements': async (input, ctx) => {
    const where: Record<string, unknown> = { state: 'published', ...(input.studioId ? { studioId: input.studioId } : {}) }
    const page = await findPage<AnnouncementDocument>(ctx.db, 'announcements', { where, sortField: 'publishedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
    return { items: page.items.map(announcementOf), nextCursor: page.nextCursor }
  },

  'studio.announcement': async (input, ctx) => {
    const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
    if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    if (a.state !== 'published' && !manages(await ctx.caller(), a.studioId)) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    return announcementOf(a)
  },

  'studio.manageAnnouncements': async (input, ctx) => {
    const caller = await ctx.caller()
    const where: Record<string, unknown> = {}
    if (input.studioId) {
      if (!manages(caller, input.studioId)) throw new AppError('STUDIO.NOT_ADMIN')
      where.studioId = input.studioId
      if (input.state) where.state = input.state
    } else if (caller.roles.includes('staff')) {
      where.state = input.state ?? 'pending_review'
    } else {
      where.studioId = ctx.db.command.in(caller.studioIds)
      if (input.state) where.state = input.state
    }
    const page = await findPage<AnnouncementDocument>(ctx.db, 'announcements', { where, sortField: 'updatedAt', direction: 'desc', limit: input.limit, cursor: input.cursor })
    return { items: page.items.map(announcementOf), nextCursor: page.nextCursor }
  },

  /** New draft (id from OPENID + requestId) or edit of a draft / returned one. */
  'studio.saveAnnouncement': async (input, ctx) => {
    await assertManages(ctx, input.studioId)
    if (input.coverFileID) assertOwnUpload(input.coverFileID, ctx.openid)
    for (const f of input.attachments ?? []) assertOwnUpload(f.fileID, ctx.openid)
    const studio = await findById<StudioDocument>(ctx.db, 'studios', input.studioId)
    if (!studio) throw new AppError('STUDIO.NOT_FOUND')
    const id = input.id ?? `ann-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
    const existing = await findById<AnnouncementDocument>(ctx.db, 'announcements', id)
    if (existing) {
      if (!input.id) return announcementOf(existing)
      if (existing.studioId !== input.studioId) throw new AppError('STUDIO.NOT_ADMIN')
      if (existing.state === 'published' || existing.state === 'pending_review') throw new AppError('COMMON.INVALID_STATE', '已发布或审核中的公告不能修改')
    } else if (input.id) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    const doc: Omit<AnnouncementDocument, '_id'> = {
      studioId: studio._id,
      studioName: studio.name,
      title: input.title,
      body: input.body,
      ...(input.coverFileID ? { coverFileID: input.coverFileID } : {}),
      attachments: input.attachments ?? [],
      state: existing?.state ?? 'draft',
      ...(existing?.returnReason ? { returnReason: existing.returnReason } : {}),
      authorOpenid: existing?.authorOpenid ?? ctx.openid,
      publishedAt: null,
      createdAt: existing?.createdAt ?? ctx.now,
      updatedAt: ctx.now
    }
    await ctx.db.collection('announcements').doc(id).set({ data: doc })
    return announcementOf({ _id: id, ...doc })
  },

  /** draft/returned -> published, or pending_review where the studio has review on. */
  'studio.publishAnnouncement': async (input, ctx) => {
    const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
    if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    await assertManages(ctx, a.studioId)
    if (a.state === 'published' || a.state === 'pending_review') return announcementOf(a)
    const studio = await findById<StudioDocument>(ctx.db, 'studios', a.studioId)
    const review = !!studio?.reviewAnnouncements
    const data = review ? { state: 'pending_review' as const, updatedAt: ctx.now } : { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
    await ctx.db.collection('announcements').doc(a._id).update({ data })
    return announcementOf({ ...a, ...data })
  },

  'studio.reviewAnnouncement': async (input, ctx) => {
    const a = await findById<AnnouncementDocument>(ctx.db, 'announcements', input.id)
    if (!a) throw new AppError('STUDIO.ANNOUNCEMENT_NOT_FOUND')
    if (a.state !== 'pending_review') throw new AppError('COMMON.INVALID_STATE', '该公告不在待审核状态')
    if (!input.approve && !input.reason) throw new AppError('COMMON.INVALID_INPUT', '请填写退回理由')
    const data = input.approve
      ? { state: 'published' as const, publishedAt: ctx.now, updatedAt: ctx.now }
      : { state: 'returned' as const, returnReason: input.reason, updatedAt: ctx.now }
    await ctx.db.collection('announcements').doc(a._id).update({ data })
    return announcementOf({ ...a, ...data })
  }
})

/**
 * Studio profiles: the public list and profile, staff creating a studio,
 * its admin or staff editing the profile. Profile text passes the shared
 * content check (issue 13 item 1, _shared/content-safety.ts) and fails
 * closed: held for staff, never public, on a doubtful or failed check.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/core/errors'
import { findById, findPage, rowsOf } from '../_shared/db'
import { nameOf, personKeyFor, UNNAMED, type PersonDocument } from '../_shared/people'
import { auditId } from '../_shared/audit'
import { checkText, type TextVerdict } from '../_shared/content-safety'
import type { HandlerContext } from '../_shared/define-function'
import { assertManages, detailOf, manages, PROFILE_TEXT_FIELDS, summaryOf, type Handler, type ProfileTextField, type StudioDocument } from './model'

/** The text check of the profile fields among `fields` (scene 1, profile). Throws CONTENT.RISKY. */
function checkProfile(ctx: HandlerContext, fields: Partial<Record<ProfileTextField, string | undefined>>): Promise<TextVerdict> {
  return checkText(ctx, PROFILE_TEXT_FIELDS.map((k) => fields[k]), 1)
}

/**
 * Page of studios by sort key. Studios held by the content check are listed
 * only with `includeHeld`, and only to those who manage them (staff: every
 * one; a studio admin: theirs), marked `held`; for anyone else the flag
 * changes nothing. One read, plus the caller with `includeHeld`.
 */
export const listStudios: Handler<'studio.list'> = async (input, ctx) => {
  const _ = ctx.db.command
  const caller = input.includeHeld ? await ctx.caller() : undefined
  const staff = !!caller?.roles.includes('staff')
  const own = caller?.roles.includes('studio_admin') ? caller.studioIds : []
  const where = staff ? {} : own.length > 0 ? _.or([{ hidden: _.neq(true) }, { _id: _.in(own) }]) : { hidden: _.neq(true) }
  const page = await findPage<StudioDocument>(ctx.db, 'studios', { where: where as Record<string, unknown>, sortField: 'sortKey', direction: 'asc', limit: input.limit, cursor: input.cursor })
  return {
    items: page.items.map((s) => {
      const held = !caller || !manages(caller, s._id) ? undefined : s.hidden ? 'studio' : s.heldProfile && Object.keys(s.heldProfile.fields).length > 0 ? 'changes' : undefined
      return held ? { ...summaryOf(s), held } : summaryOf(s)
    }),
    nextCursor: page.nextCursor
  }
}

/**
 * A studio's profile. The contact phone is masked unless the caller is
 * staff or administers this studio (then one more read for the caller);
 * staff also get its admins by name and person key (one more read).
 * A studio held by the content check exists only for its managers.
 * Errors: COMMON.NOT_FOUND.
 */
export const getStudio: Handler<'studio.get'> = async (input, ctx) => {
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
  if (!studio) throw new AppError('COMMON.NOT_FOUND', '工作室不存在')
  const caller = await ctx.caller()
  if (studio.hidden && !manages(caller, studio._id)) throw new AppError('COMMON.NOT_FOUND', '工作室不存在')
  if (!caller.roles.includes('staff')) return detailOf(studio, caller)
  return { ...detailOf(studio, caller), admins: await adminsOf(ctx, studio._id) }
}

/**
 * A studio's admins (users whose studio_admin grant names it) by name and
 * person key, by name; for staff screens, never an OPENID. One read.
 */
async function adminsOf(ctx: HandlerContext, studioId: string): Promise<{ key: string; name: string }[]> {
  const users = rowsOf<PersonDocument>(await ctx.db.collection('users').where({ 'grants.studioIds': studioId }).limit(100).get())
  return users
    .filter((u) => (u.grants ?? []).some((g) => g.role === 'studio_admin' && (g.studioIds ?? []).includes(studioId)))
    .map((u) => ({ key: u.personKey ?? personKeyFor(u._id), name: nameOf(u) ?? UNNAMED }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
}

/**
 * Staff create a studio; `_id` derived from OPENID + requestId so a retry
 * returns the first. Profile text the check does not pass (review, failed
 * check) keeps the new studio hidden until staff release it (studio.update
 * `releaseHeld`). Errors: CONTENT.RISKY.
 */
export const createStudio: Handler<'studio.create'> = async (input, ctx) => {
  const caller = await ctx.caller()
  const id = `studio-${createHash('sha256').update(`${ctx.openid}:${ctx.requestId}`).digest('hex').slice(0, 16)}`
  const existing = await findById<StudioDocument>(ctx.db, 'studios', id)
  if (existing) return detailOf(existing, caller)
  const { sortKey, shared, ...fields } = input
  const verdict = await checkProfile(ctx, fields)
  const doc: Omit<StudioDocument, '_id'> = {
    ...fields,
    intro: fields.intro ?? '',
    sortKey: sortKey ?? `z-${fields.name}`,
    shared: !!shared,
    members: [],
    ...(verdict === 'pass' ? {} : { hidden: true, heldProfile: { fields: {}, verdict, at: ctx.now } }),
    createdAt: ctx.now,
    updatedAt: ctx.now
  }
  await ctx.db.collection('studios').doc(id).set({ data: doc })
  await ctx.db.collection('auditLog').doc(auditId()).set({ data: { actor: ctx.openid, action: 'studio.create', target: id, requestId: ctx.requestId, at: ctx.now } })
  return detailOf({ _id: id, ...doc }, caller)
}

/**
 * Profile edit by the studio's admin or staff; `reviewAnnouncements` and
 * `releaseHeld` by staff only (AUTH.FORBIDDEN). Changed text passes the
 * content check: risky -> CONTENT.RISKY, nothing stored; review or a failed
 * check -> the changed text is kept in `heldProfile` and the public profile
 * stays as it was until staff release it (decision 37); other fields apply
 * at once. `releaseHeld` applies the held text (and shows a hidden studio).
 */
export const updateStudio: Handler<'studio.update'> = async (input, ctx) => {
  const caller = await assertManages(ctx, input.id)
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
  if (!studio) throw new AppError('STUDIO.NOT_FOUND')
  const { id, reviewAnnouncements, releaseHeld, ...fields } = input
  const staff = caller.roles.includes('staff')
  if (reviewAnnouncements !== undefined && !staff) throw new AppError('AUTH.FORBIDDEN', '只有机关工作人员可以设置公告审核')
  if (releaseHeld && !staff) throw new AppError('AUTH.FORBIDDEN', '只有机关工作人员可以发布待复核的内容')
  const data: Record<string, unknown> = { updatedAt: ctx.now }
  if (releaseHeld) {
    Object.assign(data, studio.heldProfile?.fields ?? {}, { heldProfile: null, hidden: false })
  }
  const text: Partial<Record<ProfileTextField, string>> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    if ((PROFILE_TEXT_FIELDS as readonly string[]).includes(k)) text[k as ProfileTextField] = v as string
    else data[k] = v
  }
  if (Object.keys(text).length) {
    const verdict = await checkProfile(ctx, text)
    if (verdict === 'pass') {
      Object.assign(data, text)
      // Text that now passes replaces what was held for the same fields.
      if (studio.heldProfile && !releaseHeld) {
        const rest = Object.fromEntries(Object.entries(studio.heldProfile.fields).filter(([k]) => !(k in text)))
        data.heldProfile = Object.keys(rest).length || studio.hidden ? { ...studio.heldProfile, fields: rest } : null
      }
    } else {
      const before = releaseHeld ? {} : (studio.heldProfile?.fields ?? {})
      data.heldProfile = { fields: { ...before, ...text }, verdict, at: ctx.now }
    }
  }
  if (reviewAnnouncements !== undefined) data.reviewAnnouncements = reviewAnnouncements
  await ctx.db.collection('studios').doc(id).update({ data })
  return detailOf({ ...studio, ...data } as StudioDocument, caller)
}

/**
 * Staff setting a studio's admins (their studio_admin grants) and its
 * stationed members.
 */
import { AppError } from '../../src/core/errors'
import { findById, rowsOf } from '../_shared/db'
import { auditId } from '../_shared/audit'
import { openidOfPerson } from '../_shared/people'
import type { UserDocument } from '../_shared/caller'
import type { Transaction } from '../_shared/cloud'
import { type Handler, type StudioDocument } from './model'
import { transact } from '../_shared/transaction'

/**
 * Staff set a studio's admins and stationed members. Admins: each listed
 * person key (resolved to its OPENID on the server; an unknown key is
 * ROLE.PERSON_NOT_FOUND before anything is written) gets this studio in its studio_admin grant (created if absent);
 * admins not listed lose it. Every change is audited. Output: how many
 * admins and stationed members the studio now has.
 */
export const assign: Handler<'studio.assign'> = async (input, ctx) => {
  const studio = await findById<StudioDocument>(ctx.db, 'studios', input.id)
  if (!studio) throw new AppError('STUDIO.NOT_FOUND')
  const _ = ctx.db.command
  // Every admin key is resolved before anything is written.
  let wanted: Set<string> | undefined
  if (input.adminKeys) {
    wanted = new Set<string>()
    for (const key of new Set(input.adminKeys)) {
      const openid = await openidOfPerson(ctx.db, key)
      if (!openid) throw new AppError('ROLE.PERSON_NOT_FOUND')
      wanted.add(openid)
    }
  }
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
  if (wanted) {
    // Only those whose admin status changes (a resent full list grants nobody twice).
    const before = new Set(admins)
    const changes = [...new Set([...admins, ...wanted])].filter((o) => before.has(o) !== wanted!.has(o))
    for (const openid of changes) {
      const add = wanted!.has(openid)
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
  // Counts only: the reply never carries another person's OPENID (issue 13 item 2).
  return { admins: admins.length, members: memberCount }
}

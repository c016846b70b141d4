/**
 * Role grants and revocations by staff (domain.md, "People and roles"): every
 * change is written to the audit log in the same transaction.
 */
import type { RoleGrantView } from '../../src/core/actions/user'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import type { HandlerContext } from '../_shared/define-function'
import { findPage, rowsOf } from '../_shared/db'
import { auditId } from '../_shared/audit'
import type { UserDocument } from '../_shared/caller'
import { transact } from '../_shared/transaction'

type GrantableRole = UserDocument['grants'][number]['role']

async function assertScopeExists(ctx: HandlerContext, collection: string, ids: string[]) {
  const _ = ctx.db.command
  const found = rowsOf<{ _id: string }>(await ctx.db.collection(collection).where({ _id: _.in(ids) }).field({ _id: true }).get())
  const missing = ids.filter((id) => !found.some((f) => f._id === id))
  if (missing.length) throw new AppError('ROLE.INVALID_SCOPE', `授权范围中有不存在的编号：${missing.join('、')}`)
}

/**
 * Grants `role` to `openid`, replacing an earlier grant of the same role (so
 * scopes can be changed by granting again). `studio_admin` needs at least one
 * existing studio, `department` at least one existing department; other roles
 * take no scope. Output: the grant. Errors: ROLE.INVALID_SCOPE.
 */
export async function grantRole(
  input: { openid: string; role: GrantableRole; studioIds?: string[]; departmentIds?: string[] },
  ctx: HandlerContext
): Promise<RoleGrantView> {
  const studioIds = input.role === 'studio_admin' ? [...new Set(input.studioIds ?? [])] : []
  const departmentIds = input.role === 'department' ? [...new Set(input.departmentIds ?? [])] : []
  if (input.role === 'studio_admin' && studioIds.length === 0) throw new AppError('ROLE.INVALID_SCOPE', '请选择要管理的工作室')
  if (input.role === 'department' && departmentIds.length === 0) throw new AppError('ROLE.INVALID_SCOPE', '请选择承办单位')
  if ((input.role !== 'studio_admin' && input.studioIds?.length) || (input.role !== 'department' && input.departmentIds?.length)) {
    throw new AppError('ROLE.INVALID_SCOPE', '该角色不需要选择范围')
  }
  if (studioIds.length) await assertScopeExists(ctx, 'studios', studioIds)
  if (departmentIds.length) await assertScopeExists(ctx, 'departments', departmentIds)

  const grant = { role: input.role, studioIds, departmentIds, grantedBy: ctx.openid, grantedAt: ctx.now }
  await transact(ctx.db, async (tx: any) => {
    let existing: UserDocument | null = null
    try {
      existing = ((await tx.collection('users').doc(input.openid).get()).data as UserDocument) ?? null
    } catch {
      existing = null
    }
    const grants = (existing?.grants ?? []).filter((g) => g.role !== input.role).concat(grant)
    if (existing) await tx.collection('users').doc(input.openid).update({ data: { grants, updatedAt: ctx.now } })
    else await tx.collection('users').doc(input.openid).set({ data: { grants, createdAt: ctx.now, updatedAt: ctx.now } })
    await tx
      .collection('auditLog')
      .doc(auditId())
      .set({ data: { actor: ctx.openid, action: 'role.grant', target: input.openid, details: { role: input.role, studioIds, departmentIds }, requestId: ctx.requestId, at: ctx.now } })
  })
  return { openid: input.openid, role: input.role, studioIds, departmentIds, grantedBy: ctx.openid, grantedAt: ctx.now.toISOString() }
}

/**
 * Revokes `role` from `openid`. Output `{revoked}`: false when they did not
 * hold it. Errors: ROLE.LAST_STAFF when it would leave no granted staff (also
 * when two staff revoke each other at once: a staff revocation writes the
 * `counters/staff-revocations` document, so concurrent ones conflict and the
 * retry counts again).
 */
export async function revokeRole(input: { openid: string; role: GrantableRole }, ctx: HandlerContext) {
  const revoked = await transact(ctx.db, async (tx: any) => {
    let existing: UserDocument | null = null
    try {
      existing = ((await tx.collection('users').doc(input.openid).get()).data as UserDocument) ?? null
    } catch {
      existing = null
    }
    if (!existing?.grants?.some((g) => g.role === input.role)) return false
    if (input.role === 'staff') {
      const staffCount = ((await ctx.db.collection('users').where({ 'grants.role': 'staff' }).count()) as { total: number }).total
      if (staffCount <= 1) throw new AppError('ROLE.LAST_STAFF')
      // The count above runs outside the transaction (queries are not allowed
      // inside). Writing one shared document makes two staff revocations at
      // once conflict: the later commit is retried and counts again.
      await tx.collection('counters').doc('staff-revocations').set({ data: { lastRevoked: input.openid, at: ctx.now } })
    }
    await tx
      .collection('users')
      .doc(input.openid)
      .update({ data: { grants: existing.grants.filter((g) => g.role !== input.role), updatedAt: ctx.now } })
    await tx
      .collection('auditLog')
      .doc(auditId())
      .set({ data: { actor: ctx.openid, action: 'role.revoke', target: input.openid, details: { role: input.role }, requestId: ctx.requestId, at: ctx.now } })
    return true
  })
  return { revoked: revoked as boolean }
}

/**
 * Every grant, users newest first by when their `users` document was created
 * (an immutable key: ordering by `updatedAt` made a user whose grants changed
 * while staff paged jump to page one and vanish from the later pages). One
 * read per page (of users; `limit` counts users, each with all their grants).
 */
export async function listGrants(input: { limit?: number; cursor?: string }, ctx: HandlerContext): Promise<Page<RoleGrantView>> {
  const _ = ctx.db.command
  const page = await findPage<UserDocument>(ctx.db, 'users', {
    where: { 'grants.0': _.exists(true) },
    sortField: 'createdAt',
    direction: 'desc',
    limit: input.limit,
    cursor: input.cursor
  })
  const names = async (collection: string, ids: string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)]
    if (!unique.length) return new Map()
    const rows = rowsOf<{ _id: string; name: string }>(await ctx.db.collection(collection).where({ _id: _.in(unique) }).field({ _id: true, name: true }).limit(100).get())
    return new Map(rows.map((r) => [r._id, r.name]))
  }
  const grants = page.items.flatMap((user) => user.grants.map((g) => ({ user, g })))
  const [studioNames, departmentNames] = await Promise.all([
    names('studios', grants.flatMap(({ g }) => g.studioIds ?? [])),
    names('departments', grants.flatMap(({ g }) => g.departmentIds ?? []))
  ])
  const items = grants.map(({ user, g }) => ({
    openid: user._id,
    role: g.role,
    studioIds: g.studioIds ?? [],
    departmentIds: g.departmentIds ?? [],
    studioNames: (g.studioIds ?? []).map((id) => studioNames.get(id) ?? id),
    departmentNames: (g.departmentIds ?? []).map((id) => departmentNames.get(id) ?? id),
    grantedBy: g.grantedBy,
    grantedAt: new Date(g.grantedAt).toISOString()
  }))
  return { items, nextCursor: page.nextCursor }
}

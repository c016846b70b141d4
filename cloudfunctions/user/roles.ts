/**
 * Role grants and revocations by staff (domain.md, "People and roles"): every
 * change is written to the audit log in the same transaction. People are
 * named by an opaque person key (`_shared/people.ts`), never by OPENID: staff
 * find them with `user.searchPeople` (issue 13 item 2). A retry with the same
 * requestId answers what the first attempt answered (issue 13 item 3).
 */
import { transact } from '../_shared/transaction'
import type { RoleGrantView } from '../../src/core/actions/user'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage, rowsOf } from '../_shared/db'
import { auditIdFor } from '../_shared/audit'
import type { UserDocument } from '../_shared/caller'
import { UNNAMED, nameOf, namesOf, openidOfPerson, personKeyFor, type PersonDocument } from '../_shared/people'

type GrantableRole = UserDocument['grants'][number]['role']
/** A stored grant; `requestId` of the grant that wrote it (a retry finds it). */
type GrantRecord = UserDocument['grants'][number] & { requestId?: string }

/** The OPENID behind a person key; ROLE.PERSON_NOT_FOUND when nobody has it. */
async function openidFor(ctx: HandlerContext, key: string): Promise<string> {
  const openid = await openidOfPerson(ctx.db, key)
  if (!openid) throw new AppError('ROLE.PERSON_NOT_FOUND')
  return openid
}

/** Name of the granter as staff screens show it. */
function granterName(grantedBy: string, names: Map<string, string>): string {
  return grantedBy === 'deploy' ? '系统初始化' : names.get(grantedBy) ?? '工作人员'
}

async function assertScopeExists(ctx: HandlerContext, collection: string, ids: string[]) {
  const _ = ctx.db.command
  const found = rowsOf<{ _id: string }>(await ctx.db.collection(collection).where({ _id: _.in(ids) }).field({ _id: true }).get())
  const missing = ids.filter((id) => !found.some((f) => f._id === id))
  if (missing.length) throw new AppError('ROLE.INVALID_SCOPE', `授权范围中有不存在的编号：${missing.join('、')}`)
}

/**
 * Grants `role` to the person with `personKey`, replacing an earlier grant
 * of the same role (so scopes can be changed by granting again).
 * `studio_admin` needs at least one existing studio, `department` at least
 * one existing department; other roles take no scope. Output: the grant,
 * with the person's and the granter's names. A retry (same requestId) finds
 * its own grant and answers it unchanged. Errors: ROLE.PERSON_NOT_FOUND,
 * ROLE.INVALID_SCOPE.
 */
export async function grantRole(
  input: { personKey: string; role: GrantableRole; studioIds?: string[]; departmentIds?: string[] },
  ctx: HandlerContext
): Promise<RoleGrantView> {
  const studioIds = input.role === 'studio_admin' ? [...new Set(input.studioIds ?? [])] : []
  const departmentIds = input.role === 'department' ? [...new Set(input.departmentIds ?? [])] : []
  if (input.role === 'studio_admin' && studioIds.length === 0) throw new AppError('ROLE.INVALID_SCOPE', '请选择要管理的工作室')
  if (input.role === 'department' && departmentIds.length === 0) throw new AppError('ROLE.INVALID_SCOPE', '请选择承办单位')
  if ((input.role !== 'studio_admin' && input.studioIds?.length) || (input.role !== 'department' && input.departmentIds?.length)) {
    throw new AppError('ROLE.INVALID_SCOPE', '该角色不需要选择范围')
  }
  const openid = await openidFor(ctx, input.personKey)
  if (studioIds.length) await assertScopeExists(ctx, 'studios', studioIds)
  if (departmentIds.length) await assertScopeExists(ctx, 'departments', departmentIds)

  const fresh: GrantRecord = { role: input.role, studioIds, departmentIds, grantedBy: ctx.openid, grantedAt: ctx.now, requestId: ctx.requestId }
  const { grant, user } = (await transact(ctx.db, async (tx: any) => {
    let existing: PersonDocument | null = null
    try {
      existing = ((await tx.collection('users').doc(openid).get()).data as PersonDocument) ?? null
    } catch {
      existing = null
    }
    const mine = (existing?.grants as GrantRecord[] | undefined)?.find((g) => g.role === input.role && g.requestId === ctx.requestId && g.grantedBy === ctx.openid)
    if (mine) return { grant: mine, user: existing } // the retry of this very grant
    const grants = (existing?.grants ?? []).filter((g) => g.role !== input.role).concat(fresh)
    const personKey = personKeyFor(openid)
    if (existing) await tx.collection('users').doc(openid).update({ data: { grants, personKey, updatedAt: ctx.now } })
    else await tx.collection('users').doc(openid).set({ data: { grants, personKey, createdAt: ctx.now, updatedAt: ctx.now } })
    const audit = { actor: ctx.openid, action: 'role.grant', target: openid, requestId: ctx.requestId }
    await tx
      .collection('auditLog')
      .doc(auditIdFor(audit))
      .set({ data: { ...audit, details: { role: input.role, studioIds, departmentIds }, at: ctx.now } })
    return { grant: fresh, user: existing }
  })) as { grant: GrantRecord; user: PersonDocument | null }
  const names = await namesOf(ctx.db, [ctx.openid])
  return {
    person: { key: input.personKey, name: nameOf(user) ?? UNNAMED },
    role: grant.role,
    studioIds: grant.studioIds,
    departmentIds: grant.departmentIds,
    grantedByName: granterName(grant.grantedBy, names),
    grantedAt: new Date(grant.grantedAt).toISOString()
  }
}

/**
 * Revokes `role` from the person with `personKey`. Output `{revoked}`: false
 * when they did not hold it — unless this very request revoked it before
 * (a retry finds its audit entry and answers true again). Errors:
 * ROLE.PERSON_NOT_FOUND; ROLE.LAST_STAFF when it would leave no granted
 * staff (also when two staff revoke each other at once: a staff revocation
 * writes the `counters/staff-revocations` document, so concurrent ones
 * conflict and the retry counts again).
 */
export async function revokeRole(input: { personKey: string; role: GrantableRole }, ctx: HandlerContext) {
  const openid = await openidFor(ctx, input.personKey)
  const audit = { actor: ctx.openid, action: 'role.revoke', target: openid, requestId: ctx.requestId }
  const revoked = await transact(ctx.db, async (tx: any) => {
    let existing: UserDocument | null = null
    try {
      existing = ((await tx.collection('users').doc(openid).get()).data as UserDocument) ?? null
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
      await tx.collection('counters').doc('staff-revocations').set({ data: { lastRevoked: openid, at: ctx.now } })
    }
    await tx
      .collection('users')
      .doc(openid)
      .update({ data: { grants: existing.grants.filter((g) => g.role !== input.role), updatedAt: ctx.now } })
    await tx
      .collection('auditLog')
      .doc(auditIdFor(audit))
      .set({ data: { ...audit, details: { role: input.role }, at: ctx.now } })
    return true
  })
  // Not held: was it this request that took it away (a retry after a lost reply)?
  if (!revoked && (await findById(ctx.db, 'auditLog', auditIdFor(audit)))) return { revoked: true }
  return { revoked: revoked as boolean }
}

/**
 * Every grant, users newest first by when their `users` document was created
 * (an immutable key: ordering by `updatedAt` made a user whose grants changed
 * while staff paged jump to page one and vanish from the later pages). One
 * read per page (of users; `limit` counts users, each with all their grants),
 * plus the names of studios, departments and granters. People by name and
 * person key, never by OPENID.
 */
export async function listGrants(input: { limit?: number; cursor?: string }, ctx: HandlerContext): Promise<Page<RoleGrantView>> {
  const _ = ctx.db.command
  const page = await findPage<PersonDocument>(ctx.db, 'users', {
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
  const [studioNames, departmentNames, granters] = await Promise.all([
    names('studios', grants.flatMap(({ g }) => g.studioIds ?? [])),
    names('departments', grants.flatMap(({ g }) => g.departmentIds ?? [])),
    namesOf(ctx.db, grants.map(({ g }) => g.grantedBy))
  ])
  const items = grants.map(({ user, g }) => ({
    person: { key: user.personKey ?? personKeyFor(user._id), name: nameOf(user) ?? UNNAMED },
    role: g.role,
    studioIds: g.studioIds ?? [],
    departmentIds: g.departmentIds ?? [],
    studioNames: (g.studioIds ?? []).map((id) => studioNames.get(id) ?? id),
    departmentNames: (g.departmentIds ?? []).map((id) => departmentNames.get(id) ?? id),
    grantedByName: granterName(g.grantedBy, granters),
    grantedAt: new Date(g.grantedAt).toISOString()
  }))
  return { items, nextCursor: page.nextCursor }
}

/**
 * Loads who the caller is from their OPENID: the `users` document (`_id` =
 * OPENID) holds granted roles with scopes and the bound roster entry. One DB
 * read. Roles come only from here and from deploy configuration, never from
 * the client.
 */
import type { Caller, Role } from '../../src/core/roles'
import { bootstrapStaffOpenids } from './config'
import type { Database } from './cloud'
import { findById } from './db'

/** Shape of a `users` document. */
export interface UserDocument {
  _id: string
  grants: { role: Exclude<Role, 'public' | 'member'>; studioIds: string[]; departmentIds: string[]; grantedBy: string; grantedAt: Date }[]
  member?: { id: string; name: string; sector: string }
  createdAt: Date
  updatedAt: Date
}

export async function loadCaller(db: Database, openid: string): Promise<{ caller: Caller; user: UserDocument | null }> {
  const user = await findById<UserDocument>(db, 'users', openid)
  return { caller: callerFrom(openid, user), user }
}

/** Pure: derives roles and scopes from a users document. */
export function callerFrom(openid: string, user: UserDocument | null): Caller {
  const roles = new Set<Role>(['public'])
  const studioIds = new Set<string>()
  const departmentIds = new Set<string>()
  for (const grant of user?.grants ?? []) {
    roles.add(grant.role)
    grant.studioIds?.forEach((id) => studioIds.add(id))
    grant.departmentIds?.forEach((id) => departmentIds.add(id))
  }
  if (user?.member) roles.add('member')
  if (bootstrapStaffOpenids().includes(openid)) roles.add('staff')
  return {
    openid,
    roles: [...roles],
    studioIds: [...studioIds],
    departmentIds: [...departmentIds],
    memberId: user?.member?.id,
    displayName: user?.member?.name
  }
}

/**
 * People as staff screens see them (issue 13 item 2: staff see names and
 * roles, never OPENIDs). A person is named by their roster name when bound
 * as a member, else by the display name they registered (`user.setName`);
 * a person is referred to by an opaque person key, never by OPENID.
 *
 * - {@link personKeyFor}(openid): `p` + 20 hex of SHA-256 over
 *   `person:<OPENID>`; stored on the `users` document (`personKey`) by every
 *   write of the `user` function so {@link openidOfPerson} finds it with one
 *   indexed query.
 * - {@link nameOf}(user), {@link namesOf}(db, openids): display names.
 * - {@link openidOfPerson}(db, key): the OPENID behind a key (server only).
 */
import { createHash } from 'crypto'
import type { Database } from './cloud'
import type { UserDocument } from './caller'
import { findAll, rowsOf } from './db'

/** A `users` document with the fields of this module. */
export type PersonDocument = UserDocument & { displayName?: string; personKey?: string }

/** Opaque, stable key of the person behind `openid`, e.g. `p3f9c0a1b2d4e5f607182`. Not reversible. */
export function personKeyFor(openid: string): string {
  return `p${createHash('sha256').update(`person:${openid}`).digest('hex').slice(0, 20)}`
}

/** The name staff know a person by: roster name, else registered display name; undefined when neither. */
export function nameOf(user: Pick<PersonDocument, 'member' | 'displayName'> | null | undefined): string | undefined {
  return user?.member?.name ?? user?.displayName ?? undefined
}

/** What a screen shows for a person without a name. */
export const UNNAMED = '未登记姓名的用户'

/**
 * Names of the given OPENIDs (one read per 100; `deploy` and `system` are
 * skipped). People without a name are absent from the map.
 */
export async function namesOf(db: Database, openids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openids.filter((o) => o && o !== 'deploy' && o !== 'system'))]
  const out = new Map<string, string>()
  const _ = db.command
  for (let i = 0; i < unique.length; i += 100) {
    const rows = rowsOf<PersonDocument>(
      await db
        .collection('users')
        .where({ _id: _.in(unique.slice(i, i + 100)) })
        .field({ _id: true, member: true, displayName: true })
        .limit(100)
        .get()
    )
    for (const r of rows) {
      const name = nameOf(r)
      if (name) out.set(r._id, name)
    }
  }
  return out
}

/**
 * The OPENID of the person with `key`, or null. One query on `personKey`;
 * a `users` document written before keys were stored (or by another
 * function) is found by hashing the OPENIDs of the users who hold a grant,
 * a binding or a display name (a rare, bounded fallback).
 */
export async function openidOfPerson(db: Database, key: string): Promise<string | null> {
  const direct = rowsOf<{ _id: string }>(await db.collection('users').where({ personKey: key }).field({ _id: true }).limit(1).get())
  if (direct[0]) return direct[0]._id
  const _ = db.command
  const known = await findAll<{ _id: string }>(db, 'users', _.or([{ 'grants.0': _.exists(true) }, { member: _.exists(true) }, { displayName: _.exists(true) }]) as unknown as Record<string, unknown>)
  return known.find((u) => personKeyFor(u._id) === key)?._id ?? null
}

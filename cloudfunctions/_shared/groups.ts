/**
 * Sectors (界别) and committees (专委会) as managed data (issue 11 item 1;
 * domain.md section 6): the collection `ledgerGroups`, one document per
 * name, `{kind, name, sortKey, createdAt, updatedAt}`. Edited by staff in
 * the ledger function (`ledger.saveGroup`); read by the roster import
 * (`user.importRoster`), which checks the sheet's names against them and
 * adds the new names staff confirmed.
 */
import { createHash } from 'crypto'
import type { RosterGroups } from '../../src/core/roster'
import type { Database } from './cloud'
import { findAll } from './db'

export const GROUPS = 'ledgerGroups'

export type GroupKind = 'sector' | 'committee'

export interface GroupDocument {
  _id: string
  kind: GroupKind
  name: string
  /** Display order, ascending; 100 when staff gave none. */
  sortKey: number
  createdAt: Date
  updatedAt: Date
}

/** Sort key of a group added without one (by `ledger.saveGroup` or the roster import). */
export const DEFAULT_GROUP_SORT_KEY = 100

/**
 * The `_id` of a group added by the roster import: derived from kind and
 * name, so a re-run of the same import (or two imports naming the same new
 * group) writes one document, never two.
 */
export function groupIdFor(kind: GroupKind, name: string): string {
  return `g-${kind}-${createHash('sha256').update(`${kind}:${name}`).digest('hex').slice(0, 16)}`
}

/** Every managed group (a county has a few dozen: one read). */
export async function readGroups(db: Database): Promise<GroupDocument[]> {
  return findAll<GroupDocument>(db, GROUPS, {})
}

/** The managed names by kind, for the roster check (src/core/roster.ts). */
export function groupNames(docs: GroupDocument[]): RosterGroups {
  return { sectors: docs.filter((d) => d.kind === 'sector').map((d) => d.name), committees: docs.filter((d) => d.kind === 'committee').map((d) => d.name) }
}

/**
 * Adds groups by name (kind each), sort key {@link DEFAULT_GROUP_SORT_KEY};
 * one `set` per group on its {@link groupIdFor} id (a repeat rewrites the
 * same document). Callers pass only names not managed yet.
 */
export async function addGroups(db: Database, groups: { kind: GroupKind; name: string }[], now: Date): Promise<void> {
  for (const g of groups) {
    await db
      .collection(GROUPS)
      .doc(groupIdFor(g.kind, g.name))
      .set({ data: { kind: g.kind, name: g.name, sortKey: DEFAULT_GROUP_SORT_KEY, createdAt: now, updatedAt: now } })
  }
}

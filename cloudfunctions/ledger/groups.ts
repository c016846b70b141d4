/**
 * Sectors (界别) and committees (专委会) as managed data (issue 11 item 1;
 * domain.md section 6). Collection `ledgerGroups` ({kind, name, sortKey});
 * members keep the names (`sector`, `committees`; the roster's single
 * `specialCommittee` until staff set committees), so the roster import
 * fills them and a name the roster has but no group has yet is listed for
 * staff to adopt.
 */
import { AppError } from '../../src/core/errors'
import type { GroupView } from '../../src/core/actions/ledger'
import { beijing } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import { findAll, findById } from '../_shared/db'
import { DEFAULT_GROUP_SORT_KEY, GROUPS, type GroupDocument } from '../_shared/groups'
import { committeesOf, recomputeScores, type LedgerMember } from '../_shared/ledger'
import { idFor, type Handler } from './model'

function counts(members: LedgerMember[]) {
  const sectors = new Map<string, number>()
  const committees = new Map<string, number>()
  for (const m of members) {
    if (m.sector) sectors.set(m.sector, (sectors.get(m.sector) ?? 0) + 1)
    for (const c of committeesOf(m)) committees.set(c, (committees.get(c) ?? 0) + 1)
  }
  return { sector: sectors, committee: committees }
}

/** `ledger.groups`: managed groups in order, then roster names without a group (id ''). */
export const groups: Handler<'ledger.groups'> = async (_input, ctx) => {
  const [docs, members] = await Promise.all([findAll<GroupDocument>(ctx.db, GROUPS, {}), findAll<LedgerMember>(ctx.db, 'members', {})])
  const n = counts(members)
  const list = (kind: 'sector' | 'committee'): GroupView[] => {
    const own = docs.filter((d) => d.kind === kind).map((d) => ({ id: d._id, kind, name: d.name, sortKey: d.sortKey, members: n[kind].get(d.name) ?? 0 }))
    const known = new Set(own.map((g) => g.name))
    const loose = [...n[kind].entries()].filter(([name]) => !known.has(name)).map(([name, members]) => ({ id: '', kind, name, sortKey: 999, members }))
    return [...own, ...loose].sort((a, b) => a.sortKey - b.sortKey || a.name.localeCompare(b.name, 'zh-Hans-CN'))
  }
  return { sectors: list('sector'), committees: list('committee') }
}

/** `ledger.saveGroup`: create (id from caller + requestId) or rename; a rename carries to the members with the old name. */
export const saveGroup: Handler<'ledger.saveGroup'> = async (input, ctx) => {
  const id = input.id ?? idFor('g', ctx)
  const old = await findById<GroupDocument>(ctx.db, GROUPS, id)
  if (input.id && !old) throw new AppError('LEDGER.GROUP_NOT_FOUND')
  if (old && !input.id) return { id, kind: old.kind, name: old.name, sortKey: old.sortKey, members: 0 }
  const same = (await findAll<GroupDocument>(ctx.db, GROUPS, { kind: input.kind, name: input.name })).filter((g) => g._id !== id)
  if (same.length) throw new AppError('LEDGER.GROUP_EXISTS')
  const sortKey = input.sortKey ?? old?.sortKey ?? DEFAULT_GROUP_SORT_KEY
  await ctx.db.collection(GROUPS).doc(id).set({ data: { kind: input.kind, name: input.name, sortKey, createdAt: old?.createdAt ?? ctx.now, updatedAt: ctx.now } })
  let moved = 0
  if (old && old.name !== input.name) {
    const field = old.kind === 'sector' ? 'sector' : 'specialCommittee'
    const r = await ctx.db.collection('members').where({ [field]: old.name }).update({ data: { [field]: input.name } })
    moved += (r as { stats?: { updated?: number } }).stats?.updated ?? 0
    if (old.kind === 'committee') {
      for (const m of await findAll<LedgerMember>(ctx.db, 'members', { committees: old.name })) {
        await ctx.db.collection('members').doc(m._id).update({ data: { committees: committeesOf(m).map((c) => (c === old.name ? input.name : c)) } })
        moved += 1
      }
    }
  }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.saveGroup', target: id, details: { kind: input.kind, name: input.name, from: old?.name ?? null }, requestId: ctx.requestId }, ctx.now)
  const members = await findAll<LedgerMember>(ctx.db, 'members', input.kind === 'sector' ? { sector: input.name } : {})
  return { id, kind: input.kind, name: input.name, sortKey, members: counts(members)[input.kind].get(input.name) ?? (moved && 0) }
}

/** `ledger.setMemberGroups`: one sector and zero or more committees, by managed names; this year's and last year's scores follow. */
export const setMemberGroups: Handler<'ledger.setMemberGroups'> = async (input, ctx) => {
  const m = await findById<LedgerMember>(ctx.db, 'members', input.memberId)
  if (!m) throw new AppError('LEDGER.MEMBER_NOT_FOUND')
  const docs = await findAll<GroupDocument>(ctx.db, GROUPS, {})
  const has = (kind: 'sector' | 'committee', name: string) => docs.some((d) => d.kind === kind && d.name === name)
  if (!has('sector', input.sector) || input.committees.some((c) => !has('committee', c))) throw new AppError('LEDGER.GROUP_NOT_FOUND')
  const committees = [...new Set(input.committees)]
  await ctx.db.collection('members').doc(m._id).update({ data: { sector: input.sector, committees, updatedAt: ctx.now } })
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'ledger.setMemberGroups', target: m._id, details: { sector: input.sector, committees }, requestId: ctx.requestId }, ctx.now)
  const year = beijing(ctx.now).year()
  for (const y of [year - 1, year]) await recomputeScores(ctx.db, y, [m._id], ctx.now)
  return { memberId: m._id, sector: input.sector, committees }
}

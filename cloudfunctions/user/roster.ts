/**
 * The roster (委员名册): import from an .xlsx sheet staff upload, and the list
 * staff browse. Import is all-or-nothing: every row is checked first and any
 * bad row stops the whole import with per-row errors; re-import updates
 * entries by member number and keeps their WeChat binding.
 *
 * Sheet layout and row rules: src/core/roster.ts (shared with the console).
 */
import type { MemberSummary, RosterPick } from '../../src/core/actions/user'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { maskPhone } from '../../src/core/privacy'
import { escapeRegExp, cleanText } from '../../src/core/text'
import { checkRosterSheet, rosterCellText, ROSTER_MAX_ROWS, type RosterGroups, type RosterRow, type RowError } from '../../src/core/roster'
import { beijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById, findPage, rowsOf } from '../_shared/db'
import { assertOwnFile } from '../_shared/files'
import { auditIdFor } from '../_shared/audit'
import { addGroups, groupNames, readGroups } from '../_shared/groups'
import { recomputeScores } from '../_shared/ledger'
import { inParallel } from '../_shared/parallel'
import type { MemberDocument } from './binding'

/** Largest roster file accepted (bytes); the county's roster is ~700 rows, a few tens of KB. */
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024
export { ROSTER_MAX_ROWS }
export type { RosterRow, RowError }

/** Member id for a member number: stable, so re-import finds the same entry. */
export function memberIdFor(memberNumber: string): string {
  return `m-${memberNumber}`
}

/**
 * Parses and checks a roster workbook with the shared row rules
 * (src/core/roster.ts, also used by the desk console's preview) against the
 * managed sector and committee names `groups` (none given: names are not
 * checked). Pure apart from exceljs; returns rows or every row's problems
 * (never both).
 */
export async function parseRoster(buffer: Buffer, groups?: RosterGroups): Promise<{ rows: RosterRow[]; errors: RowError[] }> {
  // Loaded here, not at module load: exceljs is heavy and only the import needs it (cold start, issue 13 item 10).
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    throw new AppError('ROSTER.INVALID_FILE')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new AppError('ROSTER.INVALID_FILE', '名册文件中没有工作表')
  const header = new Map<number, string>()
  sheet.getRow(1).eachCell((cell, col) => header.set(col, rosterCellText(cell.value)))
  const checked = checkRosterSheet(header, sheet.rowCount, (r, c) => rosterCellText(sheet.getRow(r).getCell(c).value), groups)
  if (checked.sheetProblem) throw new AppError('ROSTER.INVALID_FILE', checked.sheetProblem)
  if (!checked.rows.length) throw new AppError('ROSTER.INVALID_FILE', '名册中没有委员')
  const errors: RowError[] = checked.rows.filter((r) => r.problem).map((r) => ({ row: r.row, message: r.problem }))
  if (errors.length) return { rows: [], errors }
  return { rows: checked.rows.map(({ row: _row, problem: _problem, ...entry }) => entry), errors }
}

/** Rows written per batch insert (the platform takes an array of documents in one request). */
export const ROSTER_INSERT_BATCH = 100
/** Single-document updates in flight at once (changed rows; each is its own round trip). */
export const ROSTER_UPDATE_PARALLEL = 20

/**
 * Imports the roster from the caller's uploaded .xlsx (`fileID`). Output
 * `{created, updated, total, addedGroups}` (`updated` = rows whose member
 * number was already on the roster; `addedGroups` = new sectors and
 * committees added to the managed lists). `fileID`: the caller's phone
 * upload or their console upload of kind roster (`console.upload`).
 * Errors: FILE.NOT_OWNED (not the caller's upload), ROSTER.INVALID_FILE,
 * ROSTER.ROW_ERRORS (`details`: RowError[]; nothing written).
 *
 * 界别 and 专委会 (issue 11 item 1): every row's sector and committees must
 * be managed names (`ledgerGroups`) or named in `newSectors` /
 * `newCommittees` — the new names staff saw in the console's preview and
 * confirmed; otherwise the row is bad (「X」不在界别名单中). Confirmed names the
 * sheet uses are added (one `set` each, id from kind + name) before any
 * member is written; confirmed names the sheet does not use are ignored.
 * Each member gets `sector`, `committees` (string[]) and `specialCommittee`
 * (the first committee, for readers that show one). Members whose name,
 * sector or committees changed get their ledger scores of this and last
 * Beijing year recomputed (the scores carry them for the ranking by sector
 * and committee; a locked year is left as it was).
 *
 * Sized for the county (700 rows inside the 20 s limit, issue 13 item 9):
 * the existing roster is read 100 at a time; new members are inserted
 * {@link ROSTER_INSERT_BATCH} per request; only rows that changed are
 * updated (unchanged rows cost nothing), {@link ROSTER_UPDATE_PARALLEL} at a
 * time; a bound member whose name or sector changed gets the change on their
 * `users` document too; one audit entry last. DB for 700 new rows: 1 group
 * read + 7 reads + 7 inserts + 1 audit. Not one transaction (a transaction of 700 writes is
 * 700 sequential round trips): the ids are derived from member numbers, so
 * a failure midway is completed by importing the same file again
 * (docs/decisions.md, lock-free roster import). A retry (same requestId)
 * finds the audit entry of its first attempt and answers the same counts
 * (one read by id before the import).
 */
export async function importRoster(input: { fileID: string; newSectors?: string[]; newCommittees?: string[] }, ctx: HandlerContext) {
  // The phone's own upload folder, or a roster the caller sent through the console (console.upload).
  await assertOwnFile(ctx, input.fileID, 'roster')
  // A retry of an import that went through answers its counts again (a
  // second pass would count every row as updated).
  const audit = { actor: ctx.openid, action: 'roster.import', target: input.fileID, requestId: ctx.requestId }
  const done = await findById<{ details: { created: number; updated: number; total: number; addedGroups?: number } }>(ctx.db, 'auditLog', auditIdFor(audit))
  if (done) return { created: done.details.created, updated: done.details.updated, total: done.details.total, addedGroups: done.details.addedGroups ?? 0 }
  let content: Buffer
  try {
    content = (await ctx.cloud.downloadFile({ fileID: input.fileID })).fileContent as Buffer
  } catch {
    throw new AppError('ROSTER.INVALID_FILE', '名册文件不存在，请重新上传')
  }
  if (content.length > ROSTER_MAX_BYTES) throw new AppError('ROSTER.INVALID_FILE', '名册文件不能超过 5 MB')
  const managed = groupNames(await readGroups(ctx.db))
  const confirmed: RosterGroups = { sectors: input.newSectors ?? [], committees: input.newCommittees ?? [] }
  const { rows, errors } = await parseRoster(content, { sectors: [...managed.sectors, ...confirmed.sectors], committees: [...managed.committees, ...confirmed.committees] })
  if (errors.length) throw new AppError('ROSTER.ROW_ERRORS', `名册中有 ${errors.length} 行错误，未导入任何数据`, errors)

  // The confirmed new names this sheet uses, added before the members that name them.
  const usedSectors = new Set(rows.map((r) => r.sector))
  const usedCommittees = new Set(rows.flatMap((r) => r.committees))
  const added = [
    ...[...new Set(confirmed.sectors)].filter((n) => usedSectors.has(n) && !managed.sectors.includes(n)).map((name) => ({ kind: 'sector' as const, name })),
    ...[...new Set(confirmed.committees)].filter((n) => usedCommittees.has(n) && !managed.committees.includes(n)).map((name) => ({ kind: 'committee' as const, name }))
  ]
  await addGroups(ctx.db, added, ctx.now)

  const existing = new Map((await findAll<MemberDocument>(ctx.db, 'members', {})).map((m) => [m._id, m]))
  const fresh: Record<string, unknown>[] = []
  const changed: { id: string; fields: Record<string, unknown>; before: MemberDocument; renamed: boolean; regrouped: boolean }[] = []
  for (const row of rows) {
    const id = memberIdFor(row.memberNumber)
    const fields = { memberNumber: row.memberNumber, name: row.name, sector: row.sector, phone: row.phone ?? null, committees: row.committees, specialCommittee: row.committees[0] ?? null }
    const before = existing.get(id)
    if (!before) {
      fresh.push({ _id: id, ...fields, updatedAt: ctx.now, boundOpenid: null, createdAt: ctx.now })
      continue
    }
    const old = before as unknown as Record<string, unknown>
    const same = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => JSON.stringify(old[k] ?? null) === JSON.stringify(fields[k]))
    if (!same) {
      const renamed = before.name !== row.name || before.sector !== row.sector
      const regrouped = renamed || JSON.stringify(before.committees ?? (before.specialCommittee ? [before.specialCommittee] : [])) !== JSON.stringify(row.committees)
      changed.push({ id, fields: { ...fields, updatedAt: ctx.now }, before, renamed, regrouped })
    }
  }
  for (let i = 0; i < fresh.length; i += ROSTER_INSERT_BATCH) {
    await ctx.db.collection('members').add({ data: fresh.slice(i, i + ROSTER_INSERT_BATCH) })
  }
  await inParallel(changed, ROSTER_UPDATE_PARALLEL, async (c) => {
    await ctx.db.collection('members').doc(c.id).update({ data: c.fields })
    // The bound WeChat carries a copy of name and sector (users.member, read by user.me and on every call).
    if (c.before.boundOpenid && c.renamed) {
      await ctx.db.collection('users').doc(c.before.boundOpenid).update({ data: { member: { id: c.id, name: c.fields.name, sector: c.fields.sector }, updatedAt: ctx.now } })
    }
  })
  // The ranking by sector and committee reads the score documents: they follow the roster.
  const regrouped = changed.filter((c) => c.regrouped).map((c) => c.id)
  if (regrouped.length) {
    const year = beijing(ctx.now).year()
    for (const y of [year - 1, year]) await recomputeScores(ctx.db, y, regrouped, ctx.now)
  }
  const created = fresh.length
  const updated = rows.length - created
  await ctx.db
    .collection('auditLog')
    .doc(auditIdFor(audit))
    .set({ data: { ...audit, details: { created, updated, total: rows.length, changed: changed.length, addedGroups: added.length, ...(added.length ? { groups: added.map((g) => g.name) } : {}) }, at: ctx.now } })
  return { created, updated, total: rows.length, addedGroups: added.length }
}

/** The roster by member number, with binding status; phones in full (staff only). One read. */
export async function listMembers(input: { limit?: number; cursor?: string; keyword?: string }, ctx: HandlerContext): Promise<Page<MemberSummary>> {
  const caller = await ctx.caller()
  const keyword = input.keyword ? cleanText(input.keyword) : ''
  const where = keyword ? { name: ctx.db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) } : {}
  const page = await findPage<MemberDocument>(ctx.db, 'members', { where, sortField: 'memberNumber', direction: 'asc', limit: input.limit, cursor: input.cursor })
  const staff = caller.roles.includes('staff')
  return {
    items: page.items.map((m) => ({
      id: m._id,
      memberNumber: m.memberNumber,
      name: m.name,
      sector: m.sector,
      phone: m.phone ? (staff ? m.phone : maskPhone(m.phone)) : undefined,
      bound: Boolean(m.boundOpenid)
    })),
    nextCursor: page.nextCursor
  }
}

/** Hits of {@link searchRoster}: at most this many. */
export const ROSTER_SEARCH_LIMIT = 20

/**
 * Roster members whose name contains `name` (case-insensitive, literal),
 * at most ROSTER_SEARCH_LIMIT by member number, for an organiser to pick
 * invitees by name (staff, studio admins). Only what picking needs: roster
 * id, name, sector, special committee. One read.
 */
export async function searchRoster(input: { name: string }, ctx: HandlerContext): Promise<{ items: RosterPick[] }> {
  await ctx.caller()
  const name = cleanText(input.name)
  if (!name) throw new AppError('COMMON.INVALID_INPUT', '请输入委员姓名')
  const found = rowsOf<MemberDocument>(
    await ctx.db
      .collection('members')
      .where({ name: ctx.db.RegExp({ regexp: escapeRegExp(name), options: 'i' }) })
      .orderBy('memberNumber', 'asc')
      .limit(ROSTER_SEARCH_LIMIT)
      .get()
  )
  return {
    items: found.map((m) => ({
      memberId: m._id,
      name: m.name,
      sector: m.sector,
      ...(m.specialCommittee ? { specialCommittee: m.specialCommittee } : {})
    }))
  }
}

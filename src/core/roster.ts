/**
 * The roster sheet's row rules (委员名册), shared by the server's
 * `user.importRoster` (cloudfunctions/user/roster.ts) and the desk console's
 * preview, so both report the same problem for the same row.
 *
 * Sheet layout (first worksheet, first row = headers, any order):
 * 委员编号 | 姓名 | 界别 | 手机号 (optional) | 专委会 (optional; several
 * separated by 、 ， , ； or ;)
 *
 * 界别 and 专委会 are managed data (collection `ledgerGroups`, edited by
 * staff; issue 11 item 1): given the managed names, a name not on them is a
 * bad row, unless staff confirm adding it (docs/decisions.md, roster groups).
 *
 * Pure: no exceljs here; callers read cells with {@link rosterCellText} and
 * hand over texts by row.
 */
import { cleanText, countCharacters } from './text'

/** Most data rows accepted in one sheet. */
export const ROSTER_MAX_ROWS = 2000

export const ROSTER_HEADERS = { memberNumber: '委员编号', name: '姓名', sector: '界别', phone: '手机号', committees: '专委会' } as const

/** Most committees one member sits on (as `ledger.setMemberGroups` allows). */
export const ROSTER_MAX_COMMITTEES = 5

export interface RosterRow {
  memberNumber: string
  name: string
  sector: string
  phone?: string
  /** The member's committees (专委会), in the sheet's order, no repeats; [] for none. */
  committees: string[]
}

/** The managed names a sheet is checked against (ledgerGroups; plus any new names staff confirmed). */
export interface RosterGroups {
  sectors: string[]
  committees: string[]
}

/** Splits a 专委会 cell into names: separated by 、 ， , ； or ; (spaces around them trimmed), repeats dropped. */
export function splitCommittees(text: string): string[] {
  return [...new Set(text.split(/[、，,；;]/).map((t) => t.trim()).filter(Boolean))]
}

export interface RowError {
  /** 1-based row number as Excel shows it. */
  row: number
  message: string
}

/** One sheet row as the preview shows it: the cleaned texts and its problem ('' when fine). */
export interface RosterPreviewRow extends RosterRow {
  row: number
  problem: string
}

/**
 * A cell's text from an exceljs cell value. Error values (#N/A, a formula
 * whose result is an error) and any other object read as '' so the row
 * check reports them, never as '[object Object]'.
 */
export function rosterCellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString()
    const v = value as Record<string, unknown>
    if ('error' in v) return ''
    if ('text' in v) return typeof v.text === 'string' ? v.text : rosterCellText(v.text)
    if ('result' in v && v.result !== undefined) return rosterCellText(v.result)
    if ('richText' in v && Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('')
    return ''
  }
  return String(value)
}

/**
 * Checks a sheet given as `header` (row 1's cell texts by column, 1-based
 * index → text) and `cells(r, col)` for data rows 2..`rowCount`.
 * Returns every non-blank row with its problem ('' when fine), or
 * `sheetProblem` (Chinese) when the header lacks a required column or there are too many rows. Rules (as
 * `user.importRoster` has applied them since the roster landed): 委员编号 1-20 letters,
 * digits or '-', unique; 姓名 1-20 characters; 界别 1-30; 手机号 optional,
 * 11 digits starting with 1 (spaces and '-' removed); 专委会 optional, at most
 * {@link ROSTER_MAX_COMMITTEES} names (see {@link splitCommittees}) of ≤ 30 each.
 *
 * With `groups` (the managed names), a 界别 or 专委会 not on them is a
 * problem of its row (「X」不在界别名单中), and `unknown` lists every such
 * name once, in sheet order, so the console can offer to add them.
 */
export function checkRosterSheet(
  header: Map<number, string>,
  rowCount: number,
  cells: (row: number, col: number) => string,
  groups?: RosterGroups
): { rows: RosterPreviewRow[]; sheetProblem?: string; unknown: RosterGroups } {
  const unknown: RosterGroups = { sectors: [], committees: [] }
  const columns: Partial<Record<keyof RosterRow, number>> = {}
  for (const [col, raw] of header) {
    const text = cleanText(raw)
    for (const [key, label] of Object.entries(ROSTER_HEADERS)) if (text === label) columns[key as keyof RosterRow] = col
  }
  const missing = (['memberNumber', 'name', 'sector'] as const).filter((k) => !columns[k])
  if (missing.length) return { rows: [], sheetProblem: `名册缺少列：${missing.map((k) => ROSTER_HEADERS[k]).join('、')}`, unknown }
  if (rowCount - 1 > ROSTER_MAX_ROWS) return { rows: [], sheetProblem: `名册最多 ${ROSTER_MAX_ROWS} 行`, unknown }
  const knownSectors = new Set(groups?.sectors)
  const knownCommittees = new Set(groups?.committees)

  const rows: RosterPreviewRow[] = []
  const seen = new Map<string, number>()
  for (let r = 2; r <= rowCount; r++) {
    const get = (key: keyof RosterRow) => (columns[key] ? cleanText(cells(r, columns[key]!)) : '')
    const committeeText = get('committees')
    const entry: RosterRow = { memberNumber: get('memberNumber'), name: get('name'), sector: get('sector'), committees: splitCommittees(committeeText) }
    const phone = get('phone').replace(/[\s-]/g, '')
    if (!entry.memberNumber && !entry.name && !entry.sector && !phone && !committeeText) continue // blank line
    const problems: string[] = []
    if (!/^[A-Za-z0-9-]{1,20}$/.test(entry.memberNumber)) problems.push('委员编号应为 1-20 位字母、数字或横线')
    if (!entry.name || countCharacters(entry.name) > 20) problems.push('姓名应为 1-20 个字')
    if (!entry.sector || countCharacters(entry.sector) > 30) problems.push('界别应为 1-30 个字')
    if (phone && !/^1\d{10}$/.test(phone)) problems.push('手机号应为 11 位数字')
    if (entry.committees.some((c) => countCharacters(c) > 30)) problems.push('每个专委会名称不能超过 30 个字')
    if (entry.committees.length > ROSTER_MAX_COMMITTEES) problems.push(`最多填写 ${ROSTER_MAX_COMMITTEES} 个专委会`)
    if (groups && entry.sector && countCharacters(entry.sector) <= 30 && !knownSectors.has(entry.sector)) {
      problems.push(`界别「${entry.sector}」不在界别名单中`)
      if (!unknown.sectors.includes(entry.sector)) unknown.sectors.push(entry.sector)
    }
    const strangers = groups ? entry.committees.filter((c) => countCharacters(c) <= 30 && !knownCommittees.has(c)) : []
    if (strangers.length) problems.push(`专委会${strangers.map((c) => `「${c}」`).join('')}不在专委会名单中`)
    for (const c of strangers) if (!unknown.committees.includes(c)) unknown.committees.push(c)
    const earlier = seen.get(entry.memberNumber)
    if (entry.memberNumber && earlier) problems.push(`委员编号与第 ${earlier} 行重复`)
    if (entry.memberNumber) seen.set(entry.memberNumber, r)
    rows.push({ row: r, ...entry, ...(phone ? { phone } : {}), problem: problems.join('；') })
  }
  return { rows, unknown }
}

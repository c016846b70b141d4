/**
 * `search.query`: one literal search over the four kinds of public content
 * (issue 12 item 8). Each kind keeps the visibility rule of its public list:
 *
 * - topics: `visible` (not a draft, not held by the content check; the
 *   topic list's filter) and not merged away (a merged topic only points at
 *   the one it joined);
 * - activities: `listed` (published and not held; the activity list's
 *   filter) and not cancelled (decision 87);
 * - studios: not `hidden` (the studio list's filter; held profile text lives
 *   in `heldProfile`, never in the searched fields);
 * - announcements: `state: 'published'` (the announcement list's filter).
 *
 * Hits of all kinds are ordered newest first by one date per kind
 * ({@link sources}), ties by `<kind>:<_id>` descending, so one cursor
 * `[date, '<kind>:<_id>']` pages through the merged list: each page makes
 * one read per kind searched (at most 4, `limit + 1` rows each, in parallel)
 * and keeps the first `limit` of the merged rows.
 */
import type { ParsedInput } from '../../src/core/contract'
import { AppError } from '../../src/core/errors'
import { decodeCursor, encodeCursor, PAGE_SIZE_MAX, type CursorPosition } from '../../src/core/paging'
import { searchKinds, SEARCH_PAGE_DEFAULT, type SearchHit, type SearchKind } from '../../src/core/actions/search'
import { escapeRegExp, splitCharacters } from '../../src/core/text'
import { serverPages } from '../../src/core/pages'
import type { HandlerContext } from '../_shared/define-function'
import type { Database } from '../_shared/cloud'
import { rowsOf } from '../_shared/db'

type Command = Database['command']

/** How one kind is searched and shown. */
interface Source {
  collection: string
  /** The public list's filter (see the module doc). */
  visible: (_: Command) => Record<string, unknown>
  /** Field holding the title, and the summary fields searched after it. */
  title: string
  summary: string[]
  /** Date field the hits are ordered by and show (a Date on every document of the kind). */
  date: string
  /** Page that opens a hit (`?id=`), from the one table of pages (`src/core/pages.ts`), with a leading slash for `navigateTo`. */
  route: string
}

const sources: Record<SearchKind, Source> = {
  topic: {
    collection: 'topics',
    visible: (_) => ({ visible: true, state: _.neq('merged') }),
    title: 'title',
    summary: ['description'],
    date: 'updatedAt',
    route: `/${serverPages.topic}`
  },
  activity: {
    collection: 'activities',
    visible: (_) => ({ listed: true, state: _.neq('cancelled') }),
    title: 'title',
    summary: ['description'],
    date: 'startAt',
    route: `/${serverPages.activity}`
  },
  studio: {
    collection: 'studios',
    visible: (_) => ({ hidden: _.neq(true) }),
    title: 'name',
    summary: ['intro'],
    date: 'updatedAt',
    route: `/${serverPages.studio}`
  },
  announcement: {
    collection: 'announcements',
    visible: () => ({ state: 'published' }),
    title: 'title',
    summary: ['body'],
    date: 'publishedAt',
    route: `/${serverPages.announcement}`
  }
}

/** A searched document: only the fields read (see the projection in {@link searchKind}). */
type Row = Record<string, unknown> & { _id: string }

interface Found {
  kind: SearchKind
  row: Row
  at: Date
  /** `<kind>:<_id>`: the tie-break, and the cursor's id. */
  key: string
}

/**
 * Search `input.text` literally. Errors: COMMON.INVALID_INPUT for a cursor
 * this function did not write (checked before any read).
 */
export async function query(input: ParsedInput<'search.query'>, ctx: HandlerContext): Promise<{ items: SearchHit[]; nextCursor?: string }> {
  const limit = Math.min(input.limit ?? SEARCH_PAGE_DEFAULT, PAGE_SIZE_MAX)
  const after = positionOf(input.cursor)
  const kinds = input.kind ? [input.kind] : [...searchKinds]
  const pattern = escapeRegExp(input.text)
  const found = (await Promise.all(kinds.map((kind) => searchKind(ctx.db, kind, pattern, after, limit)))).flat()
  found.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
  const page = found.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map((f) => hitOf(f, input.text)),
    ...(found.length > limit && last ? { nextCursor: encodeCursor({ key: `d:${last.at.toISOString()}`, id: last.key }) } : {})
  }
}

/** The cursor's position as a date and a `<kind>:<_id>` key; anything else is COMMON.INVALID_INPUT. */
function positionOf(cursor: string | undefined): { at: Date; kind: SearchKind; id: string; key: string } | undefined {
  let position: CursorPosition | undefined
  try {
    position = decodeCursor(cursor)
  } catch {
    position = { key: '', id: '' }
  }
  if (!position) return undefined
  const split = /^([a-z]+):(.+)$/.exec(position.id)
  const kind = split?.[1] as SearchKind | undefined
  if (typeof position.key !== 'string' || !position.key.startsWith('d:') || !split || !kind || !searchKinds.includes(kind)) {
    throw new AppError('COMMON.INVALID_INPUT', '翻页参数不正确', [{ path: 'cursor', message: '翻页参数不正确' }])
  }
  return { at: new Date(position.key.slice(2)), kind, id: split[2], key: position.id }
}

/**
 * One read: the next `limit + 1` public documents of `kind` whose title or
 * summary contains `pattern` (already escaped), after the cursor in the
 * merged order (see the module doc).
 */
async function searchKind(db: Database, kind: SearchKind, pattern: string, after: ReturnType<typeof positionOf>, limit: number): Promise<Found[]> {
  const _ = db.command
  const source = sources[kind]
  const re = db.RegExp({ regexp: pattern, options: 'i' })
  const conditions: unknown[] = [source.visible(_), _.or([source.title, ...source.summary].map((field) => ({ [field]: re })))]
  if (after) {
    // Same date: a lower `<kind>:<_id>` comes later. For another kind the
    // comparison is decided by the kind's name (no kind is a prefix of another).
    if (kind === after.kind) conditions.push(_.or([{ [source.date]: _.lt(after.at) }, { [source.date]: _.eq(after.at), _id: _.lt(after.id) }]))
    else conditions.push({ [source.date]: kind < after.kind ? _.lte(after.at) : _.lt(after.at) })
  }
  const fields = Object.fromEntries([source.title, ...source.summary, source.date].map((f) => [f, true]))
  const rows = rowsOf<Row>(
    await db
      .collection(source.collection)
      .where(_.and(conditions as Record<string, unknown>[]) as unknown as Record<string, unknown>)
      .field(fields)
      .orderBy(source.date, 'desc')
      .orderBy('_id', 'desc')
      .limit(limit + 1)
      .get()
  )
  return rows.flatMap((row) => {
    const value = row[source.date]
    const at = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
    return at && !Number.isNaN(at.getTime()) ? [{ kind, row, at, key: `${kind}:${row._id}` }] : []
  })
}

function hitOf(found: Found, text: string): SearchHit {
  const source = sources[found.kind]
  const title = String(found.row[source.title] ?? '')
  const summary = source.summary.map((f) => String(found.row[f] ?? '')).join(' ')
  return { kind: found.kind, id: found.row._id, title, snippet: snippetOf(summary, text), date: found.at.toISOString(), route: source.route }
}

/** Characters shown before the match in a snippet. */
const SNIPPET_BEFORE = 12
/** Longest snippet, in characters as a person sees them (without the `…`). */
export const SNIPPET_LENGTH = 40

/**
 * A piece of `summary` (newlines folded) around the first case-insensitive
 * literal occurrence of `text`: up to {@link SNIPPET_BEFORE} characters
 * before it, {@link SNIPPET_LENGTH} in all, `…` where cut; the summary's
 * start when it does not contain `text` (the title matched). Cuts only at
 * grapheme boundaries, so no emoji is split.
 */
export function snippetOf(summary: string, text: string): string {
  const chars = splitCharacters(summary.replace(/\s+/g, ' ').trim())
  const needle = splitCharacters(text.toLowerCase())
  const lower = chars.map((c) => c.toLowerCase())
  let at = -1
  for (let i = 0; i + needle.length <= lower.length && at < 0; i += 1) {
    if (needle.every((c, j) => lower[i + j] === c)) at = i
  }
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - SNIPPET_BEFORE, chars.length - SNIPPET_LENGTH))
  const end = Math.min(chars.length, start + SNIPPET_LENGTH)
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`
}

/**
 * The one ledger-line writer (issue 11, "The ledger"). Every function whose
 * records are duty work (activity, opinion, proposal, and the ledger's own
 * offline lines and claims) calls into this file; nothing else writes
 * `ledgerLines` or `ledgerScores`.
 *
 * - A line's `_id` is derived from kind + source + member (+ part, e.g. one
 *   upward record of an opinion), so writing it again is an upsert of the
 *   same document: a retried request or a re-run never counts twice.
 * - Sources are re-read and their lines re-derived ({@link syncActivity},
 *   {@link syncOpinion}, {@link syncProposal}): whatever lines the source
 *   should have now are written, and its lines it should no longer have
 *   (a reversed check-in, a withdrawn proposal) are marked `reversed`.
 *   A source change that runs in a transaction writes its lines and the
 *   member's score inside it ({@link syncLinesInTx} and its activity,
 *   opinion and proposal variants; decision 93). The others sync right
 *   after the source change (wrapper {@link afterSource} in their route
 *   tables); if that call is lost (a crash), the `repair` timer of the
 *   `ledger` function ({@link repairYear}) re-derives every source of the
 *   year, writes what is missing and rescores the year.
 * - A locked year is not changed: the change is logged in `ledgerLate`.
 * - Each change recomputes the member's `ledgerScores` document of the year
 *   from the lines only ({@link recomputeScores}).
 *
 * Collections: ledgerLines, ledgerScores, ledgerYears, ledgerObjections, ledgerLate.
 */
import { createHash } from 'crypto'
import type { Database } from './cloud'
import { findAll, rowsOf } from './db'
import { inParallel } from './parallel'
import { getInTx, type Tx } from './transaction'
import { beijing, beijingYear, formatBeijing } from '../../src/core/time'
import { defaultLedgerRules, ledgerKindLabels, type LedgerKind, type LedgerLineView, type LedgerRules, type LedgerYearState, type SourceLink } from '../../src/core/actions/ledger'
import type { ActivityKind, ActivityType } from '../../src/core/actions/activity'
import type { RegistrationState } from '../../src/core/actions/activity'
import { scoreYear } from '../../src/core/ledger'

export const LINES = 'ledgerLines'
export const SCORES = 'ledgerScores'
export const YEARS = 'ledgerYears'
export const OBJECTIONS = 'ledgerObjections'
export const LATE = 'ledgerLate'

export type SourceType = SourceLink['type']

/** Shape of a `ledgerLines` document. */
export interface LineDocument {
  _id: string
  kind: LedgerKind
  memberId: string
  /** Beijing year of `date`. */
  year: number
  date: Date
  sourceType: SourceType
  sourceId: string
  /** `<sourceType>:<sourceId>` (indexed: a source's lines in one read). */
  sourceKey: string
  title: string
  state: 'active' | 'reversed'
  note?: string
  fileID?: string
  writtenAt: Date
  reversedAt?: Date
}

/** A line a source should have now. */
export interface DesiredLine {
  kind: LedgerKind
  memberId: string
  date: Date
  title: string
  /** Distinguishes several lines of one kind for one member from one source (e.g. each 批示). */
  part?: string
  note?: string
  fileID?: string
}

/** Shape of a `ledgerYears` document (`_id` = the year as text). */
export interface YearDocument {
  _id: string
  year: number
  rules?: LedgerRules
  window?: { startAt: Date; endAt: Date; startDate: string; endDate: string }
  locked?: boolean
  lockedAt?: Date
  updatedAt?: Date
}

/** Shape of a `ledgerObjections` document. */
export interface ObjectionDocument {
  _id: string
  year: number
  lineId: string
  memberId: string
  memberName: string
  openid: string
  reason: string
  state: 'open' | 'accepted' | 'refused'
  answer?: string
  /** Corrected points when accepted. */
  points?: number
  submittedAt: Date
  answeredAt?: Date
  answeredBy?: string
}

/** Shape of a `ledgerScores` document (`_id` = `<year>-<memberId>`): what 我的履职 and the ranking read. */
export interface ScoreDocument {
  _id: string
  year: number
  memberId: string
  name: string
  sector: string
  committees: string[]
  score: number
  grade: string
  gradeLabel: string
  byKind: { kind: LedgerKind; label: string; count: number; points: number }[]
  dutyLines: number
  absences: number
  lines: (Omit<LedgerLineView, 'date'> & { date: Date })[]
  state: { window?: YearDocument['window']; locked: boolean; lockedAt?: Date }
  computedAt: Date
}


/** Minimal roster fields the ledger reads. */
export interface LedgerMember {
  _id: string
  name: string
  sector: string
  specialCommittee?: string
  committees?: string[]
}

/** A member's committees: the managed list when set, else the roster's single 专委会. */
export function committeesOf(m: Pick<LedgerMember, 'specialCommittee' | 'committees'>): string[] {
  if (Array.isArray(m.committees)) return m.committees
  return m.specialCommittee ? [m.specialCommittee] : []
}

/** Beijing calendar year of an instant. */
export function yearOf(date: Date): number {
  return beijing(date).year()
}

/** Deterministic line id from kind + source + member (+ part): `l-` + 32 hex digits of SHA-256. */
export function lineIdOf(kind: LedgerKind, sourceType: SourceType, sourceId: string, memberId: string, part = ''): string {
  return `l-${createHash('sha256').update(`${kind}\n${sourceType}\n${sourceId}\n${memberId}\n${part}`).digest('hex').slice(0, 32)}`
}

export function sourceKeyOf(type: SourceType, id: string): string {
  return `${type}:${id}`
}

/** The rules in force for a year document (the default 办法 until staff save the year's own). */
export function rulesOf(doc: YearDocument | null | undefined): LedgerRules {
  return doc?.rules ?? defaultLedgerRules
}

/** A year's evaluation state as the views show it. */
export function yearStateOf(year: number, doc: Pick<YearDocument, 'window' | 'locked' | 'lockedAt'> | null | undefined, now: Date): LedgerYearState {
  const w = doc?.window
  return {
    year,
    ...(w ? { window: { startAt: new Date(w.startAt).toISOString(), endAt: new Date(w.endAt).toISOString(), startDate: w.startDate, endDate: w.endDate } } : {}),
    windowOpen: !!w && !doc?.locked && now.getTime() >= new Date(w.startAt).getTime() && now.getTime() < new Date(w.endAt).getTime(),
    locked: doc?.locked === true,
    ...(doc?.lockedAt ? { lockedAt: new Date(doc.lockedAt).toISOString() } : {})
  }
}

async function yearDocs(db: Database, years: number[]): Promise<Map<number, YearDocument>> {
  const out = new Map<number, YearDocument>()
  if (!years.length) return out
  const _ = db.command
  const rows = rowsOf<YearDocument>(await db.collection(YEARS).where({ _id: _.in(years.map(String)) }).limit(100).get())
  for (const r of rows) out.set(r.year, r)
  return out
}

function sameLine(a: LineDocument, b: Omit<LineDocument, 'writtenAt'>): boolean {
  return a.state === 'active' && a.kind === b.kind && a.memberId === b.memberId && a.year === b.year && new Date(a.date).getTime() === b.date.getTime() && a.title === b.title && (a.note ?? '') === (b.note ?? '') && (a.fileID ?? '') === (b.fileID ?? '')
}

export interface SyncResult {
  written: number
  reversed: number
  late: number
  /** `<year>\n<memberId>` pairs whose score must be recomputed. */
  touched: Set<string>
}

/** One line write the planner decided: the document (without `writtenAt`) and whether it existed before. */
interface PlannedWrite {
  line: Omit<LineDocument, 'writtenAt'>
  fresh: boolean
}

/** What {@link planLines} decided for a set of sources: lines to write, to reverse, and changes of locked years to log. */
interface LinePlan {
  writes: PlannedWrite[]
  reversals: LineDocument[]
  late: { line: Pick<LineDocument, '_id' | 'year' | 'memberId' | 'kind' | 'sourceType' | 'sourceId' | 'title'>; change: 'write' | 'reverse' }[]
  touched: Set<string>
}

/**
 * Pure: compares what sources should have (`desired`, by source key) with
 * the lines they have (`existing`, any state) and decides the writes
 * (missing or changed lines, by deterministic id), the reversals (active
 * lines no longer wanted) and, for a locked year, the changes to log
 * instead. The one rule both writers follow ({@link applyLines} outside a
 * transaction, {@link syncLinesInTx} inside one).
 */
function planLines(desired: Map<string, DesiredLine[]>, existing: LineDocument[], locked: (year: number) => boolean): LinePlan {
  const plan: LinePlan = { writes: [], reversals: [], late: [], touched: new Set() }
  const byId = new Map(existing.map((l) => [l._id, l]))
  const wanted = new Map<string, Omit<LineDocument, 'writtenAt'>>()
  for (const [key, lines] of desired) {
    const [sourceType, ...rest] = key.split(':')
    const sourceId = rest.join(':')
    for (const d of lines) {
      const id = lineIdOf(d.kind, sourceType as SourceType, sourceId, d.memberId, d.part)
      wanted.set(id, {
        _id: id,
        kind: d.kind,
        memberId: d.memberId,
        year: yearOf(d.date),
        date: d.date,
        sourceType: sourceType as SourceType,
        sourceId,
        sourceKey: key,
        title: d.title,
        state: 'active',
        ...(d.note ? { note: d.note } : {}),
        ...(d.fileID ? { fileID: d.fileID } : {})
      })
    }
  }
  for (const line of wanted.values()) {
    const old = byId.get(line._id)
    if (old && sameLine(old, line)) continue
    if (locked(line.year) || (old && old.year !== line.year && locked(old.year))) {
      plan.late.push({ line, change: 'write' })
      continue
    }
    plan.writes.push({ line, fresh: !old })
    plan.touched.add(`${line.year}\n${line.memberId}`)
    if (old && old.year !== line.year) plan.touched.add(`${old.year}\n${old.memberId}`)
  }
  for (const old of existing) {
    if (old.state !== 'active' || wanted.has(old._id)) continue
    if (locked(old.year)) {
      plan.late.push({ line: old, change: 'reverse' })
      continue
    }
    plan.reversals.push(old)
    plan.touched.add(`${old.year}\n${old.memberId}`)
  }
  return plan
}

/** The `ledgerLate` entry of a change a locked year did not take: deterministic id from line + change. */
function lateEntry(item: LinePlan['late'][number], now: Date): { id: string; data: Record<string, unknown> } {
  const { line, change } = item
  const id = `late-${createHash('sha256').update(`${line._id}\n${change}`).digest('hex').slice(0, 32)}`
  return { id, data: { year: line.year, lineId: line._id, memberId: line.memberId, kind: line.kind, change, sourceType: line.sourceType, sourceId: line.sourceId, title: line.title, at: now } }
}

/**
 * Brings the lines of several sources to what they should be: `desired`
 * maps each source key (`<type>:<id>`) to its lines now; `existing` holds the
 * lines those sources have (any state). Writes missing or changed lines
 * (`set` on the deterministic id), reverses lines no longer wanted, logs
 * instead of applying in a locked year. Does not recompute scores (see
 * {@link recomputeScores} with the answer's `touched`).
 */
export async function applyLines(db: Database, desired: Map<string, DesiredLine[]>, existing: LineDocument[], now: Date, options: { bulk?: boolean } = {}): Promise<SyncResult> {
  const years = new Set<number>()
  for (const lines of desired.values()) for (const d of lines) years.add(yearOf(d.date))
  for (const l of existing) years.add(l.year)
  const docs = await yearDocs(db, [...years])
  const plan = planLines(desired, existing, (year) => docs.get(year)?.locked === true)
  const result: SyncResult = { written: plan.writes.length, reversed: plan.reversals.length, late: plan.late.length, touched: plan.touched }

  const writes: (() => Promise<unknown>)[] = []
  const inserts: Record<string, unknown>[] = []
  for (const item of plan.late) {
    const { id, data } = lateEntry(item, now)
    writes.push(async () => {
      await db.collection(LATE).doc(id).set({ data })
    })
  }
  for (const { line, fresh } of plan.writes) {
    if (options.bulk && fresh) {
      inserts.push({ ...line, writtenAt: now })
      continue
    }
    writes.push(async () => {
      await db.collection(LINES).doc(line._id).set({ data: clean({ ...line, writtenAt: now } as Record<string, unknown>) })
    })
  }
  for (const old of plan.reversals) {
    writes.push(async () => {
      await db.collection(LINES).doc(old._id).update({ data: { state: 'reversed', reversedAt: now } })
    })
  }
  await inParallel(writes, 10, (w) => w())
  // bulk: new lines 100 per insert request (the demo load; a duplicate id falls back to one upsert each)
  for (let i = 0; i < inserts.length; i += 100) {
    const chunk = inserts.slice(i, i + 100)
    try {
      await db.collection(LINES).add({ data: chunk })
    } catch {
      await inParallel(chunk, 10, async (line) => {
        await db.collection(LINES).doc(line._id as string).set({ data: clean(line) })
      })
    }
  }
  return result
}

/** Strips `_id: undefined` (set() takes the id from doc()). */
function clean<T extends Record<string, unknown>>(doc: T): T {
  const out = { ...doc }
  delete out._id
  return out
}

/** Syncs one source: reads its lines (one read) and applies `desired`, then recomputes the touched scores. */
export async function syncSource(db: Database, type: SourceType, id: string, desired: DesiredLine[], now: Date): Promise<SyncResult> {
  const key = sourceKeyOf(type, id)
  const existing = await findAll<LineDocument>(db, LINES, { sourceKey: key })
  const result = await applyLines(db, new Map([[key, desired]]), existing, now)
  await recomputeTouched(db, result.touched, now)
  return result
}

/** Recomputes the scores of `<year>\n<memberId>` pairs, grouped by year. */
export async function recomputeTouched(db: Database, touched: Set<string>, now: Date): Promise<number> {
  const byYear = new Map<number, string[]>()
  for (const pair of touched) {
    const [y, m] = pair.split('\n')
    byYear.set(Number(y), [...(byYear.get(Number(y)) ?? []), m])
  }
  let n = 0
  for (const [year, ids] of byYear) n += await recomputeScores(db, year, ids, now)
  return n
}

/** A line as a score document embeds it (points filled by {@link scoreDocOf}). */
export type ScoreEntry = ScoreDocument['lines'][number]

/** The embedded entry of an active line with its objection (if any); points are set when the document is scored. */
export function entryOf(l: LineDocument, o: ObjectionDocument | null | undefined): ScoreEntry {
  return {
    id: l._id,
    kind: l.kind,
    kindLabel: ledgerKindLabels[l.kind],
    date: new Date(l.date),
    source: { type: l.sourceType, id: l.sourceId, title: l.title },
    points: 0,
    counted: 0,
    ...(o?.state === 'accepted' && typeof o.points === 'number' ? { corrected: { points: o.points, reason: o.answer ?? '' } } : {}),
    ...(o ? { objection: { id: o._id, state: o.state, reason: o.reason, ...(o.answer ? { answer: o.answer } : {}) } } : {})
  }
}

/**
 * Pure: a member's score document of one year from the entries of their
 * active lines (corrections included) under `rules`: score, grade, counts
 * per kind, points per line (newest first). The one scoring both the
 * recompute from `ledgerLines` and the in-transaction writer use.
 */
export function scoreDocOf(year: number, m: LedgerMember, entries: ScoreEntry[], rules: LedgerRules, state: ScoreDocument['state'], now: Date): ScoreDocument {
  const result = scoreYear(entries.map((e) => ({ id: e.id, kind: e.kind, date: new Date(e.date), correctedPoints: e.corrected?.points })), rules)
  const lines = entries
    .map((e) => {
      const s = result.lines.get(e.id)!
      return { ...e, date: new Date(e.date), points: s.points, counted: s.counted }
    })
    .sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : 1))
  return {
    _id: `${year}-${m._id}`,
    year,
    memberId: m._id,
    name: m.name,
    sector: m.sector,
    committees: committeesOf(m),
    score: result.score,
    grade: result.grade,
    gradeLabel: result.gradeLabel,
    byKind: result.byKind,
    dutyLines: result.dutyLines,
    absences: result.absences,
    lines,
    state,
    computedAt: now
  }
}

/**
 * Recomputes `ledgerScores` of one year from the lines only (never the
 * sources): for `memberIds`, or for the whole roster when omitted (every
 * member gets a document, score 0 without lines). A locked year is left as
 * it was (answers 0). Reads: year doc, lines, objections, members (paged by
 * 100); writes one `set` per member. Answers the number of scores written.
 */
export async function recomputeScores(db: Database, year: number, memberIds: string[] | undefined, now: Date): Promise<number> {
  const _ = db.command
  const yearDoc = (await yearDocs(db, [year])).get(year)
  if (yearDoc?.locked) return 0
  const rules = rulesOf(yearDoc)
  const ids = memberIds ? [...new Set(memberIds)] : undefined
  const chunks = ids ? Array.from({ length: Math.ceil(ids.length / 100) }, (_x, i) => ids.slice(i * 100, i * 100 + 100)) : [undefined]
  const lines: LineDocument[] = []
  const objections: ObjectionDocument[] = []
  const members: LedgerMember[] = []
  for (const chunk of chunks) {
    const byMember = chunk ? { memberId: _.in(chunk) } : {}
    lines.push(...(await findAll<LineDocument>(db, LINES, { year, state: 'active', ...byMember })))
    objections.push(...(await findAll<ObjectionDocument>(db, OBJECTIONS, { year, ...byMember })))
    members.push(...(await findAll<LedgerMember>(db, 'members', chunk ? { _id: _.in(chunk) } : {})))
  }
  const linesOf = new Map<string, LineDocument[]>()
  for (const l of lines) linesOf.set(l.memberId, [...(linesOf.get(l.memberId) ?? []), l])
  const objectionOf = new Map(objections.map((o) => [o.lineId, o]))
  const state = { ...(yearDoc?.window ? { window: yearDoc.window } : {}), locked: false }
  const docs: ScoreDocument[] = members.map((m) => scoreDocOf(year, m, (linesOf.get(m._id) ?? []).map((l) => entryOf(l, objectionOf.get(l._id))), rules, state, now))
  await inParallel(docs, 10, async (d) => {
    await db.collection(SCORES).doc(d._id).set({ data: clean(d as unknown as Record<string, unknown>) })
  })
  return docs.length
}

// ------------------------------------------------------------------ sources

/** Registration fields the ledger reads. */
export interface RegistrationLike {
  activityId: string
  memberId?: string
  state: RegistrationState
  checkedInAt?: Date
}

/** Activity fields the ledger reads. */
export interface ActivityLike {
  _id: string
  title: string
  type: ActivityType | 'meeting'
  kind?: ActivityKind | string
  state: string
  startAt: Date
}

/** The ledger kinds of an activity's attendance, leave and absence (leave = none outside meetings). */
export function activityLineKinds(a: Pick<ActivityLike, 'type' | 'kind'>): { attended: LedgerKind; leave?: LedgerKind; absent: LedgerKind } {
  if (a.type === 'meeting' || a.kind === 'plenary' || a.kind === 'standing_committee') {
    return a.kind === 'standing_committee'
      ? { attended: 'standing_attended', leave: 'standing_leave', absent: 'standing_absent' }
      : { attended: 'plenary_attended', leave: 'plenary_leave', absent: 'plenary_absent' }
  }
  const attended: LedgerKind =
    a.type === 'consultation'
      ? 'consultation'
      : a.type === 'studio_activity'
        ? 'studio_activity'
        : a.type === 'training'
          ? 'training'
          : a.type === 'supervision'
            ? a.kind === 'special_supervision'
              ? 'supervision'
              : 'inspection'
            : 'outreach'
  return { attended, absent: 'activity_absent' }
}

/** The lines an activity should have, from its registrations: checked in / attended, approved leave, absent. Drafts and cancelled activities have none. */
export function activityLines(a: ActivityLike, registrations: RegistrationLike[]): DesiredLine[] {
  if (a.state === 'draft' || a.state === 'cancelled') return []
  const kinds = activityLineKinds(a)
  const out: DesiredLine[] = []
  for (const r of registrations) {
    if (!r.memberId) continue
    const kind = r.state === 'checked_in' || r.state === 'attended' ? kinds.attended : r.state === 'leave_approved' ? kinds.leave : r.state === 'absent' ? kinds.absent : undefined
    if (kind) out.push({ kind, memberId: r.memberId, date: new Date(a.startAt), title: a.title })
  }
  return out
}

/** Opinion fields the ledger reads. */
export interface OpinionLike {
  _id: string
  title: string
  submitterOpenid: string
  submitterRole: string
  anonymous: boolean
  state: string
  receivedAt: Date
  adoptedAt?: Date
  adopted?: { title: string }
  upward?: { id: string; level: 'city' | 'province'; kind: 'reported' | 'adopted' | 'instruction'; date: string }[]
}

const ADOPTED_STATES = ['adopted', 'published', 'reported_up']

/**
 * The lines of a 社情民意 item for its submitting member (named submissions
 * by a bound member only; an anonymous one is not credited — decision 73):
 * submitted; adopted; each city / province adoption; each leader's 批示.
 */
export function opinionLines(o: OpinionLike, memberId: string | undefined): DesiredLine[] {
  if (!memberId || o.anonymous || o.submitterRole !== 'member') return []
  const title = o.adopted?.title ?? o.title
  const out: DesiredLine[] = [{ kind: 'opinion_submitted', memberId, date: new Date(o.receivedAt), title }]
  if (ADOPTED_STATES.includes(o.state) && o.adoptedAt) out.push({ kind: 'opinion_adopted', memberId, date: new Date(o.adoptedAt), title })
  for (const u of o.upward ?? []) {
    const date = dateOfBeijing(u.date) ?? new Date(o.adoptedAt ?? o.receivedAt)
    if (u.kind === 'adopted') out.push({ kind: u.level === 'province' ? 'opinion_province' : 'opinion_city', memberId, date, title, part: u.id })
    else if (u.kind === 'instruction') out.push({ kind: 'opinion_instruction', memberId, date, title, part: u.id })
  }
  return out
}

function dateOfBeijing(ymd: string | undefined): Date | undefined {
  if (!ymd || !/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return undefined
  const [y, m, d] = ymd.split('-').map(Number)
  // 12:00 Beijing of that day (04:00 UTC): safely inside the Beijing day and year
  return new Date(Date.UTC(y, m - 1, d, 4, 0, 0))
}

/** Proposal fields the ledger reads. */
export interface ProposalLike {
  _id: string
  title: string
  state: string
  collective: boolean
  proposerMemberId?: string
  cosigners: { memberId: string; status: string; answeredAt?: Date }[]
  key: boolean
  excellent?: boolean
  submittedAt?: Date
  filedAt?: Date
  createdAt: Date
}

const SUBMITTED_STATES = ['submitted', 'filed', 'not_filed', 'merged', 'assigned', 'replied', 'rehandling', 'closed']
const FILED_STATES = ['filed', 'assigned', 'replied', 'rehandling', 'closed']

/**
 * The lines of a proposal: 领衔 for the lead member once submitted (not
 * draft, co-signing, returned or withdrawn); 联名 for each confirmed
 * co-signer; 立案, 重点 and 优秀 for the lead once filed (and marked).
 * A collective proposal (by the office) has no lead member.
 */
export function proposalLines(p: ProposalLike): DesiredLine[] {
  if (!SUBMITTED_STATES.includes(p.state)) return []
  const submitted = new Date(p.submittedAt ?? p.createdAt)
  const out: DesiredLine[] = []
  const lead = p.collective ? undefined : p.proposerMemberId
  if (lead) out.push({ kind: 'proposal_lead', memberId: lead, date: submitted, title: p.title })
  for (const c of p.cosigners ?? []) if (c.status === 'confirmed' && c.memberId !== lead) out.push({ kind: 'proposal_cosign', memberId: c.memberId, date: submitted, title: p.title })
  if (lead && FILED_STATES.includes(p.state)) {
    const filed = new Date(p.filedAt ?? submitted)
    out.push({ kind: 'proposal_filed', memberId: lead, date: filed, title: p.title })
    if (p.key) out.push({ kind: 'proposal_key', memberId: lead, date: filed, title: p.title })
    if (p.excellent) out.push({ kind: 'proposal_excellent', memberId: lead, date: filed, title: p.title })
  }
  return out
}

/** Re-derives one activity's lines (reads: activity, registrations, its lines). */
export async function syncActivity(db: Database, activityId: string, now: Date): Promise<SyncResult | null> {
  const a = rowsOf<ActivityLike>(await db.collection('activities').where({ _id: activityId }).limit(1).get())[0]
  if (!a) return null
  const regs = await findAll<RegistrationLike & { _id: string }>(db, 'registrations', { activityId })
  return syncSource(db, 'activity', activityId, activityLines(a, regs), now)
}

/** Re-derives one 社情民意 item's lines (reads: item, submitter's user record, its lines). */
export async function syncOpinion(db: Database, opinionId: string, now: Date): Promise<SyncResult | null> {
  const o = rowsOf<OpinionLike>(await db.collection('opinions').where({ _id: opinionId }).limit(1).get())[0]
  if (!o) return null
  const memberId = o.submitterRole === 'member' && !o.anonymous ? await memberIdOf(db, o.submitterOpenid) : undefined
  return syncSource(db, 'opinion', opinionId, opinionLines(o, memberId), now)
}

/** Re-derives one proposal's lines (reads: proposal, its lines). */
export async function syncProposal(db: Database, proposalId: string, now: Date): Promise<SyncResult | null> {
  const p = rowsOf<ProposalLike>(await db.collection('proposals').where({ _id: proposalId }).limit(1).get())[0]
  if (!p) return null
  return syncSource(db, 'proposal', proposalId, proposalLines(p), now)
}

interface UserLike {
  _id: string
  memberId?: string
  member?: { id?: string }
}

/** The roster id a user document is bound to (`member.id`, or `memberId` where an index keeps it). */
function memberIdOfUser(u: UserLike): string | undefined {
  return u.member?.id ?? u.memberId
}

async function memberIdOf(db: Database, openid: string): Promise<string | undefined> {
  const u = rowsOf<UserLike>(await db.collection('users').where({ _id: openid }).limit(1).get())[0]
  return u ? memberIdOfUser(u) : undefined
}

/**
 * Wraps a source function's handler: after it succeeded, the source named
 * by `sourceOf(input, output)` is re-synced. A failure of the sync is
 * logged and left to the repair timer: the source change already happened
 * and its answer stands. `when` (optional) skips the sync when the call
 * cannot concern a member (e.g. the public's 社情民意: no line can exist),
 * so such calls keep their DB operation budget. With the environment
 * variable `LEDGER_FAULT=crash-after-source` (tests only) the sync is
 * skipped, as if the function had died right after the source change.
 */
export function afterSource<I, O, C extends { db: Database; now: Date; requestId?: string }>(
  handler: (input: I, ctx: C) => Promise<O>,
  type: 'activity' | 'opinion' | 'proposal',
  sourceOf: (input: I, output: O) => string | undefined,
  when?: (input: I, ctx: C) => boolean | Promise<boolean>
): (input: I, ctx: C) => Promise<O> {
  return async (input, ctx) => {
    const output = await handler(input, ctx)
    // fault injection for tests and the bench: a crash right after the source change (decision 93)
    if (process.env.LEDGER_FAULT === 'crash-after-source') return output
    const id = sourceOf(input, output)
    if (id && (!when || (await when(input, ctx)))) {
      try {
        if (type === 'activity') await syncActivity(ctx.db, id, ctx.now)
        else if (type === 'opinion') await syncOpinion(ctx.db, id, ctx.now)
        else await syncProposal(ctx.db, id, ctx.now)
      } catch (error) {
        console.error(`ledger sync of ${type} ${id} failed (the repair timer will catch up)`, ctx.requestId, error)
      }
    }
    return output
  }
}

// ------------------------------------------------------ inside a transaction

/** A line a source may have for a member: its id is derived from these (see {@link lineIdOf}). */
export type LineKey = Pick<DesiredLine, 'kind' | 'memberId' | 'part'>

/** Input of {@link syncLinesInTx}: one source, the members it concerns in this change. */
export interface TxSourceLines {
  type: 'activity' | 'opinion' | 'proposal'
  id: string
  /**
   * Every line the source may have had for the members this change
   * concerns (before and after): they are read by id, since a transaction
   * admits no query. A line of the source outside this list is left as it is.
   */
  candidates: LineKey[]
  /** The lines the source should have now for those members. */
  desired: DesiredLine[]
}

/**
 * Most documents one in-transaction sync may touch (lines, year, score,
 * member and objection reads and writes). CloudBase does not publish a
 * per-transaction document limit; a source change concerning more members
 * (an activity's finalize, a cancelled activity) keeps the after-the-source
 * path ({@link afterSource}) instead. Checked by {@link syncLinesInTx}.
 */
export const TX_SYNC_MAX_MEMBERS = 12

/**
 * The ledger part of a source change, inside the source's own transaction
 * (issue 11 "Rules", decision 93): reads the candidate lines, the years'
 * documents and the members' score documents by id (a transaction admits
 * no query), writes the missing or changed lines and reverses the stale
 * ones (same plan as {@link applyLines}: deterministic ids), logs instead in
 * a locked year, and rewrites each touched score document from its
 * embedded lines with this change applied (no re-read of `ledgerLines`).
 * A retried transaction reads again and writes the same documents, so the
 * score never counts a line twice; a retried request finds the line as
 * wanted and writes nothing. Throws (and so aborts the source change) on a
 * database error, as any write of the transaction would. Answers what was
 * written; `touched` is informational.
 */
export async function syncLinesInTx(t: Tx, source: TxSourceLines, now: Date): Promise<SyncResult> {
  const key = sourceKeyOf(source.type, source.id)
  const members = new Set([...source.candidates, ...source.desired].map((l) => l.memberId))
  if (members.size > TX_SYNC_MAX_MEMBERS) throw new Error(`ledger: ${members.size} members in one transaction (max ${TX_SYNC_MAX_MEMBERS})`)
  const ids = [...new Set([...source.candidates, ...source.desired].map((l) => lineIdOf(l.kind, source.type, source.id, l.memberId, l.part)))]
  const existing = (await Promise.all(ids.map((id) => getInTx<LineDocument>(t, LINES, id)))).filter((l): l is LineDocument => !!l).map((l) => ({ ...l, date: new Date(l.date) }))
  const years = new Set<number>([...source.desired.map((d) => yearOf(d.date)), ...existing.map((l) => l.year)])
  const docs = new Map<number, YearDocument | null>()
  await Promise.all([...years].map(async (y) => docs.set(y, await getInTx<YearDocument>(t, YEARS, String(y)))))
  const plan = planLines(new Map([[key, source.desired]]), existing, (year) => docs.get(year)?.locked === true)
  for (const item of plan.late) {
    const { id, data } = lateEntry(item, now)
    await t.collection(LATE).doc(id).set({ data })
  }
  for (const { line } of plan.writes) await t.collection(LINES).doc(line._id).set({ data: clean({ ...line, writtenAt: now } as Record<string, unknown>) })
  for (const old of plan.reversals) await t.collection(LINES).doc(old._id).update({ data: { state: 'reversed', reversedAt: now } })

  const changed = new Set([...plan.writes.map((w) => w.line._id), ...plan.reversals.map((l) => l._id)])
  for (const pair of plan.touched) {
    const [y, memberId] = pair.split('\n')
    const year = Number(y)
    const yearDoc = docs.get(year) ?? null
    const before = await getInTx<ScoreDocument>(t, SCORES, `${year}-${memberId}`)
    const member: LedgerMember | null = before ? { _id: memberId, name: before.name, sector: before.sector, committees: before.committees ?? [] } : await getInTx<LedgerMember>(t, 'members', memberId)
    if (!member) continue // not on the roster: no score document (as recomputeScores)
    const kept = (before?.lines ?? []).filter((e) => !changed.has(e.id))
    const added: ScoreEntry[] = []
    for (const { line } of plan.writes) {
      if (line.year !== year || line.memberId !== memberId) continue
      const earlier = before?.lines?.find((e) => e.id === line._id)
      const objection = earlier ? null : await getInTx<ObjectionDocument>(t, OBJECTIONS, `obj-${line._id}`)
      const entry = entryOf({ ...line, writtenAt: now }, objection)
      added.push(earlier ? { ...entry, ...(earlier.corrected ? { corrected: earlier.corrected } : {}), ...(earlier.objection ? { objection: earlier.objection } : {}) } : entry)
    }
    const state = { ...(yearDoc?.window ? { window: yearDoc.window } : {}), locked: false }
    const doc = scoreDocOf(year, member, [...kept, ...added], rulesOf(yearDoc), state, now)
    await t.collection(SCORES).doc(doc._id).set({ data: clean(doc as unknown as Record<string, unknown>) })
  }
  return { written: plan.writes.length, reversed: plan.reversals.length, late: plan.late.length, touched: plan.touched }
}

/**
 * The activity part of {@link syncLinesInTx}: one registration of `a`
 * changed inside the source's transaction (check-in, a check-in taken back,
 * a leave decided); `registration` is its state after the change. A
 * registration without a roster member writes nothing.
 */
export async function syncRegistrationInTx(t: Tx, a: ActivityLike, registration: RegistrationLike, now: Date): Promise<SyncResult | null> {
  if (!registration.memberId) return null
  const kinds = activityLineKinds(a)
  const candidates: LineKey[] = [kinds.attended, kinds.leave, kinds.absent].filter((k): k is LedgerKind => !!k).map((kind) => ({ kind, memberId: registration.memberId! }))
  return syncLinesInTx(t, { type: 'activity', id: a._id, candidates, desired: activityLines(a, [registration]) }, now)
}

/**
 * Pure: the members whose lines from one source differ between two
 * derivations (`before` from the source as it was, `after` as it is now):
 * a line added, dropped, or with another date or title. Only they need
 * their lines and score touched by a change.
 */
export function changedMembers(type: SourceType, id: string, before: DesiredLine[], after: DesiredLine[]): Set<string> {
  const sig = (l: DesiredLine) => `${lineIdOf(l.kind, type, id, l.memberId, l.part)}\n${new Date(l.date).getTime()}\n${l.title}`
  const a = new Map(before.map((l) => [sig(l), l.memberId]))
  const b = new Map(after.map((l) => [sig(l), l.memberId]))
  const out = new Set<string>()
  for (const [k, m] of a) if (!b.has(k)) out.add(m)
  for (const [k, m] of b) if (!a.has(k)) out.add(m)
  return out
}

const PROPOSAL_KINDS: LedgerKind[] = ['proposal_lead', 'proposal_cosign', 'proposal_filed', 'proposal_key', 'proposal_excellent']

/**
 * The proposal part of {@link syncLinesInTx}, for one step of a proposal
 * inside its transaction (`before` and `after` are the document around
 * the step): the members whose lines the step changes get them written or
 * reversed, with their scores. Answers `'too_many'` without writing when
 * the step concerns more than {@link TX_SYNC_MAX_MEMBERS} members (a
 * submission or withdrawal with many co-signers): the caller then syncs
 * right after the commit ({@link syncProposal}) and the repair timer
 * backs it up. `'done'` otherwise (also when nothing changed).
 */
export async function syncProposalInTx(t: Tx, before: ProposalLike, after: ProposalLike, now: Date): Promise<'done' | 'too_many'> {
  const was = proposalLines(before)
  const now_ = proposalLines(after)
  const members = changedMembers('proposal', after._id, was, now_)
  if (!members.size) return 'done'
  if (members.size > TX_SYNC_MAX_MEMBERS) return 'too_many'
  const candidates = [...members].flatMap((memberId) => PROPOSAL_KINDS.map((kind) => ({ kind, memberId })))
  await syncLinesInTx(t, { type: 'proposal', id: after._id, candidates, desired: now_.filter((l) => members.has(l.memberId)) }, now)
  return 'done'
}

/**
 * The 社情民意 part of {@link syncLinesInTx}, for one change of an item
 * inside its transaction (`before` and `after` around the change): when
 * the change alters what the item is worth (submitted, adopted, an upward
 * adoption or 批示), the submitting member's lines and score are written
 * in the same transaction. Costs nothing for the public's, informants' and
 * anonymous items (no member can be credited) or a change without effect;
 * otherwise one read of the submitter's user record, the candidate lines
 * by id, the year and the score document.
 */
export async function syncOpinionInTx(t: Tx, before: OpinionLike, after: OpinionLike, now: Date): Promise<void> {
  if (after.submitterRole !== 'member' || after.anonymous) return
  const probe = 'probe'
  if (!changedMembers('opinion', after._id, opinionLines(before, probe), opinionLines(after, probe)).size) return
  const user = await getInTx<UserLike>(t, 'users', after.submitterOpenid)
  const memberId = user ? memberIdOfUser(user) : undefined
  if (!memberId) return
  const parts = [...(before.upward ?? []), ...(after.upward ?? [])]
  const candidates: LineKey[] = [
    { kind: 'opinion_submitted', memberId },
    { kind: 'opinion_adopted', memberId },
    ...parts.flatMap((u) => (['opinion_province', 'opinion_city', 'opinion_instruction'] as LedgerKind[]).map((kind) => ({ kind, memberId, part: u.id })))
  ]
  await syncLinesInTx(t, { type: 'opinion', id: after._id, candidates, desired: opinionLines(after, memberId) }, now)
}

/**
 * The repair (timer `repair`, action `ledger.rebuild`): re-derives the lines
 * of every activity, proposal and 社情民意 item of `year` in memory, compares
 * them with the year's lines, writes the missing or changed ones, reverses
 * the stale ones, and recomputes the touched scores (every member's with
 * `allScores`, as the demo load does). Manual
 * lines and approved claims are not derived from sources and are left alone.
 */
export async function repairYear(db: Database, year: number, now: Date, options: { allScores?: boolean; bulk?: boolean } = {}): Promise<{ sources: number; written: number; reversed: number; late: number; scores: number }> {
  const _ = db.command
  const { start, end } = beijingYear(year)
  const desired = new Map<string, DesiredLine[]>()
  const activities = await findAll<ActivityLike>(db, 'activities', { startAt: _.gte(start).and(_.lt(end)) })
  for (let i = 0; i < activities.length; i += 500) {
    const chunk = activities.slice(i, i + 500)
    const regs = await findAll<RegistrationLike & { _id: string }>(db, 'registrations', { activityId: _.in(chunk.map((a) => a._id)) })
    const byActivity = new Map<string, RegistrationLike[]>()
    for (const r of regs) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r])
    for (const a of chunk) desired.set(sourceKeyOf('activity', a._id), activityLines(a, byActivity.get(a._id) ?? []))
  }
  const opinions = await findAll<OpinionLike>(db, 'opinions', { year, submitterRole: 'member' })
  const openids = [...new Set(opinions.filter((o) => !o.anonymous).map((o) => o.submitterOpenid))]
  const memberOf = new Map<string, string>()
  for (let i = 0; i < openids.length; i += 100) {
    const users = await findAll<UserLike>(db, 'users', { _id: _.in(openids.slice(i, i + 100)) })
    for (const u of users) {
      const id = memberIdOfUser(u)
      if (id) memberOf.set(u._id, id)
    }
  }
  for (const o of opinions) desired.set(sourceKeyOf('opinion', o._id), opinionLines(o, memberOf.get(o.submitterOpenid)))
  const proposals = await findAll<ProposalLike>(db, 'proposals', { year })
  for (const p of proposals) desired.set(sourceKeyOf('proposal', p._id), proposalLines(p))

  const existing = (await findAll<LineDocument>(db, LINES, { year })).filter((l) => l.sourceType !== 'manual' && l.sourceType !== 'claim')
  // lines of this year whose source was not found (deleted source): nothing wanted -> reversed
  for (const l of existing) if (!desired.has(l.sourceKey)) desired.set(l.sourceKey, [])
  const result = await applyLines(db, desired, existing, now, { bulk: options.bulk })
  const scores = options.allScores ? await recomputeScores(db, year, undefined, now) : await recomputeTouched(db, result.touched, now)
  return { sources: desired.size, written: result.written, reversed: result.reversed, late: result.late, scores }
}

/** The lines' Beijing date as shown in exports (YYYY-MM-DD). */
export function lineDay(date: Date | string): string {
  return formatBeijing(date, 'YYYY-MM-DD')
}

/**
 * The office's records of the year's work (issue 10, "The kinds of work the
 * report counts, as records"): research subjects, reports, the organiser's
 * outcome of a finalized activity, supervisor designations, contacts with
 * members, and past activities entered by hand. Each create derives its
 * `_id` from OPENID + requestId (a retry returns the first); each edit is
 * by id; every change is audit-logged with who entered it and when.
 */
import type { ContactView, DesignationView, OutcomeView, ReportView, SubjectView } from '../../src/core/actions/year'
import { defaultKindOf, type ActivityKind, type ActivityType } from '../../src/core/actions/activity'
import { AppError } from '../../src/core/errors'
import { contactKindLabels, outcomeFields, yearCollections, type ContactKind, type OutcomeField } from '../../src/core/figures'
import type { Page } from '../../src/core/paging'
import { writeAudit } from '../_shared/audit'
import type { HandlerContext } from '../_shared/define-function'
import { findById, findPage, rowsOf } from '../_shared/db'
import { assertOwnUpload } from '../_shared/files'
import { canManage, createActivity, getActivity } from '../activity/engine'
import { CPPCC_NAME } from '../../src/core/county'
import {
  assertNotFuture,
  enteredBy,
  outcomeFieldsOf,
  recordId,
  yearOf,
  type ContactDocument,
  type DesignationDocument,
  type OutcomeDocument,
  type ReportDocument,
  type SubjectDocument
} from './model'

interface MemberDocument {
  _id: string
  name: string
  sector: string
  phone?: string
}

async function memberOf(ctx: HandlerContext, memberId: string): Promise<MemberDocument> {
  const m = await findById<MemberDocument>(ctx.db, 'members', memberId)
  if (!m) throw new AppError('MEMBER.NOT_FOUND')
  return m
}

async function audit(ctx: HandlerContext, action: string, target: string, details?: Record<string, unknown>) {
  await writeAudit(ctx.db, { actor: ctx.openid, action, target, ...(details ? { details } : {}), requestId: ctx.requestId }, ctx.now)
}

async function who(ctx: HandlerContext) {
  return enteredBy(ctx, (await ctx.caller()).displayName)
}

/** Sets a document by `_id` (create or replace). One write. */
async function put(ctx: HandlerContext, collection: string, doc: { _id: string }) {
  const { _id, ...data } = doc
  await ctx.db.collection(collection).doc(_id).set({ data })
}

// ---------------------------------------------------------------- subjects

function subjectView(d: SubjectDocument, trips = 0): SubjectView {
  return { id: d._id, year: d.year, title: d.title, lead: d.lead, note: d.note, trips }
}

/** `year.saveSubject`: create (no id, idempotent by requestId) or edit. DB: 1 read + 1 write + audit. */
export async function saveSubject(input: { id?: string; year: number; title: string; lead?: string; note?: string }, ctx: HandlerContext): Promise<SubjectView> {
  const id = input.id ?? recordId('subj', ctx.openid, ctx.requestId)
  const existing = await findById<SubjectDocument>(ctx.db, yearCollections.subjects, id)
  if (input.id && !existing) throw new AppError('YEAR.NOT_FOUND')
  if (!input.id && existing) return subjectView(existing)
  const doc: SubjectDocument = {
    _id: id,
    year: input.year,
    title: input.title,
    lead: input.lead ?? existing?.lead ?? '',
    note: input.note ?? existing?.note ?? '',
    entered: existing?.entered ?? (await who(ctx)),
    updatedAt: ctx.now
  }
  await put(ctx, yearCollections.subjects, doc)
  await audit(ctx, input.id ? 'year.editSubject' : 'year.createSubject', id)
  return subjectView(doc)
}

/** `year.subjects`: the year's subjects with the finalized trips linked to each. One read + one aggregate. */
export async function listSubjects(input: { year: number }, ctx: HandlerContext): Promise<SubjectView[]> {
  const $ = ctx.db.command.aggregate
  const [subjects, grouped] = await Promise.all([
    ctx.db.collection(yearCollections.subjects).where({ year: input.year }).orderBy('title', 'asc').limit(100).get(),
    ctx.db
      .collection(yearCollections.outcomes)
      .aggregate()
      .match({ year: input.year, subjectId: ctx.db.command.exists(true) })
      .group({ _id: '$subjectId', n: $.sum(1) })
      .limit(1000)
      .end()
  ])
  const trips = new Map(((grouped as { list?: { _id: string; n: number }[] }).list ?? []).map((r) => [r._id, r.n]))
  return rowsOf<SubjectDocument>(subjects).map((d) => subjectView(d, trips.get(d._id) ?? 0))
}

async function assertSubject(ctx: HandlerContext, subjectId: string, year: number) {
  const s = await findById<SubjectDocument>(ctx.db, yearCollections.subjects, subjectId)
  if (!s || s.year !== year) throw new AppError('YEAR.SUBJECT_NOT_FOUND')
}

// ---------------------------------------------------------------- reports

function reportView(d: ReportDocument): ReportView {
  return { id: d._id, year: d.year, title: d.title, date: d.date.toISOString(), ...(d.subjectId ? { subjectId: d.subjectId } : {}), ...(d.fileID ? { fileID: d.fileID } : {}) }
}

/** `year.saveReport`: a 专题报告; its year is the Beijing year of its date. */
export async function saveReport(input: { id?: string; title: string; date: Date; subjectId?: string; fileID?: string }, ctx: HandlerContext): Promise<ReportView> {
  assertNotFuture(input.date, ctx.now)
  const id = input.id ?? recordId('rep', ctx.openid, ctx.requestId)
  const existing = await findById<ReportDocument>(ctx.db, yearCollections.reports, id)
  if (input.id && !existing) throw new AppError('YEAR.NOT_FOUND')
  if (!input.id && existing) return reportView({ ...existing, date: new Date(existing.date) })
  const year = yearOf(input.date)
  if (input.subjectId) await assertSubject(ctx, input.subjectId, year)
  if (input.fileID && input.fileID !== existing?.fileID) assertOwnUpload(input.fileID, ctx.openid)
  const subjectId = input.subjectId ?? existing?.subjectId
  const fileID = input.fileID ?? existing?.fileID
  const doc: ReportDocument = {
    _id: id,
    year,
    title: input.title,
    date: input.date,
    ...(subjectId ? { subjectId } : {}),
    ...(fileID ? { fileID } : {}),
    entered: existing?.entered ?? (await who(ctx)),
    updatedAt: ctx.now
  }
  await put(ctx, yearCollections.reports, doc)
  await audit(ctx, input.id ? 'year.editReport' : 'year.createReport', id)
  return reportView(doc)
}

// ---------------------------------------------------------------- outcomes

function outcomeView(d: OutcomeDocument): OutcomeView {
  return {
    activityId: d.activityId,
    title: d.title,
    kind: d.kind,
    year: d.year,
    suggestions: d.suggestions,
    opinions: d.opinions,
    peopleServed: d.peopleServed,
    ...(d.subjectId ? { subjectId: d.subjectId } : {}),
    note: d.note,
    enteredAt: new Date(d.entered.at).toISOString()
  }
}

/**
 * `year.saveOutcome`: what came of a finalized activity, entered by its
 * organiser (staff, or the studio admin of its studio). Fields by kind
 * (model.ts `outcomeFieldsOf`): a field the kind does not take is refused
 * when non-zero. A subject must be the same year's. DB: 2 reads (+1 subject) + 1 write + audit.
 */
export async function saveOutcome(
  input: { activityId: string; subjectId?: string; note?: string } & Partial<Record<OutcomeField, number>>,
  ctx: HandlerContext
): Promise<OutcomeView> {
  const [a, caller, existing] = await Promise.all([getActivity(ctx.db, input.activityId), ctx.caller(), findById<OutcomeDocument>(ctx.db, yearCollections.outcomes, input.activityId)])
  if (!a) throw new AppError('ACTIVITY.NOT_FOUND')
  if (!canManage(caller, a)) throw new AppError('ACTIVITY.NOT_ORGANISER')
  if (a.state !== 'finalized') throw new AppError('YEAR.NOT_FINALIZED')
  const kind = defaultKindOf(a.type, a.kind)
  const allowed = outcomeFieldsOf(kind)
  for (const field of outcomeFields) {
    if (!allowed.includes(field) && (input[field] ?? 0) > 0) throw new AppError('YEAR.FIELD_NOT_FOR_KIND')
  }
  const year = yearOf(a.startAt)
  if (input.subjectId) {
    if (kind !== 'inspection' && kind !== 'research') throw new AppError('YEAR.FIELD_NOT_FOR_KIND', '只有视察调研活动可以关联重点课题')
    await assertSubject(ctx, input.subjectId, year)
  }
  const subjectId = input.subjectId ?? existing?.subjectId
  const doc: OutcomeDocument = {
    _id: a._id,
    activityId: a._id,
    title: a.title,
    type: a.type,
    kind,
    year,
    startAt: a.startAt,
    place: a.place,
    organiserName: a.organiser?.name ?? CPPCC_NAME,
    ...(a.studioId ? { studioId: a.studioId } : {}),
    suggestions: input.suggestions ?? existing?.suggestions ?? 0,
    opinions: input.opinions ?? existing?.opinions ?? 0,
    peopleServed: input.peopleServed ?? existing?.peopleServed ?? 0,
    ...(subjectId ? { subjectId } : {}),
    note: input.note ?? existing?.note ?? '',
    entered: existing?.entered ?? enteredBy(ctx, caller.displayName),
    updatedAt: ctx.now
  }
  await put(ctx, yearCollections.outcomes, doc)
  await audit(ctx, 'year.saveOutcome', a._id, { suggestions: doc.suggestions, opinions: doc.opinions, peopleServed: doc.peopleServed })
  return outcomeView(doc)
}

// ---------------------------------------------------------------- designations

function designationView(d: DesignationDocument): DesignationView {
  return { id: d._id, year: d.year, memberId: d.memberId, memberName: d.memberName, field: d.field }
}

/** `year.designate`: one designation per member per year (`_id` = `<year>_<memberId>`); again to edit the field. */
export async function designate(input: { year: number; memberId: string; field?: string }, ctx: HandlerContext): Promise<DesignationView> {
  const id = `${input.year}_${input.memberId}`
  const [m, existing] = await Promise.all([memberOf(ctx, input.memberId), findById<DesignationDocument>(ctx.db, yearCollections.designations, id)])
  const doc: DesignationDocument = {
    _id: id,
    year: input.year,
    memberId: m._id,
    memberName: m.name,
    sector: m.sector,
    field: input.field ?? existing?.field ?? '',
    entered: existing?.entered ?? (await who(ctx)),
    updatedAt: ctx.now
  }
  await put(ctx, yearCollections.designations, doc)
  await audit(ctx, 'year.designate', id, { field: doc.field })
  return designationView(doc)
}

/** `year.undesignate`: withdraws a designation; `removed` false when there was none. */
export async function undesignate(input: { year: number; memberId: string }, ctx: HandlerContext): Promise<{ removed: boolean }> {
  const id = `${input.year}_${input.memberId}`
  const result = (await ctx.db.collection(yearCollections.designations).where({ _id: id }).remove()) as { stats?: { removed?: number } }
  const removed = (result.stats?.removed ?? 0) > 0
  if (removed) await audit(ctx, 'year.undesignate', id)
  return { removed }
}

// ---------------------------------------------------------------- contacts

function contactView(d: ContactDocument): ContactView {
  return { id: d._id, year: d.year, memberId: d.memberId, memberName: d.memberName, kind: contactKindLabels[d.kind], date: new Date(d.date).toISOString(), note: d.note }
}

/** `year.saveContact`: a dated contact with a member (not after today). */
export async function saveContact(input: { id?: string; memberId: string; kind: ContactKind; date: Date; note?: string }, ctx: HandlerContext): Promise<ContactView> {
  assertNotFuture(input.date, ctx.now)
  const id = input.id ?? recordId('contact', ctx.openid, ctx.requestId)
  const [m, existing] = await Promise.all([memberOf(ctx, input.memberId), findById<ContactDocument>(ctx.db, yearCollections.contacts, id)])
  if (input.id && !existing) throw new AppError('YEAR.NOT_FOUND')
  if (!input.id && existing) return contactView(existing)
  const doc: ContactDocument = {
    _id: id,
    year: yearOf(input.date),
    memberId: m._id,
    memberName: m.name,
    ...(m.phone ? { memberPhone: m.phone } : {}),
    kind: input.kind,
    date: input.date,
    note: input.note ?? existing?.note ?? '',
    entered: existing?.entered ?? (await who(ctx)),
    updatedAt: ctx.now
  }
  await put(ctx, yearCollections.contacts, doc)
  await audit(ctx, input.id ? 'year.editContact' : 'year.createContact', id)
  return contactView(doc)
}

/** `year.contacts`: the year's contacts, newest first. One read. */
export async function listContacts(input: { year: number; memberId?: string; limit?: number; cursor?: string }, ctx: HandlerContext): Promise<Page<ContactView>> {
  const where: Record<string, unknown> = { year: input.year }
  if (input.memberId) where.memberId = input.memberId
  const page = await findPage<ContactDocument>(ctx.db, yearCollections.contacts, { where, sortField: 'date', direction: 'desc', limit: input.limit, cursor: input.cursor })
  return { items: page.items.map(contactView), nextCursor: page.nextCursor }
}

// ---------------------------------------------------------------- past activities

/**
 * `year.recordPast`: an activity held before the product, entered by staff.
 * Created by the activity engine (`createActivity`, a draft, so nobody is
 * notified), then finalized at once with the attendance staff entered and
 * `manualEntry` (who, when); it is not listed to the public. Person-times of
 * such a record are the number entered, not check-ins (decisions.md).
 */
export async function recordPast(
  input: { title: string; type: ActivityType; kind?: ActivityKind; place: string; startAt: Date; endAt: Date; attended: number; studioId?: string; note?: string },
  ctx: HandlerContext
): Promise<{ activityId: string }> {
  if (input.endAt.getTime() > ctx.now.getTime()) throw new AppError('YEAR.DATE_FUTURE', '只能补录已经结束的活动')
  const caller = await ctx.caller()
  const a = await createActivity(
    ctx.db,
    {
      title: input.title,
      type: input.type,
      ...(input.kind ? { kind: input.kind } : {}),
      description: input.note,
      place: input.place,
      startAt: input.startAt,
      endAt: input.endAt,
      signupDeadline: input.startAt,
      capacity: 0,
      waitlist: false,
      audience: 'members',
      ...(input.studioId ? { studioId: input.studioId } : {}),
      organiserKind: input.studioId ? 'studio' : 'office'
    },
    caller,
    { requestId: ctx.requestId, now: ctx.now }
  )
  if (a.state !== 'finalized') {
    await ctx.db
      .collection('activities')
      .doc(a._id)
      .update({
        data: {
          state: 'finalized',
          finalizedAt: ctx.now,
          attendance: { attended: input.attended, absent: 0, leave: 0 },
          manualEntry: enteredBy(ctx, caller.displayName),
          listed: false,
          updatedAt: ctx.now
        }
      })
    await audit(ctx, 'year.recordPast', a._id, { attended: input.attended, year: yearOf(input.startAt) })
  }
  return { activityId: a._id }
}

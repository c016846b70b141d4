/**
 * The records behind one figure (`year.records`, issue 10): the same source
 * as the figure (src/core/figures.ts) turned into a paged query, so the list
 * adds up to the number on the page. Rows carry names only: phones masked,
 * never an OPENID (not even inside the cursor: lists keyed by OPENID are
 * answered in one page without a cursor).
 */
import type { FigureRecord } from '../../src/core/actions/year'
import { activityKindLabels, defaultKindOf, type ActivityKind } from '../../src/core/actions/activity'
import { topicResultLabels } from '../../src/core/actions/topic'
import { AppError } from '../../src/core/errors'
import { contactKindLabels, figureById, pendingSources, yearCollections, type FigureDefinition } from '../../src/core/figures'
import type { Page } from '../../src/core/paging'
import { maskPhone } from '../../src/core/privacy'
import { beijingYear } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findPage, rowsOf } from '../_shared/db'
import { consultationHeldWhere, PARTICIPATION_STATES } from '../_shared/year-counts'
import type { ActivityDocument } from '../activity/engine'
import { countedActivitiesWhere, REPLIED_PROPOSAL_STATES } from './figures'
import { kindCondition, type ContactDocument, type DesignationDocument, type OutcomeDocument, type ReportDocument, type SubjectDocument } from './model'

type Input = { year: number; figure: string; limit?: number; cursor?: string }
type Reply = Page<FigureRecord> & { figure: string; pending?: string }

const iso = (d?: Date | string) => (d ? new Date(d).toISOString() : undefined)
const manualOf = (e?: { byName?: string; at: Date }) => (e ? { by: e.byName ?? '机关工作人员', at: new Date(e.at).toISOString() } : undefined)

function activityRow(a: ActivityDocument, value: number, detail: string): FigureRecord {
  const manual = manualOf(a.manualEntry as { byName?: string; at: Date } | undefined)
  return {
    id: a._id,
    title: a.title,
    date: iso(a.startAt),
    place: a.place,
    who: a.organiser?.name,
    detail,
    value,
    ...(manual ? { manual } : {})
  }
}

/** `year.records`: one page of the records behind `figure` in `year`. */
export async function figureRecords(input: Input, ctx: HandlerContext): Promise<Reply> {
  const figure = figureById(input.figure)
  if (!figure) throw new AppError('COMMON.INVALID_INPUT', '统计项不存在')
  const pending = pendingSources[figure.source.from]
  try {
    const page = await recordsOf(figure, input, ctx)
    return { figure: figure.id, ...page }
  } catch (error) {
    // the proposal area (collection `proposals`) may not be there yet
    if (pending && /COLLECTION_NOT_EXIST|not exist/i.test(String((error as { message?: string })?.message ?? error))) return { figure: figure.id, items: [], pending }
    throw error
  }
}

async function recordsOf(figure: FigureDefinition, input: Input, ctx: HandlerContext): Promise<Page<FigureRecord>> {
  const _ = ctx.db.command
  const { start, end } = beijingYear(input.year)
  const inYear = _.gte(start).and(_.lt(end))
  const paging = { limit: input.limit, cursor: input.cursor }
  const s = figure.source
  switch (s.from) {
    case 'activities': {
      const where = _.and([countedActivitiesWhere(ctx.db, input.year), kindCondition(ctx.db, s.kinds)]) as unknown as Record<string, unknown>
      const page = await findPage<ActivityDocument>(ctx.db, 'activities', { where, sortField: 'startAt', direction: 'asc', ...paging })
      return {
        items: page.items.map((a) => {
          const attended = a.attendance?.attended ?? 0
          const kind = activityKindLabels[defaultKindOf(a.type, a.kind)]
          return activityRow(a, s.measure === 'count' ? 1 : attended, `${kind} · 出席 ${attended} 人${a.manualEntry ? '（补录）' : ''}`)
        }),
        nextCursor: page.nextCursor
      }
    }
    case 'outcomes': {
      const where = { year: input.year, kind: _.in([...s.kinds]), [s.field]: _.gt(0) }
      const page = await findPage<OutcomeDocument>(ctx.db, yearCollections.outcomes, { where, sortField: 'startAt', direction: 'asc', ...paging })
      const unit = { suggestions: '意见建议', opinions: '监督意见', peopleServed: '服务群众' }[s.field]
      const measure = s.field === 'peopleServed' ? '人次' : '条'
      return {
        items: page.items.map((o) => ({
          id: o.activityId,
          title: o.title,
          date: iso(o.startAt),
          place: o.place,
          who: o.organiserName,
          detail: `${activityKindLabels[o.kind as ActivityKind]} · ${unit} ${o[s.field]} ${measure}`,
          value: o[s.field]
        })),
        nextCursor: page.nextCursor
      }
    }
    case 'records':
      return officeRecords(s.collection, input, ctx)
    case 'consultation': {
      if (s.field === 'problemsSolved') {
        const where = { state: 'closed', result: _.in(['resolved', 'partly_resolved']), closedAt: inYear }
        const page = await findPage<{ _id: string; title: string; place?: string; organiser?: string; result: 'resolved' | 'partly_resolved'; closedAt: Date }>(ctx.db, 'topics', { where, sortField: 'closedAt', direction: 'asc', ...paging })
        return {
          items: page.items.map((t) => ({ id: t._id, title: t.title, date: iso(t.closedAt), place: t.place, who: t.organiser, detail: topicResultLabels[t.result] ?? '已解决', value: 1 })),
          nextCursor: page.nextCursor
        }
      }
      const page = await findPage<ActivityDocument>(ctx.db, 'activities', { where: consultationHeldWhere(ctx.db, input.year, ctx.now), sortField: 'startAt', direction: 'asc', ...paging })
      // Member check-ins of this page's sessions: one aggregate.
      const counts = new Map<string, number>()
      if (page.items.length) {
        const $ = ctx.db.command.aggregate
        const grouped = await ctx.db
          .collection('registrations')
          .aggregate()
          .match({ activityId: _.in(page.items.map((a) => a._id)), state: _.in(PARTICIPATION_STATES), memberId: _.exists(true) })
          .group({ _id: '$activityId', n: $.sum(1) })
          .limit(100)
          .end()
        for (const row of (grouped as { list?: { _id: string; n: number }[] }).list ?? []) counts.set(row._id, row.n)
      }
      return {
        items: page.items.map((a) => {
          const n = counts.get(a._id) ?? 0
          return activityRow(a, s.field === 'consultationActivities' ? 1 : n, `委员出席 ${n} 人次`)
        }),
        nextCursor: page.nextCursor
      }
    }
    case 'opinion': {
      if (s.field === 'bulletins') {
        const page = await findPage<{ _id: string; year: number; number: number; title?: string; compiledAt?: Date; itemIds?: string[] }>(ctx.db, 'bulletins', { where: { year: input.year }, sortField: 'number', direction: 'asc', ...paging })
        return {
          items: page.items.map((b) => ({ id: b._id, title: `《社情民意》${b.year}年第${b.number}期${b.title ? ` ${b.title}` : ''}`, date: iso(b.compiledAt), detail: b.itemIds ? `编入信息 ${b.itemIds.length} 条` : undefined, value: 1 })),
          nextCursor: page.nextCursor
        }
      }
      if (s.field === 'cityAdopted' || s.field === 'provinceAdopted') {
        const level = s.field === 'cityAdopted' ? 'city' : 'province'
        const page = await findPage<{ _id: string; opinionId: string; date: string }>(ctx.db, 'opinionUpward', { where: { year: input.year, level, kind: 'adopted' }, sortField: 'date', direction: 'asc', ...paging })
        const titles = await opinionTitles(ctx, page.items.map((u) => u.opinionId))
        return {
          items: page.items.map((u) => ({ id: u._id, title: titles.get(u.opinionId) ?? '社情民意信息', date: iso(`${u.date}T00:00:00+08:00`), detail: level === 'city' ? '市政协采用' : '省政协采用', value: 1 })),
          nextCursor: page.nextCursor
        }
      }
      const where: Record<string, unknown> = { receivedAt: inYear }
      if (s.field === 'informantSubmissions') where.submitterRole = 'informant'
      const page = await findPage<{ _id: string; title: string; place?: string; categoryName: string; receivedAt: Date; anonymous: boolean; submitterName?: string; submitterRole: string; contactPhone?: string }>(ctx.db, 'opinions', { where, sortField: 'receivedAt', direction: 'asc', ...paging })
      return {
        items: page.items.map((o) => ({
          id: o._id,
          title: o.title,
          date: iso(o.receivedAt),
          place: o.place,
          who: o.anonymous ? '匿名' : [o.submitterName ?? ({ public: '群众', informant: '信息员', member: '委员' } as Record<string, string>)[o.submitterRole], maskPhone(o.contactPhone)].filter(Boolean).join(' '),
          detail: o.categoryName,
          value: 1
        })),
        nextCursor: page.nextCursor
      }
    }
    case 'informants':
      return informantRows(input.year, ctx)
    case 'studios':
      return studioRows(input.year, ctx)
    case 'proposals': {
      // fields of the proposal area (cloudfunctions/proposal/model.ts ProposalDocument)
      const where: Record<string, unknown> = { year: input.year, submittedAt: _.exists(true) }
      if (s.field !== 'received') where.number = _.gt(0)
      const page = await findPage<{ _id: string; title: string; numberLabel?: string; number?: number; proposerName: string; categoryLabel?: string; submittedAt: Date; state: string }>(ctx.db, 'proposals', { where, sortField: 'submittedAt', direction: 'asc', ...paging })
      return {
        items: page.items.map((d) => {
          const replied = REPLIED_PROPOSAL_STATES.includes(d.state)
          return {
            id: d._id,
            title: d.title,
            date: iso(d.submittedAt),
            who: d.proposerName,
            detail: [d.numberLabel ?? (d.number ? `第${d.number}号` : '未立案'), s.field === 'replyRate' ? (replied ? '已办复' : '未办复') : ''].filter(Boolean).join(' · '),
            value: s.field === 'replyRate' ? (replied ? 1 : 0) : 1
          }
        }),
        nextCursor: page.nextCursor
      }
    }
  }
}

async function opinionTitles(ctx: HandlerContext, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const _ = ctx.db.command
  const rows = rowsOf<{ _id: string; title: string }>(await ctx.db.collection('opinions').where({ _id: _.in([...new Set(ids)]) }).field({ title: true }).limit(100).get())
  return new Map(rows.map((r) => [r._id, r.title]))
}

async function officeRecords(kind: 'subjects' | 'reports' | 'designations' | 'contacts', input: Input, ctx: HandlerContext): Promise<Page<FigureRecord>> {
  const where = { year: input.year }
  const paging = { limit: input.limit, cursor: input.cursor }
  if (kind === 'subjects') {
    const page = await findPage<SubjectDocument>(ctx.db, yearCollections.subjects, { where, sortField: 'title', direction: 'asc', ...paging })
    return { items: page.items.map((d) => ({ id: d._id, title: d.title, who: d.lead || undefined, detail: d.note || undefined, value: 1, manual: manualOf(d.entered) })), nextCursor: page.nextCursor }
  }
  if (kind === 'reports') {
    const page = await findPage<ReportDocument>(ctx.db, yearCollections.reports, { where, sortField: 'date', direction: 'asc', ...paging })
    return { items: page.items.map((d) => ({ id: d._id, title: d.title, date: iso(d.date), detail: d.fileID ? '有附件' : undefined, value: 1, manual: manualOf(d.entered) })), nextCursor: page.nextCursor }
  }
  if (kind === 'designations') {
    const page = await findPage<DesignationDocument>(ctx.db, yearCollections.designations, { where, sortField: 'memberName', direction: 'asc', ...paging })
    return { items: page.items.map((d) => ({ id: d._id, title: d.memberName, who: d.sector, detail: d.field ? `监督领域：${d.field}` : undefined, value: 1, manual: manualOf(d.entered) })), nextCursor: page.nextCursor }
  }
  const page = await findPage<ContactDocument>(ctx.db, yearCollections.contacts, { where, sortField: 'date', direction: 'asc', ...paging })
  return {
    items: page.items.map((d) => ({
      id: d._id,
      title: `${d.memberName}（${contactKindLabels[d.kind]}）`,
      date: iso(d.date),
      who: maskPhone(d.memberPhone) || undefined,
      detail: d.note || undefined,
      value: 1,
      manual: manualOf(d.entered)
    })),
    nextCursor: page.nextCursor
  }
}

/**
 * Informants and how many items each submitted in the year: users holding
 * the role (read in full: the team is tens of people) and one aggregate of
 * their submissions. One page, no cursor (the users are keyed by OPENID).
 */
async function informantRows(year: number, ctx: HandlerContext): Promise<Page<FigureRecord>> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const { start, end } = beijingYear(year)
  const [users, grouped] = await Promise.all([
    findAll<{ _id: string; name?: string; member?: { name: string }; grants: { role: string; grantedAt: Date }[] }>(ctx.db, 'users', { grants: _.elemMatch({ role: 'informant', grantedAt: _.lt(end) }) }),
    ctx.db
      .collection('opinions')
      .aggregate()
      .match({ receivedAt: _.gte(start).and(_.lt(end)), submitterRole: 'informant' })
      .group({ _id: '$submitterOpenid', n: $.sum(1) })
      .limit(1000)
      .end()
  ])
  const counts = new Map(((grouped as { list?: { _id: string; n: number }[] }).list ?? []).map((r) => [r._id, r.n]))
  const rows = users
    .map((u) => ({ name: u.member?.name ?? u.name ?? '信息员', n: counts.get(u._id) ?? 0, since: u.grants.find((g) => g.role === 'informant')?.grantedAt }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh'))
  return {
    items: rows.map((r, i) => ({ id: `informant-${i + 1}`, title: r.name, date: iso(r.since), detail: `当年报送 ${r.n} 条`, value: 1 }))
  }
}

/** Studios with their finalized activities of the year (one read of the studios, one aggregate). */
async function studioRows(year: number, ctx: HandlerContext): Promise<Page<FigureRecord>> {
  const _ = ctx.db.command
  const $ = ctx.db.command.aggregate
  const { end } = beijingYear(year)
  const [studios, grouped] = await Promise.all([
    findAll<{ _id: string; name: string; town?: string; sortKey?: string }>(ctx.db, 'studios', { createdAt: _.lt(end) }),
    ctx.db
      .collection('activities')
      .aggregate()
      .match({ ...countedActivitiesWhere(ctx.db, year), studioId: _.exists(true) })
      .group({ _id: { studioId: '$studioId', type: '$type' }, n: $.sum(1) })
      .limit(1000)
      .end()
  ])
  const counts = new Map<string, { studio: number; consultation: number }>()
  for (const row of (grouped as { list?: { _id: { studioId: string; type: string }; n: number }[] }).list ?? []) {
    const c = counts.get(row._id.studioId) ?? { studio: 0, consultation: 0 }
    if (row._id.type === 'consultation') c.consultation += row.n
    else c.studio += row.n
    counts.set(row._id.studioId, c)
  }
  studios.sort((a, b) => String(a.sortKey ?? a._id).localeCompare(String(b.sortKey ?? b._id)))
  return {
    items: studios.map((s) => {
      const c = counts.get(s._id) ?? { studio: 0, consultation: 0 }
      return { id: s._id, title: s.name, place: s.town, detail: `工作室活动 ${c.studio} 次 · 协商议事 ${c.consultation} 场`, value: 1 }
    })
  }
}

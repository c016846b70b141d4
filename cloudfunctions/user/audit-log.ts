/**
 * 操作日志 for staff (issue 14: the console's audit log with filters). Reads
 * `auditLog` newest first; every person appears by name with an opaque
 * person key, never an OPENID; actions by their Chinese labels
 * (src/core/audit.ts); internal ids (file IDs, activity ids) are not shown.
 */
import type { AuditEntryView } from '../../src/core/actions/user'
import { auditActionLabel, auditAreaLabels, auditAreaOf, auditAreaPrefixes, type AuditArea } from '../../src/core/audit'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { roleLabels, type Role } from '../../src/core/roles'
import { beijingDay, parseBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findPage, rowsOf } from '../_shared/db'
import { namesOf, openidOfPerson, personKeyFor, UNNAMED } from '../_shared/people'

interface AuditDocument {
  _id: string
  actor: string
  action: string
  target: string
  details?: Record<string, unknown>
  at: Date
}

/** Whether a target string is a person: an OPENID in `users` (resolved by name) or a roster member id. */
const MEMBER_ID = /^m-[A-Za-z0-9-]{1,20}$/

/** A short Chinese summary of an entry's details; only fields known to be safe to show. */
function summaryOf(e: AuditDocument): string {
  const d = e.details ?? {}
  const parts: string[] = []
  if (typeof d.role === 'string' && Object.prototype.hasOwnProperty.call(roleLabels, d.role)) parts.push(`角色：${roleLabels[d.role as Role]}`)
  if (typeof d.computer === 'string') parts.push(`电脑：${d.computer}`)
  if (typeof d.created === 'number' && typeof d.updated === 'number') parts.push(`新增 ${d.created} 位，更新 ${d.updated} 位`)
  if (typeof d.rows === 'number') parts.push(`${d.rows} 条记录`)
  if (typeof d.count === 'number') parts.push(`${d.count} 条`)
  if (typeof d.reason === 'string' && d.reason) parts.push(`原因：${d.reason.slice(0, 60)}`)
  return parts.join('；')
}

/**
 * The audit log page. Filters: area (action-name prefixes), Beijing dates
 * (`from`..`to` inclusive), the actor by person key. Errors:
 * COMMON.INVALID_INPUT (a date that does not exist, from after to),
 * ROLE.PERSON_NOT_FOUND. DB: 1 read, +1 for the actor, + names (users by
 * OPENID, 1 read per 100) + roster names of member targets (1 read).
 */
export async function readAuditLog(input: { limit?: number; cursor?: string; area?: AuditArea; from?: string; to?: string; actorKey?: string }, ctx: HandlerContext): Promise<Page<AuditEntryView>> {
  const _ = ctx.db.command
  const where: Record<string, unknown>[] = []
  let start: Date | undefined
  let end: Date | undefined
  try {
    if (input.from) start = parseBeijing(`${input.from} 00:00`)
    if (input.to) end = beijingDay(parseBeijing(`${input.to} 00:00`)).end
  } catch {
    throw new AppError('COMMON.INVALID_INPUT', '日期不正确')
  }
  if (start && end && start >= end) throw new AppError('COMMON.INVALID_INPUT', '开始日期不能晚于结束日期')
  if (start && end) where.push({ at: _.gte(start).and(_.lt(end)) })
  else if (start) where.push({ at: _.gte(start) })
  else if (end) where.push({ at: _.lt(end) })
  if (input.area) where.push({ action: ctx.db.RegExp({ regexp: `^(${auditAreaPrefixes[input.area].join('|')})\\.`, options: '' }) })
  if (input.actorKey) {
    const openid = await openidOfPerson(ctx.db, input.actorKey)
    if (!openid) throw new AppError('ROLE.PERSON_NOT_FOUND')
    where.push({ actor: openid })
  }
  const page = await findPage<AuditDocument>(ctx.db, 'auditLog', { where: (where.length ? _.and(where) : {}) as Record<string, unknown>, sortField: 'at', direction: 'desc', limit: input.limit, cursor: input.cursor })
  const people = page.items.flatMap((e) => [e.actor, ...(MEMBER_ID.test(e.target) ? [] : [e.target])])
  const names = await namesOf(ctx.db, people)
  const memberIds = [...new Set(page.items.map((e) => e.target).filter((t) => MEMBER_ID.test(t)))]
  const members = new Map(
    memberIds.length
      ? rowsOf<{ _id: string; name: string }>(await ctx.db.collection('members').where({ _id: _.in(memberIds) }).field({ _id: true, name: true }).limit(100).get()).map((m) => [m._id, m.name])
      : []
  )
  return {
    items: page.items.map((e) => {
      const system = e.actor === 'deploy' || e.actor === 'system' || !e.actor
      const targetName = MEMBER_ID.test(e.target) ? members.get(e.target) : names.get(e.target)
      const area = auditAreaOf(e.action)
      return {
        id: e._id,
        at: new Date(e.at).toISOString(),
        actor: system ? { key: '', name: '系统' } : { key: personKeyFor(e.actor), name: names.get(e.actor) ?? UNNAMED },
        actionLabel: auditActionLabel(e.action),
        areaLabel: area ? auditAreaLabels[area] : '其他',
        ...(targetName ? { targetName } : {}),
        summary: summaryOf(e)
      }
    }),
    nextCursor: page.nextCursor
  }
}

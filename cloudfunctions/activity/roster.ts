/**
 * The organiser's registration list (by group) and its .xlsx export.
 */
import type { RegistrationState, RegistrationView } from '../../src/core/actions/activity'
import { activityTypeLabels, registrationStateLabels } from '../../src/core/actions/activity'
import { maskPhone } from '../../src/core/privacy'
import { formatBeijing } from '../../src/core/time'
import { findAll, findPage } from '../_shared/db'
import { tempUrls } from '../_shared/files'
import { writeAudit } from '../_shared/audit'
import { type RegistrationDocument } from './engine'
import { iso, managed, type Handler } from './model'
import { CPPCC_NAME } from '../../src/core/county'

const GROUP_STATES: Record<string, RegistrationState[] | undefined> = {
  registered: ['registered', 'notified', 'confirmed', 'leave_denied', 'checked_in', 'attended'],
  waitlisted: ['waitlisted'],
  leave: ['leave_requested', 'leave_approved', 'leave_denied'],
  attendance: ['checked_in', 'attended', 'absent', 'leave_approved'],
  all: undefined
}

function viewOf(r: RegistrationDocument, staff: boolean): RegistrationView {
  return {
    id: r._id,
    personKey: r.personKey,
    name: r.name,
    ...(r.memberId ? { memberId: r.memberId } : {}),
    phone: staff ? (r.phone ?? '') : maskPhone(r.phone),
    state: r.state,
    ...(r.waitlistSeq !== undefined && r.state === 'waitlisted' ? { waitlistSeq: new Date(r.waitlistSeq).getTime() } : {}),
    ...(r.leaveReason ? { leaveReason: r.leaveReason } : {}),
    ...(r.checkedInAt ? { checkedInAt: iso(r.checkedInAt) } : {}),
    ...(r.checkinMethod ? { checkinMethod: r.checkinMethod } : {}),
    registeredAt: iso(r.registeredAt)!
  }
}
export const registrations: Handler<'activity.registrations'> = async (input, ctx) => {
  const { a, caller } = await managed(ctx, input.id)
  const _ = ctx.db.command
  const group = input.group ?? 'all'
  const states = GROUP_STATES[group]
  const where: Record<string, unknown> = { activityId: a._id, ...(states ? { state: _.in(states) } : {}) }
  const page = await findPage<RegistrationDocument>(ctx.db, 'registrations', {
    where,
    sortField: group === 'waitlisted' ? 'waitlistSeq' : 'registeredAt',
    direction: 'asc',
    limit: input.limit,
    cursor: input.cursor
  })
  const staff = caller.roles.includes('staff')
  return {
    items: page.items.map((r) => viewOf(r, staff)),
    nextCursor: page.nextCursor,
    counts: { registered: a.registeredCount, waitlisted: Math.max(0, a.waitlistCount), checkedIn: a.checkedInCount, capacity: a.capacity }
  }
}

/**
 * Every registration to one sheet; phones masked unless staff; the export is
 * audited. Output: the file, its temporary download URL ('' when storage
 * cannot give one), a readable file name without extension and the row count.
 */
export const exportRegistrations: Handler<'activity.export'> = async (input, ctx) => {
  const { a, caller } = await managed(ctx, input.id)
  const staff = caller.roles.includes('staff')
  const regs = await findAll<RegistrationDocument>(ctx.db, 'registrations', { activityId: a._id })
  regs.sort((x, y) => new Date(x.registeredAt).getTime() - new Date(y.registeredAt).getTime())
  // exceljs loads only here, not with the function (cold start, issue 13 item 10).
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = CPPCC_NAME
  const sheet = book.addWorksheet('报名与考勤')
  sheet.addRow([`${a.title}（${activityTypeLabels[a.type]}）`])
  sheet.addRow([`时间：${formatBeijing(a.startAt)} 至 ${formatBeijing(a.endAt, 'HH:mm')}（北京时间）  地点：${a.place}`])
  sheet.addRow(['序号', '姓名', '委员编号', '手机号', '状态', '报名时间', '签到时间', '签到方式', '请假事由'])
  const methods = { venue_qr: '现场扫码', pass: '扫凭证', manual: '手工登记' } as const
  regs.forEach((r, i) =>
    sheet.addRow([
      i + 1,
      r.name,
      r.memberId ?? '',
      staff ? (r.phone ?? '') : maskPhone(r.phone),
      registrationStateLabels[r.state],
      formatBeijing(r.registeredAt),
      r.checkedInAt ? formatBeijing(r.checkedInAt) : '',
      r.checkinMethod ? methods[r.checkinMethod] : '',
      r.leaveReason ?? ''
    ])
  )
  sheet.columns.forEach((c) => (c.width = 16))
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  const cloudPath = `exports/activity/${a._id}/${formatBeijing(ctx.now, 'YYYYMMDD-HHmmss')}-${ctx.requestId}.xlsx`
  const { fileID } = await ctx.cloud.uploadFile({ cloudPath, fileContent: buffer })
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'activity.export', target: a._id, details: { rows: regs.length, masked: !staff }, requestId: ctx.requestId }, ctx.now)
  // The desk console saves the file from its temporary URL; the phone downloads it by fileID and opens it.
  const url = (await tempUrls(ctx, [fileID]))[fileID] ?? ''
  return { fileID, url, name: `报名与考勤-${a.title}`, rows: regs.length }
}

/**
 * Yearly counts (issue 4, "Counts") and the staff export (issue 4,
 * "Privacy": exports are logged). Years are Beijing calendar years.
 */
import type { OpinionStats } from '../../src/core/actions/opinion'
import { opinionStateLabels } from '../../src/core/states'
import { beijingYear, formatBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findAll } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import { opinionYearCounts } from '../_shared/year-counts'
import { statusLabel, upwardLabel, type OpinionDocument } from './model'

/**
 * Counts for `year`: items received (receivedAt in the year), adopted
 * (adoptedAt in the year), bulletin issues of the year, upward records by
 * level and kind (by their Beijing date). The definition lives in
 * cloudfunctions/_shared/year-counts.ts, shared with the year's figures.
 */
export async function stats(input: { year: number }, ctx: HandlerContext): Promise<OpinionStats> {
  const { informantSubmissions: _informant, ...counts } = await opinionYearCounts(ctx.db, input.year)
  return counts
}

/**
 * The year's items as .xlsx for staff: phones in full for named items;
 * anonymous items show 匿名 and no phone. Stored under `exports/`, link
 * returned, audit-logged with the row count.
 */
export async function exportYear(input: { year: number }, ctx: HandlerContext): Promise<{ fileID: string; url: string; count: number }> {
  const _ = ctx.db.command
  const { start, end } = beijingYear(input.year)
  const items = (await findAll<OpinionDocument>(ctx.db, 'opinions', { receivedAt: _.gte(start).and(_.lt(end)) })).sort(
    (a, b) => new Date(a.receivedAt).getTime() - new Date(b.receivedAt).getTime()
  )
  // Loaded here, not at module load: exceljs is heavy and only exports need it (cold start, issue 13 item 10).
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(`${input.year}年社情民意`)
  sheet.columns = [
    { header: '编号', key: 'id', width: 30 },
    { header: '收到时间（北京时间）', key: 'receivedAt', width: 20 },
    { header: '标题', key: 'title', width: 40 },
    { header: '类别', key: 'category', width: 14 },
    { header: '状态', key: 'state', width: 12 },
    { header: '进展', key: 'status', width: 18 },
    { header: '提交人', key: 'submitter', width: 14 },
    { header: '联系电话', key: 'phone', width: 16 },
    { header: '重点', key: 'key', width: 6 },
    { header: '专刊期号', key: 'bulletin', width: 12 },
    { header: '上级采用', key: 'upward', width: 30 }
  ]
  for (const d of items) {
    sheet.addRow({
      id: d._id,
      receivedAt: formatBeijing(d.receivedAt),
      title: d.title,
      category: d.categoryName,
      state: opinionStateLabels[d.state],
      status: statusLabel(d),
      submitter: d.anonymous ? '匿名' : d.submitterName ?? { public: '群众', informant: '信息员', member: '委员' }[d.submitterRole],
      phone: d.anonymous ? '' : d.contactPhone ?? '',
      key: d.key ? '是' : '',
      bulletin: d.bulletin ? `${d.bulletin.year}年第${d.bulletin.number}期` : '',
      upward: (d.upward ?? []).map((u) => `${u.date} ${upwardLabel(u)}`).join('；')
    })
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  const cloudPath = `exports/${ctx.openid}/opinions-${input.year}-${ctx.now.getTime()}.xlsx`
  const { fileID } = (await ctx.cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  const reply = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'opinion.export', target: `opinions-${input.year}`, details: { fileID, count: items.length }, requestId: ctx.requestId }, ctx.now)
  return { fileID, url: reply.fileList[0]?.tempFileURL ?? '', count: items.length }
}

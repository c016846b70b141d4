/**
 * Exports (issue 11 item 6): the annual duty report .docx (年度履职报告, one
 * page per member: name, sector, committees, every kind with count and
 * points, score, grade) for one member or the whole roster, and the year's
 * ledger .xlsx (考评结果 + 履职明细). Built from the score documents only;
 * exceljs and docx are loaded inside the handlers. Files go to
 * `exports/ledger/` (no OPENID in the path); every export is audited.
 */
import { AppError } from '../../src/core/errors'
import { gradeLabels, type Grade } from '../../src/core/actions/ledger'
import { gradeOf } from '../../src/core/ledger'
import { formatBeijing } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import { findAll, findById } from '../_shared/db'
import type { HandlerContext } from '../_shared/define-function'
import { committeesOf, rulesOf, SCORES, type LedgerMember, type ScoreDocument } from '../_shared/ledger'
import { yearDoc, type Handler } from './model'

async function store(ctx: HandlerContext, name: string, bytes: Buffer, action: string, target: string, count: number) {
  const cloudPath = `exports/ledger/${name}-${ctx.now.getTime()}`
  const { fileID } = (await ctx.cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  const reply = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] }
  await writeAudit(ctx.db, { actor: ctx.openid, action, target, details: { fileID, count }, requestId: ctx.requestId }, ctx.now)
  return { fileID, url: reply.fileList[0]?.tempFileURL ?? '' }
}

/** Every member of the roster with their score document (a member without one: score 0, no lines), roster order by member number. */
async function reportRows(ctx: HandlerContext, year: number, memberId?: string): Promise<ScoreDocument[]> {
  const doc = await yearDoc(ctx.db, year)
  const zero = gradeOf(0, rulesOf(doc).bands)
  const members = memberId ? [await findById<LedgerMember & { memberNumber?: string }>(ctx.db, 'members', memberId)].filter((m) => m !== null) : await findAll<LedgerMember & { memberNumber?: string }>(ctx.db, 'members', {})
  if (memberId && !members.length) throw new AppError('LEDGER.MEMBER_NOT_FOUND')
  const scores = memberId ? [await findById<ScoreDocument>(ctx.db, SCORES, `${year}-${memberId}`)].filter((s) => s !== null) : await findAll<ScoreDocument>(ctx.db, SCORES, { year })
  const byMember = new Map(scores.map((s) => [s.memberId, s]))
  return members
    .sort((a, b) => (a.memberNumber ?? a._id).localeCompare(b.memberNumber ?? b._id))
    .map(
      (m) =>
        byMember.get(m._id) ?? {
          _id: `${year}-${m._id}`, year, memberId: m._id, name: m.name, sector: m.sector, committees: committeesOf(m), score: 0, grade: zero, gradeLabel: gradeLabels[zero as Grade], byKind: [], dutyLines: 0, absences: 0, lines: [], state: { locked: false }, computedAt: ctx.now
        }
    )
}

/** The .docx bytes: one page per member. */
export async function renderReport(year: number, rows: ScoreDocument[], now: Date): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx')
  const font = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
  const hei = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 24, font })] })] })
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = []
  rows.forEach((s, i) => {
    children.push(new Paragraph({ pageBreakBefore: i > 0, alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: `${year}年度委员履职报告`, bold: true, size: 40, font: hei })] }))
    const line = (label: string, value: string) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `${label}：`, bold: true, size: 28, font }), new TextRun({ text: value, size: 28, font })] })
    children.push(line('姓名', s.name), line('界别', s.sector || '—'), line('专委会', (s.committees ?? []).join('、') || '—'))
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: [cell('履职类别', true), cell('次数', true), cell('得分', true)] }),
          ...(s.byKind.length ? s.byKind.map((k) => new TableRow({ children: [cell(k.label), cell(String(k.count)), cell(String(k.points))] })) : [new TableRow({ children: [cell('本年度暂无履职记录'), cell('0'), cell('0')] })])
        ]
      })
    )
    children.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: `年度得分：${s.score} 分    考评等次：${gradeLabels[s.grade as Grade]}`, bold: true, size: 30, font })] }))
    children.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: `县政协办公室 ${formatBeijing(now, 'YYYY年M月D日')}`, size: 22, font })] }))
  })
  const doc = new Document({ creator: '县政协办公室', title: `${year}年度委员履职报告`, sections: [{ children }] })
  return Packer.toBuffer(doc)
}

/** `ledger.exportReport`. */
export const exportReport: Handler<'ledger.exportReport'> = async (input, ctx) => {
  const rows = await reportRows(ctx, input.year, input.memberId)
  let bytes: Buffer
  try {
    bytes = await renderReport(input.year, rows, ctx.now)
  } catch (error) {
    console.error(JSON.stringify({ fn: 'ledger', action: 'ledger.exportReport', requestId: ctx.requestId, error: String((error as Error)?.stack ?? error) }))
    throw new AppError('LEDGER.EXPORT_FAILED')
  }
  const file = await store(ctx, `${input.year}-report${input.memberId ? `-${input.memberId}` : ''}.docx`, bytes, 'ledger.exportReport', input.memberId ?? `ledger-${input.year}`, rows.length)
  return { ...file, members: rows.length }
}

/** `ledger.exportLedger`. */
export const exportLedger: Handler<'ledger.exportLedger'> = async (input, ctx) => {
  const rows = (await reportRows(ctx, input.year)).sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-Hans-CN'))
  let bytes: Buffer
  let lines = 0
  try {
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    wb.creator = '县政协办公室'
    const result = wb.addWorksheet('考评结果')
    result.columns = [
      { header: '名次', key: 'rank', width: 8 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '界别', key: 'sector', width: 18 },
      { header: '专委会', key: 'committees', width: 24 },
      { header: '得分', key: 'score', width: 8 },
      { header: '等次', key: 'grade', width: 10 }
    ]
    result.getRow(1).font = { bold: true }
    let rank = 0
    rows.forEach((s, i) => {
      if (i === 0 || s.score !== rows[i - 1].score) rank = i + 1
      result.addRow({ rank, name: s.name, sector: s.sector, committees: (s.committees ?? []).join('、'), score: s.score, grade: gradeLabels[s.grade as Grade] })
    })
    const detail = wb.addWorksheet('履职明细')
    detail.columns = [
      { header: '姓名', key: 'name', width: 12 },
      { header: '履职类别', key: 'kind', width: 22 },
      { header: '日期', key: 'date', width: 12 },
      { header: '来源', key: 'title', width: 40 },
      { header: '分值', key: 'points', width: 8 },
      { header: '计分', key: 'counted', width: 8 }
    ]
    detail.getRow(1).font = { bold: true }
    for (const s of rows)
      for (const l of s.lines ?? []) {
        lines += 1
        detail.addRow({ name: s.name, kind: l.kindLabel, date: formatBeijing(l.date, 'YYYY-MM-DD'), title: l.source.title, points: l.points, counted: l.counted })
      }
    bytes = Buffer.from(await wb.xlsx.writeBuffer())
  } catch (error) {
    console.error(JSON.stringify({ fn: 'ledger', action: 'ledger.exportLedger', requestId: ctx.requestId, error: String((error as Error)?.stack ?? error) }))
    throw new AppError('LEDGER.EXPORT_FAILED')
  }
  const file = await store(ctx, `${input.year}-ledger.xlsx`, bytes, 'ledger.exportLedger', `ledger-${input.year}`, lines)
  return { ...file, lines }
}

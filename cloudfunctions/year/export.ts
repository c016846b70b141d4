/**
 * `year.export` (issue 10, "Exports"): the year's figures as .xlsx (one row
 * per figure: group, name, value, last year, unit, how counted) or as a
 * .docx "年度工作数据" with the figures in the review's order, ready to paste
 * into the work review. exceljs and docx are loaded inside the handler so a
 * cold start of the function does not pay for them. The file goes to cloud
 * storage under `exports/year/` (no OPENID in the path); the answer is its
 * file ID and a temporary URL; the export is audit-logged.
 */
import type { YearFigures } from '../../src/core/actions/year'
import { AppError } from '../../src/core/errors'
import { formatFigure } from '../../src/core/figures'
import { formatBeijing } from '../../src/core/time'
import { writeAudit } from '../_shared/audit'
import type { HandlerContext } from '../_shared/define-function'
import { computeFigures } from './figures'
import { CPPCC_NAME, CPPCC_OFFICE } from '../../src/core/county'

/** The .xlsx bytes: sheet `<year>年工作数据`, one row per figure. */
export async function renderXlsx(f: YearFigures): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = CPPCC_OFFICE
  const sheet = workbook.addWorksheet(`${f.year}年工作数据`)
  sheet.columns = [
    { header: '类别', key: 'group', width: 12 },
    { header: '统计项', key: 'name', width: 30 },
    { header: `${f.year}年`, key: 'value', width: 12 },
    { header: `${f.previousYear}年`, key: 'previous', width: 12 },
    { header: '单位', key: 'unit', width: 8 },
    { header: '统计口径', key: 'how', width: 60 }
  ]
  sheet.getRow(1).font = { bold: true }
  for (const g of f.groups) {
    for (const x of g.figures) {
      sheet.addRow({ group: g.label, name: x.name, value: x.value ?? x.pending ?? '', previous: x.previous ?? '', unit: x.unit, how: x.howCounted })
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The .docx bytes: title, then each group as a heading with one line per figure (name: value, last year). */
export async function renderDocx(f: YearFigures, now: Date): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx')
  const font = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
  const heiti = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: `${CPPCC_NAME}${f.year}年度工作数据`, bold: true, size: 40, font: heiti })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: `${CPPCC_OFFICE} ${formatBeijing(now, 'YYYY年M月D日')}导出`, size: 22, font })] })
  ]
  f.groups.forEach((g, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: `${numerals[i] ?? i + 1}、${g.label}`, bold: true, size: 30, font: heiti })] }))
    for (const x of g.figures) {
      const value = x.value === null ? `—（${x.pending ?? '暂无数据'}）` : formatFigure(x.value, x.unit)
      const previous = x.previous === null ? '' : `（${f.previousYear}年 ${formatFigure(x.previous, x.unit)}）`
      children.push(new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 420 }, children: [new TextRun({ text: `${x.name}：${value}${previous}`, size: 28, font })] }))
    }
  })
  const doc = new Document({ creator: CPPCC_OFFICE, title: `${CPPCC_NAME}${f.year}年度工作数据`, sections: [{ children }] })
  return Packer.toBuffer(doc)
}

/** `year.export`: renders the chosen format, uploads it and returns a temporary URL. */
export async function exportYear(input: { year: number; format: 'xlsx' | 'docx' }, ctx: HandlerContext): Promise<{ fileID: string; url: string; figures: number }> {
  const f = await computeFigures(ctx.db, input.year, ctx.now)
  let bytes: Buffer
  try {
    bytes = input.format === 'xlsx' ? await renderXlsx(f) : await renderDocx(f, ctx.now)
  } catch (error) {
    console.error(JSON.stringify({ fn: 'year', action: 'year.export', requestId: ctx.requestId, error: String((error as Error)?.stack ?? error) }))
    throw new AppError('YEAR.EXPORT_FAILED')
  }
  const count = f.groups.reduce((n, g) => n + g.figures.length, 0)
  const cloudPath = `exports/year/${input.year}-figures-${ctx.now.getTime()}.${input.format}`
  const { fileID } = (await ctx.cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  const reply = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'year.export', target: `year-${input.year}`, details: { fileID, format: input.format }, requestId: ctx.requestId }, ctx.now)
  return { fileID, url: reply.fileList[0]?.tempFileURL ?? '', figures: count }
}

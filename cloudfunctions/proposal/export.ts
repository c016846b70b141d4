/**
 * Exports for the office (issue 9 item 9): the proposal list as .xlsx
 * (exceljs), one proposal as .docx in the usual layout (docx) and the
 * session's 提案汇编 (every filed proposal in number order). Both libraries
 * are loaded inside the actions, not at module top: every other action's
 * cold start stays free of them. Files go to `exports/<OPENID of the staff
 * user>/...` (only that user gets the link); every export is audit-logged.
 */
import { contactModeLabels, proposalCategoryLabels, ratingLabels, replyGradeLabels, unitRoleLabels, type ExportFile } from '../../src/core/actions/proposal'
import { AppError } from '../../src/core/errors'
import { proposalStateLabels } from '../../src/core/states'
import { formatBeijing } from '../../src/core/time'
import type { HandlerContext } from '../_shared/define-function'
import { findById } from '../_shared/db'
import { writeAudit } from '../_shared/audit'
import { confirmedCosigners, type ProposalDocument } from './model'
import { proposalsInScope, type Scope } from './stats'
import { CPPCC_NAME } from '../../src/core/county'

async function store(ctx: HandlerContext, name: string, bytes: Buffer, count: number, target: string, action: string): Promise<ExportFile> {
  const cloudPath = `exports/${ctx.openid}/${name}-${ctx.now.getTime()}`
  const { fileID } = (await ctx.cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  const reply = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: { tempFileURL: string }[] }
  await writeAudit(ctx.db, { actor: ctx.openid, action, target, details: { fileID, count }, requestId: ctx.requestId }, ctx.now)
  return { fileID, url: reply.fileList[0]?.tempFileURL ?? '', count }
}

const byNumber = (a: ProposalDocument, b: ProposalDocument) => (a.number ?? 1e9) - (b.number ?? 1e9) || new Date(a.submittedAt ?? a.createdAt).getTime() - new Date(b.submittedAt ?? b.createdAt).getTime()

function unitsText(d: ProposalDocument, role: 'main' | 'assist'): string {
  return (d.units ?? []).filter((u) => u.status !== 'returned' && (role === 'assist' ? u.role === 'assist' : u.role !== 'assist')).map((u) => u.name).join('、')
}

/** The list of a session or year (submitted proposals; drafts left out) as .xlsx. */
export async function exportList(input: Scope, ctx: HandlerContext): Promise<ExportFile> {
  const { default: ExcelJS } = await import('exceljs')
  const { term, docs, label } = await proposalsInScope(ctx, input)
  const rows = docs.filter((d) => d.submittedAt).sort(byNumber)
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('提案目录')
  sheet.columns = [
    { header: '提案号', key: 'number', width: 26 },
    { header: '案由', key: 'title', width: 48 },
    { header: '类别', key: 'category', width: 10 },
    { header: '提案人', key: 'proposer', width: 14 },
    { header: '联名人', key: 'cosigners', width: 24 },
    { header: '会议', key: 'session', width: 14 },
    { header: '状态', key: 'state', width: 10 },
    { header: '提交时间（北京时间）', key: 'submittedAt', width: 20 },
    { header: '主办/分办单位', key: 'units', width: 28 },
    { header: '协办单位', key: 'assist', width: 24 },
    { header: '办理期限', key: 'deadline', width: 12 },
    { header: '办理结果', key: 'grade', width: 10 },
    { header: '满意度', key: 'rating', width: 12 },
    { header: '重点提案', key: 'key', width: 8 }
  ]
  for (const d of rows) {
    sheet.addRow({
      number: d.numberLabel ?? '',
      title: d.title,
      category: proposalCategoryLabels[d.category],
      proposer: d.proposerName,
      cosigners: confirmedCosigners(d).map((c) => c.name).join('、'),
      session: `${d.termName}${d.sessionName}`,
      state: proposalStateLabels[d.state],
      submittedAt: d.submittedAt ? formatBeijing(d.submittedAt) : '',
      units: unitsText(d, 'main'),
      assist: unitsText(d, 'assist'),
      deadline: (d.units ?? []).find((u) => u.role !== 'assist')?.deadline ?? '',
      grade: (d.replies ?? []).map((r) => r.grade).join('、'),
      rating: (d.replies ?? []).map((r) => (r.rating ? ratingLabels[r.rating.value] : '')).filter(Boolean).join('、'),
      key: d.key ? '是' : ''
    })
  }
  sheet.getRow(1).font = { bold: true }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  return store(ctx, `proposals-${term._id}-${label.replace(/\s+/g, '')}.xlsx`, bytes, rows.length, term._id, 'proposal.exportList')
}

type Docx = typeof import('docx')

/** The paragraphs of one proposal in the usual layout. */
function proposalParagraphs(docx: Docx, d: ProposalDocument, pageBreak: boolean) {
  const { Paragraph, TextRun, AlignmentType, HeadingLevel } = docx
  const font = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
  const hei = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
  const line = (label: string, value: string) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}：`, bold: true, size: 28, font: hei }), new TextRun({ text: value, size: 28, font })] })
  const body = (text: string) => text.split('\n').filter((p) => p.trim()).map((p) => new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 460 }, children: [new TextRun({ text: p, size: 28, font })] }))
  const heading = (text: string) => new Paragraph({ spacing: { before: 200, after: 100 }, children: [new TextRun({ text, bold: true, size: 30, font: hei })] })
  return [
    new Paragraph({ pageBreakBefore: pageBreak, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: d.title, bold: true, size: 36, font: hei })] }),
    line('提案号', d.numberLabel ?? '（未立案）'),
    line('案由', d.title),
    line('提案人', d.proposerName),
    line('联名人', confirmedCosigners(d).map((c) => c.name).join('、') || '无'),
    line('类别', proposalCategoryLabels[d.category]),
    line('提交时间', d.submittedAt ? formatBeijing(d.submittedAt, 'YYYY年M月D日') : ''),
    heading('一、情况分析'),
    ...body(d.analysis),
    heading('二、具体建议'),
    ...body(d.suggestions),
    line('承办单位', (d.units ?? []).filter((u) => u.status !== 'returned').map((u) => `${u.name}（${unitRoleLabels[u.role]}）`).join('、') || '待交办'),
    ...(d.replies ?? []).flatMap((r) => [
      heading(`办理答复（${r.unitName}）`),
      line('办理结果', `${replyGradeLabels[r.grade]}；沟通方式：${contactModeLabels[r.contactMode]}`),
      ...body(r.content)
    ])
  ]
}

async function renderDocx(title: string, d: ProposalDocument[], withContents: string | null): Promise<Buffer> {
  const docx = await import('docx')
  const { Document, Packer, Paragraph, TextRun, AlignmentType } = docx
  const hei = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
  const font = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
  const children = []
  if (withContents) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 600 }, children: [new TextRun({ text: withContents, bold: true, size: 52, font: hei })] }))
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: `共 ${d.length} 件`, size: 28, font })] }))
    children.push(new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: '目  录', bold: true, size: 36, font: hei })] }))
    for (const p of d) children.push(new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${p.numberLabel ?? ''}  ${p.title}（${p.proposerName}）`, size: 24, font })] }))
  }
  d.forEach((p, i) => children.push(...proposalParagraphs(docx, p, Boolean(withContents) || i > 0)))
  const doc = new Document({ creator: `${CPPCC_NAME}提案委员会`, title, sections: [{ children }] })
  return Packer.toBuffer(doc)
}

/** One proposal as .docx. */
export async function exportDocx(input: { id: string }, ctx: HandlerContext): Promise<ExportFile> {
  const d = await findById<ProposalDocument>(ctx.db, 'proposals', input.id)
  if (!d) throw new AppError('COMMON.NOT_FOUND', '提案不存在或已被删除')
  let bytes: Buffer
  try {
    bytes = await renderDocx(d.title, [d], null)
  } catch (error) {
    console.error(JSON.stringify({ export: d._id, error: String((error as Error)?.stack ?? error) }))
    throw new AppError('PROPOSAL.FILE_FAILED')
  }
  return store(ctx, `proposal-${d.number ? String(d.number).padStart(3, '0') : d._id}.docx`, bytes, 1, d._id, 'proposal.exportDocx')
}

/** The session's 提案汇编: every filed proposal (withdrawn ones left out), by number. */
export async function exportCompilation(input: { termId: string; sessionNumber: number | null }, ctx: HandlerContext): Promise<ExportFile> {
  const { term, docs, label } = await proposalsInScope(ctx, input)
  const filed = docs.filter((d) => d.number && d.state !== 'withdrawn').sort(byNumber)
  let bytes: Buffer
  try {
    bytes = await renderDocx(`${label}提案汇编`, filed, `${label}提案汇编`)
  } catch (error) {
    console.error(JSON.stringify({ export: label, error: String((error as Error)?.stack ?? error) }))
    throw new AppError('PROPOSAL.FILE_FAILED')
  }
  return store(ctx, `compilation-${term._id}-${input.sessionNumber ?? 'between'}.docx`, bytes, filed.length, term._id, 'proposal.exportCompilation')
}

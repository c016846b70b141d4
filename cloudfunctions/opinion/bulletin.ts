/**
 * 《社情民意》 bulletins (issue 4, "Bulletin"): staff pick adopted items; the
 * issue takes the next number of the Beijing year from a counter document
 * changed in the same transaction that moves the items to `published` (no
 * gaps, no duplicates when two staff compile at once: the second commit
 * conflicts and is retried with the next number; the unique index on
 * year+number is the backstop). The .docx (the `docx` package) is written to
 * cloud storage after the commit; a download regenerates it when missing.
 */
import type { Paragraph as DocxParagraph } from 'docx'
import type { BulletinDistribution, BulletinPreview, BulletinSummary, OpinionSummary } from '../../src/core/actions/opinion'
import { AppError } from '../../src/core/errors'
import type { Page } from '../../src/core/paging'
import { opinionStateLabels } from '../../src/core/states'
import { beijing, formatBeijing } from '../../src/core/time'
import type { Database, Transaction } from '../_shared/cloud'
import type { HandlerContext } from '../_shared/define-function'
import { findAll, findById, findPage } from '../_shared/db'
import { requestKey } from '../_shared/first-answer'
import { writeAudit } from '../_shared/audit'
import { summaryOf, txGet, type OpinionDocument } from './model'
import { notifySubmitter } from './notify'
import { transact } from '../_shared/transaction'
import { CPPCC_OFFICE } from '../../src/core/county'

export interface BulletinDocument {
  _id: string
  year: number
  number: number
  /** Beijing date YYYY-MM-DD of the issue. */
  date: string
  itemIds: string[]
  itemCount: number
  editor: string
  approver: string
  /** 报/送 lines (absent on issues compiled before they existed: none printed). */
  distribution?: BulletinDistribution
  fileID?: string
  compiledBy: string
  compiledAt: Date
  requestId: string
}

export function bulletinIdFor(year: number, number: number): string {
  return `b-${year}-${String(number).padStart(3, '0')}`
}

export function bulletinTitle(year: number, number: number): string {
  return `《社情民意》${year}年第${number}期`
}

function summaryOfBulletin(b: BulletinDocument): BulletinSummary {
  return {
    id: b._id,
    year: b.year,
    number: b.number,
    title: bulletinTitle(b.year, b.number),
    date: b.date,
    itemCount: b.itemCount,
    editor: b.editor,
    approver: b.approver,
    hasFile: Boolean(b.fileID),
    distribution: { report: b.distribution?.report ?? [], send: b.distribution?.send ?? [] }
  }
}

const CHINESE_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
/** 1 -> 一, 12 -> 十二, 130 -> 一百三十 (item headings in the bulletin). */
export function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_NUMERALS[n]
  if (n < 20) return `十${n % 10 ? CHINESE_NUMERALS[n % 10] : ''}`
  if (n < 100) return `${CHINESE_NUMERALS[Math.floor(n / 10)]}十${n % 10 ? CHINESE_NUMERALS[n % 10] : ''}`
  const rest = n % 100
  return `${CHINESE_NUMERALS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${CHINESE_NUMERALS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`
}

/**
 * The bulletin as a .docx: a running header with the issue, the masthead
 * (title, issue number, office and date), each item (adopted title and text,
 * 重点 marked, source: 匿名 for anonymous items), in the order of `items`;
 * then the foot: the 报/送 lines (“报：县委、县政府”, each only when it has
 * recipients, joined by 、 as official documents print them), editor and
 * approver lines. Output: the file's bytes.
 */
export async function renderBulletin(b: Pick<BulletinDocument, 'year' | 'number' | 'date' | 'editor' | 'approver' | 'distribution'>, items: OpinionDocument[]): Promise<Buffer> {
  // Loaded here, not at module load: docx is heavy and only compiling a bulletin needs it (cold start, issue 13 item 10).
  const { AlignmentType, BorderStyle, Document, Header, Packer, Paragraph, TextRun } = await import('docx')
  const font = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' }
  const heiti = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' }
  const dateText = beijing(`${b.date}T00:00:00+08:00`).format('YYYY年M月D日')
  const children: DocxParagraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: '社情民意', bold: true, size: 72, color: 'B8202A', font: heiti })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: `${b.year}年第${b.number}期`, size: 32, font })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'B8202A', space: 4 } },
      spacing: { after: 300 },
      children: [new TextRun({ text: `${CPPCC_OFFICE}编${'\u3000'.repeat(4)}${dateText}`, size: 24, font })]
    })
  ]
  items.forEach((item, i) => {
    const title = item.adopted?.title ?? item.title
    const content = item.adopted?.content ?? item.content
    children.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        children: [
          new TextRun({ text: `${chineseNumber(i + 1)}、${title}`, bold: true, size: 30, font: heiti }),
          ...(item.key ? [new TextRun({ text: '（重点）', bold: true, size: 24, color: 'B8202A', font: heiti })] : [])
        ]
      })
    )
    for (const para of content.split('\n').filter((p) => p.trim())) {
      children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 460 }, children: [new TextRun({ text: para, size: 28, font })] }))
    }
    const source = item.anonymous ? '匿名' : item.submitterName ?? (item.submitterRole === 'informant' ? '信息员' : item.submitterRole === 'member' ? '政协委员' : '群众')
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `（信息来源：${source}；类别：${item.categoryName}）`, size: 22, font })] }))
  })
  const lines = [
    ['报', b.distribution?.report ?? []],
    ['送', b.distribution?.send ?? []]
  ].filter(([, names]) => names.length) as [string, string[]][]
  lines.forEach(([label, names], i) =>
    children.push(
      new Paragraph({
        ...(i === 0 ? { border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } }, spacing: { before: 480 } } : {}),
        children: [new TextRun({ text: `${label}：${names.join('、')}`, size: 24, font })]
      })
    )
  )
  children.push(
    new Paragraph({ border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } }, spacing: { before: lines.length ? 120 : 480 }, children: [new TextRun({ text: `编辑：${b.editor}`, size: 24, font })] }),
    new Paragraph({ children: [new TextRun({ text: `签发：${b.approver}`, size: 24, font })] }),
    new Paragraph({ children: [new TextRun({ text: `本期共 ${items.length} 条信息`, size: 22, font })] })
  )
  const doc = new Document({
    creator: CPPCC_OFFICE,
    title: bulletinTitle(b.year, b.number),
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `社情民意 ${b.year}年第${b.number}期`, size: 18, font })] })] }) },
        children
      }
    ]
  })
  return Packer.toBuffer(doc)
}

/** Renders, uploads and records the file; returns the fileID. One write (+ storage). */
async function writeFile(db: Database, cloud: HandlerContext['cloud'], b: BulletinDocument, items: OpinionDocument[]): Promise<string> {
  const bytes = await renderBulletin(b, items)
  const cloudPath = `bulletins/${b.year}/shqmy-${b.year}-${String(b.number).padStart(3, '0')}.docx`
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  await db.collection('bulletins').doc(b._id).update({ data: { fileID } })
  return fileID
}

/** compile's and preview's input (src/core/actions/opinion.ts `bulletinInput`). */
type BulletinInput = { itemIds: string[]; editor: string; approver: string; distribution?: BulletinDistribution }

/** The 报/送 lines as stored: names trimmed, blanks and repeats dropped, order kept. */
function distributionOf(input: BulletinInput): BulletinDistribution {
  const clean = (names: string[] = []) => [...new Set(names.map((n) => n.trim()).filter(Boolean))]
  return { report: clean(input.distribution?.report), send: clean(input.distribution?.send) }
}

/**
 * Only adopted items whose submitter agreed to publication go into an issue.
 * Errors: BULLETIN.ITEM_NOT_ADOPTED (names the first, counts the rest), BULLETIN.NOT_PUBLISHABLE.
 */
function assertCompilable(items: OpinionDocument[]): void {
  const notAdopted = items.filter((i) => i.state !== 'adopted')
  if (notAdopted.length) {
    const first = notAdopted[0]
    throw new AppError('BULLETIN.ITEM_NOT_ADOPTED', `“${first.title}”当前为“${opinionStateLabels[first.state]}”，只有已采用的信息才能编入专刊${notAdopted.length > 1 ? `（共 ${notAdopted.length} 条不符合）` : ''}`)
  }
  const unpublishable = items.filter((i) => !i.mayPublish)
  if (unpublishable.length) throw new AppError('BULLETIN.NOT_PUBLISHABLE', `“${unpublishable[0].title}”的提交人不同意公开，不能编入专刊`)
}

/**
 * The .docx `compile` would write for the same input, before publishing
 * (the console's preview): the items read in the given order (one read
 * each), the same checks, the number the year's counter would give now
 * (one read; a compile by someone else meanwhile takes it and the real issue
 * gets the next). Nothing is written. Output: base64 bytes and their size.
 * Errors: as compile (BULLETIN.ITEM_NOT_ADOPTED, BULLETIN.NOT_PUBLISHABLE, COMMON.NOT_FOUND).
 */
export async function previewBulletin(input: BulletinInput, ctx: HandlerContext): Promise<BulletinPreview> {
  const ids = [...new Set(input.itemIds)]
  const year = beijing(ctx.now).year()
  const items: OpinionDocument[] = []
  for (const id of ids) {
    const item = await findById<OpinionDocument>(ctx.db, 'opinions', id)
    if (!item) throw new AppError('COMMON.NOT_FOUND', '所选信息不存在，请刷新后重新选择')
    items.push(item)
  }
  assertCompilable(items)
  const counter = await findById<{ value?: number }>(ctx.db, 'counters', `bulletin-${year}`)
  const number = Number(counter?.value ?? 0) + 1
  const bytes = await renderBulletin({ year, number, date: formatBeijing(ctx.now, 'YYYY-MM-DD'), editor: input.editor, approver: input.approver, distribution: distributionOf(input) }, items)
  return { year, number, title: bulletinTitle(year, number), docx: bytes.toString('base64'), bytes: bytes.length }
}

/**
 * Compiles `itemIds` (all `adopted`, publishable) into the next issue of the
 * current Beijing year. One transaction: idempotency record, counter, every
 * item (read + state check + update; its `bulletinOrder` is its place in
 * `itemIds`), the bulletin with its 报/送 lines. Then the .docx. Retrying
 * with the same requestId returns the same issue. Output: the bulletin.
 * Errors: BULLETIN.ITEM_NOT_ADOPTED, BULLETIN.NOT_PUBLISHABLE, COMMON.NOT_FOUND.
 */
export async function compile(input: BulletinInput, ctx: HandlerContext): Promise<BulletinSummary> {
  const ids = [...new Set(input.itemIds)]
  const year = beijing(ctx.now).year()
  const date = formatBeijing(ctx.now, 'YYYY-MM-DD')
  const key = requestKey(ctx, 'bulletin.compile')
  const outcome = await transact(ctx.db, async (tx: Transaction) => {
    try {
      const earlier = (await tx.collection('requests').doc(key).get()).data as { result?: { bulletinId: string } } | undefined
      if (earlier?.result?.bulletinId) return { bulletinId: earlier.result.bulletinId, again: true as const }
    } catch {
      // no earlier attempt
    }
    let last = 0
    try {
      last = Number(((await tx.collection('counters').doc(`bulletin-${year}`).get()).data as { value?: number })?.value ?? 0)
    } catch {
      last = 0
    }
    const items: OpinionDocument[] = []
    for (const id of ids) items.push(await txGet(tx, id))
    assertCompilable(items)
    const number = last + 1
    const bulletinId = bulletinIdFor(year, number)
    let taken = false
    try {
      taken = Boolean((await tx.collection('bulletins').doc(bulletinId).get()).data)
    } catch {
      taken = false
    }
    if (taken) throw new AppError('COMMON.CONFLICT', `期号 ${number} 已被占用，请联系管理员核对专刊计数`)
    const bulletin: BulletinDocument = {
      _id: bulletinId,
      year,
      number,
      date,
      itemIds: ids,
      itemCount: ids.length,
      editor: input.editor,
      approver: input.approver,
      distribution: distributionOf(input),
      compiledBy: ctx.openid,
      compiledAt: ctx.now,
      requestId: ctx.requestId
    }
    await tx.collection('counters').doc(`bulletin-${year}`).set({ data: { value: number, updatedAt: ctx.now } })
    const { _id, ...data } = bulletin
    await tx.collection('bulletins').doc(_id).set({ data })
    let order = 0
    for (const item of items) {
      await tx.collection('opinions').doc(item._id).update({
        data: {
          state: 'published',
          bulletin: { id: bulletinId, year, number },
          bulletinOrder: order++,
          timeline: [...item.timeline, { step: 'published', at: ctx.now, number, year }],
          history: [...item.history, { action: 'publish', by: ctx.openid, at: ctx.now, note: bulletinId }],
          updatedAt: ctx.now
        }
      })
    }
    await tx.collection('requests').doc(key).set({ data: { action: 'bulletin.compile', result: { bulletinId }, at: ctx.now } })
    return { bulletinId, again: false as const, bulletin, items }
  })
  if (outcome.again) {
    const b = await findById<BulletinDocument>(ctx.db, 'bulletins', outcome.bulletinId)
    if (!b) throw new AppError('COMMON.NOT_FOUND')
    return summaryOfBulletin(b)
  }
  const { bulletin, items } = outcome
  try {
    bulletin.fileID = await writeFile(ctx.db, ctx.cloud, bulletin, items)
  } catch (error) {
    // The issue stands; `bulletin.download` generates the file again.
    console.error(JSON.stringify({ bulletin: bulletin._id, error: String((error as Error)?.stack ?? error) }))
  }
  for (const item of items) {
    await notifySubmitter(ctx, item, 'published', '已编入专刊', `已编入社情民意第${bulletin.number}期`, ctx.now)
  }
  return summaryOfBulletin(bulletin)
}

/** Issues, newest first, optionally of one year. One read. */
export async function listBulletins(input: { limit?: number; cursor?: string; year?: number }, ctx: HandlerContext): Promise<Page<BulletinSummary>> {
  const page = await findPage<BulletinDocument>(ctx.db, 'bulletins', {
    where: input.year ? { year: input.year } : {},
    sortField: 'compiledAt',
    direction: 'desc',
    limit: input.limit,
    cursor: input.cursor
  })
  return { items: page.items.map(summaryOfBulletin), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

/** One issue with a page of its items in bulletin order. Two reads. */
export async function getBulletin(input: { id: string; limit?: number; cursor?: string }, ctx: HandlerContext): Promise<BulletinSummary & { items: Page<OpinionSummary> }> {
  const b = await findById<BulletinDocument>(ctx.db, 'bulletins', input.id)
  if (!b) throw new AppError('COMMON.NOT_FOUND', '专刊不存在')
  const page = await findPage<OpinionDocument>(ctx.db, 'opinions', { where: { 'bulletin.id': b._id }, sortField: 'bulletinOrder', direction: 'asc', limit: input.limit, cursor: input.cursor })
  const viewer = { openid: ctx.openid, staff: true }
  return { ...summaryOfBulletin(b), items: { items: page.items.map((d) => summaryOf(d, viewer)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } }
}

/**
 * A temporary download URL of the issue's .docx, regenerating the file when
 * it was never written or has been deleted from storage (all items, read 100
 * at a time). Written to the audit log.
 */
export async function downloadBulletin(input: { id: string }, ctx: HandlerContext): Promise<{ fileID: string; url: string }> {
  const b = await findById<BulletinDocument>(ctx.db, 'bulletins', input.id)
  if (!b) throw new AppError('COMMON.NOT_FOUND', '专刊不存在')
  const regenerate = async () => {
    const items = (await findAll<OpinionDocument>(ctx.db, 'opinions', { 'bulletin.id': b._id })).sort((x, y) => (x.bulletinOrder ?? 0) - (y.bulletinOrder ?? 0))
    try {
      return await writeFile(ctx.db, ctx.cloud, b, items)
    } catch (error) {
      console.error(JSON.stringify({ bulletin: b._id, error: String((error as Error)?.stack ?? error) }))
      throw new AppError('BULLETIN.FILE_FAILED')
    }
  }
  const urlOf = async (id: string) => ((await ctx.cloud.getTempFileURL({ fileList: [id] })) as { fileList: { tempFileURL?: string }[] }).fileList[0]?.tempFileURL ?? ''
  let fileID = b.fileID ?? (await regenerate())
  let url = await urlOf(fileID)
  // The recorded file was deleted from storage (no URL for it): write it again.
  if (!url && b.fileID) {
    fileID = await regenerate()
    url = await urlOf(fileID)
  }
  await writeAudit(ctx.db, { actor: ctx.openid, action: 'bulletin.download', target: b._id, details: { fileID }, requestId: ctx.requestId }, ctx.now)
  return { fileID, url }
}

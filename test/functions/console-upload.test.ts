/**
 * The console's upload channel (issue 14): the desk sends a file over HTTP
 * (`console.upload`), the shared checks judge it by its content, it is
 * stored under a neutral folder (no OPENID in the file ID), and only its
 * uploader can use it — here with the roster import, end to end.
 */
import ExcelJS from 'exceljs'
import { personas } from '../../src/dev/personas'
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import { useFunctionsCloud, codeOf } from './support'
import { callConsole, consoleToken } from './console-support'

const cloud = useFunctionsCloud()
jest.setTimeout(90_000)
const openids = personas.map((p) => p.openid)

beforeEach(() => cloud.seedDemo())

async function rosterBase64(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('名册')
  sheet.addRow(['委员编号', '姓名', '界别', '手机号', '专委会'])
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64')

async function uploadCount(): Promise<number> {
  return (await cloud.db().collection('consoleUploads').count()).total
}

describe('console.upload', () => {
  it('stores a roster under a neutral folder, and the import from the console adds and updates members', async () => {
    const token = await consoleToken(cloud, 'staff')
    const content = await rosterBase64([
      ['N901', '韩立新', '农业界', '', ''],
      ['D001', '王晓岚', '教育界', '13900000001', '提案委员会']
    ])
    const up = await callConsole<{ fileID: string; name: string; bytes: number; mime: string }>(cloud, token, 'console.upload', { kind: 'roster', name: '2026年名册.xlsx', content })
    if (!up.ok) throw new Error(up.error.code)
    expect(up.data.fileID).toMatch(/^cloud:\/\/[^/]+\/console-uploads\/[a-f0-9]{32}\.xlsx$/)
    for (const o of openids) expect(JSON.stringify(up.data)).not.toContain(o)
    expect(up.data).toMatchObject({ name: '2026年名册.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: Buffer.from(content, 'base64').length })

    const done = await callConsole<{ created: number; updated: number; total: number; addedGroups: number }>(cloud, token, 'user.importRoster', { fileID: up.data.fileID })
    if (!done.ok) throw new Error(done.error.code)
    expect(done.data).toEqual({ created: 1, updated: 1, total: 2, addedGroups: 0 })
    const added = (await cloud.db().collection('members').doc('m-N901').get()).data as { name: string }
    expect(added.name).toBe('韩立新')
  })

  it('answers each bad row of the uploaded roster, and imports nothing', async () => {
    const token = await consoleToken(cloud, 'staff')
    const before = (await cloud.db().collection('members').count()).total
    const content = await rosterBase64([
      ['N902', '', '农业界', '', ''],
      ['N903', '赵青', '', '', '']
    ])
    const up = await callConsole<{ fileID: string }>(cloud, token, 'console.upload', { kind: 'roster', name: '名册.xlsx', content })
    if (!up.ok) throw new Error(up.error.code)
    const done = await callConsole(cloud, token, 'user.importRoster', { fileID: up.data.fileID })
    expect(codeOf(done)).toBe('ROSTER.ROW_ERRORS')
    const details = (done as { error: { details: { row: number; message: string }[] } }).error.details
    expect(details.map((d) => d.row)).toEqual([2, 3])
    expect(details.every((d) => d.message.length > 0)).toBe(true)
    expect((await cloud.db().collection('members').count()).total).toBe(before)
  })

  it('judges the type by the content, not the name, and stores nothing it refuses', async () => {
    const token = await consoleToken(cloud, 'staff')
    const asRoster = await callConsole(cloud, token, 'console.upload', { kind: 'roster', name: '名册.xlsx', content: PDF })
    expect(codeOf(asRoster)).toBe('FILE.WRONG_TYPE')
    expect((asRoster as { error: { message: string } }).error.message).toContain('.xlsx')
    const text = await callConsole(cloud, token, 'console.upload', { kind: 'document', name: '说明.pdf', content: Buffer.from('只是文字，不是 PDF').toString('base64') })
    expect(codeOf(text)).toBe('FILE.WRONG_TYPE')
    expect(await uploadCount()).toBe(0)
    // the same PDF as an attachment is fine
    const asDocument = await callConsole<{ mime: string }>(cloud, token, 'console.upload', { kind: 'document', name: '说明.pdf', content: PDF })
    expect(asDocument.ok && asDocument.data.mime).toBe('application/pdf')
  })

  it('refuses a file over 4 MB with a message that says so', async () => {
    const token = await consoleToken(cloud, 'staff')
    const big = Buffer.alloc(4 * 1024 * 1024 + 10, 1).toString('base64')
    const reply = await callConsole(cloud, token, 'console.upload', { kind: 'document', name: '大文件.pdf', content: big })
    expect(codeOf(reply)).toBe('COMMON.INVALID_INPUT')
    expect((reply as { error: { message: string } }).error.message).toBe('文件不能超过 4 MB')
    expect(await uploadCount()).toBe(0)
  })

  it('lets only staff upload a roster, and only its uploader import it', async () => {
    const leader = await consoleToken(cloud, 'leader')
    const content = await rosterBase64([['N904', '钱进', '经济界', '', '']])
    expect(codeOf(await callConsole(cloud, leader, 'console.upload', { kind: 'roster', name: '名册.xlsx', content }))).toBe('AUTH.FORBIDDEN')

    const staff = await consoleToken(cloud, 'staff')
    const up = await callConsole<{ fileID: string }>(cloud, staff, 'console.upload', { kind: 'roster', name: '名册.xlsx', content })
    if (!up.ok) throw new Error(up.error.code)
    // a second staff member
    const other = { openid: 'oSecondStaff000000000001' }
    await cloud.ok(other, 'user.setName', { name: '孙立' })
    await cloud.ok('staff', 'user.grantRole', { personKey: personKeyFor(other.openid), role: 'staff' })
    const otherToken = await consoleToken(cloud, other)
    expect(codeOf(await callConsole(cloud, otherToken, 'user.importRoster', { fileID: up.data.fileID }))).toBe('FILE.NOT_OWNED')
    // nor from the phone, nor a forged console path
    expect(codeOf(await cloud.call(other, 'user.importRoster', { fileID: up.data.fileID }))).toBe('FILE.NOT_OWNED')
    expect(codeOf(await cloud.call('staff', 'user.importRoster', { fileID: up.data.fileID.replace(/[a-f0-9]{32}/, 'a'.repeat(32)) }))).toBe('FILE.NOT_OWNED')
    expect((await cloud.db().collection('members').where({ memberNumber: 'N904' }).count()).total).toBe(0)
  })

  it('is a console step: the phone gets the wrong-channel answer', async () => {
    expect(codeOf(await cloud.call('staff', 'console.upload', { kind: 'document', name: '说明.pdf', content: PDF }))).toBe('AUTH.WRONG_CHANNEL')
  })
})

import ExcelJS from 'exceljs'
import { useFunctionsCloud, codeOf, openidOf } from './support'

const cloud = useFunctionsCloud()
const staff = openidOf('staff')!

async function workbook(rows: (string | number | null)[][], headers = ['委员编号', '姓名', '界别', '手机号', '专委会']): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('名册')
  sheet.addRow(headers)
  rows.forEach((r) => sheet.addRow(r))
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function upload(content: Buffer, owner = staff, name = 'roster.xlsx'): Promise<string> {
  const result = await cloud.sdk().uploadFile({ cloudPath: `uploads/${owner}/${Date.now()}-${name}`, fileContent: content })
  return result.fileID
}

describe('roster import', () => {
  beforeEach(() => cloud.seedDemo())

  it('creates new entries and updates existing ones by member number, keeping bindings', async () => {
    const fileID = await upload(
      await workbook([
        ['D001', '王晓岚', '教育界', '13900000001', '提案委员会'],
        ['N100', '林新', '农业界', '', ''],
        ['N101', '宝音', '少数民族界', '139 0000 0002', '民族宗教委员会']
      ])
    )
    const result = await cloud.ok('staff', 'user.importRoster', { fileID })
    expect(result).toEqual({ created: 2, updated: 1, total: 3 })
    const page = await cloud.ok('staff', 'user.listMembers', { keyword: '王晓岚' })
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({ memberNumber: 'D001', sector: '教育界', bound: true, phone: '13900000001' })
    // importing the same file again changes nothing but the update count
    expect(await cloud.ok('staff', 'user.importRoster', { fileID })).toEqual({ created: 0, updated: 3, total: 3 })
    const audit = await cloud.db().collection('auditLog').where({ action: 'roster.import' }).get()
    expect(audit.data).toHaveLength(2)
  })

  it('a county-size roster of 700 rows: imported in a few batched round trips; a re-import writes only the changed rows', async () => {
    const before = (await cloud.db().collection('members').count()).total
    const rows = Array.from({ length: 700 }, (_, i) => [`C${String(i + 1).padStart(4, '0')}`, `委员${i + 1}`, ['经济界', '教育界', '农业界', '医药卫生界'][i % 4], `139${String(i).padStart(8, '0')}`, ''])
    const fileID = await upload(await workbook(rows))
    const first = await cloud.call('staff', 'user.importRoster', { fileID })
    expect(first.ok && first.data).toEqual({ created: 700, updated: 0, total: 700 })
    // Identity read, file download, the roster read 100 at a time, 100 rows per insert, one audit: far from 700 round trips.
    expect(first.dbOps).toBeLessThanOrEqual(30)
    expect((await cloud.db().collection('members').count()).total).toBe(before + 700)
    const page = await cloud.ok('staff', 'user.listMembers', { keyword: '委员700' })
    expect(page.items).toEqual([expect.objectContaining({ memberNumber: 'C0700', sector: '医药卫生界', bound: false })])

    // The next year's file: 10 members changed sector, the rest unchanged.
    const next = rows.map((r, i) => (i < 10 ? [r[0], r[1], '社会福利和社会保障界', r[3], ''] : r))
    const again = await cloud.call('staff', 'user.importRoster', { fileID: await upload(await workbook(next)) })
    expect(again.ok && again.data).toEqual({ created: 0, updated: 700, total: 700 })
    expect(again.dbOps).toBeLessThanOrEqual(30)
    const changed = await cloud.ok('staff', 'user.listMembers', { keyword: '委员1' })
    expect(changed.items.find((m) => m.memberNumber === 'C0001')?.sector).toBe('社会福利和社会保障界')
    expect(changed.items.find((m) => m.memberNumber === 'C0011')?.sector).toBe('农业界') // row 11 kept its sector
  }, 120_000)

  it('reports every bad row and imports nothing', async () => {
    const before = (await cloud.db().collection('members').count()).total
    const fileID = await upload(
      await workbook([
        ['N200', '好人', '经济界', '13900000003', ''],
        ['', '无编号', '经济界', '', ''],
        ['N201', '', '经济界', '', ''],
        ['N202', '错号', '经济界', '12345', ''],
        ['N200', '重复', '经济界', '', '']
      ])
    )
    const reply = await cloud.call('staff', 'user.importRoster', { fileID })
    expect(codeOf(reply)).toBe('ROSTER.ROW_ERRORS')
    const details = (!reply.ok && (reply.error.details as { row: number; message: string }[])) || []
    expect(details.map((d) => d.row)).toEqual([3, 4, 5, 6])
    expect(details[3].message).toContain('第 2 行重复')
    expect((await cloud.db().collection('members').count()).total).toBe(before)
  })

  it('refuses a file that is not a workbook, or lacks the columns', async () => {
    const notXlsx = await upload(Buffer.from('name,code\n'), staff, 'roster.xlsx')
    expect(codeOf(await cloud.call('staff', 'user.importRoster', { fileID: notXlsx }))).toBe('ROSTER.INVALID_FILE')
    const noColumns = await upload(await workbook([['x']], ['名字']))
    const reply = await cloud.call('staff', 'user.importRoster', { fileID: noColumns })
    expect(codeOf(reply)).toBe('ROSTER.INVALID_FILE')
    expect(!reply.ok && reply.error.message).toContain('委员编号')
  })

  it('accepts only the caller\'s own upload', async () => {
    const someoneElses = await upload(await workbook([['N300', '某人', '经济界', '', '']]), 'oSomebodyElse01')
    expect(codeOf(await cloud.call('staff', 'user.importRoster', { fileID: someoneElses }))).toBe('FILE.NOT_OWNED')
  })

  it('phones are masked for nobody but staff, and only staff see the roster', async () => {
    expect(codeOf(await cloud.call('member', 'user.listMembers', {}))).toBe('AUTH.FORBIDDEN')
    const page = await cloud.ok('staff', 'user.listMembers', { limit: 20 })
    expect(page.items).toHaveLength(20)
    expect(page.nextCursor).toBeDefined()
    const rest = await cloud.ok('staff', 'user.listMembers', { limit: 20, cursor: page.nextCursor })
    const all = [...page.items, ...rest.items]
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length)
    expect(all[0].memberNumber < all[all.length - 1].memberNumber).toBe(true)
  })

  it('keyword search is literal', async () => {
    expect((await cloud.ok('staff', 'user.listMembers', { keyword: '.*' })).items).toEqual([])
    expect((await cloud.ok('staff', 'user.listMembers', { keyword: '(' })).items).toEqual([])
  })
})

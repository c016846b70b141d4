/**
 * 名册导入 at the desk (issue 14 item 3): staff pick an .xlsx (never sent
 * before they confirm), the browser reads it with exceljs (loaded lazily)
 * and checks every row with the same rules as the server's
 * `user.importRoster` (src/core/roster.ts), the preview lists every row with
 * its problem; only a file without problems may be imported. The server
 * checks the file again and its row errors (ROSTER.ROW_ERRORS) replace the
 * preview's problems.
 *
 * 导入 sends the previewed file through the console's upload channel
 * (`console.upload`, checked by content and stored under a neutral folder),
 * then `user.importRoster` with the answered file ID; the steps above the
 * table show where it is (上传 → 检查并导入 → 完成), and the result says how
 * many members were added and updated, or which rows were refused and why.
 *
 * 界别 and 专委会 (issue 11 item 1; decision 91) are checked against the
 * managed lists (`ledger.groups`, only the names that have a group): a row
 * naming another is bad, and the names are listed above the table with
 * 「将新名称加入名单」; once ticked, those rows pass and the import asks the
 * server to add exactly those names. 下载名册模板 saves an empty sheet with the
 * columns and one example row.
 */
import { useEffect, useMemo, useState } from 'react'
import App from 'antd/es/app'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Checkbox from 'antd/es/checkbox'
import Space from 'antd/es/space'
import Steps from 'antd/es/steps'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import Upload from 'antd/es/upload'
import { AppError } from '../../../src/core/errors'
import { checkRosterSheet, rosterCellText, ROSTER_HEADERS, type RosterGroups, type RosterPreviewRow, type RowError } from '../../../src/core/roster'
import { call } from '../../../src/services'
import { uploadFromConsole } from '../upload'

/** Same limit as the server (cloudfunctions/user/roster.ts ROSTER_MAX_BYTES). */
const MAX_BYTES = 5 * 1024 * 1024

/** The sheet as read in the browser: row 1's texts by column and every data row's cell texts. */
interface Sheet {
  file: File
  header: Map<number, string>
  rowCount: number
  cells: (row: number, col: number) => string
  /** Why the file cannot be read at all. */
  sheetProblem?: string
}

interface Preview {
  file: File
  rows: RosterPreviewRow[]
  /** Why the file cannot be read at all. */
  sheetProblem?: string
  /** 界别 and 专委会 names the managed lists lack. */
  unknown: RosterGroups
}

const noGroups: RosterGroups = { sectors: [], committees: [] }

/** Reads the workbook in the browser (cell texts kept, so the check can run again with confirmed names). */
async function readSheet(file: File): Promise<Sheet> {
  const none = { file, header: new Map<number, string>(), rowCount: 0, cells: () => '' }
  if (file.size > MAX_BYTES) return { ...none, sheetProblem: '名册文件不能超过 5 MB' }
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(await file.arrayBuffer())
  } catch {
    return { ...none, sheetProblem: '名册文件无法读取，请使用模板中的 .xlsx 格式' }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ...none, sheetProblem: '名册文件中没有工作表' }
  const header = new Map<number, string>()
  sheet.getRow(1).eachCell((cell, col) => header.set(col, rosterCellText(cell.value)))
  return { file, header, rowCount: sheet.rowCount, cells: (r, c) => rosterCellText(sheet.getRow(r).getCell(c).value) }
}

/** Checks the sheet with the shared rules against the managed names plus the new names staff confirmed. */
function checkSheet(sheet: Sheet, groups: RosterGroups, confirmed: RosterGroups): Preview {
  if (sheet.sheetProblem) return { file: sheet.file, rows: [], sheetProblem: sheet.sheetProblem, unknown: noGroups }
  const checked = checkRosterSheet(sheet.header, sheet.rowCount, sheet.cells, { sectors: [...groups.sectors, ...confirmed.sectors], committees: [...groups.committees, ...confirmed.committees] })
  if (!checked.sheetProblem && !checked.rows.length) return { file: sheet.file, rows: [], sheetProblem: '名册中没有委员', unknown: noGroups }
  return { file: sheet.file, ...checked }
}

/** Saves 委员名册模板.xlsx: the header row and one example row. */
async function saveTemplate() {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('委员名册')
  sheet.addRow([ROSTER_HEADERS.memberNumber, ROSTER_HEADERS.name, ROSTER_HEADERS.sector, ROSTER_HEADERS.phone, ROSTER_HEADERS.committees])
  sheet.addRow(['D001', '王晓岚', '教育界', '13900000001', '提案委员会、文史和学习委员会'])
  sheet.columns.forEach((c, i) => (c.width = [12, 12, 20, 16, 36][i]))
  const blob = new Blob([await book.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = '委员名册模板.xlsx'
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

export default function RosterImport() {
  const { message } = App.useApp()
  const [sheet, setSheet] = useState<Sheet | undefined>()
  /** The server's row errors of the last import, by row (they win over the preview's). */
  const [serverProblems, setServerProblems] = useState<Map<number, string>>(new Map())
  const [groups, setGroups] = useState<RosterGroups>()
  const [addNew, setAddNew] = useState(false)
  const [reading, setReading] = useState(false)
  const [importing, setImporting] = useState(false)
  const [result, setResult] = useState<string | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  /** Where the import is: 0 uploading, 1 checking and importing, 2 done; with the step that failed. */
  const [stage, setStage] = useState<{ current: number; failed?: boolean } | undefined>()

  useEffect(() => {
    call('ledger.groups', {}).then(
      // Only names that have a group are managed; the roster's other names (id '') are not.
      (g) => setGroups({ sectors: g.sectors.filter((x) => x.id).map((x) => x.name), committees: g.committees.filter((x) => x.id).map((x) => x.name) }),
      (e: Error) => setFailure(`无法读取界别和专委会名单：${e.message}`)
    )
  }, [])

  const pick = async (file: File) => {
    setReading(true)
    setResult(undefined)
    setFailure(undefined)
    setStage(undefined)
    setAddNew(false)
    setServerProblems(new Map())
    try {
      setSheet(await readSheet(file))
    } catch (e) {
      setSheet({ file, header: new Map(), rowCount: 0, cells: () => '', sheetProblem: (e as Error).message })
    } finally {
      setReading(false)
    }
  }

  // Names the managed lists lack, from the check without confirmation; with 加入名单 ticked they count as known.
  const plain = useMemo(() => (sheet && groups ? checkSheet(sheet, groups, noGroups) : undefined), [sheet, groups])
  const unknown = plain?.unknown ?? noGroups
  const hasUnknown = unknown.sectors.length + unknown.committees.length > 0
  const confirmed = addNew ? unknown : noGroups
  const preview = useMemo(() => {
    if (!sheet || !groups) return undefined
    const p = addNew ? checkSheet(sheet, groups, unknown) : plain!
    return serverProblems.size ? { ...p, rows: p.rows.map((r) => ({ ...r, problem: serverProblems.get(r.row) ?? r.problem })) } : p
  }, [sheet, groups, addNew, unknown, plain, serverProblems])

  const bad = preview?.rows.filter((r) => r.problem) ?? []
  const ready = Boolean(preview && !preview.sheetProblem && preview.rows.length && !bad.length)

  const importNow = async () => {
    if (!preview || !ready) return
    setImporting(true)
    setFailure(undefined)
    let step = 0
    setStage({ current: 0 })
    try {
      const { fileID } = await uploadFromConsole(preview.file, 'roster')
      step = 1
      setStage({ current: 1 })
      const done = await call('user.importRoster', {
        fileID,
        ...(confirmed.sectors.length ? { newSectors: confirmed.sectors } : {}),
        ...(confirmed.committees.length ? { newCommittees: confirmed.committees } : {})
      })
      setStage({ current: 2 })
      setResult(`已导入 ${done.total} 位委员：新增 ${done.created} 位，已有委员按名册更新 ${done.updated} 位${done.addedGroups ? `；新增界别、专委会 ${done.addedGroups} 个` : ''}`)
      void message.success('名册已导入')
    } catch (e) {
      setStage({ current: step, failed: true })
      if (e instanceof AppError && e.code === 'ROSTER.ROW_ERRORS' && Array.isArray(e.details)) {
        // The server's row errors win over the preview's (same rules; the file is the server's copy).
        setServerProblems(new Map((e.details as RowError[]).map((d) => [d.row, d.message])))
      }
      setFailure((e as Error).message)
    } finally {
      setImporting(false)
    }
  }

  return (
    <div>
      <Typography.Title level={4}>名册导入</Typography.Title>
      <Typography.Paragraph type='secondary'>
        第一行为表头：委员编号、姓名、界别（必填），手机号、专委会（可填，多个专委会用“、”或“，”隔开）。界别和专委会须在名单中。导入时按委员编号更新已有委员，已绑定的微信保持不变；任何一行有错误都不会导入。
        <Button type='link' onClick={() => void saveTemplate()}>
          下载名册模板
        </Button>
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Upload
          disabled={!groups}
          accept='.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void pick(file)
            return false
          }}
        >
          <Button loading={reading || !groups}>选择名册文件（.xlsx）</Button>
        </Upload>
        {preview ? <Typography.Text>{preview.file.name}</Typography.Text> : null}
        <Button type='primary' disabled={!ready} loading={importing} onClick={() => void importNow()}>
          导入{ready ? ` ${preview!.rows.length} 位委员` : ''}
        </Button>
      </Space>
      {stage ? (
        <Steps
          size='small'
          style={{ maxWidth: 640, marginBottom: 16 }}
          current={stage.current}
          status={stage.failed ? 'error' : stage.current === 2 ? 'finish' : 'process'}
          items={[{ title: '上传文件' }, { title: '检查并导入' }, { title: '完成' }]}
        />
      ) : null}
      {preview?.sheetProblem ? <Alert type='error' showIcon message={preview.sheetProblem} style={{ marginBottom: 16 }} /> : null}
      {hasUnknown && !result ? (
        <Alert
          type={addNew ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message='名册中有不在名单中的界别或专委会'
          description={
            <Space direction='vertical'>
              {unknown.sectors.length ? <span>{`新界别：${unknown.sectors.join('、')}`}</span> : null}
              {unknown.committees.length ? <span>{`新专委会：${unknown.committees.join('、')}`}</span> : null}
              <span>如是笔误，请修改名册后重新选择文件；如确为新的界别或专委会，可加入名单后导入。</span>
              <Checkbox
                checked={addNew}
                onChange={(e) => {
                  setAddNew(e.target.checked)
                  setServerProblems(new Map())
                }}
              >
                将新名称加入名单
              </Checkbox>
            </Space>
          }
        />
      ) : null}
      {bad.length ? <Alert type='error' showIcon message={`有 ${bad.length} 行错误，请在表格中修改后重新选择文件；未导入任何数据`} style={{ marginBottom: 16 }} /> : null}
      {ready && !result ? <Alert type='success' showIcon message={`检查通过：共 ${preview!.rows.length} 位委员`} style={{ marginBottom: 16 }} /> : null}
      {failure ? <Alert type='error' showIcon message={failure} style={{ marginBottom: 16 }} /> : null}
      {result ? <Alert type='success' showIcon message={result} style={{ marginBottom: 16 }} /> : null}
      {preview && preview.rows.length ? (
        <Table<RosterPreviewRow>
          rowKey='row'
          size='small'
          dataSource={preview.rows}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          rowClassName={(r) => (r.problem ? 'roster-bad-row' : '')}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70 },
            { title: '委员编号', dataIndex: 'memberNumber', width: 110 },
            { title: '姓名', dataIndex: 'name', width: 110 },
            { title: '界别', dataIndex: 'sector', width: 160 },
            { title: '手机号', dataIndex: 'phone', width: 130 },
            { title: '专委会', dataIndex: 'committees', width: 200, render: (c: string[]) => c.join('、') },
            {
              title: '检查结果',
              dataIndex: 'problem',
              filters: [
                { text: '有错误', value: 'bad' },
                { text: '无误', value: 'good' }
              ],
              onFilter: (v, r) => (v === 'bad' ? Boolean(r.problem) : !r.problem),
              render: (p: string) => (p ? <Typography.Text type='danger'>{p}</Typography.Text> : <Tag color='green'>无误</Tag>)
            }
          ]}
        />
      ) : null}
    </div>
  )
}

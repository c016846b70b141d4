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
 */
import { useState } from 'react'
import App from 'antd/es/app'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Space from 'antd/es/space'
import Steps from 'antd/es/steps'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import Upload from 'antd/es/upload'
import { AppError } from '../../../src/core/errors'
import { checkRosterSheet, rosterCellText, type RosterPreviewRow, type RowError } from '../../../src/core/roster'
import { call } from '../../../src/services'
import { uploadFromConsole } from '../upload'

/** Same limit as the server (cloudfunctions/user/roster.ts ROSTER_MAX_BYTES). */
const MAX_BYTES = 5 * 1024 * 1024

interface Preview {
  file: File
  rows: RosterPreviewRow[]
  /** Why the file cannot be read at all. */
  sheetProblem?: string
}

/** Reads and checks the workbook in the browser. */
async function readRoster(file: File): Promise<Preview> {
  if (file.size > MAX_BYTES) return { file, rows: [], sheetProblem: '名册文件不能超过 5 MB' }
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(await file.arrayBuffer())
  } catch {
    return { file, rows: [], sheetProblem: '名册文件无法读取，请使用模板中的 .xlsx 格式' }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { file, rows: [], sheetProblem: '名册文件中没有工作表' }
  const header = new Map<number, string>()
  sheet.getRow(1).eachCell((cell, col) => header.set(col, rosterCellText(cell.value)))
  const checked = checkRosterSheet(header, sheet.rowCount, (r, c) => rosterCellText(sheet.getRow(r).getCell(c).value))
  if (!checked.sheetProblem && !checked.rows.length) return { file, rows: [], sheetProblem: '名册中没有委员' }
  return { file, ...checked }
}

export default function RosterImport() {
  const { message } = App.useApp()
  const [preview, setPreview] = useState<Preview | undefined>()
  const [reading, setReading] = useState(false)
  const [importing, setImporting] = useState(false)
  const [result, setResult] = useState<string | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  /** Where the import is: 0 uploading, 1 checking and importing, 2 done; with the step that failed. */
  const [stage, setStage] = useState<{ current: number; failed?: boolean } | undefined>()

  const pick = async (file: File) => {
    setReading(true)
    setResult(undefined)
    setFailure(undefined)
    setStage(undefined)
    try {
      setPreview(await readRoster(file))
    } catch (e) {
      setPreview({ file, rows: [], sheetProblem: (e as Error).message })
    } finally {
      setReading(false)
    }
  }

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
      const done = await call('user.importRoster', { fileID })
      setStage({ current: 2 })
      setResult(`已导入 ${done.total} 位委员：新增 ${done.created} 位，已有委员按名册更新 ${done.updated} 位`)
      void message.success('名册已导入')
    } catch (e) {
      setStage({ current: step, failed: true })
      if (e instanceof AppError && e.code === 'ROSTER.ROW_ERRORS' && Array.isArray(e.details)) {
        // The server's row errors win over the preview's (same rules; the file is the server's copy).
        const byRow = new Map((e.details as RowError[]).map((d) => [d.row, d.message]))
        setPreview((p) => (p ? { ...p, rows: p.rows.map((r) => ({ ...r, problem: byRow.get(r.row) ?? r.problem })) } : p))
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
        第一行为表头：委员编号、姓名、界别（必填），手机号、专委会（可填）。导入时按委员编号更新已有委员，已绑定的微信保持不变；任何一行有错误都不会导入。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Upload
          accept='.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void pick(file)
            return false
          }}
        >
          <Button loading={reading}>选择名册文件（.xlsx）</Button>
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
            { title: '专委会', dataIndex: 'specialCommittee', width: 140 },
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

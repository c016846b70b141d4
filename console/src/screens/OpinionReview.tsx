/**
 * 社情民意审核 at the desk (issue 14 item 3): the review queue as a table
 * with filters (state, category, received date range, keyword, content-check
 * flags), a side panel to read an item and act, and bulk 受理 / 不采用 with
 * one reason (each item through its own action, with progress; a failure is
 * listed, the rest go on).
 */
import { useCallback, useEffect, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Descriptions from 'antd/es/descriptions'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import Progress from 'antd/es/progress'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Switch from 'antd/es/switch'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Timeline from 'antd/es/timeline'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import type { OpinionCategory, OpinionDetail, OpinionSummary } from '../../../src/core/actions/opinion'
import { opinionStateLabels, opinionStates, type OpinionState } from '../../../src/core/states'
import { showDayTime } from '../../../src/core/dates'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { saveExport } from '../download'

interface Filters {
  state?: OpinionState
  categoryId?: string
  range?: [Dayjs, Dayjs] | null
  keyword?: string
  flagged?: boolean
}

const stateColor: Partial<Record<OpinionState, string>> = { submitted: 'blue', in_review: 'orange', returned: 'gold', rejected: 'default', adopted: 'green', published: 'cyan', reported_up: 'purple' }

export default function OpinionReview() {
  const { message } = App.useApp()
  const [filters, setFilters] = useState<Filters>({ state: 'submitted' })
  const [categories, setCategories] = useState<OpinionCategory[]>([])
  const [selected, setSelected] = useState<string[]>([])
  const [open, setOpen] = useState<OpinionDetail | undefined>()
  const [bulk, setBulk] = useState<{ kind: 'accept' | 'reject'; done: number; total: number; failed: string[] } | undefined>()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')

  const fetchPage = useCallback(
    (more?: string) =>
      call('opinion.reviewList', {
        limit: 20,
        ...(more ? { cursor: more } : {}),
        ...(filters.state ? { state: filters.state } : {}),
        ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
        ...(filters.range ? { from: filters.range[0].format('YYYY-MM-DD'), to: filters.range[1].format('YYYY-MM-DD') } : {}),
        ...(filters.keyword ? { keyword: filters.keyword } : {}),
        ...(filters.flagged ? { flagged: true } : {})
      }),
    [filters]
  )
  const { rows, cursor, loading, error, load, loadMore } = usePaged<OpinionSummary>(fetchPage)

  // New filters: a new first page (usePaged loads it), nothing selected.
  useEffect(() => setSelected([]), [fetchPage])
  useEffect(() => {
    call('opinion.categories', { all: true }).then((c) => setCategories(c.items), () => undefined)
  }, [])

  const read = async (id: string) => {
    try {
      setOpen(await call('opinion.get', { id }))
    } catch (e) {
      void message.error((e as Error).message)
    }
  }

  const [exportYear, setExportYear] = useState<Dayjs | null>(null)
  const [exporting, setExporting] = useState(false)
  /** 导出全年: the year's items as .xlsx, saved as 社情民意-<year>年.xlsx. */
  const exportYearFile = async () => {
    const year = (exportYear ?? dayjs()).year()
    setExporting(true)
    try {
      const f = await call('opinion.export', { year })
      await saveExport(f.url, `社情民意-${year}年`, 'xlsx')
      void message.success(`已导出 ${year} 年 ${f.count} 条信息`)
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setExporting(false)
    }
  }

  const runBulk = async (kind: 'accept' | 'reject', why?: string) => {
    const ids = [...selected]
    const failed: string[] = []
    setBulk({ kind, done: 0, total: ids.length, failed })
    for (const [i, id] of ids.entries()) {
      try {
        if (kind === 'accept') await call('opinion.accept', { id })
        else await call('opinion.reject', { id, reason: why ?? '' })
      } catch (e) {
        const title = rows.find((r) => r.id === id)?.title ?? '一条信息'
        failed.push(`${title}：${(e as Error).message}`)
      }
      setBulk({ kind, done: i + 1, total: ids.length, failed: [...failed] })
    }
    void message.success(`已${kind === 'accept' ? '受理' : '不采用'} ${ids.length - failed.length} 条${failed.length ? `，${failed.length} 条未成功` : ''}`)
    setSelected([])
    await load()
  }

  return (
    <div>
      <Typography.Title level={4}>社情民意审核</Typography.Title>
      <Form layout='inline' style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label='状态'>
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder='全部'
            value={filters.state}
            onChange={(state) => setFilters((f) => ({ ...f, state }))}
            options={opinionStates.map((s) => ({ value: s, label: opinionStateLabels[s] }))}
          />
        </Form.Item>
        <Form.Item label='类别'>
          <Select style={{ width: 160 }} allowClear placeholder='全部' value={filters.categoryId} onChange={(categoryId) => setFilters((f) => ({ ...f, categoryId }))} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item label='收到日期'>
          <DatePicker.RangePicker value={filters.range ?? null} onChange={(range) => setFilters((f) => ({ ...f, range: range as [Dayjs, Dayjs] | null }))} />
        </Form.Item>
        <Form.Item label='关键词'>
          <Input.Search allowClear placeholder='标题或内容' style={{ width: 200 }} onSearch={(keyword) => setFilters((f) => ({ ...f, keyword: keyword || undefined }))} />
        </Form.Item>
        <Form.Item label='需人工复核'>
          <Switch checked={Boolean(filters.flagged)} onChange={(flagged) => setFilters((f) => ({ ...f, flagged }))} />
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 12 }}>
        <Button disabled={!selected.length} onClick={() => void runBulk('accept')}>
          受理所选（{selected.length}）
        </Button>
        <Button danger disabled={!selected.length} onClick={() => setRejecting(true)}>
          不采用所选（{selected.length}）
        </Button>
        <DatePicker picker='year' allowClear={false} value={exportYear ?? dayjs()} onChange={(y) => setExportYear(y)} aria-label='导出年份' />
        <Button loading={exporting} onClick={() => void exportYearFile()}>
          导出全年（Excel）
        </Button>
      </Space>
      {bulk && bulk.done < bulk.total ? <Progress percent={Math.round((bulk.done / bulk.total) * 100)} status='active' /> : null}
      {bulk?.failed.length ? <Typography.Paragraph type='danger'>{bulk.failed.join('；')}</Typography.Paragraph> : null}
      <LoadError error={error} onRetry={() => void load()} />
      <Table<OpinionSummary>
        rowKey='id'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有符合条件的信息' }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        onRow={(r) => ({ onDoubleClick: () => void read(r.id) })}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string, r) => <a onClick={() => void read(r.id)}>{t}</a> },
          { title: '类别', dataIndex: 'categoryName', width: 120 },
          { title: '提交人', dataIndex: 'submitter', width: 120 },
          { title: '收到时间', dataIndex: 'receivedAt', width: 170, sorter: (a, b) => a.receivedAt.localeCompare(b.receivedAt), render: (t: string) => showDayTime(t) },
          { title: '状态', dataIndex: 'state', width: 110, render: (s: OpinionState) => <Tag color={stateColor[s]}>{opinionStateLabels[s]}</Tag> },
          { title: '图片', dataIndex: 'imageCount', width: 70 }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />

      <Modal
        title={`不采用所选的 ${selected.length} 条信息`}
        open={rejecting}
        okText='不采用'
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText='再想想'
        onCancel={() => setRejecting(false)}
        onOk={() => {
          setRejecting(false)
          void runBulk('reject', reason.trim())
          setReason('')
        }}
      >
        <Typography.Paragraph>理由会告知每一位提交人。</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={300} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder='例如：所反映问题已在办理中' />
      </Modal>

      <Drawer width={560} open={Boolean(open)} onClose={() => setOpen(undefined)} title={open?.title}>
        {open ? (
          <>
            <Descriptions column={1} size='small' bordered>
              <Descriptions.Item label='状态'>{opinionStateLabels[open.state]}</Descriptions.Item>
              <Descriptions.Item label='类别'>{open.categoryName}</Descriptions.Item>
              <Descriptions.Item label='提交人'>{open.submitter}</Descriptions.Item>
              <Descriptions.Item label='收到时间'>{showDayTime(open.receivedAt)}</Descriptions.Item>
              {open.place ? <Descriptions.Item label='地点'>{open.place}</Descriptions.Item> : null}
              {open.contactPhone ? <Descriptions.Item label='联系电话'>{open.contactPhone}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{open.content}</Typography.Paragraph>
            <Space wrap>
              {open.images.map((img) => (
                <img key={img.fileID} src={img.url} alt='反映图片' style={{ width: 120, height: 120, objectFit: 'cover' }} />
              ))}
            </Space>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              办理经过
            </Typography.Title>
            <Timeline items={open.timeline.map((t) => ({ children: `${showDayTime(t.at)} ${t.label}${t.note ? `：${t.note}` : ''}` }))} />
          </>
        ) : null}
      </Drawer>
    </div>
  )
}

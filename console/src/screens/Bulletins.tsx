/**
 * 社情民意专刊 at the desk (issue 14 item 3): compile a new issue of
 * 《社情民意》 from the adopted items, put them in order by dragging (@dnd-kit,
 * with 上移/下移 buttons and the keyboard for those who do not drag), set the
 * 报/送 lines (the office's usual recipients to choose from, others typed
 * in), preview the very .docx the server would write (`bulletin.preview`,
 * rendered in the page by docx-preview, loaded only when the preview opens),
 * then publish (`bulletin.compile`, which keeps that order) and download the
 * .docx under its title, e.g. `《社情民意》2026年第3期.docx`. Below, the issues
 * already published with their download.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type CSSProperties, type HTMLAttributes } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent, type DraggableAttributes } from '@dnd-kit/core'
import type { SyntheticListenerMap } from '@dnd-kit/core/dist/hooks/utilities'
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { BulletinDistribution, BulletinPreview, BulletinSummary, OpinionSummary } from '../../../src/core/actions/opinion'
import { BULLETIN_USUAL_RECIPIENTS } from '../../../src/core/county'
import { showDayTime } from '../../../src/core/dates'
import { PAGE_SIZE_MAX } from '../../../src/core/paging'
import { call, newRequestId } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { saveExport } from '../download'
import { session } from '../session'

interface Foot {
  editor: string
  approver: string
  report: string[]
  send: string[]
}

/** The 报/送 lines a new issue starts with (the office's most usual ones). */
const DEFAULT_FOOT: Pick<Foot, 'report' | 'send'> = { report: ['县委', '县人大常委会', '县政府'], send: ['各有关单位'] }

/** The issue's .docx downloaded and saved under its title. */
async function downloadIssue(b: Pick<BulletinSummary, 'id' | 'title'>): Promise<void> {
  const link = await call('bulletin.download', { id: b.id })
  if (!link.url) throw new Error('文件暂时无法下载，请稍后重试')
  await saveExport(link.url, b.title, 'docx')
}

/** What a sortable row hands its drag handle (the antd + dnd-kit pattern: a context per row). */
const RowHandle = createContext<{ setActivatorNodeRef?: (el: HTMLElement | null) => void; listeners?: SyntheticListenerMap; attributes?: DraggableAttributes }>({})

/** The drag handle cell: a button (focusable: Space picks up, arrows move, Space drops). */
function DragHandle({ title }: { title: string }) {
  const { setActivatorNodeRef, listeners, attributes } = useContext(RowHandle)
  return (
    <Button size='small' type='text' ref={setActivatorNodeRef} style={{ cursor: 'grab', touchAction: 'none' }} {...attributes} {...listeners} aria-label={`拖动排序：${title}（可按空格键后用上下方向键移动）`}>
      ⠿
    </Button>
  )
}

/** A row of the issue's table that dnd-kit moves. */
function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key': string }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: props['data-row-key'] })
  const style: CSSProperties = { ...props.style, transform: CSS.Translate.toString(transform), transition, ...(isDragging ? { position: 'relative', zIndex: 9, background: '#fafafa' } : {}) }
  const handle = useMemo(() => ({ setActivatorNodeRef, listeners, attributes }), [setActivatorNodeRef, listeners, attributes])
  return (
    <RowHandle.Provider value={handle}>
      <tr {...props} ref={setNodeRef} style={style} />
    </RowHandle.Provider>
  )
}

/** The body row: sortable for an item, a plain row for the table's empty placeholder. */
function BodyRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key'?: string }) {
  const key = props['data-row-key']
  return key === undefined ? <tr {...props} /> : <SortableRow {...props} data-row-key={key} />
}

/** Renders the .docx bytes (base64) into the page with docx-preview, imported only now. */
function DocxView({ docx }: { docx: string }) {
  const host = useRef<HTMLDivElement>(null)
  const [failure, setFailure] = useState<string>()
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let gone = false
    const bytes = Uint8Array.from(atob(docx), (c) => c.charCodeAt(0))
    import('docx-preview')
      .then(({ renderAsync }) => (gone || !host.current ? undefined : renderAsync(bytes, host.current, undefined, { className: 'docx', inWrapper: true, ignoreLastRenderedPageBreak: true })))
      .then(
        () => !gone && setReady(true),
        () => !gone && setFailure('预览生成失败，可以直接下载文件查看')
      )
    return () => {
      gone = true
    }
  }, [docx])
  return (
    <div>
      {!ready && !failure ? <Spin tip='正在生成预览…'><div style={{ height: 120 }} /></Spin> : null}
      {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      <div ref={host} data-testid='bulletin-preview' style={{ maxHeight: '62vh', overflow: 'auto', background: '#f0f0f0' }} />
    </div>
  )
}

function Compose({ onPublished }: { onPublished: (b: BulletinSummary) => void }) {
  const { message, modal } = App.useApp()
  const [form] = Form.useForm<Foot>()
  const fetchAdopted = useCallback((more?: string) => call('opinion.reviewList', { state: 'adopted', limit: PAGE_SIZE_MAX, ...(more ? { cursor: more } : {}) }), [])
  const adopted = usePaged<OpinionSummary>(fetchAdopted)
  const [picked, setPicked] = useState<string[]>([])
  const [chosen, setChosen] = useState<OpinionSummary[]>([])
  const [preview, setPreview] = useState<BulletinPreview>()
  const [busy, setBusy] = useState<'preview' | 'publish'>()
  const [failure, setFailure] = useState<string>()
  // One compilation, one requestId: a retried 发布 returns the first issue.
  const requestId = useRef(newRequestId())
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }))
  const waiting = useMemo(() => adopted.rows.filter((r) => !chosen.some((c) => c.id === r.id)), [adopted.rows, chosen])

  const add = () => {
    setChosen((c) => [...c, ...waiting.filter((r) => picked.includes(r.id))])
    setPicked([])
  }
  const move = (index: number, by: number) => setChosen((c) => (index + by < 0 || index + by >= c.length ? c : arrayMove(c, index, index + by)))
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    setChosen((c) => arrayMove(c, c.findIndex((i) => i.id === active.id), c.findIndex((i) => i.id === over.id)))
  }

  const inputOf = (v: Foot) => ({
    itemIds: chosen.map((c) => c.id),
    editor: v.editor,
    approver: v.approver,
    distribution: { report: v.report ?? [], send: v.send ?? [] } satisfies BulletinDistribution
  })

  const showPreview = async () => {
    setFailure(undefined)
    const v = await form.validateFields().catch(() => undefined)
    if (!v) return
    setBusy('preview')
    try {
      setPreview(await call('bulletin.preview', inputOf(v)))
    } catch (e) {
      setFailure((e as Error).message)
    } finally {
      setBusy(undefined)
    }
  }

  const publish = async () => {
    const v = form.getFieldsValue()
    setBusy('publish')
    try {
      const b = await call('bulletin.compile', inputOf(v), { requestId: requestId.current })
      requestId.current = newRequestId()
      setPreview(undefined)
      setChosen([])
      void adopted.load()
      onPublished(b)
      modal.success({
        title: `${b.title}已发布`,
        content: `共 ${b.itemCount} 条信息，已告知提交人。`,
        okText: '下载 Word 文件',
        onOk: () => downloadIssue(b).catch((e: Error) => void message.error(e.message))
      })
    } catch (e) {
      setFailure((e as Error).message)
      setPreview(undefined)
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <Card title='编辑新一期《社情民意》' style={{ marginBottom: 24 }}>
      <Typography.Title level={5}>1. 从已采用的信息中选择</Typography.Title>
      <LoadError error={adopted.error} onRetry={() => void adopted.load()} />
      <Table<OpinionSummary>
        rowKey='id'
        size='small'
        loading={adopted.loading}
        dataSource={waiting}
        pagination={false}
        scroll={{ y: 240 }}
        locale={{ emptyText: '没有待编入的已采用信息' }}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string, r) => (r.key ? <Space>{t}<Tag color='red'>重点</Tag></Space> : t) },
          { title: '类别', dataIndex: 'categoryName', width: 120 },
          { title: '提交人', dataIndex: 'submitter', width: 110 },
          { title: '收到时间', dataIndex: 'receivedAt', width: 160, render: (t: string) => showDayTime(t) }
        ]}
      />
      <LoadMore cursor={adopted.cursor} loading={adopted.loading} onMore={adopted.loadMore} />
      <Button type='primary' style={{ margin: '12px 0 24px' }} disabled={!picked.length} onClick={add}>
        编入本期（{picked.length}）
      </Button>

      <Typography.Title level={5}>2. 排列本期信息（拖动左侧手柄，或用上移、下移）</Typography.Title>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={chosen.map((c) => c.id)} strategy={verticalListSortingStrategy}>
          <Table<OpinionSummary>
            rowKey='id'
            size='small'
            className='bulletin-order'
            dataSource={chosen}
            pagination={false}
            locale={{ emptyText: '还没有编入信息' }}
            components={{ body: { row: BodyRow } }}
            columns={[
              { title: '排序', key: 'handle', width: 60, render: (_v, r) => <DragHandle title={r.title} /> },
              { title: '序号', key: 'no', width: 60, render: (_v, _r, i) => i + 1 },
              { title: '标题', dataIndex: 'title' },
              { title: '类别', dataIndex: 'categoryName', width: 120 },
              {
                title: '调整',
                key: 'move',
                width: 220,
                render: (_v, r, i) => (
                  <Space>
                    <Button size='small' disabled={i === 0} onClick={() => move(i, -1)} aria-label={`上移：${r.title}`}>
                      上移
                    </Button>
                    <Button size='small' disabled={i === chosen.length - 1} onClick={() => move(i, 1)} aria-label={`下移：${r.title}`}>
                      下移
                    </Button>
                    <Button size='small' danger onClick={() => setChosen((c) => c.filter((x) => x.id !== r.id))} aria-label={`移出本期：${r.title}`}>
                      移出
                    </Button>
                  </Space>
                )
              }
            ]}
          />
        </SortableContext>
      </DndContext>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        3. 报送单位与署名
      </Typography.Title>
      <Form<Foot> form={form} layout='vertical' initialValues={{ ...DEFAULT_FOOT, editor: session.current()?.user.name ?? '' }} style={{ maxWidth: 760 }}>
        <Form.Item name='report' label='报（上报单位，可选择或直接输入后按回车）' rules={[{ type: 'array', max: 30, message: '最多 30 个单位' }]}>
          <Select mode='tags' tokenSeparators={['、', '，', ',']} placeholder='例如：县委' options={BULLETIN_USUAL_RECIPIENTS.report.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Form.Item name='send' label='送（送达单位，可选择或直接输入后按回车）' rules={[{ type: 'array', max: 30, message: '最多 30 个单位' }]}>
          <Select mode='tags' tokenSeparators={['、', '，', ',']} placeholder='例如：各有关单位' options={BULLETIN_USUAL_RECIPIENTS.send.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
        <Space size='large'>
          <Form.Item name='editor' label='编辑' rules={[{ required: true, whitespace: true, message: '请填写编辑' }, { max: 20, message: '不能超过 20 个字' }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name='approver' label='签发' rules={[{ required: true, whitespace: true, message: '请填写签发人' }, { max: 20, message: '不能超过 20 个字' }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
      </Form>
      {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      <Button type='primary' disabled={!chosen.length} loading={busy === 'preview'} onClick={() => void showPreview()}>
        预览本期（{chosen.length} 条）
      </Button>

      <Modal
        open={Boolean(preview)}
        width={900}
        title={preview ? `预览：${preview.title}` : ''}
        onCancel={() => setPreview(undefined)}
        footer={[
          <Button key='back' onClick={() => setPreview(undefined)}>
            返回修改
          </Button>,
          <Button key='publish' type='primary' loading={busy === 'publish'} onClick={() => void publish()}>
            确认发布
          </Button>
        ]}
      >
        <Typography.Paragraph type='secondary'>发布后信息状态变为“已编入专刊”并告知提交人，期号以发布时为准。</Typography.Paragraph>
        {preview ? <DocxView docx={preview.docx} /> : null}
      </Modal>
    </Card>
  )
}

export default function Bulletins() {
  const { message } = App.useApp()
  const fetchIssues = useCallback((more?: string) => call('bulletin.list', { limit: 20, ...(more ? { cursor: more } : {}) }), [])
  const issues = usePaged<BulletinSummary>(fetchIssues)
  const [downloading, setDownloading] = useState<string>()
  const download = async (b: BulletinSummary) => {
    setDownloading(b.id)
    try {
      await downloadIssue(b)
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setDownloading(undefined)
    }
  }
  return (
    <div>
      <Typography.Title level={4}>社情民意专刊</Typography.Title>
      <Compose onPublished={() => void issues.load()} />
      <Card title='已发布的专刊'>
        <LoadError error={issues.error} onRetry={() => void issues.load()} />
        <Table<BulletinSummary>
          rowKey='id'
          size='small'
          loading={issues.loading}
          dataSource={issues.rows}
          pagination={false}
          locale={{ emptyText: '还没有专刊' }}
          columns={[
            { title: '期号', dataIndex: 'title' },
            { title: '日期', dataIndex: 'date', width: 120 },
            { title: '条数', dataIndex: 'itemCount', width: 70 },
            { title: '报', key: 'report', render: (_v, b) => b.distribution.report.join('、') },
            { title: '送', key: 'send', render: (_v, b) => b.distribution.send.join('、') },
            {
              title: '文件',
              key: 'file',
              width: 130,
              render: (_v, b) => (
                <Button size='small' loading={downloading === b.id} onClick={() => void download(b)}>
                  下载 Word
                </Button>
              )
            }
          ]}
        />
        <LoadMore cursor={issues.cursor} loading={issues.loading} onMore={issues.loadMore} />
      </Card>
    </div>
  )
}

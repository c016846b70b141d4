/**
 * 提案 at the desk (issue 14 item 3; contract src/core/actions/proposal.ts):
 * the review queue as a table (filters: term and session, state on the
 * server; category and keyword on the loaded rows, the contract's
 * `proposal.reviewList` has no such filters), a side panel to read one
 * proposal and act (立案 showing the number it got, 退回 and 不予立案 with a
 * reason, optionally 转社情民意, 并案 into another of the same session),
 * 交办 (lead unit, assisting units from `proposal.units`,
 * deadline with a date picker), the overdue list with 催办 per unit, key
 * proposals, and the exports (目录 .xlsx, 汇编 .docx, one proposal .docx)
 * saved under readable names. Every rule is checked again on the server.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Checkbox from 'antd/es/checkbox'
import DatePicker from 'antd/es/date-picker'
import Descriptions from 'antd/es/descriptions'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Timeline from 'antd/es/timeline'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import type { ProposalCategory, ProposalDetail, ProposalSummary, TermView } from '../../../src/core/actions/proposal'
import { proposalCategories, proposalCategoryLabels } from '../../../src/core/actions/proposal'
import type { OpinionCategory } from '../../../src/core/actions/opinion'
import { proposalStateLabels, proposalStates, type ProposalState } from '../../../src/core/states'
import { showCalendarDay, showDay, showDayTime } from '../../../src/core/dates'
import { call } from '../../../src/services'
import { saveExport } from '../download'

type View = 'queue' | 'overdue' | 'key'
/** '' = every session of the term, 'between' = 会间, else the session number. */
type SessionPick = '' | 'between' | number

interface Filters {
  termId?: string
  session: SessionPick
  state?: ProposalState
  category?: ProposalCategory
  keyword?: string
}

type Acting = { kind: 'return' | 'notFile' | 'merge' | 'assign' | 'remind'; departmentId?: string; unitName?: string }

const stateColor: Partial<Record<ProposalState, string>> = { submitted: 'blue', returned: 'gold', filed: 'green', not_filed: 'default', merged: 'purple', assigned: 'orange', replied: 'cyan', closed: 'default' }

function scopeName(term: TermView | undefined, session: SessionPick): string {
  if (!term) return ''
  if (session === '') return `${term.name}`
  if (session === 'between') return `${term.name}会间`
  return `${term.name}${term.sessions.find((s) => s.number === session)?.name ?? ''}`
}

export default function Proposals() {
  const { message } = App.useApp()
  const [view, setView] = useState<View>('queue')
  const [terms, setTerms] = useState<TermView[]>([])
  const [filters, setFilters] = useState<Filters>({ session: '' })
  const [rows, setRows] = useState<ProposalSummary[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [open, setOpen] = useState<ProposalDetail | undefined>()
  const [acting, setActing] = useState<Acting | undefined>()
  const [busy, setBusy] = useState(false)
  const [units, setUnits] = useState<{ id: string; name: string }[]>([])
  const [opinionCategories, setOpinionCategories] = useState<OpinionCategory[]>([])
  const [form] = Form.useForm()

  useEffect(() => {
    call('proposal.terms', {}).then(
      (t) => {
        setTerms(t.items)
        const current = t.items.find((x) => x.current) ?? t.items[0]
        if (current) setFilters((f) => ({ ...f, termId: f.termId ?? current.id }))
      },
      (e: Error) => setError(e.message)
    )
    call('proposal.units', {}).then((o) => setUnits(o.items), () => undefined)
    call('opinion.categories', {}).then((c) => setOpinionCategories(c.items), () => undefined)
  }, [])
  const term = terms.find((t) => t.id === filters.termId)
  const sessionNumber = filters.session === '' ? undefined : filters.session === 'between' ? null : filters.session

  const load = useCallback(
    async (more?: string) => {
      setLoading(true)
      setError(undefined)
      try {
        const paging = { limit: 20, ...(more ? { cursor: more } : {}) }
        const page =
          view === 'overdue'
            ? await call('proposal.overdue', paging)
            : await call('proposal.reviewList', {
                ...paging,
                ...(filters.termId ? { termId: filters.termId } : {}),
                ...(sessionNumber !== undefined ? { sessionNumber } : {}),
                ...(filters.state ? { state: filters.state } : {}),
                ...(view === 'key' ? { key: true } : {})
              })
        setRows((r) => (more ? [...r, ...page.items] : page.items))
        setCursor(page.nextCursor)
      } catch (e) {
        setError((e as Error).message)
      } finally {
        setLoading(false)
      }
    },
    [view, filters.termId, filters.state, sessionNumber]
  )
  useEffect(() => void load(), [load])

  const shown = useMemo(() => {
    const k = filters.keyword?.trim()
    return rows.filter((r) => (!filters.category || r.category === filters.category) && (!k || r.title.includes(k) || r.proposerName.includes(k)))
  }, [rows, filters.category, filters.keyword])

  const read = async (id: string) => {
    try {
      setOpen(await call('proposal.get', { id }))
    } catch (e) {
      void message.error((e as Error).message)
    }
  }

  /** Runs one action on the open proposal; shows `done(detail)` and refreshes the list. */
  const act = async (run: () => Promise<ProposalDetail>, done: (d: ProposalDetail) => string) => {
    setBusy(true)
    try {
      const detail = await run()
      void message.success(done(detail))
      setActing(undefined)
      form.resetFields()
      setOpen(detail.id === open?.id ? detail : await call('proposal.get', { id: open!.id }))
      void load()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const exportFile = async (kind: 'list' | 'compilation' | 'one', one?: ProposalDetail) => {
    try {
      if (kind === 'one' && one) {
        const f = await call('proposal.exportDocx', { id: one.id })
        await saveExport(f.url, `提案-${one.numberLabel ?? one.title}`, 'docx')
        return
      }
      if (!term) return
      if (kind === 'list') {
        const f = await call('proposal.exportList', { termId: term.id, ...(sessionNumber !== undefined ? { sessionNumber } : {}) })
        await saveExport(f.url, `提案目录-${scopeName(term, filters.session)}`, 'xlsx')
        void message.success(`已导出 ${f.count} 件提案`)
      } else {
        if (sessionNumber === undefined) return void message.warning('请先选择一次会议（或会间），再导出提案汇编')
        const f = await call('proposal.exportCompilation', { termId: term.id, sessionNumber })
        await saveExport(f.url, `提案汇编-${scopeName(term, filters.session)}`, 'docx')
        void message.success(`已导出 ${f.count} 件提案`)
      }
    } catch (e) {
      void message.error((e as Error).message)
    }
  }

  const submitActing = async () => {
    if (!open || !acting) return
    const v = await form.validateFields()
    const id = open.id
    if (acting.kind === 'return') await act(() => call('proposal.return', { id, reason: v.reason }), () => '已退回提案人修改')
    if (acting.kind === 'notFile')
      await act(
        () => call('proposal.notFile', { id, reason: v.reason, ...(v.convert ? { convertToOpinion: true, opinionCategoryId: v.opinionCategoryId } : {}) }),
        (d) => (d.convertedOpinionId ? '已不予立案，并转为社情民意' : '已不予立案')
      )
    if (acting.kind === 'merge') await act(() => call('proposal.merge', { id, intoId: v.intoId, ...(v.note ? { note: v.note } : {}) }), (d) => `已并入《${d.mergedInto?.title ?? ''}》`)
    if (acting.kind === 'assign')
      await act(
        () =>
          call('proposal.assign', {
            id,
            mode: 'lead',
            unitIds: [v.leadId],
            ...(v.assistIds?.length ? { assistUnitIds: v.assistIds } : {}),
            ...(v.deadline ? { deadline: (v.deadline as Dayjs).format('YYYY-MM-DD') } : {})
          }),
        () => '已交办'
      )
    if (acting.kind === 'remind' && acting.departmentId) await act(() => call('proposal.remind', { id, departmentId: acting.departmentId!, ...(v.note ? { note: v.note } : {}) }), () => `已催办${acting.unitName ?? ''}`)
  }

  // Merge targets: proposals of the same session, submitted or filed, from the loaded rows.
  const mergeTargets = open ? rows.filter((r) => r.id !== open.id && r.termId === open.termId && r.sessionNumber === open.sessionNumber && ['submitted', 'filed', 'assigned'].includes(r.state)) : []

  return (
    <div>
      <Typography.Title level={4}>提案</Typography.Title>
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as View)}
        items={[
          { key: 'queue', label: '审查与交办' },
          { key: 'overdue', label: '逾期催办' },
          { key: 'key', label: '重点提案' }
        ]}
      />
      {view !== 'overdue' ? (
        <Form layout='inline' style={{ marginBottom: 16, rowGap: 12 }}>
          <Form.Item label='届次'>
            <Select style={{ width: 120 }} value={filters.termId} onChange={(termId) => setFilters((f) => ({ ...f, termId, session: '' }))} options={terms.map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
          <Form.Item label='会议'>
            <Select<SessionPick>
              style={{ width: 140 }}
              value={filters.session}
              onChange={(session) => setFilters((f) => ({ ...f, session }))}
              options={[{ value: '', label: '全部' }, ...(term?.sessions ?? []).map((s) => ({ value: s.number, label: s.name })), { value: 'between', label: '会间' }]}
            />
          </Form.Item>
          <Form.Item label='状态'>
            <Select style={{ width: 120 }} allowClear placeholder='待审查' value={filters.state} onChange={(state) => setFilters((f) => ({ ...f, state }))} options={proposalStates.filter((s) => s !== 'draft' && s !== 'cosigning').map((s) => ({ value: s, label: proposalStateLabels[s] }))} />
          </Form.Item>
          <Form.Item label='类别'>
            <Select style={{ width: 120 }} allowClear placeholder='全部' value={filters.category} onChange={(category) => setFilters((f) => ({ ...f, category }))} options={proposalCategories.map((c) => ({ value: c, label: proposalCategoryLabels[c] }))} />
          </Form.Item>
          <Form.Item label='关键词'>
            <Input.Search allowClear placeholder='案由或提案人' style={{ width: 180 }} onSearch={(keyword) => setFilters((f) => ({ ...f, keyword: keyword || undefined }))} />
          </Form.Item>
        </Form>
      ) : null}
      {view === 'queue' ? (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => void exportFile('list')}>导出提案目录（Excel）</Button>
          <Button onClick={() => void exportFile('compilation')}>导出提案汇编（Word）</Button>
        </Space>
      ) : null}
      {error ? (
        <Typography.Paragraph type='danger'>
          {error} <Button onClick={() => void load()}>重试</Button>
        </Typography.Paragraph>
      ) : null}
      <Table<ProposalSummary>
        rowKey='id'
        loading={loading}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: view === 'overdue' ? '没有逾期未办复的提案' : '没有符合条件的提案' }}
        onRow={(r) => ({ onDoubleClick: () => void read(r.id) })}
        columns={[
          { title: '提案号', dataIndex: 'numberLabel', width: 200, render: (t?: string) => t ?? '—' },
          { title: '案由', dataIndex: 'title', render: (t: string, r) => <a onClick={() => void read(r.id)}>{t}</a> },
          { title: '类别', dataIndex: 'categoryLabel', width: 90 },
          { title: '提案人', dataIndex: 'proposerName', width: 120 },
          { title: '提交时间', dataIndex: 'submittedAt', width: 150, sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''), render: (t?: string) => (t ? showDay(t) : '—') },
          {
            title: view === 'overdue' ? '逾期单位' : '承办单位',
            dataIndex: 'units',
            width: 200,
            render: (us: ProposalSummary['units']) => (us.length ? us.filter((u) => view !== 'overdue' || u.overdue).map((u) => `${u.name}（截止${showCalendarDay(u.deadline)}）`).join('、') : '—')
          },
          { title: '状态', dataIndex: 'stateLabel', width: 100, render: (s: string, r) => <Tag color={stateColor[r.state]}>{s}</Tag> }
        ]}
      />
      {cursor ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button loading={loading} onClick={() => void load(cursor)}>
            加载更多
          </Button>
        </div>
      ) : null}

      <Drawer width={620} open={Boolean(open)} onClose={() => setOpen(undefined)} title={open?.title}>
        {open ? (
          <>
            <Space wrap style={{ marginBottom: 16 }}>
              {open.state === 'submitted' ? (
                <>
                  <Button type='primary' loading={busy} onClick={() => void act(() => call('proposal.file', { id: open.id }), (d) => `已立案：${d.numberLabel ?? ''}`)}>
                    立案
                  </Button>
                  <Button onClick={() => setActing({ kind: 'return' })}>退回修改</Button>
                  <Button danger onClick={() => setActing({ kind: 'notFile' })}>
                    不予立案
                  </Button>
                  <Button onClick={() => setActing({ kind: 'merge' })}>并案</Button>
                </>
              ) : null}
              {open.state === 'filed' ? (
                <Button type='primary' onClick={() => setActing({ kind: 'assign' })}>
                  交办
                </Button>
              ) : null}
              {['filed', 'assigned', 'replied', 'rehandling'].includes(open.state) ? (
                <Button loading={busy} onClick={() => void act(() => call('proposal.markKey', { id: open.id, key: !open.key }), (d) => (d.key ? '已列为重点提案' : '已取消重点提案'))}>
                  {open.key ? '取消重点提案' : '列为重点提案'}
                </Button>
              ) : null}
              <Button onClick={() => void exportFile('one', open)}>导出 Word</Button>
            </Space>
            <Descriptions column={1} size='small' bordered>
              <Descriptions.Item label='状态'>{open.stateLabel}</Descriptions.Item>
              {open.numberLabel ? <Descriptions.Item label='提案号'>{open.numberLabel}</Descriptions.Item> : null}
              <Descriptions.Item label='届次'>{`${open.termName}${open.sessionName}`}</Descriptions.Item>
              <Descriptions.Item label='类别'>{open.categoryLabel}</Descriptions.Item>
              <Descriptions.Item label='提案人'>{open.proposerName}</Descriptions.Item>
              {open.cosigners.length ? <Descriptions.Item label='联名人'>{open.cosigners.map((c) => `${c.name}（${c.statusLabel}）`).join('、')}</Descriptions.Item> : null}
              {open.suggestedUnits.length ? <Descriptions.Item label='建议承办单位'>{open.suggestedUnits.map((u) => u.name).join('、')}</Descriptions.Item> : null}
              {open.leaders.length ? <Descriptions.Item label='领导领办督办'>{open.leaders.map((l) => `${l.name}（${l.modeLabel}）`).join('、')}</Descriptions.Item> : null}
              {open.returnReason ? <Descriptions.Item label='退回理由'>{open.returnReason}</Descriptions.Item> : null}
              {open.notFiledReason ? <Descriptions.Item label='不予立案理由'>{open.notFiledReason}</Descriptions.Item> : null}
              {open.mergedInto ? <Descriptions.Item label='并入'>{open.mergedInto.title}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              情况分析
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.analysis}</Typography.Paragraph>
            <Typography.Title level={5}>具体建议</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.suggestions}</Typography.Paragraph>
            {open.assignments.length ? (
              <>
                <Typography.Title level={5}>承办单位</Typography.Title>
                <Table
                  size='small'
                  rowKey='departmentId'
                  pagination={false}
                  dataSource={open.assignments}
                  columns={[
                    { title: '单位', dataIndex: 'name' },
                    { title: '分工', dataIndex: 'roleLabel', width: 60 },
                    { title: '状态', dataIndex: 'statusLabel', width: 90 },
                    { title: '截止', dataIndex: 'deadline', width: 110, render: (d: string, u) => <span style={{ color: u.overdue ? '#cf1322' : undefined }}>{showCalendarDay(d)}</span> },
                    {
                      title: '',
                      width: 90,
                      render: (_: unknown, u) =>
                        u.status !== 'replied' ? (
                          <Button size='small' onClick={() => setActing({ kind: 'remind', departmentId: u.departmentId, unitName: u.name })}>
                            催办{u.reminders ? `（${u.reminders}）` : ''}
                          </Button>
                        ) : null
                    }
                  ]}
                />
              </>
            ) : null}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              办理经过
            </Typography.Title>
            <Timeline items={open.timeline.map((t) => ({ children: `${showDayTime(t.at)} ${t.label}（${t.by}）${t.note ? `：${t.note}` : ''}` }))} />
          </>
        ) : null}
      </Drawer>

      <Modal
        title={{ return: '退回修改', notFile: '不予立案', merge: '并案', assign: '交办', remind: `催办${acting?.unitName ?? ''}` }[acting?.kind ?? 'return']}
        open={Boolean(acting)}
        okText='确定'
        cancelText='取消'
        confirmLoading={busy}
        destroyOnClose
        onCancel={() => {
          setActing(undefined)
          form.resetFields()
        }}
        onOk={() => void submitActing().catch(() => undefined)}
      >
        <Form form={form} layout='vertical' preserve={false}>
          {acting?.kind === 'return' || acting?.kind === 'notFile' ? (
            <Form.Item name='reason' label='理由（会告知提案人）' rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
              <Input.TextArea rows={4} maxLength={300} showCount />
            </Form.Item>
          ) : null}
          {acting?.kind === 'notFile' ? (
            <>
              <Form.Item name='convert' valuePropName='checked'>
                <Checkbox>转为社情民意信息</Checkbox>
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.convert !== b.convert}>
                {({ getFieldValue }) =>
                  getFieldValue('convert') ? (
                    <Form.Item name='opinionCategoryId' label='社情民意类别' rules={[{ required: true, message: '请选择类别' }]}>
                      <Select options={opinionCategories.map((c) => ({ value: c.id, label: c.name }))} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </>
          ) : null}
          {acting?.kind === 'merge' ? (
            <>
              <Form.Item name='intoId' label='并入哪件提案（同一次会议）' rules={[{ required: true, message: '请选择提案' }]}>
                <Select showSearch optionFilterProp='label' options={mergeTargets.map((r) => ({ value: r.id, label: `${r.numberLabel ? `${r.numberLabel} ` : ''}${r.title}` }))} notFoundContent='列表中没有同一次会议可并入的提案' />
              </Form.Item>
              <Form.Item name='note' label='并案说明'>
                <Input.TextArea rows={3} maxLength={300} />
              </Form.Item>
            </>
          ) : null}
          {acting?.kind === 'assign' ? (
            <>
              <Form.Item name='leadId' label='主办单位' rules={[{ required: true, message: '请选择主办单位' }]}>
                <Select showSearch optionFilterProp='label' options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name='assistIds' label='协办单位' dependencies={['leadId']}>
                <Select mode='multiple' showSearch optionFilterProp='label' options={units.filter((u) => u.id !== form.getFieldValue('leadId')).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name='deadline' label={`办复期限（不选则为交办之日起 ${term?.deadlineMonths ?? 3} 个月）`}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            </>
          ) : null}
          {acting?.kind === 'remind' ? (
            <Form.Item name='note' label='催办说明'>
              <Input.TextArea rows={3} maxLength={300} placeholder='例如：请于本周内报送答复' />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  )
}

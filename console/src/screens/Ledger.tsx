/**
 * 履职档案 at the desk (issue 11 items 3, 5 and 6), for one Beijing year:
 * - 考评结果: the ranking (optionally within a sector or committee), the
 *   未履职 and 两次无故缺席 lists, and the exports (年度履职报告 .docx for one
 *   member or the whole roster, 履职台账 .xlsx) saved under Chinese names;
 * - 公示与定档: the 公示 window picked with antd date pickers (Beijing days,
 *   both included), the objections with 采纳 / 不采纳 (刷新异议 reloads them;
 *   an answer reloads the ranking), and the lock (asks first);
 * - 考评办法: the rules table (points and yearly cap per kind, grade bands);
 *   saving recomputes the year's scores from the ledger; a locked year is read-only;
 * - 界别与专委会: the managed lists (issue 11 item 1) with member counts; staff
 *   add a name or rename one (a rename carries to the members). Names the
 *   roster holds without a group are shown as 未加入名单 with 加入名单.
 */
import { useCallback, useEffect, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Table from 'antd/es/table'
import Tabs from 'antd/es/tabs'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import { ledgerKinds, ledgerKindLabels, type GroupView, type LedgerKind, type LedgerRules, type LedgerYearState, type ObjectionView, type RankingRow } from '../../../src/core/actions/ledger'
import { beijing, formatBeijing } from '../../../src/core/time'
import { call } from '../../../src/services'
import { saveExport } from '../download'

const thisYear = beijing().year()
const years = [thisYear, thisYear - 1, thisYear - 2]

function stateWords(s?: LedgerYearState): string {
  if (!s) return ''
  if (s.locked) return `已定档（${s.lockedAt ? formatBeijing(s.lockedAt, 'YYYY年M月D日') : ''}）`
  if (!s.window) return '未公示'
  const range = `${dayjs(s.window.startDate).format('YYYY年M月D日')} 至 ${dayjs(s.window.endDate).format('YYYY年M月D日')}`
  return s.windowOpen ? `公示中：${range}` : `公示期 ${range}`
}

const rankColumns = [
  { title: '名次', dataIndex: 'rank', width: 70 },
  { title: '姓名', dataIndex: 'name' },
  { title: '界别', dataIndex: 'sector' },
  { title: '专委会', dataIndex: 'committees', render: (c: string[]) => c.join('、') },
  { title: '得分', dataIndex: 'score', width: 80 },
  { title: '等次', dataIndex: 'gradeLabel', width: 100 },
  { title: '履职项数', dataIndex: 'dutyLines', width: 90 },
  { title: '无故缺席', dataIndex: 'absences', width: 90 }
]

function Results({ year }: { year: number }) {
  const { message } = App.useApp()
  const [groups, setGroups] = useState<{ sectors: string[]; committees: string[] }>({ sectors: [], committees: [] })
  const [filter, setFilter] = useState<{ sector?: string; committee?: string }>({})
  const [rows, setRows] = useState<RankingRow[]>([])
  const [attention, setAttention] = useState<{ inactive: RankingRow[]; absentTwice: RankingRow[] }>({ inactive: [], absentTwice: [] })
  const [loading, setLoading] = useState(false)
  const [exporting, setExporting] = useState<string>()
  const [memberId, setMemberId] = useState<string>()

  useEffect(() => {
    call('ledger.groups', {}).then(
      (g) => setGroups({ sectors: g.sectors.map((s) => s.name), committees: g.committees.map((c) => c.name) }),
      () => undefined
    )
  }, [])
  useEffect(() => {
    setLoading(true)
    Promise.all([call('ledger.ranking', { year, ...filter }), call('ledger.attention', { year })])
      .then(([r, a]) => {
        setRows(r.rows)
        setAttention(a)
      })
      .catch((e: Error) => void message.error(e.message))
      .finally(() => setLoading(false))
  }, [year, filter, message])

  const exportReport = async (one?: RankingRow) => {
    setExporting(one ? 'one' : 'all')
    try {
      const f = await call('ledger.exportReport', { year, ...(one ? { memberId: one.memberId } : {}) })
      await saveExport(f.url, one ? `年度履职报告-${one.name}-${year}年` : `年度履职报告-全体委员-${year}年`, 'docx')
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setExporting(undefined)
    }
  }
  const exportLedger = async () => {
    setExporting('xlsx')
    try {
      const f = await call('ledger.exportLedger', { year })
      await saveExport(f.url, `履职台账-${year}年`, 'xlsx')
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setExporting(undefined)
    }
  }
  const chosen = rows.find((r) => r.memberId === memberId)
  return (
    <Space direction='vertical' style={{ width: '100%' }} size='large'>
      <Space wrap>
        <Select allowClear placeholder='全部界别' style={{ width: 180 }} value={filter.sector} options={groups.sectors.map((s) => ({ value: s, label: s }))} onChange={(v?: string) => setFilter({ ...(v ? { sector: v } : {}) })} />
        <Select allowClear placeholder='全部专委会' style={{ width: 200 }} value={filter.committee} options={groups.committees.map((s) => ({ value: s, label: s }))} onChange={(v?: string) => setFilter({ ...(v ? { committee: v } : {}) })} />
        <Button loading={exporting === 'all'} onClick={() => void exportReport()}>
          导出全体委员履职报告
        </Button>
        <Select showSearch allowClear placeholder='选择委员' style={{ width: 160 }} value={memberId} optionFilterProp='label' options={rows.map((r) => ({ value: r.memberId, label: r.name }))} onChange={(v?: string) => setMemberId(v)} />
        <Button disabled={!chosen} loading={exporting === 'one'} onClick={() => chosen && void exportReport(chosen)}>
          导出该委员履职报告
        </Button>
        <Button loading={exporting === 'xlsx'} onClick={() => void exportLedger()}>
          导出履职台账
        </Button>
      </Space>
      <Table<RankingRow> rowKey='memberId' size='small' loading={loading} dataSource={rows} columns={rankColumns} pagination={{ pageSize: 50 }} />
      <Typography.Title level={5}>{`未履职（${attention.inactive.length} 人）`}</Typography.Title>
      <Table<RankingRow> rowKey='memberId' size='small' dataSource={attention.inactive} columns={rankColumns.filter((c) => c.dataIndex !== 'rank')} pagination={false} locale={{ emptyText: '没有未履职的委员' }} />
      <Typography.Title level={5}>{`两次及以上无故缺席（${attention.absentTwice.length} 人）`}</Typography.Title>
      <Table<RankingRow> rowKey='memberId' size='small' dataSource={attention.absentTwice} columns={rankColumns.filter((c) => c.dataIndex !== 'rank')} pagination={false} locale={{ emptyText: '没有两次无故缺席的委员' }} />
    </Space>
  )
}

function Evaluation({ year, state, onState }: { year: number; state?: LedgerYearState; onState: () => void }) {
  const { message, modal } = App.useApp()
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const [items, setItems] = useState<ObjectionView[]>([])
  const [answering, setAnswering] = useState<{ item: ObjectionView; accept: boolean; answer: string; points: number }>()
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    call('ledger.objections', { year }).then((r) => setItems(r.items), (e: Error) => void message.error(e.message))
  }, [year, message])
  useEffect(load, [load])
  useEffect(() => setRange(state?.window ? [dayjs(state.window.startDate), dayjs(state.window.endDate)] : null), [state])

  const saveWindow = async () => {
    if (!range) return void message.warning('请选择公示开始和结束日期')
    setBusy(true)
    try {
      await call('ledger.openWindow', { year, startDate: range[0].format('YYYY-MM-DD'), endDate: range[1].format('YYYY-MM-DD') })
      void message.success('公示期已设定')
      onState()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const lock = () =>
    modal.confirm({
      title: `确定${year}年度考评定档？`,
      content: '定档后本年度的履职记录、考评办法和结果都不再改变，之后的变动只记录不计入。',
      okText: '定档',
      cancelText: '再想想',
      onOk: async () => {
        try {
          await call('ledger.lock', { year })
          void message.success('已定档')
          onState()
        } catch (e) {
          void message.error((e as Error).message)
        }
      }
    })
  const answer = async () => {
    if (!answering) return
    setBusy(true)
    try {
      await call('ledger.answer', { id: answering.item.id, accept: answering.accept, answer: answering.answer, ...(answering.accept ? { points: answering.points } : {}) })
      void message.success(answering.accept ? '已采纳，得分已更正' : '已答复不采纳')
      setAnswering(undefined)
      load()
      // an accepted objection changes the member's score: the ranking reloads
      onState()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const locked = Boolean(state?.locked)
  return (
    <Space direction='vertical' style={{ width: '100%' }} size='large'>
      <Typography.Text>{stateWords(state)}</Typography.Text>
      <Space wrap>
        <DatePicker.RangePicker value={range} disabled={locked} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} placeholder={['公示开始日期', '公示结束日期']} />
        <Button type='primary' disabled={locked} loading={busy} onClick={() => void saveWindow()}>
          设定公示期
        </Button>
        <Button danger disabled={locked} onClick={lock}>
          定档
        </Button>
        <Button onClick={load}>刷新异议</Button>
      </Space>
      <Table<ObjectionView>
        rowKey='id'
        size='small'
        dataSource={items}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: '没有委员提出异议' }}
        columns={[
          { title: '委员', dataIndex: 'memberName' },
          { title: '履职项', dataIndex: 'kindLabel' },
          { title: '日期', dataIndex: 'lineDate', render: (d: string) => (d ? formatBeijing(d, 'YYYY年M月D日') : '') },
          { title: '异议理由', dataIndex: 'reason' },
          { title: '状态', dataIndex: 'stateLabel', render: (l: string, o) => <Tag color={o.state === 'open' ? 'orange' : o.state === 'accepted' ? 'green' : 'default'}>{l}</Tag> },
          { title: '答复', dataIndex: 'answer' },
          {
            title: '操作',
            render: (_: unknown, o) =>
              o.state === 'open' && !locked ? (
                <Space>
                  <Button size='small' onClick={() => setAnswering({ item: o, accept: true, answer: '', points: o.linePoints })}>
                    采纳
                  </Button>
                  <Button size='small' onClick={() => setAnswering({ item: o, accept: false, answer: '', points: 0 })}>
                    不采纳
                  </Button>
                </Space>
              ) : null
          }
        ]}
      />
      <Modal open={Boolean(answering)} title={answering?.accept ? '采纳异议并更正分值' : '不采纳异议'} okText='提交答复' cancelText='取消' confirmLoading={busy} onOk={() => void answer()} onCancel={() => setAnswering(undefined)}>
        {answering?.accept ? (
          <Space style={{ marginBottom: 12 }}>
            <span>更正后的分值（0 为不计）</span>
            <InputNumber aria-label='更正后的分值' min={-100} max={100} precision={0} value={answering.points} onChange={(v) => setAnswering({ ...answering, points: Number(v ?? 0) })} />
          </Space>
        ) : null}
        <Input.TextArea aria-label='答复' rows={4} maxLength={300} placeholder={answering?.accept ? '说明更正情况' : '写明不采纳的理由'} value={answering?.answer} onChange={(e) => answering && setAnswering({ ...answering, answer: e.target.value })} />
      </Modal>
    </Space>
  )
}

function Rules({ year, locked, onSaved }: { year: number; locked: boolean; onSaved: () => void }) {
  const { message } = App.useApp()
  const [rules, setRules] = useState<LedgerRules>()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    call('ledger.rules', { year }).then(
      (r) => {
        setRules(r.rules)
        setSaved(r.saved)
      },
      (e: Error) => void message.error(e.message)
    )
  }, [year, message])
  if (!rules) return null
  const setPoints = (kind: LedgerKind, v: number | null) => setRules({ ...rules, points: { ...rules.points, [kind]: Number(v ?? 0) } })
  const setCap = (kind: LedgerKind, v: number | null) => {
    const caps = { ...rules.caps }
    if (v === null || v === undefined) delete caps[kind]
    else caps[kind] = Number(v)
    setRules({ ...rules, caps })
  }
  const save = async () => {
    setBusy(true)
    try {
      const r = await call('ledger.saveRules', { year, rules })
      setSaved(true)
      void message.success(`已保存，重新计算了 ${r.recomputed} 名委员的得分`)
      onSaved()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const band = (key: keyof LedgerRules['bands'], label: string) => (
    <Space>
      <span>{label}</span>
      <InputNumber aria-label={label} disabled={locked} precision={0} value={rules.bands[key]} onChange={(v) => setRules({ ...rules, bands: { ...rules.bands, [key]: Number(v ?? 0) } })} />
    </Space>
  )
  return (
    <Space direction='vertical' style={{ width: '100%' }} size='large'>
      <Typography.Text type='secondary'>{saved ? `${year}年度考评办法` : `${year}年度尚未保存自己的办法，以下为默认办法`}{locked ? '（已定档，不能修改）' : ''}</Typography.Text>
      <Space wrap size='large'>
        {band('excellent', '优秀（不低于）')}
        {band('pass', '合格（不低于）')}
        {band('basic', '基本合格（不低于）')}
      </Space>
      <Table<{ kind: LedgerKind }>
        rowKey='kind'
        size='small'
        pagination={false}
        dataSource={ledgerKinds.map((kind) => ({ kind }))}
        columns={[
          { title: '履职类别', dataIndex: 'kind', render: (k: LedgerKind) => ledgerKindLabels[k] },
          { title: '每项分值（扣分为负）', render: (_: unknown, r) => <InputNumber aria-label={`${ledgerKindLabels[r.kind]}分值`} disabled={locked} min={-100} max={100} precision={0} value={rules.points[r.kind]} onChange={(v) => setPoints(r.kind, v)} /> },
          { title: '年度上限（空为不限）', render: (_: unknown, r) => <InputNumber aria-label={`${ledgerKindLabels[r.kind]}上限`} disabled={locked} min={0} max={1000} precision={0} value={rules.caps[r.kind] ?? null} onChange={(v) => setCap(r.kind, v)} /> }
        ]}
      />
      <Button type='primary' disabled={locked} loading={busy} onClick={() => void save()}>
        保存并重新计算得分
      </Button>
    </Space>
  )
}

function Groups() {
  const { message } = App.useApp()
  const [data, setData] = useState<{ sectors: GroupView[]; committees: GroupView[] }>()
  const [editing, setEditing] = useState<{ kind: 'sector' | 'committee'; id?: string; name: string; sortKey?: number }>()
  const [busy, setBusy] = useState(false)
  const load = useCallback(() => {
    call('ledger.groups', {}).then(setData, (e: Error) => void message.error(e.message))
  }, [message])
  useEffect(load, [load])
  const save = async () => {
    if (!editing) return
    setBusy(true)
    try {
      await call('ledger.saveGroup', { kind: editing.kind, name: editing.name, ...(editing.id ? { id: editing.id } : {}), ...(editing.sortKey !== undefined ? { sortKey: editing.sortKey } : {}) })
      void message.success(editing.id ? '已改名' : '已加入名单')
      setEditing(undefined)
      load()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const what = (kind: 'sector' | 'committee') => (kind === 'sector' ? '界别' : '专委会')
  const table = (kind: 'sector' | 'committee', rows: GroupView[]) => (
    <div style={{ flex: 1, minWidth: 360 }}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {what(kind)}
        </Typography.Title>
        <Button size='small' onClick={() => setEditing({ kind, name: '' })}>
          {`新增${what(kind)}`}
        </Button>
      </Space>
      <Table<GroupView>
        rowKey={(g) => g.id || `loose-${g.name}`}
        size='small'
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: `还没有${what(kind)}` }}
        columns={[
          { title: '名称', dataIndex: 'name', render: (n: string, g) => (g.id ? n : <Space>{n}<Tag>未加入名单</Tag></Space>) },
          { title: '委员人数', dataIndex: 'members', width: 90 },
          {
            title: '操作',
            width: 110,
            render: (_: unknown, g) =>
              g.id ? (
                <Button size='small' onClick={() => setEditing({ kind, id: g.id, name: g.name, sortKey: g.sortKey })}>
                  改名
                </Button>
              ) : (
                <Button size='small' onClick={() => setEditing({ kind, name: g.name })}>
                  加入名单
                </Button>
              )
          }
        ]}
      />
    </div>
  )
  return (
    <Space direction='vertical' style={{ width: '100%' }}>
      <Typography.Text type='secondary'>名册导入时，界别和专委会须在以下名单中；改名后，原名称下的委员随之改为新名称。</Typography.Text>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        {table('sector', data?.sectors ?? [])}
        {table('committee', data?.committees ?? [])}
      </div>
      <Modal
        open={Boolean(editing)}
        title={editing ? `${editing.id ? '改名' : '新增'}${what(editing.kind)}` : ''}
        okText='保存'
        cancelText='取消'
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => setEditing(undefined)}
      >
        <Input aria-label='名称' maxLength={30} placeholder='名称' value={editing?.name} onChange={(e) => editing && setEditing({ ...editing, name: e.target.value })} />
      </Modal>
    </Space>
  )
}

export default function Ledger() {
  const { message } = App.useApp()
  const [year, setYear] = useState(thisYear)
  const [state, setState] = useState<LedgerYearState>()
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  useEffect(() => {
    call('ledger.rules', { year }).then((r) => setState(r.state), (e: Error) => void message.error(e.message))
  }, [year, version, message])
  return (
    <Space direction='vertical' style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          履职档案
        </Typography.Title>
        <Select aria-label='年度' value={year} style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} onChange={setYear} />
        <Typography.Text type='secondary'>{stateWords(state)}</Typography.Text>
      </Space>
      <Tabs
        items={[
          { key: 'results', label: '考评结果', children: <Results key={`${year}-${version}`} year={year} /> },
          { key: 'evaluation', label: '公示与定档', children: <Evaluation year={year} state={state} onState={refresh} /> },
          { key: 'rules', label: '考评办法', children: <Rules key={year} year={year} locked={Boolean(state?.locked)} onSaved={refresh} /> },
          { key: 'groups', label: '界别与专委会', children: <Groups /> }
        ]}
      />
    </Space>
  )
}

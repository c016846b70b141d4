/**
 * 协商议题 at the desk (issue 14 item 3; contract src/core/actions/topic.ts):
 * the topics as a table with filters on the server (state, source, the
 * Beijing days proposed, a title keyword) and cursor paging (加载更多); a
 * side panel reads one topic and offers only the steps its state allows and
 * the staff role holds: 立题 (organiser chosen from `topic.options`), 不予立题
 * with a reason, 合并 into another open topic found by searching its title
 * (never a typed id), 征求意见 (question, deadline picker), 安排协商 (date-time
 * range picker, place, seats), 录入纪要 with recommendations addressed to
 * departments chosen from a list, 办理进展 on an open recommendation, 办结 and
 * 重新办理 (once). Irreversible steps ask first, naming the step. Pickers
 * send their wall clock as `YYYY-MM-DD HH:mm`, read as Beijing time by the
 * server. Topics have no export action, so the screen offers none.
 */
import { useCallback, useEffect, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Descriptions from 'antd/es/descriptions'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Timeline from 'antd/es/timeline'
import Typography from 'antd/es/typography'
import type { Dayjs } from 'dayjs'
import {
  openTopicStates,
  topicResultLabels,
  topicResults,
  topicSourceLabels,
  topicSources,
  type TopicDetail,
  type TopicResult,
  type TopicSource,
  type TopicSummary
} from '../../../src/core/actions/topic'
import { topicStateLabels, topicStates, type TopicState } from '../../../src/core/states'
import { formatBeijing } from '../../../src/core/time'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { useOptionSearch } from '../people'

const WALL = 'YYYY-MM-DD HH:mm'
const DAY = 'YYYY-MM-DD'

const stateColor: Partial<Record<TopicState, string>> = {
  proposed: 'blue',
  selected: 'green',
  declined: 'default',
  merged: 'purple',
  open_for_input: 'cyan',
  scheduled: 'orange',
  consulted: 'gold',
  following_up: 'magenta',
  closed: 'default'
}

/** States staff filter on (drafts are never listed). */
const listedStates = topicStates.filter((s) => s !== 'draft')

interface Filters {
  state?: TopicState
  source?: TopicSource
  days?: [Dayjs, Dayjs] | null
  keyword?: string
}

type Step = 'select' | 'decline' | 'merge' | 'openInput' | 'schedule' | 'outcome' | 'progress' | 'close' | 'reopen'

const stepTitles: Record<Step, string> = {
  select: '立题',
  decline: '不予立题',
  merge: '合并到其他议题',
  openInput: '发布征求意见',
  schedule: '安排协商活动',
  outcome: '录入协商纪要与建议',
  progress: '记录办理进展',
  close: '办结议题',
  reopen: '重新办理'
}

/** Steps that cannot be undone: the screen asks first, naming the step. */
const irreversible: Partial<Record<Step, string>> = {
  decline: '提出人和附议人会看到理由，议题就此结束。',
  merge: '附议人和评论会并入目标议题，本议题不再单独办理。',
  outcome: '纪要和建议提交后，议题进入跟踪落实，建议会交给各承办单位。',
  close: '办结后议题进入“解决问题”公示，只能重新办理一次。',
  reopen: '议题回到跟踪落实，各单位的建议重新打开，每个议题只能重新办理一次。'
}

/** The steps a topic in `state` offers staff (the server checks again). */
function stepsFor(t: TopicDetail): Step[] {
  switch (t.state) {
    case 'proposed':
      return ['select', 'decline', 'merge']
    case 'selected':
      return ['openInput', 'schedule']
    case 'open_for_input':
      return ['schedule']
    case 'scheduled':
      return ['outcome']
    case 'consulted':
    case 'following_up':
      return ['close']
    case 'closed':
      return t.reopenCount < 1 ? ['reopen'] : []
    default:
      return []
  }
}

type Options = { studios: { id: string; name: string }[]; committees: { id: string; name: string }[]; departments: { id: string; name: string }[] }

/** Title search for the merge target: open topics other than `exceptId`. */
function useTopicSearch(exceptId: string) {
  return useOptionSearch(async (k) =>
    (await call('topic.list', { keyword: k, limit: 20 })).items
      .filter((t) => t.id !== exceptId && openTopicStates.includes(t.state))
      .map((t) => ({ value: t.id, label: `${t.title}（${topicStateLabels[t.state]}）` }))
  )
}

function StepForm({ step, topic, options, recommendationId, onDone, onCancel }: { step: Step; topic: TopicDetail; options?: Options; recommendationId?: string; onDone: (message: string) => void; onCancel: () => void }) {
  const { modal } = App.useApp()
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const targets = useTopicSearch(topic.id)
  const organiserType = Form.useWatch('organiserType', form) as 'studio' | 'committee' | undefined

  const run = async (v: Record<string, unknown>): Promise<string> => {
    const id = topic.id
    switch (step) {
      case 'select':
        await call('topic.select', { id, organiserType: v.organiserType as 'studio' | 'committee', organiserId: v.organiserId as string })
        return '已立题'
      case 'decline':
        await call('topic.decline', { id, reason: v.reason as string })
        return '已作出不予立题决定'
      case 'merge': {
        const target = v.target as { value: string; label: string }
        await call('topic.merge', { id, intoId: target.value })
        return '已合并到目标议题'
      }
      case 'openInput':
        await call('topic.openInput', { id, question: v.question as string, ...(v.background ? { background: v.background as string } : {}), deadline: (v.deadline as Dayjs).format(WALL) })
        return '已发布征求意见'
      case 'schedule': {
        const [start, end] = v.time as [Dayjs, Dayjs]
        await call('topic.schedule', { id, startAt: start.format(WALL), endAt: end.format(WALL), place: v.place as string, capacity: v.capacity as number })
        return '协商活动已安排'
      }
      case 'outcome':
        await call('topic.recordOutcome', {
          id,
          minutes: v.minutes as string,
          consensus: v.consensus as string,
          recommendations: (v.recommendations as { departmentId: string; text: string }[]).map((r) => ({ departmentId: r.departmentId, text: r.text }))
        })
        return '协商纪要已录入，建议已交承办单位'
      case 'progress':
        await call('topic.postProgress', { recommendationId: recommendationId!, text: v.text as string })
        return '办理进展已记录'
      case 'close':
        await call('topic.close', { id, result: v.result as TopicResult, ...(v.note ? { note: v.note as string } : {}) })
        return '议题已办结'
      case 'reopen':
        await call('topic.reopen', { id, reason: v.reason as string })
        return '议题已重新办理'
    }
  }

  const submit = async (v: Record<string, unknown>) => {
    const warning = irreversible[step]
    if (warning) {
      const yes = await modal.confirm({ title: `确定${stepTitles[step]}吗？`, content: warning, okText: stepTitles[step], cancelText: '再想想' })
      if (!yes) return
    }
    setBusy(true)
    setFailure(undefined)
    try {
      onDone(await run(v))
    } catch (e) {
      setFailure((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const textArea = (name: string, label: string, min: number, max: number, rows = 3) => (
    <Form.Item name={name} label={label} rules={[{ required: min > 0, message: `请填写${label}` }, { min, message: `${label}至少 ${min} 个字` }, { max, message: `${label}不能超过 ${max} 个字` }]}>
      <Input.TextArea rows={rows} maxLength={max} showCount />
    </Form.Item>
  )

  return (
    <Modal open width={step === 'outcome' ? 760 : 600} title={`${stepTitles[step]}：${topic.title}`} okText={stepTitles[step]} cancelText='取消' confirmLoading={busy} onOk={() => form.submit()} onCancel={onCancel} destroyOnClose>
      <Form form={form} layout='vertical' onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={step === 'select' ? { organiserType: 'studio' } : step === 'outcome' ? { recommendations: [{}] } : step === 'schedule' ? { capacity: 50, place: topic.place } : {}}>
        {step === 'select' ? (
          <Space size='large' wrap>
            <Form.Item name='organiserType' label='组织单位类型' rules={[{ required: true, message: '请选择组织单位类型' }]}>
              <Select style={{ width: 160 }} options={[{ value: 'studio', label: '委员工作室' }, { value: 'committee', label: '专门委员会' }]} onChange={() => form.setFieldValue('organiserId', undefined)} />
            </Form.Item>
            <Form.Item name='organiserId' label='组织单位' rules={[{ required: true, message: '请选择组织单位' }]}>
              <Select
                style={{ width: 300 }}
                showSearch
                optionFilterProp='label'
                placeholder='选择组织协商的单位'
                options={(organiserType === 'committee' ? options?.committees : options?.studios)?.map((o) => ({ value: o.id, label: o.name })) ?? []}
              />
            </Form.Item>
          </Space>
        ) : null}
        {step === 'decline' ? textArea('reason', '不予立题的理由', 4, 200) : null}
        {step === 'reopen' ? textArea('reason', '重新办理的理由', 4, 200) : null}
        {step === 'merge' ? (
          <Form.Item name='target' label='合并到（输入议题标题查找）' rules={[{ required: true, message: '请查找并选择要合并到的议题' }]}>
            <Select
              labelInValue
              showSearch
              filterOption={false}
              placeholder='输入议题标题中的词语'
              notFoundContent={targets.searching ? <Spin size='small' /> : '输入标题查找进行中的议题'}
              onSearch={(k) => void targets.search(k)}
              options={targets.options}
            />
          </Form.Item>
        ) : null}
        {step === 'openInput' ? (
          <>
            {textArea('question', '征求意见的问题', 4, 200)}
            <Form.Item name='background' label='背景材料（可不填）' rules={[{ max: 2000, message: '背景材料不能超过 2000 个字' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name='deadline' label='截止时间（北京时间）' rules={[{ required: true, message: '请选择截止时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={WALL} placeholder='截止时间' />
            </Form.Item>
          </>
        ) : null}
        {step === 'schedule' ? (
          <>
            <Form.Item name='time' label='协商时间（北京时间）' rules={[{ required: true, message: '请选择开始和结束时间' }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={WALL} placeholder={['开始时间', '结束时间']} />
            </Form.Item>
            <Form.Item name='place' label='协商地点' rules={[{ required: true, message: '请填写协商地点' }, { max: 60, message: '协商地点不能超过 60 个字' }]}>
              <Input />
            </Form.Item>
            <Form.Item name='capacity' label='名额' rules={[{ required: true, message: '请填写名额' }]}>
              <InputNumber min={1} max={500} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </>
        ) : null}
        {step === 'outcome' ? (
          <>
            {textArea('minutes', '协商纪要', 10, 5000, 5)}
            {textArea('consensus', '协商共识', 4, 2000)}
            <Form.List name='recommendations'>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align='start' style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'departmentId']} label={`建议 ${i + 1} 的承办单位`} rules={[{ required: true, message: '请选择承办单位' }]}>
                        <Select style={{ width: 200 }} showSearch optionFilterProp='label' placeholder='选择单位' options={options?.departments.map((d) => ({ value: d.id, label: d.name })) ?? []} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'text']} label='建议内容' style={{ width: 400 }} rules={[{ required: true, message: '请填写建议内容' }, { min: 4, message: '建议内容至少 4 个字' }, { max: 500, message: '建议内容不能超过 500 个字' }]}>
                        <Input.TextArea rows={2} maxLength={500} />
                      </Form.Item>
                      {fields.length > 1 ? (
                        <Button type='link' style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                          删除
                        </Button>
                      ) : null}
                    </Space>
                  ))}
                  {fields.length < 10 ? <Button onClick={() => add({})}>添加一条建议</Button> : null}
                </>
              )}
            </Form.List>
          </>
        ) : null}
        {step === 'progress' ? textArea('text', '办理进展', 4, 500) : null}
        {step === 'close' ? (
          <>
            <Form.Item name='result' label='办结结果' rules={[{ required: true, message: '请选择办结结果' }]}>
              <Select style={{ width: 200 }} options={topicResults.map((r) => ({ value: r, label: topicResultLabels[r] }))} />
            </Form.Item>
            <Form.Item name='note' label='办结说明（可不填）' rules={[{ max: 500, message: '办结说明不能超过 500 个字' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      </Form>
    </Modal>
  )
}

function TopicPanel({ id, options, onClose, onChanged }: { id: string; options?: Options; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp()
  const [topic, setTopic] = useState<TopicDetail>()
  const [error, setError] = useState<string>()
  const [acting, setActing] = useState<{ step: Step; recommendationId?: string }>()
  const read = useCallback(async () => {
    setError(undefined)
    try {
      setTopic(await call('topic.get', { id }))
    } catch (e) {
      setError((e as Error).message)
    }
  }, [id])
  useEffect(() => void read(), [read])
  const t = topic

  return (
    <Drawer open width={720} title={t ? t.title : '议题'} onClose={onClose}>
      {error ? <LoadError error={error} onRetry={() => void read()} /> : null}
      {!t && !error ? <Spin tip='正在加载…'><div style={{ height: 200 }} /></Spin> : null}
      {t ? (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {stepsFor(t).map((s) => (
              <Button key={s} type={s === 'decline' || s === 'merge' ? 'default' : 'primary'} onClick={() => setActing({ step: s })}>
                {stepTitles[s]}
              </Button>
            ))}
          </Space>
          <Descriptions size='small' bordered column={2}>
            <Descriptions.Item label='状态'>
              <Tag color={stateColor[t.state]}>{topicStateLabels[t.state]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label='类别'>{t.category}</Descriptions.Item>
            <Descriptions.Item label='提出人'>{t.proposerName}</Descriptions.Item>
            <Descriptions.Item label='来源'>{t.source ? topicSourceLabels[t.source] : '—'}</Descriptions.Item>
            <Descriptions.Item label='提出时间'>{formatBeijing(t.proposedAt)}</Descriptions.Item>
            <Descriptions.Item label='附议 / 评论'>{`${t.supportCount} / ${t.commentCount}`}</Descriptions.Item>
            {t.place ? <Descriptions.Item label='地点'>{t.place}</Descriptions.Item> : null}
            {t.organiser ? <Descriptions.Item label='组织单位'>{t.organiser}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{t.description}</Typography.Paragraph>
          {t.declineReason ? <Typography.Paragraph type='secondary'>不予立题的理由：{t.declineReason}</Typography.Paragraph> : null}
          {t.mergedInto ? <Typography.Paragraph type='secondary'>已合并到：{t.mergedInto.title}</Typography.Paragraph> : null}
          {t.input ? (
            <Typography.Paragraph>
              征求意见：{t.input.question}（截止 {formatBeijing(t.input.deadline)}）
            </Typography.Paragraph>
          ) : null}
          {t.session ? (
            <Typography.Paragraph>
              协商活动：{formatBeijing(t.session.startAt)} 至 {formatBeijing(t.session.endAt, 'HH:mm')}，{t.session.place}
              {t.session.attendance !== undefined ? `，到会 ${t.session.attendance} 人` : ''}
            </Typography.Paragraph>
          ) : null}
          {t.minutes ? (
            <>
              <Typography.Title level={5}>协商纪要</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.minutes}</Typography.Paragraph>
            </>
          ) : null}
          {t.consensus ? <Typography.Paragraph>协商共识：{t.consensus}</Typography.Paragraph> : null}
          {t.recommendations.length ? (
            <>
              <Typography.Title level={5}>建议与办理</Typography.Title>
              {t.recommendations.map((r) => (
                <div key={r.id} style={{ border: '1px solid #eee', borderRadius: 6, padding: 12, marginBottom: 8 }}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{r.departmentName}</Typography.Text>
                    <Space>
                      <Tag color={r.status === 'open' ? 'orange' : 'green'}>{r.status === 'open' ? '办理中' : r.result ? topicResultLabels[r.result] : '已答复'}</Tag>
                      {r.status === 'open' && (t.state === 'consulted' || t.state === 'following_up') ? (
                        <Button size='small' onClick={() => setActing({ step: 'progress', recommendationId: r.id })}>
                          记录办理进展
                        </Button>
                      ) : null}
                    </Space>
                  </Space>
                  <Typography.Paragraph style={{ margin: '8px 0' }}>{r.text}</Typography.Paragraph>
                  {r.progress.map((p, i) => (
                    <Typography.Paragraph key={i} type='secondary' style={{ margin: 0 }}>
                      {formatBeijing(p.at)} {p.by}：{p.text}
                      {p.held ? '（待人工复核）' : ''}
                    </Typography.Paragraph>
                  ))}
                  {r.resultText ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>办理结果：{r.resultText}</Typography.Paragraph> : null}
                </div>
              ))}
            </>
          ) : null}
          {t.result ? (
            <Typography.Paragraph>
              办结结果：{topicResultLabels[t.result]}
              {t.closedAt ? `（${formatBeijing(t.closedAt)}）` : ''}
              {t.closingNote ? `，${t.closingNote}` : ''}
            </Typography.Paragraph>
          ) : null}
          <Typography.Title level={5}>办理过程</Typography.Title>
          <Timeline
            items={t.timeline.map((e) => ({
              children: `${formatBeijing(e.at)} ${topicStateLabels[e.state]}${e.note ? `：${e.note}` : ''}`
            }))}
          />
        </>
      ) : null}
      {acting && t ? (
        <StepForm
          step={acting.step}
          topic={t}
          options={options}
          recommendationId={acting.recommendationId}
          onCancel={() => setActing(undefined)}
          onDone={(text) => {
            setActing(undefined)
            void message.success(text)
            void read()
            onChanged()
          }}
        />
      ) : null}
    </Drawer>
  )
}

export default function Topics() {
  const [filters, setFilters] = useState<Filters>({})
  const [keyword, setKeyword] = useState('')
  const [openId, setOpenId] = useState<string>()
  const [options, setOptions] = useState<Options>()
  useEffect(() => {
    call('topic.options', {}).then(setOptions, () => undefined)
  }, [])
  const fetchPage = useCallback(
    (more?: string) =>
      call('topic.list', {
        limit: 20,
        ...(filters.state ? { state: filters.state } : {}),
        ...(filters.source ? { source: filters.source } : {}),
        ...(filters.keyword ? { keyword: filters.keyword } : {}),
        ...(filters.days ? { from: filters.days[0].format(DAY), to: filters.days[1].format(DAY) } : {}),
        ...(more ? { cursor: more } : {})
      }),
    [filters]
  )
  const { rows, cursor, loading, error, load, loadMore } = usePaged<TopicSummary>(fetchPage)

  return (
    <div>
      <Typography.Title level={4}>协商议题</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<TopicState>
          allowClear
          placeholder='全部状态'
          aria-label='状态'
          value={filters.state}
          style={{ width: 140 }}
          onChange={(state) => setFilters((f) => ({ ...f, state }))}
          options={listedStates.map((s) => ({ value: s, label: topicStateLabels[s] }))}
        />
        <Select<TopicSource>
          allowClear
          placeholder='全部来源'
          aria-label='来源'
          value={filters.source}
          style={{ width: 140 }}
          onChange={(source) => setFilters((f) => ({ ...f, source }))}
          options={topicSources.map((s) => ({ value: s, label: topicSourceLabels[s] }))}
        />
        <DatePicker.RangePicker value={filters.days ?? null} placeholder={['提出日期从', '至']} onChange={(days) => setFilters((f) => ({ ...f, days: days && days[0] && days[1] ? [days[0], days[1]] : null }))} />
        <Input.Search
          allowClear
          placeholder='议题标题中的词语'
          style={{ width: 220 }}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(k) => setFilters((f) => ({ ...f, keyword: k.trim() || undefined }))}
          enterButton='查找'
        />
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<TopicSummary>
        rowKey='id'
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: loading ? '正在加载…' : '没有符合条件的议题' }}
        onRow={(t) => ({ onClick: () => setOpenId(t.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '议题', dataIndex: 'title', ellipsis: true },
          { title: '类别', dataIndex: 'category', width: 100 },
          { title: '来源', dataIndex: 'source', width: 100, render: (s?: TopicSource) => (s ? topicSourceLabels[s] : '—') },
          { title: '状态', dataIndex: 'state', width: 110, render: (s: TopicState) => <Tag color={stateColor[s]}>{topicStateLabels[s]}</Tag> },
          { title: '附议', dataIndex: 'supportCount', width: 70 },
          { title: '组织单位', dataIndex: 'organiser', width: 170, ellipsis: true, render: (o?: string) => o ?? '' },
          { title: '提出日期', dataIndex: 'proposedAt', width: 110, render: (at: string) => formatBeijing(at, DAY) },
          { title: '最近更新', dataIndex: 'updatedAt', width: 160, render: (at: string) => formatBeijing(at) }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
      {openId ? <TopicPanel id={openId} options={options} onClose={() => setOpenId(undefined)} onChanged={() => void load()} /> : null}
    </div>
  )
}

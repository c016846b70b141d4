/**
 * 活动 at the desk (issue 14 item 3): published activities as a table with
 * filters (time scope, type), create and edit in a form with date-time
 * pickers (every time is Beijing time: the pickers' wall clock is sent as
 * `YYYY-MM-DD HH:mm`, which the server reads as Beijing time whatever the
 * PC's time zone), inviting members by searching the roster by name
 * (`user.listMembers`; never typed member numbers), and per activity the
 * registrations with attendance and the export saved as a real .xlsx.
 *
 * A studio admin (工作室管理员) without the staff role sees only the
 * activities of the studios they manage (the list filtered by studio, their
 * first studio preselected, no 全部) and creates activities for those
 * studios only; the staff-only parts (inviting from the roster, which only
 * staff may search) are not shown. The server checks every action anyway
 * (activity engine `canManage`, `createActivity`).
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import DatePicker from 'antd/es/date-picker'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import InputNumber from 'antd/es/input-number'
import Modal from 'antd/es/modal'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Switch from 'antd/es/switch'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import dayjs, { type Dayjs } from 'dayjs'
import customParseFormat from 'dayjs/plugin/customParseFormat'
import {
  activityKindLabels,
  activityTypeLabels,
  activityTypes,
  audienceLabels,
  audiences,
  kindTypes,
  registrationStateLabels,
  type ActivityDetail,
  type ActivityKind,
  type ActivitySummary,
  type ActivityType,
  type Audience,
  type RegistrationView
} from '../../../src/core/actions/activity'
import { activityStateLabels } from '../../../src/core/states'
import { formatBeijing } from '../../../src/core/time'
import { PAGE_SIZE_MAX } from '../../../src/core/paging'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { saveExport } from '../download'
import { useRosterSearch } from '../people'
import { session } from '../session'

dayjs.extend(customParseFormat)

const WALL = 'YYYY-MM-DD HH:mm'

/** A picker value (its wall clock read as Beijing time) -> the server's `YYYY-MM-DD HH:mm`. */
function wallOf(value: Dayjs): string {
  return value.format(WALL)
}

/** An ISO instant -> a picker value showing its Beijing wall clock (whatever the PC's zone). */
function pickerOf(iso: string): Dayjs {
  return dayjs(formatBeijing(iso, WALL), WALL)
}

type Scope = 'upcoming' | 'past' | 'today'
const scopeLabels: Record<Scope, string> = { upcoming: '未结束', today: '今天开始', past: '已结束' }

interface FormValues {
  title: string
  type: ActivityType
  kind?: ActivityKind
  place: string
  description?: string
  time: [Dayjs, Dayjs]
  signupDeadline: Dayjs
  capacity: number
  audience: Audience
  required?: boolean
  invitees?: { value: string; label: string }[]
  studioId?: string
  publish?: boolean
}

/**
 * Who is at the desk, for this screen: `studios` are the studios they may
 * organise for (all studios for staff, their own for a studio admin), with names.
 */
interface Organiser {
  staff: boolean
  studios: { value: string; label: string }[]
}

/** The signed-in person's role on this screen and the studios they may pick (studio.list, names). */
function useOrganiser(): Organiser | undefined {
  // read once: session.current() parses storage into a new object on every call
  const [user] = useState(() => session.current()?.user)
  const staff = Boolean(user?.roles.includes('staff'))
  const own = useMemo(() => user?.studioIds ?? [], [user])
  const [studios, setStudios] = useState<Organiser['studios']>()
  useEffect(() => {
    let gone = false
    const all: Organiser['studios'] = []
    const next = async (cursor?: string): Promise<void> => {
      const page = await call('studio.list', { limit: PAGE_SIZE_MAX, ...(cursor ? { cursor } : {}) })
      all.push(...page.items.filter((s) => staff || own.includes(s.id)).map((s) => ({ value: s.id, label: s.name })))
      if (page.nextCursor) return next(page.nextCursor)
    }
    next().then(
      () => !gone && setStudios(staff ? all : own.map((id) => all.find((s) => s.value === id) ?? { value: id, label: '我负责的工作室' })),
      () => !gone && setStudios(own.map((id) => ({ value: id, label: '我负责的工作室' })))
    )
    return () => {
      gone = true
    }
  }, [staff, own])
  return studios ? { staff, studios } : undefined
}

function ActivityForm({ editing, organiser, studioId, onDone, onCancel }: { editing?: ActivityDetail; organiser: Organiser; studioId?: string; onDone: (a: ActivityDetail) => void; onCancel: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<FormValues>()
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string>()
  const roster = useRosterSearch()
  const type = Form.useWatch('type', form)
  const initial: Partial<FormValues> = editing
    ? {
        title: editing.title,
        type: editing.type,
        place: editing.place,
        description: editing.description,
        time: [pickerOf(editing.startAt), pickerOf(editing.endAt)],
        signupDeadline: pickerOf(editing.signupDeadline),
        capacity: editing.capacity,
        audience: editing.audience,
        required: editing.required
      }
    : { type: 'studio_activity', audience: 'members', capacity: 0, publish: true, ...(studioId ? { studioId } : {}) }

  const submit = async (v: FormValues) => {
    setSaving(true)
    setFailure(undefined)
    const fields = {
      title: v.title,
      type: v.type,
      ...(v.kind && kindTypes[v.kind] === v.type ? { kind: v.kind } : {}),
      place: v.place,
      ...(v.description ? { description: v.description } : {}),
      startAt: wallOf(v.time[0]),
      endAt: wallOf(v.time[1]),
      signupDeadline: wallOf(v.signupDeadline),
      capacity: v.capacity,
      audience: v.audience,
      required: Boolean(v.required)
    }
    try {
      const saved = editing
        ? await call('activity.update', { id: editing.id, ...fields })
        : await call('activity.create', {
            ...fields,
            ...(v.studioId ? { studioId: v.studioId } : {}),
            ...(v.invitees?.length ? { inviteeIds: v.invitees.map((i) => i.value) } : {}),
            publish: Boolean(v.publish)
          })
      void message.success(editing ? '活动已保存' : saved.state === 'draft' ? (v.publish ? '活动已保存，内容待人工审核后发布' : '活动已保存为草稿') : '活动已发布')
      onDone(saved)
    } catch (e) {
      setFailure((e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal open width={720} title={editing ? '编辑活动' : '新建活动'} okText={editing ? '保存' : '创建'} cancelText='取消' confirmLoading={saving} onOk={() => form.submit()} onCancel={onCancel} destroyOnClose>
      <Form form={form} layout='vertical' initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name='title' label='活动名称' rules={[{ required: true, message: '请填写活动名称' }, { max: 60, message: '活动名称不能超过 60 个字' }]}>
          <Input placeholder='例如：走进县第二中学开展教育调研' />
        </Form.Item>
        <Space size='large' wrap>
          <Form.Item name='type' label='活动类型' rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select style={{ width: 180 }} options={activityTypes.map((t) => ({ value: t, label: activityTypeLabels[t] }))} />
          </Form.Item>
          <Form.Item name='kind' label='活动类别（年度统计用，可不选）'>
            <Select
              allowClear
              style={{ width: 200 }}
              options={(Object.keys(kindTypes) as ActivityKind[]).filter((k) => kindTypes[k] === type).map((k) => ({ value: k, label: activityKindLabels[k] }))}
            />
          </Form.Item>
          <Form.Item name='audience' label='报名范围' rules={[{ required: true, message: '请选择报名范围' }]}>
            <Select style={{ width: 160 }} options={audiences.map((a) => ({ value: a, label: audienceLabels[a] }))} />
          </Form.Item>
        </Space>
        {editing ? null : (
          <Form.Item
            name='studioId'
            label={organiser.staff ? '主办工作室（不选为县政协主办）' : '主办工作室'}
            rules={organiser.staff ? [] : [{ required: true, message: '请选择主办工作室' }]}
          >
            <Select allowClear={organiser.staff} style={{ width: 320 }} options={organiser.studios} placeholder={organiser.staff ? '县政协主办' : '请选择'} />
          </Form.Item>
        )}
        <Form.Item name='place' label='活动地点' rules={[{ required: true, message: '请填写活动地点' }, { max: 100, message: '活动地点不能超过 100 个字' }]}>
          <Input />
        </Form.Item>
        <Space size='large' wrap>
          <Form.Item name='time' label='活动时间（北京时间）' rules={[{ required: true, message: '请选择开始和结束时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={WALL} placeholder={['开始时间', '结束时间']} />
          </Form.Item>
          <Form.Item
            name='signupDeadline'
            label='报名截止（北京时间）'
            dependencies={['time']}
            rules={[
              { required: true, message: '请选择报名截止时间' },
              ({ getFieldValue }) => ({
                validator: (_r, value: Dayjs | undefined) => {
                  const time = getFieldValue('time') as [Dayjs, Dayjs] | undefined
                  return !value || !time || !value.isAfter(time[0]) ? Promise.resolve() : Promise.reject(new Error('报名截止不能晚于开始时间'))
                }
              })
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={WALL} placeholder='报名截止时间' />
          </Form.Item>
          <Form.Item name='capacity' label='名额（0 为不限）' rules={[{ required: true, message: '请填写名额' }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name='description' label='活动介绍'>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {editing || !organiser.staff ? null : (
          <Form.Item name='invitees' label='邀请委员（输入姓名查找）'>
            <Select
              mode='multiple'
              labelInValue
              showSearch
              filterOption={false}
              placeholder='输入委员姓名'
              notFoundContent={roster.searching ? <Spin size='small' /> : '输入姓名查找委员'}
              onSearch={(k) => void roster.search(k)}
              options={roster.options}
            />
          </Form.Item>
        )}
        <Space size='large'>
          <Form.Item name='required' label='委员必须参加' valuePropName='checked'>
            <Switch />
          </Form.Item>
          {editing ? null : (
            <Form.Item name='publish' label='创建后立即发布' valuePropName='checked'>
              <Switch />
            </Form.Item>
          )}
        </Space>
        {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      </Form>
    </Modal>
  )
}

function Registrations({ activity, onClose }: { activity: ActivitySummary; onClose: () => void }) {
  const { message } = App.useApp()
  const [exporting, setExporting] = useState(false)
  const fetchPage = useCallback((more?: string) => call('activity.registrations', { id: activity.id, group: 'all', limit: 20, ...(more ? { cursor: more } : {}) }), [activity.id])
  const { rows, cursor, loading, error, load, loadMore } = usePaged<RegistrationView>(fetchPage)
  const exportFile = async () => {
    setExporting(true)
    try {
      const f = await call('activity.export', { id: activity.id })
      if (!f.url) throw new Error('文件暂时无法下载，请稍后重新导出')
      await saveExport(f.url, f.name, 'xlsx')
      void message.success(`已导出 ${f.rows} 条记录`)
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setExporting(false)
    }
  }
  return (
    <Drawer open width={760} title={`报名与考勤：${activity.title}`} onClose={onClose} extra={<Button type='primary' loading={exporting} onClick={() => void exportFile()}>导出考勤表（Excel）</Button>}>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<RegistrationView>
        rowKey='id'
        size='small'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '还没有人报名' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '手机号', dataIndex: 'phone', width: 130 },
          { title: '状态', dataIndex: 'state', width: 120, render: (s: RegistrationView['state']) => registrationStateLabels[s] },
          { title: '报名时间', dataIndex: 'registeredAt', width: 150, render: (t: string) => formatBeijing(t) },
          { title: '签到时间', dataIndex: 'checkedInAt', width: 150, render: (t?: string) => (t ? formatBeijing(t) : '') },
          { title: '请假事由', dataIndex: 'leaveReason' }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
    </Drawer>
  )
}

export default function Activities() {
  const organiser = useOrganiser()
  if (!organiser) return <Spin tip='正在加载…'><div style={{ height: 200 }} /></Spin>
  if (!organiser.staff && !organiser.studios.length) return <Typography.Paragraph>您还没有负责的工作室，请联系县政协办公室。</Typography.Paragraph>
  return <ActivityDesk organiser={organiser} />
}

function ActivityDesk({ organiser }: { organiser: Organiser }) {
  const { message } = App.useApp()
  const [scope, setScope] = useState<Scope>('upcoming')
  const [type, setType] = useState<ActivityType | undefined>()
  // A studio admin always looks at one of their studios (the first preselected); staff at all unless they pick one.
  const [studioId, setStudioId] = useState<string | undefined>(organiser.staff ? undefined : organiser.studios[0]?.value)
  const [form, setForm] = useState<{ editing?: ActivityDetail } | undefined>()
  const [people, setPeople] = useState<ActivitySummary | undefined>()
  const fetchPage = useCallback(
    (more?: string) => call('activity.list', { scope, limit: 20, ...(type ? { type } : {}), ...(studioId ? { studioId } : {}), ...(more ? { cursor: more } : {}) }),
    [scope, type, studioId]
  )
  const { rows, cursor, loading, error, load, loadMore } = usePaged<ActivitySummary>(fetchPage)

  const edit = async (id: string) => {
    try {
      setForm({ editing: await call('activity.get', { id }) })
    } catch (e) {
      void message.error((e as Error).message)
    }
  }

  return (
    <div>
      <Typography.Title level={4}>活动</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<Scope> value={scope} style={{ width: 140 }} onChange={setScope} options={(Object.keys(scopeLabels) as Scope[]).map((s) => ({ value: s, label: scopeLabels[s] }))} />
        <Select<ActivityType>
          allowClear
          placeholder='全部类型'
          value={type}
          style={{ width: 160 }}
          onChange={(t) => setType(t)}
          options={activityTypes.map((t) => ({ value: t, label: activityTypeLabels[t] }))}
        />
        <Select<string>
          aria-label='工作室'
          allowClear={organiser.staff}
          placeholder='全部工作室与县政协'
          value={studioId}
          style={{ width: 260 }}
          onChange={(s) => setStudioId(s)}
          options={organiser.studios}
        />
        <Button type='primary' onClick={() => setForm({})}>
          新建活动
        </Button>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<ActivitySummary>
        rowKey='id'
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有符合条件的活动' }}
        columns={[
          { title: '活动名称', dataIndex: 'title', ellipsis: true },
          { title: '类型', dataIndex: 'type', width: 110, render: (t: ActivityType) => activityTypeLabels[t] },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: ActivitySummary['state']) => <Tag>{activityStateLabels[s]}</Tag> },
          { title: '时间（北京时间）', dataIndex: 'startAt', width: 190, render: (_t: string, a) => `${formatBeijing(a.startAt)} 至 ${formatBeijing(a.endAt, 'HH:mm')}` },
          { title: '地点', dataIndex: 'place', width: 160, ellipsis: true },
          { title: '报名', dataIndex: 'registeredCount', width: 110, render: (_n: number, a) => `${a.registeredCount}${a.capacity ? ` / ${a.capacity}` : ' 人'}${a.waitlistCount ? `（候补 ${a.waitlistCount}）` : ''}` },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_v, a) => (
              <Space>
                <Button size='small' onClick={() => void edit(a.id)}>
                  编辑
                </Button>
                <Button size='small' onClick={() => setPeople(a)}>
                  报名与考勤
                </Button>
              </Space>
            )
          }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
      {form ? (
        <ActivityForm
          editing={form.editing}
          organiser={organiser}
          studioId={studioId}
          onCancel={() => setForm(undefined)}
          onDone={() => {
            setForm(undefined)
            void load()
          }}
        />
      ) : null}
      {people ? <Registrations activity={people} onClose={() => setPeople(undefined)} /> : null}
    </div>
  )
}

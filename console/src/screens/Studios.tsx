/**
 * 委员工作室 at the desk (issue 14 item 3; contract src/core/actions/studio.ts):
 * the studios as a table (加载更多 paging), creating one (`studio.create`:
 * the server passes the profile text through the shared content check and
 * keeps a doubtful studio hidden until staff release it), and per studio a
 * side panel to edit the profile (`studio.update`), set its admins by
 * searching people by name (`user.searchPeople`: person keys, never an
 * OPENID) and its stationed members by searching the roster by name
 * (`user.listMembers`), and remove either after a confirmation. Admins and
 * members are saved as whole lists through `studio.assign`; the panel shows
 * names only (no key, id or OPENID on screen).
 */
import { useCallback, useEffect, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Divider from 'antd/es/divider'
import Drawer from 'antd/es/drawer'
import Form from 'antd/es/form'
import Input from 'antd/es/input'
import List from 'antd/es/list'
import Modal from 'antd/es/modal'
import Popconfirm from 'antd/es/popconfirm'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Switch from 'antd/es/switch'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import type { StudioDetail, StudioSummary } from '../../../src/core/actions/studio'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { usePeopleSearch, useRosterSearch } from '../people'

interface ProfileValues {
  name: string
  town: string
  address: string
  openingHours: string
  intro?: string
  contactName: string
  contactPhone: string
  shared?: boolean
}

/** The profile's fields with the server's limits (src/core/actions/studio.ts). */
function ProfileFields({ creating }: { creating: boolean }) {
  const text = (name: keyof ProfileValues, label: string, max: number, placeholder?: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }, { max, message: `${label}不能超过 ${max} 个字` }]}>
      <Input placeholder={placeholder} />
    </Form.Item>
  )
  return (
    <>
      {text('name', '工作室名称', 40, '例如：阜新镇委员工作室')}
      <Space size='large' wrap style={{ display: 'flex' }}>
        {text('town', '所在乡镇', 20)}
        {text('openingHours', '开放时间', 60, '例如：每周三 9:00-16:00')}
      </Space>
      {text('address', '地址', 100)}
      <Space size='large' wrap style={{ display: 'flex' }}>
        {text('contactName', '联系人', 20)}
        <Form.Item name='contactPhone' label='联系电话' rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^[0-9-]{7,20}$/, message: '联系电话格式不正确' }]}>
          <Input placeholder='例如：0418-8812345' />
        </Form.Item>
      </Space>
      <Form.Item name='intro' label='简介（可不填）' rules={[{ max: 1000, message: '简介不能超过 1000 个字' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      {creating ? (
        <Form.Item name='shared' label='“两代表一委员”共享工作室' valuePropName='checked'>
          <Switch />
        </Form.Item>
      ) : null}
    </>
  )
}

function CreateStudio({ onDone, onCancel }: { onDone: (s: StudioDetail) => void; onCancel: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<ProfileValues>()
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string>()
  const submit = async (v: ProfileValues) => {
    setSaving(true)
    setFailure(undefined)
    try {
      const created = await call('studio.create', {
        name: v.name,
        town: v.town,
        address: v.address,
        openingHours: v.openingHours,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        ...(v.intro?.trim() ? { intro: v.intro } : {}),
        shared: Boolean(v.shared)
      })
      void message.success(created.safetyNote ? '工作室已创建，内容待人工复核后公开' : '工作室已创建')
      onDone(created)
    } catch (e) {
      setFailure((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal open width={640} title='新建工作室' okText='创建' cancelText='取消' confirmLoading={saving} onOk={() => form.submit()} onCancel={onCancel} destroyOnClose>
      <Form form={form} layout='vertical' onFinish={(v) => void submit(v)}>
        <ProfileFields creating />
        {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      </Form>
    </Modal>
  )
}

function StudioPanel({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp()
  const [studio, setStudio] = useState<StudioDetail>()
  const [error, setError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [assigning, setAssigning] = useState(false)
  const [adminPick, setAdminPick] = useState<{ value: string; label: string } | null>(null)
  const [memberPick, setMemberPick] = useState<{ value: string; label: string } | null>(null)
  const people = usePeopleSearch()
  const roster = useRosterSearch()
  const [form] = Form.useForm<ProfileValues>()

  const read = useCallback(async () => {
    setError(undefined)
    try {
      const s = await call('studio.get', { id })
      setStudio(s)
      form.setFieldsValue({ ...s, ...(s.heldChanges ?? {}) })
    } catch (e) {
      setError((e as Error).message)
    }
  }, [id, form])
  useEffect(() => void read(), [read])

  const save = async (v: ProfileValues) => {
    setSaving(true)
    try {
      const s = await call('studio.update', {
        id,
        name: v.name,
        town: v.town,
        address: v.address,
        openingHours: v.openingHours,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        intro: v.intro ?? ''
      })
      setStudio((before) => ({ ...s, admins: before?.admins }))
      void message.success(s.safetyNote ? '已保存，修改的内容待人工复核后公开' : '工作室信息已保存')
      onChanged()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  const [releasing, setReleasing] = useState(false)
  /** Runs one change with its busy flag, says `done`, then reads the studio again; a refusal is shown as it came. */
  const change = async (setBusy: (busy: boolean) => void, send: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await send()
      void message.success(done)
      await read()
      onChanged()
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  /** Staff publish the text the content check held (studio.update releaseHeld). */
  const release = () => change(setReleasing, () => call('studio.update', { id, releaseHeld: true }), '已复核通过，内容已公开')
  /** Saves the whole admin or member list. */
  const assign = (list: { adminKeys?: string[]; memberIds?: string[] }, done: string) => change(setAssigning, () => call('studio.assign', { id, ...list }), done)
  const admins = studio?.admins ?? []
  const members = studio?.members ?? []
  const name = (label: string) => label.replace(/（.*$/, '')

  return (
    <Drawer open width={720} title={studio ? studio.name : '工作室'} onClose={onClose}>
      {error ? <LoadError error={error} onRetry={() => void read()} /> : null}
      {!studio && !error ? <Spin tip='正在加载…'><div style={{ height: 200 }} /></Spin> : null}
      {studio ? (
        <>
          {studio.safetyNote ? (
            <Space style={{ marginBottom: 16 }} wrap>
              <Typography.Text type='warning'>{studio.safetyNote}</Typography.Text>
              <Popconfirm title='确认已人工复核，这些内容可以公开吗？' okText='复核通过并公开' cancelText='再看看' onConfirm={() => void release()}>
                <Button type='primary' loading={releasing}>
                  复核通过并公开
                </Button>
              </Popconfirm>
            </Space>
          ) : null}
          <Typography.Title level={5}>工作室管理员</Typography.Title>
          <List
            size='small'
            bordered
            dataSource={admins}
            locale={{ emptyText: '还没有管理员' }}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Popconfirm key='remove' title={`确定取消“${a.name}”的管理员身份吗？`} okText='取消管理员' cancelText='再想想' onConfirm={() => void assign({ adminKeys: admins.filter((x) => x.key !== a.key).map((x) => x.key) }, `已取消${a.name}的管理员身份`)}>
                    <Button size='small' danger disabled={assigning}>
                      移除
                    </Button>
                  </Popconfirm>
                ]}
              >
                {a.name}
              </List.Item>
            )}
          />
          <Space style={{ marginTop: 8 }}>
            <Select
              showSearch
              labelInValue
              filterOption={false}
              aria-label='添加管理员'
              style={{ width: 360 }}
              placeholder='输入姓名查找要添加的管理员'
              value={adminPick}
              onChange={(v) => setAdminPick(v)}
              onSearch={(k) => void people.search(k)}
              notFoundContent={people.searching ? <Spin size='small' /> : '输入姓名查找；未绑定的人员请先在小程序“我的”中登记姓名'}
              options={people.options.filter((o) => !admins.some((a) => a.key === o.value))}
            />
            <Button
              type='primary'
              disabled={!adminPick}
              loading={assigning}
              onClick={() => adminPick && void assign({ adminKeys: [...admins.map((a) => a.key), adminPick.value] }, `已将${name(adminPick.label)}设为管理员`).then(() => setAdminPick(null))}
            >
              添加管理员
            </Button>
          </Space>

          <Divider />
          <Typography.Title level={5}>入驻委员（{members.length} 人）</Typography.Title>
          <List
            size='small'
            bordered
            dataSource={members}
            locale={{ emptyText: '还没有入驻委员' }}
            renderItem={(m) => (
              <List.Item
                actions={[
                  <Popconfirm key='remove' title={`确定让“${m.name}”退出本工作室吗？`} okText='退出入驻' cancelText='再想想' onConfirm={() => void assign({ memberIds: members.filter((x) => x.id !== m.id).map((x) => x.id) }, `${m.name}已退出入驻`)}>
                    <Button size='small' danger disabled={assigning}>
                      移除
                    </Button>
                  </Popconfirm>
                ]}
              >
                {m.name}
                <Typography.Text type='secondary'>（{m.sector}）</Typography.Text>
              </List.Item>
            )}
          />
          <Space style={{ marginTop: 8 }}>
            <Select
              showSearch
              labelInValue
              filterOption={false}
              aria-label='添加入驻委员'
              style={{ width: 360 }}
              placeholder='输入委员姓名查找'
              value={memberPick}
              onChange={(v) => setMemberPick(v)}
              onSearch={(k) => void roster.search(k)}
              notFoundContent={roster.searching ? <Spin size='small' /> : '输入姓名查找委员'}
              options={roster.options.filter((o) => !members.some((m) => m.id === o.value))}
            />
            <Button
              type='primary'
              disabled={!memberPick}
              loading={assigning}
              onClick={() => memberPick && void assign({ memberIds: [...members.map((m) => m.id), memberPick.value] }, `${name(memberPick.label)}已入驻`).then(() => setMemberPick(null))}
            >
              添加入驻委员
            </Button>
          </Space>

          <Divider />
          <Typography.Title level={5}>工作室信息</Typography.Title>
          <Form form={form} layout='vertical' onFinish={(v) => void save(v)}>
            <ProfileFields creating={false} />
            <Button type='primary' htmlType='submit' loading={saving}>
              保存工作室信息
            </Button>
          </Form>
        </>
      ) : null}
    </Drawer>
  )
}

export default function Studios() {
  const [creating, setCreating] = useState(false)
  const [openId, setOpenId] = useState<string>()
  const fetchPage = useCallback((more?: string) => call('studio.list', { limit: 20, includeHeld: true, ...(more ? { cursor: more } : {}) }), [])
  const { rows, cursor, loading, error, load, loadMore } = usePaged<StudioSummary>(fetchPage)

  return (
    <div>
      <Typography.Title level={4}>委员工作室</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <Button type='primary' onClick={() => setCreating(true)}>
          新建工作室
        </Button>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<StudioSummary>
        rowKey='id'
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: loading ? '正在加载…' : '还没有工作室' }}
        onRow={(s) => ({ onClick: () => setOpenId(s.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '工作室',
            dataIndex: 'name',
            ellipsis: true,
            render: (n: string, s) => (
              <Space>
                {n}
                {s.shared ? <Tag color='blue'>两代表一委员</Tag> : null}
                {s.held === 'studio' ? <Tag color='orange'>未公开 · 内容待复核</Tag> : s.held === 'changes' ? <Tag color='gold'>修改待复核</Tag> : null}
              </Space>
            )
          },
          { title: '所在乡镇', dataIndex: 'town', width: 100 },
          { title: '地址', dataIndex: 'address', width: 200, ellipsis: true },
          { title: '开放时间', dataIndex: 'openingHours', width: 190, ellipsis: true },
          { title: '入驻委员', dataIndex: 'memberCount', width: 100, render: (n: number) => `${n} 人` },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            // kept in view when the table scrolls sideways (1024 wide)
            fixed: 'right',
            render: (_v, s) => (
              <Button size='small' onClick={() => setOpenId(s.id)}>
                管理
              </Button>
            )
          }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
      {creating ? (
        <CreateStudio
          onCancel={() => setCreating(false)}
          onDone={(s) => {
            setCreating(false)
            setOpenId(s.id)
            void load()
          }}
        />
      ) : null}
      {openId ? <StudioPanel id={openId} onClose={() => setOpenId(undefined)} onChanged={() => void load()} /> : null}
    </div>
  )
}

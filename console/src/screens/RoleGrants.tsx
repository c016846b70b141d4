/**
 * 角色授权 at the desk (issue 14 item 3): every grant with its scope, who
 * granted it and when; granting a role to a person found by name (never an
 * OPENID typed in), with the studios or departments it covers; revoking a
 * grant after a confirmation. The server checks scope and keeps the last
 * staff grant (ROLE.LAST_STAFF).
 */
import { useCallback, useEffect, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Form from 'antd/es/form'
import Modal from 'antd/es/modal'
import Popconfirm from 'antd/es/popconfirm'
import Select from 'antd/es/select'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Typography from 'antd/es/typography'
import type { RoleGrantView } from '../../../src/core/actions/user'
import { roleLabels, type Role } from '../../../src/core/roles'
import { formatBeijing } from '../../../src/core/time'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { usePeopleSearch } from '../people'

type GrantableRole = 'informant' | 'studio_admin' | 'staff' | 'department' | 'leader'
const grantable: GrantableRole[] = ['informant', 'studio_admin', 'department', 'staff', 'leader']

interface GrantForm {
  person: { value: string; label: string }
  role: GrantableRole
  studioIds?: string[]
  departmentIds?: string[]
}

function GrantDialog({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<GrantForm>()
  const people = usePeopleSearch()
  const role = Form.useWatch('role', form)
  const [options, setOptions] = useState<{ studios: { id: string; name: string }[]; departments: { id: string; name: string }[] }>({ studios: [], departments: [] })
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    call('topic.options', {}).then((o) => setOptions({ studios: o.studios, departments: o.departments }), () => undefined)
  }, [])
  const submit = async (v: GrantForm) => {
    setSaving(true)
    setFailure(undefined)
    try {
      await call('user.grantRole', {
        personKey: v.person.value,
        role: v.role,
        ...(v.role === 'studio_admin' ? { studioIds: v.studioIds ?? [] } : {}),
        ...(v.role === 'department' ? { departmentIds: v.departmentIds ?? [] } : {})
      })
      void message.success(`已授予${roleLabels[v.role]}`)
      onDone()
    } catch (e) {
      setFailure((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal open title='授予角色' okText='授予' cancelText='取消' confirmLoading={saving} onOk={() => form.submit()} onCancel={onCancel} destroyOnClose>
      <Form form={form} layout='vertical' onFinish={(v) => void submit(v)}>
        <Form.Item name='person' label='人员（输入姓名查找）' rules={[{ required: true, message: '请按姓名查找并选择人员' }]}>
          <Select
            showSearch
            labelInValue
            filterOption={false}
            placeholder='输入姓名'
            onSearch={(k) => void people.search(k)}
            notFoundContent={people.searching ? <Spin size='small' /> : '输入姓名查找；未绑定的人员请先在小程序“我的”中登记姓名'}
            options={people.options}
          />
        </Form.Item>
        <Form.Item name='role' label='角色' rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={grantable.map((r) => ({ value: r, label: roleLabels[r] }))} />
        </Form.Item>
        {role === 'studio_admin' ? (
          <Form.Item name='studioIds' label='管理的工作室' rules={[{ required: true, message: '请选择工作室' }]}>
            <Select mode='multiple' optionFilterProp='label' options={options.studios.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        ) : null}
        {role === 'department' ? (
          <Form.Item name='departmentIds' label='所属承办单位' rules={[{ required: true, message: '请选择承办单位' }]}>
            <Select mode='multiple' optionFilterProp='label' options={options.departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        ) : null}
        {failure ? <Typography.Paragraph type='danger'>{failure}</Typography.Paragraph> : null}
      </Form>
    </Modal>
  )
}

export default function RoleGrants() {
  const { message } = App.useApp()
  const [granting, setGranting] = useState(false)
  const fetchPage = useCallback((more?: string) => call('user.listGrants', { limit: 20, ...(more ? { cursor: more } : {}) }), [])
  const { rows, cursor, loading, error, load, loadMore } = usePaged<RoleGrantView>(fetchPage)
  const revoke = async (g: RoleGrantView) => {
    try {
      await call('user.revokeRole', { personKey: g.person.key, role: g.role as GrantableRole })
      void message.success(`已撤销 ${g.person.name} 的${roleLabels[g.role]}角色`)
      await load()
    } catch (e) {
      void message.error((e as Error).message)
    }
  }
  return (
    <div>
      <Typography.Title level={4}>角色授权</Typography.Title>
      <Button type='primary' style={{ marginBottom: 16 }} onClick={() => setGranting(true)}>
        授予角色
      </Button>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<RoleGrantView>
        rowKey={(g) => `${g.person.key}-${g.role}`}
        size='small'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '还没有授权记录' }}
        columns={[
          { title: '人员', dataIndex: ['person', 'name'], width: 140 },
          { title: '角色', dataIndex: 'role', width: 130, render: (r: Role) => roleLabels[r] },
          { title: '范围', key: 'scope', render: (_v, g) => [...(g.studioNames ?? []), ...(g.departmentNames ?? [])].join('、') || '全县' },
          { title: '授权人', dataIndex: 'grantedByName', width: 130 },
          { title: '授权时间（北京时间）', dataIndex: 'grantedAt', width: 170, render: (t: string) => formatBeijing(t) },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v, g) => (
              <Popconfirm title={`撤销 ${g.person.name} 的${roleLabels[g.role]}角色？`} okText='撤销' cancelText='取消' onConfirm={() => void revoke(g)}>
                <Button size='small' danger>
                  撤销
                </Button>
              </Popconfirm>
            )
          }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
      {granting ? (
        <GrantDialog
          onCancel={() => setGranting(false)}
          onDone={() => {
            setGranting(false)
            void load()
          }}
        />
      ) : null}
    </div>
  )
}

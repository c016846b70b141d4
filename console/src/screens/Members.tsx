/** 委员名册 at the desk (issue 14 item 3): the roster with search by name, paged by cursor. */
import { useCallback, useState } from 'react'
import Input from 'antd/es/input'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import type { MemberSummary } from '../../../src/core/actions/user'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'

export default function Members() {
  const [keyword, setKeyword] = useState('')
  const fetchPage = useCallback((more?: string) => call('user.listMembers', { limit: 20, ...(more ? { cursor: more } : {}), ...(keyword ? { keyword } : {}) }), [keyword])
  const { rows, cursor, loading, error, load, loadMore } = usePaged<MemberSummary>(fetchPage)

  return (
    <div>
      <Typography.Title level={4}>委员名册</Typography.Title>
      <Input.Search allowClear placeholder='按姓名查找' style={{ width: 260, marginBottom: 16 }} onSearch={(k) => setKeyword(k.trim())} />
      <LoadError error={error} onRetry={() => void load()} />
      <Table<MemberSummary>
        rowKey='id'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有找到委员' }}
        columns={[
          { title: '委员编号', dataIndex: 'memberNumber', width: 120 },
          { title: '姓名', dataIndex: 'name', width: 140 },
          { title: '界别', dataIndex: 'sector' },
          { title: '电话', dataIndex: 'phone', width: 160 },
          { title: '微信绑定', dataIndex: 'bound', width: 110, render: (b: boolean) => (b ? <Tag color='green'>已绑定</Tag> : <Tag>未绑定</Tag>) }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
    </div>
  )
}

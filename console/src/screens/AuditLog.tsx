/**
 * 操作日志 at the desk (issue 14 item 3): the audit log newest first, with
 * filters (area, Beijing date range, the person who acted, found by name).
 * People appear by name, actions by Chinese label (`user.auditLog`).
 */
import { useCallback, useState } from 'react'
import DatePicker from 'antd/es/date-picker'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Typography from 'antd/es/typography'
import type { Dayjs } from 'dayjs'
import type { AuditEntryView } from '../../../src/core/actions/user'
import { auditAreaLabels, auditAreas, type AuditArea } from '../../../src/core/audit'
import { formatBeijing } from '../../../src/core/time'
import { call } from '../../../src/services'
import { LoadError, LoadMore, usePaged } from '../paged'
import { usePeopleSearch } from '../people'

export default function AuditLog() {
  const [area, setArea] = useState<AuditArea | undefined>()
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const [actor, setActor] = useState<{ value: string; label: string } | undefined>()
  const people = usePeopleSearch()
  const fetchPage = useCallback(
    (more?: string) =>
      call('user.auditLog', {
        limit: 20,
        ...(more ? { cursor: more } : {}),
        ...(area ? { area } : {}),
        // the picker's calendar dates are Beijing dates
        ...(range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}),
        ...(actor ? { actorKey: actor.value } : {})
      }),
    [area, range, actor]
  )
  const { rows, cursor, loading, error, load, loadMore } = usePaged<AuditEntryView>(fetchPage)

  return (
    <div>
      <Typography.Title level={4}>操作日志</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<AuditArea> allowClear placeholder='全部类别' style={{ width: 160 }} value={area} onChange={setArea} options={auditAreas.map((a) => ({ value: a, label: auditAreaLabels[a] }))} />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} placeholder={['开始日期', '结束日期']} />
        <Select
          allowClear
          showSearch
          labelInValue
          filterOption={false}
          placeholder='操作人（输入姓名）'
          style={{ width: 220 }}
          value={actor}
          onChange={(v) => setActor(v ?? undefined)}
          onSearch={(k) => void people.search(k)}
          notFoundContent={people.searching ? <Spin size='small' /> : '输入姓名查找'}
          options={people.options}
        />
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<AuditEntryView>
        rowKey='id'
        size='small'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有符合条件的记录' }}
        columns={[
          { title: '时间（北京时间）', dataIndex: 'at', width: 170, render: (t: string) => formatBeijing(t, 'YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: ['actor', 'name'], width: 140 },
          { title: '类别', dataIndex: 'areaLabel', width: 120 },
          { title: '操作', dataIndex: 'actionLabel', width: 160 },
          { title: '对象', dataIndex: 'targetName', width: 120 },
          { title: '说明', dataIndex: 'summary' }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
    </div>
  )
}

/**
 * 提案办理 (handling unit): proposals assigned to the caller's units, with
 * the unit's part, status, deadline (Beijing day) and an overdue mark; open
 * ones only by default. A row opens the detail, where the unit signs for it,
 * asks to return it or replies. One read per page.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, ListRow, LoadMoreFooter } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import { StateChip, UnitLine } from '../parts'

export default function ProposalTasks() {
  const [open, setOpen] = useState(true)
  const list = usePagedList('proposal.tasks', open ? { open: true } : {}, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='提案办理'>
      <View className='pp-tabs pp-chips' role='radiogroup' aria-label='筛选'>
        {[true, false].map((o) => (
          <View key={String(o)} role='radio' aria-checked={open === o} className={`pp-chip-pick${open === o ? ' pp-chip-pick--on' : ''}`} onClick={() => setOpen(o)}>
            <Text>{o ? '待办理' : '全部'}</Text>
          </View>
        ))}
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText={open ? '没有待办理的提案' : '还没有交给本单位的提案'}>
        <View className='pp-list'>
          {list.items.map((item) => (
            <ListRow
              key={`${item.id}-${item.myUnit.departmentId}`}
              title={item.title}
              subtitle={
                <View className='pp-meta'>
                  <StateChip state={item.state} label={item.stateLabel} />
                  <Text>{item.numberLabel ? `${item.numberLabel} · ` : ''}</Text>
                  <UnitLine unit={item.myUnit} />
                </View>
              }
              onClick={() => void navigate(`/proposal/detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

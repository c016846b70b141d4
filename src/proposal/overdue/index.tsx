/**
 * 超期提案 (staff): proposals with a unit past its deadline day (Beijing)
 * and no reply, the longest overdue first. 催办 reminds every late unit of
 * the proposal (logged on it and in the audit log, the unit's users
 * notified); the detail has the same button per unit. One read per page.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, ListRow, LoadMoreFooter, Button, Banner } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import { call, toAppError } from '../../services'
import { StateChip, formatDay } from '../parts'

export default function OverdueProposals() {
  const list = usePagedList('proposal.overdue', {}, { pullDownRefresh: true, reachBottom: true })
  const [busy, setBusy] = useState<string | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const [error, setError] = useState<string | undefined>()

  const remind = async (id: string) => {
    setBusy(id)
    setDone(undefined)
    setError(undefined)
    try {
      const detail = await call('proposal.get', { id })
      const late = detail.assignments.filter((u) => u.overdue)
      for (const u of late) await call('proposal.remind', { id, departmentId: u.departmentId })
      setDone(`已向${late.map((u) => u.name).join('、')}催办`)
      await list.refresh()
    } catch (e) {
      setError(toAppError(e).message)
    } finally {
      setBusy(undefined)
    }
  }
  return (
    <PageShell back title='超期提案'>
      <Banner tone='error' text={error} />
      <Banner tone='success' text={done} />
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText='没有超期未答复的提案'>
        <View className='pp-list'>
          {list.items.map((item) => (
            <View key={item.id} className='pp-item'>
              <ListRow
                title={item.title}
                subtitle={
                  <View className='pp-meta'>
                    <StateChip state={item.state} label={item.stateLabel} />
                    <Text>
                      {item.numberLabel ?? ''}
                      {item.units
                        .filter((u) => u.overdue)
                        .map((u) => ` · ${u.name} 期限 ${formatDay(u.deadline)}`)
                        .join('')}
                    </Text>
                    <Text className='pp-overdue'>已超期</Text>
                  </View>
                }
                onClick={() => void navigate(`/proposal/detail/index?id=${encodeURIComponent(item.id)}`)}
              />
              <View className='pp-row-actions'>
                <Button size='small' type='primary' loading={busy === item.id} disabled={Boolean(busy)} onClick={() => void remind(item.id)}>
                  催办
                </Button>
              </View>
            </View>
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

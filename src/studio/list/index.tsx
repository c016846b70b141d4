/** 全部委员工作室 (studio.list), paged, pull to refresh, tap for details. */
import { Text } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter } from '../../components'
import { usePagedList, navigate } from '../../hooks'

export default function StudioList() {
  const list = usePagedList('studio.list', {}, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='委员工作室'>
      <Section title='全县委员工作室'>
        <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='暂无委员工作室'>
          {list.items.map((s) => (
            <ListRow
              key={s.id}
              title={<Text>{s.name}{s.shared && !s.name.includes('两代表一委员') ? '（两代表一委员）' : ''}</Text>}
              subtitle={`${s.town} · ${s.address} · ${s.openingHours}`}
              note={`${s.memberCount} 位委员`}
              onClick={() => void navigate(`/studio/detail/index?id=${encodeURIComponent(s.id)}`)}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

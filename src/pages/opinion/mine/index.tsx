/**
 * 我的反映: the caller's own submissions, newest first, with where each one
 * is now (已收到 … 已编入第N期, 被省政协采用). One read per page.
 */
import { View, Text } from '@tarojs/components'
import { showDayTime } from '../../../core/dates'
import { PageShell, StateView, ListRow, LoadMoreFooter } from '../../../components'
import { usePagedList, navigate } from '../../../hooks'
import { StatusChip } from '../parts'
import './index.scss'

export default function MyOpinions() {
  const list = usePagedList('opinion.mine', {}, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='我的反映'>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.retry()}
        empty={list.empty}
        emptyText='您还没有反映过信息'
        emptyHint='在“反映”页填写标题和内容即可提交'
      >
        <View className='my-opinions'>
          {list.items.map((item) => (
            <ListRow
              key={item.id}
              title={item.title}
              subtitle={
                <View className='my-opinions__meta'>
                  <StatusChip state={item.state} label={item.statusLabel} />
                  <Text className='my-opinions__time'>
                    {item.categoryName} · {showDayTime(item.receivedAt)}
                    {item.anonymous ? ' · 匿名' : ''}
                  </Text>
                </View>
              }
              onClick={() => void navigate(`/pages/opinion/detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

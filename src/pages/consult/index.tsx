/**
 * 协商: consultation topics (辽事好商量) filtered by state, newest change first,
 * with pull-to-refresh and load-more.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { topicStateLabels, type TopicState } from '../../core/states'
import { showDay } from '../../core/dates'
import { PageShell, StateView, ListRow, LoadMoreFooter, Badge, SearchEntry } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import './index.scss'

/** Filters shown, in the order a topic moves (drafts are never listed). */
const FILTERS: (TopicState | 'all')[] = ['all', 'proposed', 'open_for_input', 'scheduled', 'consulted', 'following_up', 'closed']

export default function Consult() {
  const [state, setState] = useState<TopicState | 'all'>('all')
  const list = usePagedList('topic.list', state === 'all' ? {} : { state }, { pullDownRefresh: true, reachBottom: true })

  return (
    <PageShell>
      <SearchEntry kind='topic' placeholder='搜索议题' />
      <View className='consult__actions'>
        <View className='consult__action' role='link' onClick={() => void navigate('/pages/consultation/propose/index')}>
          <Text>我要提议题</Text>
        </View>
        <View className='consult__action' role='link' onClick={() => void navigate('/pages/consultation/solved/index')}>
          <Text>问题解决榜</Text>
        </View>
      </View>
      <View className='consult__filters' role='tablist'>
        {FILTERS.map((f) => (
          <View
            key={f}
            role='tab'
            aria-selected={f === state}
            className={`consult__filter${f === state ? ' consult__filter--active' : ''}`}
            onClick={() => setState(f)}
          >
            <Text>{f === 'all' ? '全部' : topicStateLabels[f]}</Text>
          </View>
        ))}
      </View>
      <View className='consult__list'>
        <StateView
          loading={list.loading}
          error={list.error}
          empty={list.empty}
          onRetry={() => void list.retry()}
          emptyText={state === 'all' ? '暂时没有协商议题' : `没有“${topicStateLabels[state]}”的议题`}
          emptyHint='议题立项后会在这里公开'
        >
          {list.items.map((t) => (
            <ListRow
              key={t.id}
              title={t.title}
              subtitle={`${t.category}${t.organiser ? ` · ${t.organiser}` : ''} · ${t.supportCount} 人附议 · ${showDay(t.updatedAt)}`}
              note={<Badge>{topicStateLabels[t.state]}</Badge>}
              onClick={() => void navigate(`/pages/topic/index?id=${t.id}`)}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </View>
    </PageShell>
  )
}

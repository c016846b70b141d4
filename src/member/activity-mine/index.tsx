/**
 * 我的活动 (activity.mine): upcoming (soonest first) and past (newest
 * first) registrations with their state; tap for details, pass for check-in.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Badge } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import { registrationStateLabels } from '../../core/actions/activity'
import { activityStateLabels, timeRange } from '../../pages/activity/format'
import '../../pages/activity/list/index.scss'

export default function MyActivities() {
  const [scope, setScope] = useState<'upcoming' | 'past'>('upcoming')
  const list = usePagedList('activity.mine', { scope }, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='我的活动'>
      <View className='chips' role='tablist'>
        {(['upcoming', 'past'] as const).map((s) => (
          <View key={s} role='tab' aria-selected={scope === s} className={`chip${scope === s ? ' chip--on' : ''}`} onClick={() => setScope(s)}>
            <Text>{s === 'upcoming' ? '即将参加' : '已结束'}</Text>
          </View>
        ))}
      </View>
      <Section title={scope === 'upcoming' ? '即将参加的活动' : '参加过的活动'}>
        <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='暂无活动' emptyHint='可在首页“活动报名”中报名参加'>
          {list.items.map(({ activity: a, registration: r }) => (
            <ListRow
              key={r.id}
              title={
                <View className='activity-row__title'>
                  <Text>{a.title}</Text>
                  <Badge>{registrationStateLabels[r.state]}</Badge>
                  {a.state === 'cancelled' || a.state === 'postponed' ? <Badge tone='muted'>{activityStateLabels[a.state]}</Badge> : null}
                </View>
              }
              subtitle={`${timeRange(a)} · ${a.place}`}
              note={scope === 'upcoming' && r.pass && r.state !== 'waitlisted' ? '凭证' : undefined}
              onClick={() => void navigate(`/pages/activity/detail/index?id=${encodeURIComponent(a.id)}`)}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

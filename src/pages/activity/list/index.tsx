/**
 * 活动 (activity.list): upcoming activities soonest first, today's (Beijing
 * day) and past ones, filterable by type; tap for details and sign-up.
 * Activities I signed up for carry my state (已报名, 候补中…) from one
 * activity.mine read (its first page, the largest allowed: the ones nearest
 * in time, which are the ones a list shows first).
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Badge, SearchEntry } from '../../../components'
import { usePagedList, useAction, navigate } from '../../../hooks'
import { activityTypes, activityTypeLabels, registrationStateLabels, type ActivityType, type RegistrationState } from '../../../core/actions/activity'
import { PAGE_SIZE_MAX } from '../../../core/paging'
import { activityStateLabels, seatsText, timeRange } from '../format'
import './index.scss'

type Scope = 'upcoming' | 'today' | 'past'
const scopes: { key: Scope; label: string }[] = [
  { key: 'upcoming', label: '近期活动' },
  { key: 'today', label: '今日活动' },
  { key: 'past', label: '往期活动' }
]

export default function ActivityList() {
  const params = useRouter().params
  const [scope, setScope] = useState<Scope>((params.scope as Scope) || 'upcoming')
  const [type, setType] = useState<ActivityType | undefined>((params.type as ActivityType) || undefined)
  const list = usePagedList('activity.list', { scope, ...(type ? { type } : {}), ...(params.studioId ? { studioId: params.studioId } : {}) }, { pullDownRefresh: true, reachBottom: true })
  const mine = useAction('activity.mine', { scope: scope === 'past' ? 'past' : 'upcoming', limit: PAGE_SIZE_MAX })
  const myState = new Map<string, RegistrationState>((mine.data?.items ?? []).filter((m) => m.registration.state !== 'cancelled').map((m) => [m.activity.id, m.registration.state]))
  return (
    <PageShell back title='活动报名'>
      <SearchEntry kind='activity' placeholder='搜索活动' />
      <View className='chips' role='tablist'>
        {scopes.map((s) => (
          <View key={s.key} role='tab' aria-selected={scope === s.key} className={`chip${scope === s.key ? ' chip--on' : ''}`} onClick={() => setScope(s.key)}>
            <Text>{s.label}</Text>
          </View>
        ))}
      </View>
      <View className='chips chips--small'>
        <View className={`chip${!type ? ' chip--on' : ''}`} onClick={() => setType(undefined)}>
          <Text>全部</Text>
        </View>
        {activityTypes.map((t) => (
          <View key={t} className={`chip${type === t ? ' chip--on' : ''}`} onClick={() => setType(t)}>
            <Text>{activityTypeLabels[t]}</Text>
          </View>
        ))}
      </View>
      <Section title={scopes.find((s) => s.key === scope)!.label}>
        <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText={scope === 'today' ? '今天没有活动' : '暂无活动'}>
          {list.items.map((a) => (
            <ListRow
              key={a.id}
              title={
                <View className='activity-row__title'>
                  <Text>{a.title}</Text>
                  <Badge tone={a.state === 'published' ? 'primary' : 'muted'}>{activityStateLabels[a.state]}</Badge>
                  {myState.has(a.id) ? <Badge tone='success'>{registrationStateLabels[myState.get(a.id)!]}</Badge> : null}
                </View>
              }
              subtitle={`${timeRange(a)} · ${a.place}`}
              note={seatsText(a)}
              onClick={() => void navigate(`/pages/activity/detail/index?id=${encodeURIComponent(a.id)}`)}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

/**
 * 首页: who I am (user.me), the consultation topics (topic.list) and the
 * county's studios (studio.list), each with loading / empty / error+retry.
 * The first screen costs two cloud calls (issue 12): the studios sit below
 * the fold and load when the person scrolls towards them (`useSeen`), or at
 * once on a screen tall enough to show them. Pull down to refresh. The search bar on top opens 搜索 (no call
 * until the person searches there).
 */
import { View, Text } from '@tarojs/components'
import { topicStateLabels } from '../../core/states'
import { roleLabels } from '../../core/roles'
import { PageShell, StateView, Section, ListRow, RoleTags, LoadMoreFooter, Badge, SearchEntry } from '../../components'
import { useMe, usePagedList, useSeen, navigate } from '../../hooks'
import './index.scss'
import { CPPCC_NAME } from '../../core/county'

export default function Home() {
  const me = useMe({ pullDownRefresh: true })
  const topics = usePagedList('topic.list', {}, { pageSize: 5, pullDownRefresh: true })
  // the studios' place is known once the greeting and the topics above them have arrived
  const studiosSeen = useSeen('.home__studios', !me.loading && !topics.loading)
  const studios = usePagedList('studio.list', {}, { pageSize: 20, pullDownRefresh: true, enabled: studiosSeen })

  const greeting = me.data?.member ? `${me.data.member.name}委员，您好` : me.isStaff ? `${roleLabels.staff}，您好` : '您好'

  return (
    <PageShell>
      <SearchEntry />
      <View className='home__hero'>
        <Text className='home__brand'>辽事好商量 · {CPPCC_NAME}</Text>
        <StateView loading={me.loading} error={me.error} onRetry={() => void me.reload()} loadingText='正在识别身份…'>
          <Text className='home__greeting'>{greeting}</Text>
          <RoleTags roles={me.roles} />
        </StateView>
      </View>

      <Section title='协商议题' extra='全部议题' onExtra={() => void navigate('/pages/consult/index')}>
        <StateView loading={topics.loading} error={topics.error} empty={topics.empty} onRetry={() => void topics.retry()} emptyText='暂时没有协商议题'>
          {topics.items.map((t) => (
            <ListRow
              key={t.id}
              title={t.title}
              subtitle={`${t.category}${t.organiser ? ` · ${t.organiser}` : ''} · ${t.supportCount} 人附议`}
              note={<Badge>{topicStateLabels[t.state]}</Badge>}
              onClick={() => void navigate(`/pages/topic/index?id=${encodeURIComponent(t.id)}`)}
            />
          ))}
        </StateView>
      </Section>

      <Section title='活动报名' extra='今日活动' onExtra={() => void navigate('/pages/activity/list/index?scope=today')}>
        <ListRow title='近期活动' subtitle='协商议事、工作室活动、培训和四送三联系' onClick={() => void navigate('/pages/activity/list/index')} />
      </Section>

      <Section className='home__studios' title='委员工作室' extra='查看全部' onExtra={() => void navigate('/studio/list/index')}>
        <StateView loading={!studiosSeen || studios.loading} error={studios.error} empty={studios.empty} onRetry={() => void studios.retry()} emptyText='暂无委员工作室'>
          {studios.items.map((s) => (
            <ListRow
              key={s.id}
              title={
                <Text>
                  {s.name}
                  {s.shared && !s.name.includes('两代表一委员') ? <Text className='home__shared'>（两代表一委员）</Text> : null}
                </Text>
              }
              subtitle={`${s.town} · ${s.openingHours}`}
              note={`${s.memberCount} 位委员`}
              onClick={() => void navigate(`/studio/detail/index?id=${encodeURIComponent(s.id)}`)}
            />
          ))}
          <LoadMoreFooter hasMore={studios.hasMore} loadingMore={studios.loadingMore} error={studios.loadMoreError} onLoadMore={() => void studios.loadMore()} count={studios.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

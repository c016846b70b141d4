/**
 * 工作室详情: a studio's profile and stationed members (studio.get), its
 * upcoming activities (activity.list by studio) and published
 * announcements (studio.announcements); its admins and staff get 管理.
 */
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Section, ListRow, Badge } from '../../components'
import { useAction, usePagedList, navigate } from '../../hooks'
import { showDay } from '../../core/dates'
import { seatsText, timeRange } from '../../pages/activity/format'
import './index.scss'
import { shareCards, useShareCard } from '../../services/share'

export default function StudioDetail() {
  const id = useRouter().params.id ?? ''
  const studio = useAction('studio.get', { id }, { enabled: !!id, pullDownRefresh: true })
  const s = studio.data
  useShareCard(s ? shareCards.studio(s) : null, shareCards.studio({ id, name: '委员工作室' }))
  const activities = usePagedList('activity.list', { scope: 'upcoming', studioId: id }, { enabled: !!id, pageSize: 5 })
  const notices = usePagedList('studio.announcements', { studioId: id }, { enabled: !!id, pageSize: 5 })

  return (
    <PageShell back title='委员工作室'>
      {!id ? (
        <StateView empty emptyText='没有指定工作室' emptyHint='请从工作室列表进入' />
      ) : (
        <StateView loading={studio.loading} error={studio.error} onRetry={() => void studio.reload()}>
          {s ? (
            <>
              <View className='studio__head'>
                <Text className='studio__name'>{s.name}</Text>
                {s.shared ? <Badge>两代表一委员</Badge> : null}
              </View>
              <Section title='基本信息'>
                <ListRow title='所在乡镇' note={s.town} arrow={false} />
                <ListRow title='地址' subtitle={s.address} arrow={false} />
                <ListRow title='开放时间' subtitle={s.openingHours} arrow={false} />
                <ListRow title='联系人' note={`${s.contactName} ${s.contactPhone}`} arrow={false} />
              </Section>
              {s.intro ? (
                <Section title='工作室简介'>
                  <Text className='studio__intro'>{s.intro}</Text>
                </Section>
              ) : null}
              {s.canManage ? (
                <Section title='工作室管理'>
                  <ListRow title='编辑资料、发布公告' onClick={() => void navigate(`/studio/manage/index?id=${encodeURIComponent(s.id)}`)} />
                  <ListRow title='发布活动' onClick={() => void navigate(`/staff/activity-edit/index?studioId=${encodeURIComponent(s.id)}`)} />
                </Section>
              ) : null}
              <Section title='近期活动' extra='全部活动' onExtra={() => void navigate(`/pages/activity/list/index?studioId=${encodeURIComponent(id)}`)}>
                <StateView loading={activities.loading} error={activities.error} empty={activities.empty} onRetry={() => void activities.retry()} emptyText='暂无近期活动'>
                  {activities.items.map((a) => (
                    <ListRow
                      key={a.id}
                      title={a.title}
                      subtitle={`${timeRange(a)} · ${a.place}`}
                      note={seatsText(a)}
                      onClick={() => void navigate(`/pages/activity/detail/index?id=${encodeURIComponent(a.id)}`)}
                    />
                  ))}
                </StateView>
              </Section>
              <Section title='工作室公告'>
                <StateView loading={notices.loading} error={notices.error} empty={notices.empty} onRetry={() => void notices.retry()} emptyText='暂无公告'>
                  {notices.items.map((n) => (
                    <ListRow
                      key={n.id}
                      title={n.title}
                      note={n.publishedAt ? showDay(n.publishedAt) : ''}
                      onClick={() => void navigate(`/studio/announcement/index?id=${encodeURIComponent(n.id)}`)}
                    />
                  ))}
                </StateView>
              </Section>
              <Section title={`入驻委员（${s.members.length}）`}>
                <StateView empty={s.members.length === 0} emptyText='暂无入驻委员'>
                  {s.members.map((m) => (
                    <ListRow key={m.id} title={m.name} note={m.sector} arrow={false} />
                  ))}
                </StateView>
              </Section>
            </>
          ) : null}
        </StateView>
      )}
    </PageShell>
  )
}

/** 工作室详情: a studio's profile and stationed members (studio.get). */
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Section, ListRow, Badge } from '../../components'
import { useAction } from '../../hooks'
import './index.scss'

export default function StudioDetail() {
  const id = useRouter().params.id ?? ''
  const studio = useAction('studio.get', { id }, { enabled: !!id, pullDownRefresh: true })
  const s = studio.data

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

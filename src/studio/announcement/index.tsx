/** 工作室公告: one announcement (studio.announcement) with cover and attachments; dates in Beijing time. */
import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, Badge } from '../../components'
import { useAction } from '../../hooks'
import { announcementStateLabels } from '../../core/actions/studio'
import { showDayTime } from '../../core/dates'
import './index.scss'
import { shareCards, useShareCard } from '../../services/share'

export default function Announcement() {
  const id = useRouter().params.id ?? ''
  const item = useAction('studio.announcement', { id }, { enabled: !!id })
  const a = item.data
  // Only a published announcement's cover has passed review: anything else shares the app picture.
  useShareCard(a ? shareCards.announcement({ ...a, coverFileID: a.state === 'published' ? a.coverFileID : undefined }) : null, shareCards.announcement({ id, title: '工作室公告' }))
  return (
    <PageShell back title='工作室公告'>
      <StateView loading={item.loading} error={item.error} onRetry={() => void item.reload()}>
        {a ? (
          <View className='notice'>
            <Text className='notice__title'>{a.title}</Text>
            <View className='notice__meta'>
              <Text>{a.studioName}</Text>
              <Text>{a.publishedAt ? showDayTime(a.publishedAt) : ''}</Text>
              {a.state !== 'published' ? <Badge tone='muted'>{announcementStateLabels[a.state]}</Badge> : null}
            </View>
            {a.coverFileID ? <Image className='notice__cover' src={a.coverFileID} mode='widthFix' /> : null}
            <Text className='notice__body'>{a.body}</Text>
            {a.attachments.length ? (
              <Section title='附件'>
                {a.attachments.map((f) => (
                  <ListRow key={f.fileID} title={f.name} arrow={false} />
                ))}
              </Section>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  )
}

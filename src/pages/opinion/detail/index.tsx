/**
 * One submission for its submitter: what was sent, where it is now, and the
 * timeline of every public step (已收到, 处理中, 退回修改 with what to change,
 * 已采用 / 未采用 with the reason, 已编入第N期, 被市/省政协采用). A returned
 * item can be edited and sent again. Times in Beijing time.
 */
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { showDayTime } from '../../../core/dates'
import { PageShell, StateView, Section, Button } from '../../../components'
import { useAction, navigate } from '../../../hooks'
import { ImageStrip, StatusChip, Timeline } from '../parts'
import './index.scss'

export default function OpinionDetailPage() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('opinion.get', { id }, { enabled: Boolean(id), pullDownRefresh: true })
  const d = detail.data
  return (
    <PageShell back title='反映详情'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {d ? (
          <>
            <View className='op-detail__head'>
              <Text className='op-detail__title'>{d.title}</Text>
              <View className='op-detail__meta'>
                <StatusChip state={d.state} label={d.statusLabel} />
                <Text className='op-detail__sub'>
                  {d.categoryName} · {showDayTime(d.receivedAt)} · {d.anonymous ? '匿名' : '实名'}
                </Text>
                {d.refNo ? <Text className='op-detail__sub'>受理编号 {d.refNo}</Text> : null}
              </View>
            </View>
            {d.canEdit ? (
              <View className='op-detail__returned' role='alert'>
                <Text className='op-detail__returned-title'>工作人员请您修改后重新提交</Text>
                {d.returnNote ? <Text>{d.returnNote}</Text> : null}
                <Button block type='primary' className='op-detail__edit' onClick={() => void navigate(`/pages/opinion/edit/index?id=${encodeURIComponent(d.id)}`)}>
                  修改后重新提交
                </Button>
              </View>
            ) : null}
            <Section title='办理进度'>
              <Timeline entries={d.timeline} />
            </Section>
            <Section title='反映内容'>
              <View className='op-detail__body'>
                <Text className='op-detail__content'>{d.content}</Text>
                {d.place ? <Text className='op-detail__sub'>地点：{d.place}</Text> : null}
                {d.contactPhone ? <Text className='op-detail__sub'>联系电话：{d.contactPhone}</Text> : null}
                <Text className='op-detail__sub'>{d.mayPublish ? '同意公开' : '不同意公开'}</Text>
                <ImageStrip urls={d.images.map((i) => i.url).filter(Boolean)} />
              </View>
            </Section>
            {d.upward.length ? (
              <Section title='上级采用'>
                <View className='op-detail__body'>
                  {d.upward.map((u) => (
                    <Text key={u.id} className='op-detail__sub'>
                      {u.date} {u.label}
                      {u.note ? `：${u.note}` : ''}
                    </Text>
                  ))}
                </View>
              </Section>
            ) : null}
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

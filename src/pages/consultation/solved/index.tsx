/**
 * 问题解决榜: closed topics with the departments that handled them, the
 * dates, the result and before/after photos (topic.solved, one read per
 * page), under the year's figures (topic.counts: consultation activities
 * held, member participations, problems solved — Beijing calendar year).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { beijing } from '../../../core/time'
import { showDay } from '../../../core/dates'
import { PageShell, StateView, LoadMoreFooter, Badge } from '../../../components'
import { useAction, usePagedList, navigate } from '../../../hooks'
import { Chips, Photos, topicResultLabels } from '../ui'
import '../ui.scss'
import { shareCards, useShareCard } from '../../../services/share'

export default function SolvedBoard() {
  const thisYear = beijing().year()
  const [year, setYear] = useState(String(thisYear - 1))
  const counts = useAction('topic.counts', { year: Number(year) }, { pullDownRefresh: true })
  useShareCard(shareCards.solved(), shareCards.solved())
  const list = usePagedList('topic.solved', {}, { pullDownRefresh: true, reachBottom: true })

  return (
    <PageShell back title='问题解决榜'>
      <View className='cx-card'>
        <Chips label='年份' options={[thisYear - 1, thisYear].map((y) => ({ value: String(y), label: `${y} 年` }))} value={year} onChange={setYear} />
        <StateView loading={counts.loading} error={counts.error} onRetry={() => void counts.reload()}>
          {counts.data ? (
            <View className='cx-count' aria-label='年度协商成效'>
              <View>
                <Text className='cx-count__num'>{counts.data.consultationActivities}</Text>
                <Text className='cx-hint'>{'\n'}协商活动（场）</Text>
              </View>
              <View>
                <Text className='cx-count__num'>{counts.data.memberParticipations}</Text>
                <Text className='cx-hint'>{'\n'}委员参与（人次）</Text>
              </View>
              <View>
                <Text className='cx-count__num'>{counts.data.problemsSolved}</Text>
                <Text className='cx-hint'>{'\n'}解决问题（个）</Text>
              </View>
            </View>
          ) : null}
        </StateView>
      </View>
      <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='还没有办结的议题' emptyHint='议题办结后会在这里公开结果'>
        {list.items.map((s) => (
          <View key={s.id} className='cx-card' role='link' onClick={() => void navigate(`/pages/topic/index?id=${s.id}`)}>
            <View className='cx-row'>
              <Text className='cx-title'>{s.title}</Text>
              <Badge tone='success'>{topicResultLabels[s.result]}</Badge>
            </View>
            <Text className='cx-sub'>承办单位：{s.departments.join('、') || '—'}</Text>
            <Text className='cx-sub'>
              提出 {showDay(s.proposedAt)} · 办结 {showDay(s.closedAt)}
              {/* Topics handled offline (archived) had no online supporters: say nothing rather than "0". */}
              {s.supportCount > 0 ? ` · ${s.supportCount} 人附议` : ''}
              {s.rating ? ` · 评价 ${s.rating} 分` : ''}
            </Text>
            <Photos ids={s.beforePhotos} label='整改前' urls={s.fileUrls} />
            <Photos ids={s.afterPhotos} label='整改后' urls={s.fileUrls} />
          </View>
        ))}
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

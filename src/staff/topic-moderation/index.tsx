/**
 * 评论审核 (staff): comments held by the content check or hidden after three
 * reports, oldest first; 公开 or 不予公开 (with a reason the author sees).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { formatBeijing } from '../../core/time'
import { PageShell, StateView, LoadMoreFooter, Button } from '../../components'
import { usePagedList, useMutation } from '../../hooks'
import { ErrorLine, toast } from '../../pages/consultation/ui'
import '../../pages/consultation/ui.scss'

export default function TopicModeration() {
  const list = usePagedList('topic.heldComments', {}, { pullDownRefresh: true, reachBottom: true })
  const moderate = useMutation('topic.moderate')
  const [busy, setBusy] = useState<string>()
  const decide = async (commentId: string, decision: 'approve' | 'remove') => {
    setBusy(commentId)
    try {
      await moderate.run({ commentId, decision, ...(decision === 'remove' ? { reason: '内容不适宜公开' } : {}) })
      toast(decision === 'approve' ? '已公开' : '已不予公开', 'success')
      await list.refresh()
    } catch {
      /* shown below */
    } finally {
      setBusy(undefined)
    }
  }
  return (
    <PageShell back title='评论审核'>
      <ErrorLine error={moderate.error} />
      <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='没有待审核的评论'>
        {list.items.map((c) => (
          <View key={c.id} className='cx-card'>
            <Text className='cx-hint'>
              {c.topicTitle} · {c.authorName} · {formatBeijing(c.createdAt)}
            </Text>
            <Text className='cx-text'>{c.text}</Text>
            <Text className='cx-comment__status'>{c.status === 'held' ? '内容安全检查：待人工审核' : `被 ${c.reportCount} 人举报，已隐藏`}</Text>
            <View className='cx-buttons'>
              <Button type='primary' size='small' loading={busy === c.id} disabled={!!busy} onClick={() => void decide(c.id, 'approve')}>
                公开
              </Button>
              <Button fill='outline' size='small' disabled={!!busy} onClick={() => void decide(c.id, 'remove')}>
                不予公开
              </Button>
            </View>
          </View>
        ))}
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

/**
 * 议题审核 (staff): what the content check held on topics — proposals,
 * department progress and results, rating comments, doubtful images (each
 * with its reason: 内容待人工复核, 图片待人工复核 …) — and comments held by
 * the check or hidden after three reports, oldest first; 公开 or 不予公开
 * (with a reason the author sees).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, LoadMoreFooter, Button } from '../../components'
import { usePagedList, useMutation } from '../../hooks'
import { ErrorLine, Photos, toast } from '../../pages/consultation/ui'
import '../../pages/consultation/ui.scss'

function Decide(props: { busy: boolean; disabled: boolean; onDecide: (decision: 'approve' | 'remove') => void }) {
  return (
    <View className='cx-buttons'>
      <Button type='primary' size='small' loading={props.busy} disabled={props.disabled} onClick={() => props.onDecide('approve')}>
        公开
      </Button>
      <Button fill='outline' size='small' disabled={props.disabled} onClick={() => props.onDecide('remove')}>
        不予公开
      </Button>
    </View>
  )
}

export default function TopicModeration() {
  const content = usePagedList('topic.heldContent', {}, { pullDownRefresh: true })
  const list = usePagedList('topic.heldComments', {}, { pullDownRefresh: true, reachBottom: true })
  const release = useMutation('topic.release')
  const moderate = useMutation('topic.moderate')
  const [busy, setBusy] = useState<string>()
  const run = async (key: string, act: () => Promise<unknown>, done: string, reload: () => Promise<void>) => {
    setBusy(key)
    try {
      await act()
      toast(done, 'success')
      await reload()
    } catch {
      /* shown below */
    } finally {
      setBusy(undefined)
    }
  }
  const reason = (decision: 'approve' | 'remove') => (decision === 'remove' ? { reason: '内容不适宜公开' } : {})
  const done = (decision: 'approve' | 'remove') => (decision === 'approve' ? '已公开' : '已不予公开')
  return (
    <PageShell back title='议题审核'>
      <Text className='cx-label'>议题内容</Text>
      <ErrorLine error={release.error} />
      <StateView loading={content.loading} error={content.error} empty={content.empty} onRetry={() => void content.retry()} emptyText='没有待审核的议题内容'>
        {content.items.map((c) => (
          <View key={`${c.topicId}:${c.key}`} className='cx-card'>
            <Text className='cx-hint'>
              {c.topicTitle} · {c.label} · {c.author} · {showDayTime(c.at)}
            </Text>
            {c.text ? <Text className='cx-text'>{c.text}</Text> : null}
            {c.image ? <Photos ids={[c.image.fileID]} urls={c.image.url ? { [c.image.fileID]: c.image.url } : {}} /> : null}
            <Text className='cx-comment__status'>{c.reason}</Text>
            <Decide
              busy={busy === `${c.topicId}:${c.key}`}
              disabled={!!busy}
              onDecide={(decision) => void run(`${c.topicId}:${c.key}`, () => release.run({ id: c.topicId, key: c.key, decision, ...reason(decision) }), done(decision), content.refresh)}
            />
          </View>
        ))}
        <LoadMoreFooter hasMore={content.hasMore} loadingMore={content.loadingMore} error={content.loadMoreError} onLoadMore={() => void content.loadMore()} count={content.items.length} />
      </StateView>

      <Text className='cx-label'>评论</Text>
      <ErrorLine error={moderate.error} />
      <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='没有待审核的评论'>
        {list.items.map((c) => (
          <View key={c.id} className='cx-card'>
            <Text className='cx-hint'>
              {c.topicTitle} · {c.authorName} · {showDayTime(c.createdAt)}
            </Text>
            <Text className='cx-text'>{c.text}</Text>
            <Text className='cx-comment__status'>{c.status === 'held' ? '内容安全检查：待人工审核' : `被 ${c.reportCount} 人举报，已隐藏`}</Text>
            <Decide
              busy={busy === c.id}
              disabled={!!busy}
              onDecide={(decision) => void run(c.id, () => moderate.run({ commentId: c.id, decision, ...reason(decision) }), done(decision), list.refresh)}
            />
          </View>
        ))}
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

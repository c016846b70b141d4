/**
 * 我的消息 (issue 12 item 8): every notice the person was sent (activities,
 * topics, 社情民意, proposals), newest first, unread ones marked 未读.
 * Opening one marks it read (user.markRead) and goes to its page; 全部已读
 * clears the badge on 我的. One read per page (user.messages).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { showDayTime } from '../../core/dates'
import type { MessageView } from '../../core/actions/user'
import { PageShell, StateView, ListRow, LoadMoreFooter, Button, Badge } from '../../components'
import { usePagedList, useMutation, navigate } from '../../hooks'
import './index.scss'

export default function MyMessages() {
  const list = usePagedList('user.messages', {}, { pullDownRefresh: true, reachBottom: true })
  const mark = useMutation('user.markRead')
  const [read, setRead] = useState<Set<string>>(new Set())
  const [allRead, setAllRead] = useState(false)
  const isRead = (m: MessageView) => allRead || m.read || read.has(m.id)

  const open = (m: MessageView) => {
    if (!isRead(m)) {
      setRead(new Set([...read, m.id]))
      void mark.run({ ids: [m.id] }).catch(() => undefined)
    }
    void navigate(m.page)
  }
  const markAll = async () => {
    try {
      await mark.run({})
      setAllRead(true)
    } catch {
      /* shown below */
    }
  }
  const unread = list.items.filter((m) => !isRead(m)).length

  return (
    <PageShell back title='我的消息'>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.retry()}
        empty={list.empty}
        emptyText='暂时没有消息'
        emptyHint='报名的活动、提交的社情民意、议题和提案有进展时，消息会出现在这里'
      >
        {unread > 0 ? (
          <View className='messages__actions'>
            <Button size='small' fill='outline' loading={mark.pending} onClick={() => void markAll()}>
              全部标为已读
            </Button>
          </View>
        ) : null}
        {mark.error ? (
          <View role='alert'>
            <Text>{mark.error.message}</Text>
          </View>
        ) : null}
        <View className='messages'>
          {list.items.map((m) => (
            <ListRow
              key={m.id}
              title={m.title}
              subtitle={
                <View className='messages__meta'>
                  <Text className={isRead(m) ? 'messages__status messages__status--read' : 'messages__status'}>
                    {m.status} · {showDayTime(m.at)}
                  </Text>
                  {m.note ? <Text className='messages__note'>{m.note}</Text> : null}
                </View>
              }
              note={isRead(m) ? undefined : <Badge>未读</Badge>}
              onClick={() => open(m)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

/**
 * 合并 target picker for the staff opinion detail (issue 14 item 4: never a
 * typed id): the staff review queue (`opinion.reviewList`, the same data the
 * 社情民意 list uses), searchable by a literal word of the title or content,
 * showing title, submitter (name, role or 匿名), category and received date.
 * Only items that can receive a merge are offered (the server's rule in
 * cloudfunctions/opinion/review.ts: 已收到, 处理中, 已采用, 已编入专刊,
 * 已报送上级), never the item itself.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { OpinionSummary } from '../../core/actions/opinion'
import type { OpinionState } from '../../core/states'
import { opinionStateLabels } from '../../core/states'
import { showDay } from '../../core/dates'
import { clampCharacters } from '../../core/text'
import { Button, Input, LoadMoreFooter, StateView } from '../../components'
import { usePagedList } from '../../hooks'

/** States an item may be merged into (OPINION.MERGE_TARGET otherwise). */
export const MERGE_TARGET_STATES: readonly OpinionState[] = ['submitted', 'in_review', 'adopted', 'published', 'reported_up']

export interface MergeTargetProps {
  /** The item being merged (left out of the list). */
  sourceId: string
  chosen?: OpinionSummary
  onChoose: (item: OpinionSummary | undefined) => void
}

export function MergeTarget({ sourceId, chosen, onChoose }: MergeTargetProps) {
  const [query, setQuery] = useState('')
  const [keyword, setKeyword] = useState('')
  const list = usePagedList('opinion.reviewList', keyword ? { keyword } : {}, { pageSize: 20 })
  const items = list.items.filter((o) => o.id !== sourceId && MERGE_TARGET_STATES.includes(o.state))
  const search = () => setKeyword(query.trim())

  return (
    <View className='sod__merge'>
      <Text className='sod__label'>合并到哪条信息</Text>
      {chosen ? (
        <View className='sod__merge-chosen' aria-label='已选的合并目标'>
          <Text>{`合并到：${chosen.title}`}</Text>
          <View className='sod__merge-change' role='button' onClick={() => onChoose(undefined)}>
            <Text>重新选择</Text>
          </View>
        </View>
      ) : null}
      <View className='sod__merge-search'>
        <Input className='sod__merge-input' aria-label='查找合并目标' placeholder='输入标题或内容中的词' value={query} onChange={(v: string) => setQuery(clampCharacters(v, 50))} onConfirm={search} />
        <Button size='small' type='primary' fill='outline' onClick={search}>
          查找
        </Button>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.retry()}
        empty={!list.loading && !list.error && items.length === 0 && !list.hasMore}
        emptyText={keyword ? `没有含“${keyword}”且可接收合并的信息` : '没有可接收合并的信息'}
        loadingText='正在加载信息…'
      >
        <View className='sod__merge-list' role='list'>
          {items.map((o) => {
            const on = chosen?.id === o.id
            return (
              <View key={o.id} role='listitem' aria-label={`选择${o.title}`} className={`sod__merge-item${on ? ' sod__merge-item--on' : ''}`} onClick={() => onChoose(on ? undefined : o)}>
                <Text className='sod__merge-title'>{o.title}</Text>
                <Text className='sod__merge-meta'>{`${o.submitter} · ${o.categoryName} · ${showDay(o.receivedAt)} · ${opinionStateLabels[o.state]}`}</Text>
              </View>
            )
          })}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
      </StateView>
    </View>
  )
}

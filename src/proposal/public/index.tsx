/**
 * 提案公开 (anyone): filed proposals marked public, newest filed first, with
 * a title search (matched literally) and a category filter; paged. A row
 * opens the proposal with its public replies.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { proposalCategories, proposalCategoryLabels, type ProposalCategory } from '../../core/actions/proposal'
import { PageShell, StateView, ListRow, LoadMoreFooter, Input, Button } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import { formatInstant } from '../parts'
import { clampCharacters } from '../../core/text'

export default function PublicProposals() {
  const [category, setCategory] = useState<ProposalCategory | undefined>()
  const [text, setText] = useState('')
  const [keyword, setKeyword] = useState<string | undefined>()
  const list = usePagedList('proposal.publicList', { ...(category ? { category } : {}), ...(keyword ? { keyword } : {}) }, { pullDownRefresh: true, reachBottom: true })
  return (
    <PageShell back title='提案公开'>
      <View className='pp-search'>
        <Input className='pp-input pp-search__input pp-public-query' placeholder='按案由查找' value={text} onChange={(v: string) => setText(clampCharacters(v, 30))} />
        <Button size='small' type='primary' onClick={() => setKeyword(text.trim() || undefined)}>
          搜索
        </Button>
      </View>
      <View className='pp-tabs pp-chips' role='radiogroup' aria-label='提案类别'>
        {[undefined, ...proposalCategories].map((c) => (
          <View key={c ?? 'all'} role='radio' aria-checked={category === c} className={`pp-chip-pick${category === c ? ' pp-chip-pick--on' : ''}`} onClick={() => setCategory(c)}>
            <Text>{c ? proposalCategoryLabels[c] : '全部'}</Text>
          </View>
        ))}
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText={keyword || category ? '没有符合条件的公开提案' : '暂无公开的提案'}>
        <View className='pp-list'>
          {list.items.map((item) => (
            <ListRow
              key={item.id}
              title={item.title}
              subtitle={
                <View className='pp-meta'>
                  <Text>
                    {item.numberLabel} · {item.categoryLabel} · {item.proposerName} · {item.stateLabel}
                    {item.replied ? ' · 已答复' : ''} · {formatInstant(item.filedAt, false)}立案
                  </Text>
                </View>
              }
              onClick={() => void navigate(`/proposal/public-detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

/**
 * 我的提案: proposals the caller leads (drafts included), co-signs or is
 * invited to co-sign, newest first, each with its state in Chinese; a row
 * opens the detail with the timeline. One read per page.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, ListRow, LoadMoreFooter, Button } from '../../components'
import { usePagedList, navigate, go } from '../../hooks'
import { StateChip, formatInstant } from '../parts'
import { PROPOSAL_DRAFT_KEY, loadProposalDraft } from '../ProposalForm'

type Filter = 'all' | 'proposer' | 'cosigner' | 'invited'
const filters: Filter[] = ['all', 'proposer', 'cosigner', 'invited']
const filterLabels: Record<Filter, string> = { all: '全部', proposer: '我领衔的', cosigner: '我联名的', invited: '联名邀请' }
const roleLabels = { proposer: '领衔', cosigner: '联名', invited: '邀请联名', unit: '承办' } as const

export default function MyProposals() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedList('proposal.mine', filter === 'all' ? {} : { role: filter }, { pullDownRefresh: true, reachBottom: true })
  // A draft written on this phone and not yet saved on the server.
  const [local] = useState(() => loadProposalDraft(PROPOSAL_DRAFT_KEY))
  return (
    <PageShell back title='我的提案'>
      <View className='pp-actions'>
        <Button type='primary' onClick={go('/proposal/edit/index')}>
          写提案
        </Button>
      </View>
      <View className='pp-tabs pp-chips' role='radiogroup' aria-label='筛选'>
        {filters.map((f) => (
          <View key={f} role='radio' aria-checked={filter === f} className={`pp-chip-pick${filter === f ? ' pp-chip-pick--on' : ''}`} onClick={() => setFilter(f)}>
            <Text>{filterLabels[f]}</Text>
          </View>
        ))}
      </View>
      {local && !local.serverId && filter !== 'invited' && filter !== 'cosigner' ? (
        <ListRow title={local.title.trim() || '（未填写案由）'} subtitle='本机草稿，尚未保存到服务器' onClick={go('/proposal/edit/index')} />
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.retry()}
        empty={list.empty}
        emptyText={filter === 'invited' ? '没有待确认的联名邀请' : '您还没有提案'}
        emptyHint={filter === 'invited' ? undefined : '点“写提案”填写案由、情况分析和具体建议'}
      >
        <View className='pp-list'>
          {list.items.map((item) => (
            <ListRow
              key={item.id}
              title={item.title || '（未填写案由）'}
              subtitle={
                <View className='pp-meta'>
                  <StateChip state={item.state} label={item.stateLabel} />
                  <Text>
                    {item.categoryLabel}
                    {item.myRole ? ` · ${roleLabels[item.myRole]}` : ''}
                    {item.numberLabel ? ` · ${item.numberLabel}` : ''}
                    {` · ${formatInstant(item.submittedAt ?? item.updatedAt, false)}`}
                  </Text>
                </View>
              }
              onClick={() => void navigate(`/proposal/detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

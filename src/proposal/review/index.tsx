/**
 * 提案审查 (staff): the queue, by default proposals waiting for review
 * (待审查, oldest first); also filed ones waiting for 交办, those being
 * handled, and the key proposals. 立案 right from the queue asks first and
 * shows the number the proposal got; 退回, 不予立案 and 并案 (each with a
 * reason or target) are on the detail. One read per page.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { proposalFlagLabels } from '../../core/actions/proposal'
import { PageShell, StateView, ListRow, LoadMoreFooter, Button, Banner } from '../../components'
import { usePagedList, useMutation, navigate } from '../../hooks'
import { StateChip, askFirst, formatInstant } from '../parts'

type Tab = 'submitted' | 'filed' | 'assigned' | 'key'
const tabs: Tab[] = ['submitted', 'filed', 'assigned', 'key']
const tabLabels: Record<Tab, string> = { submitted: '待审查', filed: '待交办', assigned: '办理中', key: '重点提案' }

export default function ProposalReview() {
  const [tab, setTab] = useState<Tab>('submitted')
  const list = usePagedList('proposal.reviewList', tab === 'key' ? { key: true } : tab === 'submitted' ? {} : { state: tab }, { pullDownRefresh: true, reachBottom: true })
  const file = useMutation('proposal.file')
  const [done, setDone] = useState<string | undefined>()

  const fileOne = async (id: string, title: string) => {
    setDone(undefined)
    if (!(await askFirst('立案', `案由：${title}`))) return
    try {
      const out = await file.run({ id })
      setDone(`“${out.title}”已立案，提案号：${out.numberLabel ?? ''}`)
      await list.refresh()
    } catch {
      /* shown from file.error */
    }
  }

  return (
    <PageShell back title='提案审查'>
      <Banner tone='error' text={file.error?.message} />
      <Banner tone='success' text={done} />
      <View className='pp-tabs pp-chips' role='radiogroup' aria-label='筛选'>
        {tabs.map((t) => (
          <View key={t} role='radio' aria-checked={tab === t} className={`pp-chip-pick${tab === t ? ' pp-chip-pick--on' : ''}`} onClick={() => setTab(t)}>
            <Text>{tabLabels[t]}</Text>
          </View>
        ))}
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText={`没有${tabLabels[tab]}的提案`}>
        <View className='pp-list'>
          {list.items.map((item) => (
            <View key={item.id} className='pp-item'>
              <ListRow
                title={item.title}
                subtitle={
                  <View className='pp-meta'>
                    <StateChip state={item.state} label={item.stateLabel} />
                    <Text>
                      {item.numberLabel ? `${item.numberLabel} · ` : `${item.termName}${item.sessionName} · `}
                      {item.categoryLabel} · {item.proposerName}
                      {item.cosignerCount ? ` 等 ${item.cosignerCount + 1} 人` : ''}
                      {item.submittedAt ? ` · ${formatInstant(item.submittedAt, false)}提交` : ''}
                    </Text>
                    {item.overdue ? <Text className='pp-overdue'>已超期</Text> : null}
                    {item.flags?.length ? <Text className='pp-chip pp-chip--warn'>{item.flags.map((f) => proposalFlagLabels[f]).join('、')}</Text> : null}
                  </View>
                }
                onClick={() => void navigate(`/proposal/detail/index?id=${encodeURIComponent(item.id)}`)}
              />
              <View className='pp-row-actions'>
                {item.state === 'submitted' ? (
                  <Button size='small' type='primary' disabled={file.pending} onClick={() => void fileOne(item.id, item.title)}>
                    立案
                  </Button>
                ) : null}
                {item.state === 'filed' ? (
                  <Button size='small' type='primary' onClick={() => void navigate(`/proposal/assign/index?id=${encodeURIComponent(item.id)}`)}>
                    交办
                  </Button>
                ) : null}
                <Button size='small' fill='outline' onClick={() => void navigate(`/proposal/detail/index?id=${encodeURIComponent(item.id)}`)}>
                  {item.state === 'submitted' ? '退回 / 不予立案 / 并案' : '查看'}
                </Button>
              </View>
            </View>
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

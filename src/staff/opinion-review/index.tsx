/**
 * 社情民意审核 (staff): the queue, filtered by state, category, received date
 * (Beijing calendar days, both ends included) and a keyword matched
 * literally in title or content (`C++`, `(`, `.*` find themselves). Flagged
 * items (content safety asked for a person) can be shown alone.
 */
import { useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import { safetyFlagLabels } from '../../core/actions/opinion'
import { opinionStateLabels, opinionStates, type OpinionState } from '../../core/states'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, ListRow, LoadMoreFooter, Input, Button } from '../../components'
import { useAction, usePagedList, navigate } from '../../hooks'
import { StatusChip } from '../../pages/opinion/parts'
import './index.scss'
import { clampCharacters } from '../../core/text'

export default function OpinionReview() {
  const categories = useAction('opinion.categories', { all: true })
  const [state, setState] = useState<OpinionState | undefined>('submitted')
  const [categoryId, setCategoryId] = useState<string | undefined>()
  const [from, setFrom] = useState<string | undefined>()
  const [to, setTo] = useState<string | undefined>()
  const [keywordText, setKeywordText] = useState('')
  const [keyword, setKeyword] = useState<string | undefined>()
  const [flagged, setFlagged] = useState(false)
  const list = usePagedList(
    'opinion.reviewList',
    { ...(state ? { state } : {}), ...(categoryId ? { categoryId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(keyword ? { keyword } : {}), ...(flagged ? { flagged } : {}) },
    { pullDownRefresh: true, reachBottom: true }
  )
  const cats = categories.data?.items ?? []

  return (
    <PageShell back title='社情民意审核'>
      <View className='review__filters'>
        <View className='review__chips' role='radiogroup' aria-label='状态'>
          {[undefined, ...opinionStates].map((s) => (
            <View key={s ?? 'all'} role='radio' aria-checked={state === s} className={`review__chip${state === s ? ' review__chip--on' : ''}`} onClick={() => setState(s)}>
              <Text>{s ? opinionStateLabels[s] : '全部'}</Text>
            </View>
          ))}
          <View role='switch' aria-checked={flagged} className={`review__chip${flagged ? ' review__chip--on' : ''}`} onClick={() => setFlagged(!flagged)}>
            <Text>待人工复核</Text>
          </View>
        </View>
        <View className='review__row'>
          <Picker mode='selector' range={['全部类别', ...cats.map((c) => c.name)]} onChange={(e) => setCategoryId(Number(e.detail.value) === 0 ? undefined : cats[Number(e.detail.value) - 1]?.id)}>
            <View className='review__picker' role='button'>
              <Text>{categoryId ? cats.find((c) => c.id === categoryId)?.name : '全部类别'} ▾</Text>
            </View>
          </Picker>
          <Picker mode='date' value={from ?? ''} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='review__picker' role='button'>
              <Text>{from ?? '开始日期'}</Text>
            </View>
          </Picker>
          <Picker mode='date' value={to ?? ''} onChange={(e) => setTo(String(e.detail.value))}>
            <View className='review__picker' role='button'>
              <Text>{to ?? '结束日期'}</Text>
            </View>
          </Picker>
          {from || to ? (
            <View className='review__picker' role='button' onClick={() => (setFrom(undefined), setTo(undefined))}>
              <Text>清除日期</Text>
            </View>
          ) : null}
        </View>
        <View className='review__row'>
          <Input className='review__keyword' placeholder='关键词（标题或内容）' value={keywordText} onChange={(v: string) => setKeywordText(clampCharacters(v, 50))} />
          <Button type='primary' size='small' className='review__search' onClick={() => setKeyword(keywordText.trim() || undefined)}>
            搜索
          </Button>
        </View>
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText='没有符合条件的信息'>
        <View className='review__list'>
          {list.items.map((item) => (
            <ListRow
              key={item.id}
              title={
                <Text>
                  {item.key ? <Text className='review__key'>重点 </Text> : null}
                  {item.title}
                </Text>
              }
              subtitle={
                <View className='review__meta'>
                  <StatusChip state={item.state} label={opinionStateLabels[item.state]} />
                  <Text className='review__time'>
                    {item.categoryName} · {showDayTime(item.receivedAt)} · {item.submitter}
                    {item.imageCount ? ` · ${item.imageCount} 图` : ''}
                  </Text>
                  {item.flags?.length ? <Text className='review__flag'>{item.flags.map((f) => safetyFlagLabels[f]).join('、')}</Text> : null}
                </View>
              }
              onClick={() => void navigate(`/staff/opinion-detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

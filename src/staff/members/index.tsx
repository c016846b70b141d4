/**
 * 委员名册 (staff): the roster with binding status (user.listMembers), search
 * by keyword, and a one-time binding code per member (user.issueBindingCode).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatBeijing } from '../../core/time'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Button, Input, Badge } from '../../components'
import { useMutation, usePagedList } from '../../hooks'
import './index.scss'

export default function Members() {
  const [draft, setDraft] = useState('')
  const [keyword, setKeyword] = useState('')
  const list = usePagedList('user.listMembers', keyword ? { keyword } : {}, { pullDownRefresh: true, reachBottom: true })
  const issue = useMutation('user.issueBindingCode')

  const issueCode = async (memberId: string, name: string) => {
    try {
      const out = await issue.run({ memberId })
      await Taro.showModal({
        title: `${name}的绑定码`,
        content: `${out.code}\n有效期至 ${formatBeijing(out.expiresAt)}（北京时间）。之前的绑定码已失效。`,
        showCancel: false,
        confirmText: '知道了'
      })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' }).catch(() => undefined)
    }
  }

  return (
    <PageShell back title='委员名册'>
      <View className='members__search'>
        <View className='members__search-input'>
          <Input placeholder='姓名或委员编号' value={draft} maxLength={50} onChange={(v: string) => setDraft(v)} />
        </View>
        <Button type='primary' className='members__search-button' onClick={() => setKeyword(draft.trim())}>
          搜索
        </Button>
      </View>
      <Section title='委员名册'>
        <StateView
          loading={list.loading}
          error={list.error}
          empty={list.empty}
          onRetry={() => void list.retry()}
          emptyText={keyword ? `没有找到“${keyword}”` : '名册为空'}
          emptyHint={keyword ? undefined : '请导入委员名册'}
        >
          {list.items.map((m) => (
            <ListRow
              key={m.id}
              title={
                <Text>
                  {m.name} <Text className='members__number'>{m.memberNumber}</Text>
                </Text>
              }
              subtitle={`${m.sector}${m.phone ? ` · ${m.phone}` : ''}`}
              note={
                <View className='members__actions'>
                  <Badge tone={m.bound ? 'success' : 'muted'}>{m.bound ? '已绑定' : '未绑定'}</Badge>
                  {!m.bound ? (
                    <View className='members__issue' role='button' onClick={() => void issueCode(m.id, m.name)}>
                      <Text>生成绑定码</Text>
                    </View>
                  ) : null}
                </View>
              }
              arrow={false}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

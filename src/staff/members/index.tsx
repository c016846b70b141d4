/**
 * 委员名册 (staff): the roster with binding status (user.listMembers), search
 * by keyword, a one-time binding code per member (user.issueBindingCode),
 * and releasing a binding with a reason (user.unbindMember), e.g. after the
 * member changed phone.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Button, Input, Badge } from '../../components'
import { useMutation, usePagedList } from '../../hooks'
import './index.scss'
import { clampCharacters } from '../../core/text'

export default function Members() {
  const [draft, setDraft] = useState('')
  const [keyword, setKeyword] = useState('')
  const list = usePagedList('user.listMembers', keyword ? { keyword } : {}, { pullDownRefresh: true, reachBottom: true })
  const issue = useMutation('user.issueBindingCode')
  const unbind = useMutation('user.unbindMember')
  const [releasing, setReleasing] = useState<{ id: string; name: string } | null>(null)
  const [reason, setReason] = useState('')

  const release = async () => {
    if (!releasing) return
    try {
      await unbind.run({ memberId: releasing.id, reason: reason.trim() })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' }).catch(() => undefined)
      return
    }
    setReleasing(null)
    setReason('')
    void Taro.showToast({ title: '已解除绑定', icon: 'success' }).catch(() => undefined)
    await list.refresh()
  }
  const issueCode = async (memberId: string, name: string) => {
    try {
      const out = await issue.run({ memberId })
      await Taro.showModal({
        title: `${name}的绑定码`,
        content: `${out.code}\n有效期至 ${showDayTime(out.expiresAt)}。之前的绑定码已失效。`,
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
          <Input placeholder='姓名或委员编号' value={draft} onChange={(v: string) => setDraft(clampCharacters(v, 50))} />
        </View>
        <Button type='primary' className='members__search-button' onClick={() => setKeyword(draft.trim())}>
          搜索
        </Button>
      </View>
      {releasing ? (
        <Section title={`解除${releasing.name}的微信绑定`}>
          <View className='members__release'>
            <Text className='members__release-hint'>解除后，该委员需凭新的绑定码重新绑定；活动报名随委员保留，原微信不再收到活动通知。</Text>
            <Input placeholder='解除原因（必填，如：更换手机号）' value={reason} onChange={(v: string) => setReason(clampCharacters(v, 100))} />
            <View className='members__release-actions'>
              <Button onClick={() => setReleasing(null)}>取消</Button>
              <Button type='danger' loading={unbind.pending} disabled={!reason.trim()} onClick={() => void release()}>
                确认解除
              </Button>
            </View>
          </View>
        </Section>
      ) : null}
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
                  ) : (
                    <View
                      className='members__issue'
                      role='button'
                      onClick={() => {
                        setReleasing({ id: m.id, name: m.name })
                        setReason('')
                      }}
                    >
                      <Text>解除绑定</Text>
                    </View>
                  )}
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

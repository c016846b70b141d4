/**
 * 我的 → 已登录的电脑 (issue 14 item 1): the person's live console sessions
 * (which computer, since when, last used), each with 退出登录; ending one
 * signs that computer out on its next request.
 */
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Button, Banner } from '../../components'
import { useAction, useMutation } from '../../hooks'
import { showDayTime } from '../../core/dates'
import './index.scss'

export default function DeskSessions() {
  const list = useAction('console.sessions', {}, { pullDownRefresh: true })
  const revoke = useMutation('console.revokeSession')

  const signOut = async (id: string, computer: string) => {
    const answer = await Taro.showModal({ title: '退出电脑端登录', content: `确定让“${computer}”退出登录？`, confirmText: '退出登录', cancelText: '再想想' })
    if (!answer.confirm) return
    await revoke.run({ id }).catch(() => undefined)
    await list.reload()
  }

  return (
    <PageShell back title='已登录的电脑'>
      {revoke.error ? <Banner tone='error' text={revoke.error.message} /> : null}
      {revoke.data?.revoked ? <Banner tone='success' text='已退出该电脑的登录' /> : null}
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={list.data?.items.length === 0}
        emptyText='没有登录中的电脑'
        emptyHint='在电脑上打开办公平台并用微信扫码即可登录'
      >
        <View className='desk-sessions'>
          {(list.data?.items ?? []).map((s) => (
            <View key={s.id} className='desk-sessions__item'>
              <Text className='desk-sessions__title'>{s.computer}</Text>
              <Text className='desk-sessions__meta'>登录于 {showDayTime(s.createdAt)} · 最近使用 {showDayTime(s.lastSeenAt)}</Text>
              <Text className='desk-sessions__meta'>最晚 {showDayTime(s.expiresAt)} 自动退出</Text>
              <Button size='small' loading={revoke.pending} onClick={() => void signOut(s.id, s.computer)}>
                退出登录
              </Button>
            </View>
          ))}
        </View>
      </StateView>
    </PageShell>
  )
}

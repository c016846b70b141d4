/**
 * 电脑端登录确认 (issue 14 item 1): opened by scanning the code the desk
 * console shows. Says plainly which computer asks and when, and as whom the
 * person would sign in, so a code someone else sent is recognisable; then
 * 确认登录 or 取消. People without work at the desk are told so and cannot
 * confirm.
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Button, Banner, goBack } from '../../components'
import { useAction, useMutation } from '../../hooks'
import { showDayTime } from '../../core/dates'
import { ticketFromScan } from '../ticket'
import './index.scss'
import { CPPCC_NAME } from '../../core/county'

export default function DeskLogin() {
  const ticket = ticketFromScan(useRouter().params as Record<string, string>)
  const described = useAction('console.describeTicket', { ticket: ticket ?? '' }, { enabled: Boolean(ticket) })
  const confirm = useMutation('console.confirmTicket')
  const decline = useMutation('console.declineTicket')
  const [done, setDone] = useState<'confirmed' | 'declined' | undefined>()
  const d = described.data
  const expired = d ? d.state === 'expired' || Date.now() >= new Date(d.expiresAt).getTime() : false

  const onConfirm = () => void confirm.run({ ticket: ticket! }).then(() => setDone('confirmed'), () => undefined)
  const onDecline = () => void decline.run({ ticket: ticket! }).then(() => setDone('declined'), () => undefined)

  if (!ticket) {
    return (
      <PageShell back title='电脑端登录确认'>
        <StateView empty emptyText='没有识别到登录码' emptyHint='请扫描电脑上显示的登录码' />
      </PageShell>
    )
  }
  return (
    <PageShell back title='电脑端登录确认'>
      <StateView loading={described.loading} error={described.error} onRetry={() => void described.reload()} loadingText='正在读取登录请求…'>
        {d ? (
          <View className='desk-login'>
            {done === 'confirmed' || d.state === 'confirmed' ? (
              <Banner tone='success' text='已确认登录，请回到电脑上继续操作' />
            ) : done === 'declined' || d.state === 'declined' ? (
              <Banner tone='success' text='已取消这次登录，电脑上不会登录' />
            ) : null}
            <View className='desk-login__card'>
              <Text className='desk-login__title'>{d.computer}</Text>
              <Text className='desk-login__line'>请求登录{CPPCC_NAME}电脑端办公平台</Text>
              <Text className='desk-login__line'>发起时间：{showDayTime(d.createdAt)}</Text>
              <Text className='desk-login__meta'>浏览器信息：{d.userAgent || '未提供'}</Text>
              {d.allowed ? <Text className='desk-login__line'>将以“{d.roleLabels.join('、')}”身份登录，只能办理您有权限的工作。</Text> : null}
              <Text className='desk-login__warn'>如果这不是您本人刚在电脑上发起的，请点“取消登录”，不要确认。</Text>
            </View>
            {d.state === 'used' ? (
              <StateView empty emptyText='这个登录码已经使用过' emptyHint='请在电脑上刷新登录码后重新扫码' />
            ) : expired ? (
              <StateView empty emptyText='登录码已过期' emptyHint='登录码 2 分钟内有效，请在电脑上刷新后重新扫码' />
            ) : !d.allowed ? (
              <StateView empty emptyText='您没有可以在电脑端办理的工作' emptyHint='电脑端供政协办公室、领导、工作室管理员和承办单位使用' />
            ) : d.state === 'pending' && !done ? (
              <View className='desk-login__actions'>
                {confirm.error ? <Banner tone='error' text={confirm.error.message} /> : null}
                {decline.error ? <Banner tone='error' text={decline.error.message} /> : null}
                <Button block type='primary' loading={confirm.pending} disabled={decline.pending} onClick={onConfirm}>
                  确认登录
                </Button>
                <Button block disabled={confirm.pending} loading={decline.pending} onClick={onDecline}>
                  取消登录
                </Button>
              </View>
            ) : (
              <Button block onClick={goBack}>
                返回
              </Button>
            )}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  )
}

/**
 * 活动签到: opened by scanning the venue code (scene = short token) it checks
 * the caller in at once (activity.checkin); without a camera (browser build)
 * or when scanning failed (opened from 活动详情 with `id`), the member types
 * the 6-digit code shown under the venue QR code (activity.checkinByCode).
 * The success screen names the activity and the check-in time (Beijing).
 */
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Button, Input } from '../../../components'
import { useMutation, navigate } from '../../../hooks'
import { showDayTime } from '../../../core/dates'
import { tokenFromScan } from './token'
import './index.scss'

type Done = { activityId: string; already: boolean; title: string; checkedInAt: string }

function DoneView({ done }: { done: Done }) {
  return (
    <View className='checkin__done' role='status'>
      <Text className='checkin__title'>{done.already ? '您已签到' : '签到成功'}</Text>
      <Text className='checkin__activity'>{done.title}</Text>
      <Text className='checkin__time'>签到时间 {showDayTime(done.checkedInAt)}</Text>
      <Button block type='primary' onClick={() => void navigate(`/pages/activity/detail/index?id=${encodeURIComponent(done.activityId)}`, { replace: true })}>
        查看活动
      </Button>
    </View>
  )
}

/** The typed-code form: 6 digits, checked by the contract's schema and the server. */
function CodeForm({ id, intro }: { id?: string; intro: string }) {
  const [code, setCode] = useState('')
  const byCode = useMutation('activity.checkinByCode')
  if (byCode.data) return <DoneView done={byCode.data} />
  const submit = () => void byCode.run(id ? { code, id } : { code }).catch(() => undefined)
  return (
    <View className='checkin__form'>
      <Text className='checkin__intro'>{intro}</Text>
      <View className='checkin__field'>
        <Text className='checkin__label'>签到码</Text>
        <Input placeholder='6 位数字' type='number' value={code} maxLength={6} onChange={(v: string) => setCode(v)} />
      </View>
      {byCode.error ? (
        <View className='checkin__error' role='alert'>
          <Text>{byCode.error.message}</Text>
        </View>
      ) : null}
      <Button block type='primary' loading={byCode.pending} disabled={byCode.pending} onClick={submit}>
        签到
      </Button>
    </View>
  )
}

const TYPE_HINT = '请输入现场签到二维码下方显示的 6 位数字签到码'

export default function ActivityCheckin() {
  const params = useRouter().params
  const token = tokenFromScan(params as Record<string, string>)
  const id = params.id ? decodeURIComponent(params.id) : undefined
  const checkin = useMutation('activity.checkin')
  const [tried, setTried] = useState(false)
  const run = () => {
    if (!token) return
    setTried(true)
    void checkin.run({ token }).catch(() => undefined)
  }
  // Check in once when the page opens with a token (a retry is the button).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(run, [token])

  return (
    <PageShell back title='活动签到'>
      {!token ? (
        <CodeForm id={id} intro={TYPE_HINT} />
      ) : checkin.data ? (
        <DoneView done={checkin.data} />
      ) : checkin.error ? (
        <>
          <StateView error={checkin.error} onRetry={run} />
          <CodeForm id={id} intro={`扫码未成功，也可以${TYPE_HINT}`} />
        </>
      ) : (
        <StateView loading={!tried || checkin.pending} loadingText='正在签到…' />
      )}
    </PageShell>
  )
}

/**
 * 活动签到: opened by scanning the venue code (scene = short token); checks
 * the caller in at once (activity.checkin) and says so, or says why not
 * (outside the window, code rotated, not registered).
 */
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Button } from '../../../components'
import { useMutation, navigate } from '../../../hooks'
import { tokenFromScan } from './token'
import './index.scss'

export default function ActivityCheckin() {
  const params = useRouter().params
  const token = tokenFromScan(params as Record<string, string>)
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
        <StateView empty emptyText='没有识别到签到码' emptyHint='请扫描活动现场展示的签到码' />
      ) : (
        <StateView loading={!tried || checkin.pending} error={checkin.error} onRetry={run} loadingText='正在签到…'>
          {checkin.data ? (
            <View className='checkin__done' role='status'>
              <Text className='checkin__title'>{checkin.data.already ? '您已签到' : '签到成功'}</Text>
              <Button block type='primary' onClick={() => void navigate(`/pages/activity/detail/index?id=${encodeURIComponent(checkin.data!.activityId)}`, { replace: true })}>
                查看活动
              </Button>
            </View>
          ) : null}
        </StateView>
      )}
    </PageShell>
  )
}

/**
 * 参会凭证: the caller's personal pass for one activity as a QR code (the
 * organiser scans it with activity.scanPass), with the code in text for
 * reading out when scanning fails, and the holder's name (roster name of a
 * bound member, else the registered name) so the organiser sees whose it is.
 */
import { useMemo } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import QRCode from 'qrcode'
import { PageShell, StateView } from '../../components'
import { useAction, useMe } from '../../hooks'
import { registrationStateLabels } from '../../core/actions/activity'
import { timeRange } from '../../pages/activity/format'
import './index.scss'

/** SVG data URI of a QR code for `text` (no canvas needed: works in the mini-program and H5). */
function qrSvg(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  let path = ''
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (qr.modules.get(x, y)) path += `M${x + 2} ${y + 2}h1v1h-1z`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size + 4} ${size + 4}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

export default function ActivityPass() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('activity.get', { id }, { enabled: !!id })
  const me = useMe()
  const holder = me.data?.member?.name ?? me.data?.displayName
  const a = detail.data
  const pass = a?.mine?.pass
  const image = useMemo(() => (pass ? qrSvg(pass) : ''), [pass])
  return (
    <PageShell back title='参会凭证'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()} empty={!!a && (!pass || a.mine?.state === 'waitlisted')} emptyText='没有可用的凭证' emptyHint='报名成功后才有参会凭证'>
        {a && pass ? (
          <View className='pass'>
            <Text className='pass__title'>{a.title}</Text>
            {holder ? <Text className='pass__holder'>持证人：{holder}</Text> : null}
            <Text className='pass__time'>{timeRange(a)}（北京时间） · {a.place}</Text>
            <Image className='pass__qr' src={image} mode='aspectFit' aria-label='参会凭证二维码' />
            <Text className='pass__code'>凭证码 {pass}</Text>
            <Text className='pass__state'>{registrationStateLabels[a.mine!.state]}</Text>
          </View>
        ) : null}
      </StateView>
    </PageShell>
  )
}

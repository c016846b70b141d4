/**
 * 活动海报 (issue 12 item 7): the activity's poster with its mini-program
 * code (activity.shareCode) drawn on a canvas (layout.ts), saved to the
 * album after the privacy agreement. Opened from the activity page's 生成分享海报.
 * In the browser build there is no album: the page shows the code to
 * screenshot instead.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text, Canvas, Image } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Button, Banner } from '../../../components'
import { useAction } from '../../../hooks'
import { requirePrivacy } from '../../../services/privacy'
import { timeRange } from '../format'
import { POSTER_HEIGHT, POSTER_WIDTH, posterLayout } from './layout'
import './index.scss'

const CANVAS_ID = 'activity-poster'

type Canvas2D = {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D
  createImage(): { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null }
}

/** The code as a file the canvas can load (weapp: written to the user data folder). */
async function codeFile(dataUrl: string): Promise<string> {
  const base64 = dataUrl.replace(/^data:image\/png;base64,/, '')
  const filePath = `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/activity-poster-code.png`
  await new Promise<void>((resolve, reject) => Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: reject }))
  return filePath
}

async function canvasNode(): Promise<Canvas2D> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true }, () => undefined)
      .exec((res: { node?: Canvas2D }[]) => (res?.[0]?.node ? resolve(res[0].node) : reject(new Error('no canvas'))))
  })
}

export default function ActivityPoster() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('activity.get', { id }, { enabled: !!id })
  const code = useAction('activity.shareCode', { id }, { enabled: !!id })
  const a = detail.data
  const canvas = useRef<Canvas2D | null>(null)
  const [drawn, setDrawn] = useState(false)
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>()
  const weapp = process.env.TARO_ENV === 'weapp'

  useEffect(() => {
    if (!weapp || !a || !code.data) return
    let cancelled = false
    void (async () => {
      try {
        const node = await canvasNode()
        const dpr = Taro.getWindowInfo?.().pixelRatio ?? 2
        node.width = POSTER_WIDTH * dpr
        node.height = POSTER_HEIGHT * dpr
        const ctx = node.getContext('2d')
        ctx.scale(dpr, dpr)
        const measure = (s: string, size: number) => {
          ctx.font = `${size}px sans-serif`
          return ctx.measureText(s).width
        }
        const layout = posterLayout({ title: a.title, when: timeRange(a), place: a.place, organiser: a.organiserName }, measure)
        ctx.fillStyle = '#ffffff'
        ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT)
        ctx.fillStyle = '#b8202a'
        ctx.fillRect(0, 0, POSTER_WIDTH, 130)
        for (const t of layout.texts) {
          ctx.fillStyle = t.color
          ctx.font = `${t.bold ? 'bold ' : ''}${t.size}px sans-serif`
          ctx.fillText(t.text, t.x, t.y)
        }
        const img = node.createImage()
        await new Promise<void>((resolve, reject) => {
          img.onload = () => resolve()
          img.onerror = reject
          void codeFile(code.data!.image).then((p) => (img.src = p), reject)
        })
        ctx.drawImage(img as unknown as CanvasImageSource, layout.code.x, layout.code.y, layout.code.size, layout.code.size)
        if (!cancelled) {
          canvas.current = node
          setDrawn(true)
        }
      } catch {
        if (!cancelled) setMessage({ tone: 'error', text: '海报生成失败，请返回重试' })
      }
    })()
    return () => {
      cancelled = true
    }
  }, [weapp, a, code.data])

  const save = async () => {
    if (!canvas.current) return
    setSaving(true)
    setMessage(undefined)
    try {
      if (!(await requirePrivacy())) {
        setMessage({ tone: 'error', text: '需要同意隐私保护指引后才能保存到相册' })
        return
      }
      const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas.current as never, fileType: 'png' } as never)
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
      setMessage({ tone: 'success', text: '海报已保存到相册，可发给朋友或发朋友圈' })
    } catch (e) {
      const denied = /auth|deny|denied/i.test(String((e as { errMsg?: string })?.errMsg ?? e))
      if (denied) {
        const answer = await Taro.showModal({ title: '无法保存到相册', content: '请在设置中允许“保存到相册”后再试', confirmText: '去设置', cancelText: '取消' })
        if (answer.confirm) void Taro.openSetting()
      } else if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) {
        setMessage({ tone: 'error', text: '保存失败，请稍后再试' })
      }
    } finally {
      setSaving(false)
    }
  }

  const error = detail.error ?? code.error
  return (
    <PageShell back title='活动海报'>
      <StateView loading={detail.loading || code.loading} error={error} onRetry={() => void (detail.reload(), code.reload())} empty={!id} emptyText='没有指定活动'>
        {a && code.data ? (
          <View className='poster'>
            <Banner tone={message?.tone ?? 'success'} text={message?.text} />
            {weapp ? (
              <>
                <Canvas type='2d' id={CANVAS_ID} className='poster__canvas' />
                <Button block type='primary' disabled={!drawn || saving} loading={saving} onClick={() => void save()}>
                  保存海报到相册
                </Button>
              </>
            ) : (
              <View className='poster__preview'>
                <Text className='poster__title'>{a.title}</Text>
                <Text className='poster__meta'>{`时间：${timeRange(a)}`}</Text>
                <Text className='poster__meta'>{`地点：${a.place}`}</Text>
                <Image className='poster__code' src={code.data.image} mode='aspectFit' />
                <Text className='poster__meta'>浏览器中不能保存到相册，请截图保存；在微信中打开可保存海报</Text>
              </View>
            )}
          </View>
        ) : null}
      </StateView>
    </PageShell>
  )
}

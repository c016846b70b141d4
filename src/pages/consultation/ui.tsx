/**
 * Small building blocks shared by the consultation pages (topic page,
 * propose, solved board, staff and department pages): single-choice chips,
 * a labelled field, an inline error, the subscription-consent request and
 * an image picker that uploads under the caller's own folder.
 */
import { useState, type ReactNode } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { topicNoticeTemplateId, topicResultLabels, type TopicResult } from '../../core/actions/topic'
import type { AppError } from '../../core/errors'
import { uploadFile } from '../../services'
import { Button } from '../../components'
import './ui.scss'
import { requirePrivacy, requestSubscription } from '../../services/privacy'

export { topicResultLabels }
export type { TopicResult }

/** Single choice among a few options, as tappable chips (≥ 44 px). */
export function Chips<T extends string>(props: { options: readonly { value: T; label: string }[]; value?: T; onChange: (v: T) => void; label?: string }) {
  return (
    <View className='cx-chips' role='radiogroup' aria-label={props.label}>
      {props.options.map((o) => (
        <View
          key={o.value}
          role='radio'
          aria-checked={o.value === props.value}
          className={`cx-chip${o.value === props.value ? ' cx-chip--active' : ''}`}
          onClick={() => props.onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

export function Field(props: { label: string; hint?: string; children: ReactNode }) {
  return (
    <View>
      <Text className='cx-label'>{props.label}</Text>
      {props.children}
      {props.hint ? <Text className='cx-hint'>{props.hint}</Text> : null}
    </View>
  )
}

export function ErrorLine(props: { error?: AppError | { message: string } }) {
  if (!props.error) return null
  return (
    <View className='cx-error' role='alert'>
      <Text>{props.error.message}</Text>
    </View>
  )
}

/**
 * Asks WeChat for consent to topic notices in the same tap (one-time
 * subscription). True when accepted; false when refused or unsupported
 * (H5, tests).
 */
export async function askConsent(): Promise<boolean> {
  try {
    if (process.env.TARO_ENV !== 'weapp') return false
    const res = await requestSubscription([topicNoticeTemplateId])
    return res[topicNoticeTemplateId] === 'accept'
  } catch {
    return false
  }
}

/** Shows a short toast; harmless where toasts are not supported. */
export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  try {
    void Taro.showToast({ title, icon })?.catch?.(() => undefined)
  } catch {
    /* not supported here */
  }
}

/**
 * Picks images and uploads each to `uploads/<openid>/<folder>/…` (the only
 * place functions accept a user's files from). Shows thumbnails; `value` are
 * file IDs.
 */
export function ImagePicker(props: { openid?: string; folder: string; value: string[]; onChange: (ids: string[]) => void; max?: number; label: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  /** Local previews of what this person picked (file ID -> local path). */
  const [local, setLocal] = useState<Record<string, string>>({})
  const max = props.max ?? 9
  const pick = async () => {
    if (!props.openid) return
    setError(undefined)
    try {
      if (!(await requirePrivacy())) return
      const chosen = await Taro.chooseImage({ count: Math.max(1, max - props.value.length), sizeType: ['compressed'] })
      setBusy(true)
      const ids: string[] = []
      for (const [i, path] of chosen.tempFilePaths.entries()) {
        const ext = /\.(png|jpe?g|webp|gif)$/i.exec(path)?.[1] ?? 'jpg'
        const { fileID } = await uploadFile(path, `uploads/${props.openid}/${props.folder}/${Date.now().toString(36)}-${i}.${ext}`)
        ids.push(fileID)
        setLocal((m) => ({ ...m, [fileID]: path }))
      }
      props.onChange([...props.value, ...ids].slice(0, max))
    } catch (e) {
      const message = (e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? ''
      if (!/cancel/i.test(message)) setError('图片上传失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <View className='cx-photos'>
        {props.value.map((id) => (
          <Image key={id} className='cx-photo' src={local[id] ?? id} mode='aspectFill' />
        ))}
      </View>
      {props.value.length < max ? (
        <Button className='cx-button' size='small' fill='outline' loading={busy} disabled={busy || !props.openid} onClick={() => void pick()}>
          {props.label}（{props.value.length}/{max}）
        </Button>
      ) : null}
      {error ? <ErrorLine error={{ message: error }} /> : null}
    </View>
  )
}

/** Photos by file ID, shown through their temporary URLs when the server gave them (the mini-program can also show cloud:// IDs directly). */
export function Photos(props: { ids: string[]; label?: string; urls?: Record<string, string> }) {
  if (props.ids.length === 0) return null
  const src = (id: string) => props.urls?.[id] ?? id
  return (
    <View>
      {props.label ? <Text className='cx-hint'>{props.label}</Text> : null}
      <View className='cx-photos'>
        {props.ids.map((id) => (
          <Image key={id} className='cx-photo' src={src(id)} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: props.ids.map(src), current: src(id) }).catch(() => undefined)} />
        ))}
      </View>
    </View>
  )
}

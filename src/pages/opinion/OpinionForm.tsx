/**
 * The 社情民意 form, for a new submission (反映 tab) and for editing an item
 * staff returned. Everything typed is saved on the device as it changes
 * (Taro storage under `draftKey`), so closing the app loses nothing; the
 * draft is cleared only when the server has accepted the submission.
 *
 * Images: chosen from the album or camera (compressed size), compressed
 * again on the phone (weapp `compressImage`; in H5 a canvas redraw of large
 * photos), uploaded at once under the
 * caller's `uploads/<OPENID>/` folder; the server checks type and size again.
 * Lengths are counted with the server's rule (src/core/text.ts): what a
 * person sees, an emoji is one.
 */
import { subscriptionTemplates } from '../../core/templates'
import { useEffect, useMemo, useRef, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { OPINION_LIMITS, opinionNotifySteps } from '../../core/actions/opinion'
import { clampCharacters, cleanText, countCharacters } from '../../core/text'
import type { AppError } from '../../core/errors'
import { Button, Input, StateView } from '../../components'
import { useAction, useMe } from '../../hooks'
import { AppError as ClientError, uploadFile } from '../../services'
import { ImageStrip, clearDraft, emptyDraft, loadDraft, saveDraft, type OpinionDraft } from './parts'
import './OpinionForm.scss'
import { requirePrivacy, requestSubscription } from '../../services/privacy'

/** Subscription template for progress notices (src/core/templates.ts; the function sends with the same id). */
export const OPINION_TEMPLATE_ID = subscriptionTemplates.opinionProgress
const IMAGE_TYPES: Record<string, string> = { 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic' }

export interface OpinionFormValues {
  title: string
  categoryId: string
  content: string
  place?: string
  images: string[]
  contactPhone?: string
  anonymous: boolean
  mayPublish: boolean
  notify: (typeof opinionNotifySteps)[number][]
}

export interface OpinionFormProps {
  draftKey: string
  /** Starting values when there is no saved draft (editing a returned item). */
  initial?: Partial<OpinionDraft>
  /** Editing: anonymity was chosen at submission and cannot change. */
  lockAnonymous?: boolean
  submitText: string
  pending: boolean
  error?: AppError
  onSubmit: (values: OpinionFormValues) => Promise<boolean>
}

/** Longest side (px) of an image after the phone compresses it. */
const MAX_SIDE = 1600
/** Images below this size and within MAX_SIDE go up as they are (bytes). */
const COMPRESS_ABOVE = 512 * 1024

/**
 * H5 only (WeChat has `compressImage`): redraws a large photo on a canvas as
 * JPEG (quality 0.8, longest side 1600 px). Returns the original on any
 * problem; the server checks type and size again either way.
 */
async function compressInBrowser(url: string, size: number): Promise<{ body: string | Blob; type?: string }> {
  if (typeof document === 'undefined' || typeof window === 'undefined') return { body: url }
  try {
    const img = new window.Image()
    img.src = url
    await img.decode()
    const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
    if (scale === 1 && size <= COMPRESS_ABOVE) return { body: url }
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(img.naturalWidth * scale)
    canvas.height = Math.round(img.naturalHeight * scale)
    const context = canvas.getContext('2d')
    if (!context) return { body: url }
    context.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
    return blob ? { body: blob, type: 'image/jpeg' } : { body: url }
  } catch {
    return { body: url }
  }
}

function randomPart(): string {
  return Math.random().toString(36).slice(2, 10)
}

export function OpinionForm(props: OpinionFormProps) {
  const me = useMe()
  const categories = useAction('opinion.categories', {})
  const [draft, setDraft] = useState<OpinionDraft>(() => loadDraft(props.draftKey) ?? { ...emptyDraft, ...props.initial })
  const [restored] = useState(() => Boolean(loadDraft(props.draftKey)?.savedAt))
  const [uploading, setUploading] = useState(0)
  const [uploadError, setUploadError] = useState<string | undefined>()
  const first = useRef(true)

  // Autosave every change (the first render only reads).
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    saveDraft(props.draftKey, draft)
  }, [draft, props.draftKey])

  const set = <K extends keyof OpinionDraft>(key: K, value: OpinionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const titleCount = useMemo(() => countCharacters(cleanText(draft.title)), [draft.title])
  const contentCount = useMemo(() => countCharacters(cleanText(draft.content, { multiline: true })), [draft.content])

  const pickImages = async () => {
    setUploadError(undefined)
    const room = OPINION_LIMITS.images - draft.images.length
    if (room <= 0) {
      setUploadError(`最多上传 ${OPINION_LIMITS.images} 张图片`)
      return
    }
    const openid = me.data?.openid
    if (!openid) {
      setUploadError('正在识别身份，请稍后再试')
      return
    }
    let chosen: Taro.chooseImage.SuccessCallbackResult
    try {
      if (!(await requirePrivacy())) return
      chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    } catch {
      return // cancelled
    }
    const files = chosen.tempFiles ?? chosen.tempFilePaths.map((path) => ({ path, size: 0 }))
    setUploading((n) => n + files.length)
    for (const file of files.slice(0, room)) {
      try {
        let body: string | Blob = file.path
        let type = (file as { type?: string; originalFileObj?: { type?: string } }).originalFileObj?.type ?? (file as { type?: string }).type ?? ''
        if (process.env.TARO_ENV === 'weapp') {
          try {
            body = (await Taro.compressImage({ src: file.path, quality: 70 })).tempFilePath
          } catch {
            /* keep the picker's compressed copy */
          }
        } else {
          const compressed = await compressInBrowser(file.path, file.size)
          body = compressed.body
          type = compressed.type ?? type
        }
        const bytes = typeof body === 'string' ? file.size : body.size
        if (bytes > OPINION_LIMITS.imageBytes) throw new ClientError('FILE.TOO_LARGE', '图片不能超过 10 MB，请压缩后重新上传')
        const ext = IMAGE_TYPES[type] ?? (/\.(png|gif|webp|heic)$/i.exec(file.path)?.[1]?.toLowerCase() || 'jpg')
        const { fileID } = await uploadFile(body, `uploads/${openid}/opinion/${Date.now()}-${randomPart()}.${ext}`)
        setDraft((d) => ({ ...d, images: [...d.images, { fileID, preview: file.path }].slice(0, OPINION_LIMITS.images) }))
      } catch (e) {
        setUploadError((e as Error).message || '图片上传失败，请重试')
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  const submit = async () => {
    let notify: OpinionFormValues['notify'] = []
    if (draft.notify) {
      notify = [...opinionNotifySteps]
      if (process.env.TARO_ENV === 'weapp') {
        try {
          const answer = await requestSubscription([OPINION_TEMPLATE_ID])
          if (answer[OPINION_TEMPLATE_ID] !== 'accept') notify = []
        } catch {
          notify = []
        }
      }
    }
    const ok = await props.onSubmit({
      title: draft.title,
      categoryId: draft.categoryId,
      content: draft.content,
      ...(draft.place.trim() ? { place: draft.place } : {}),
      images: draft.images.map((i) => i.fileID),
      ...(draft.contactPhone.trim() && !draft.anonymous ? { contactPhone: draft.contactPhone } : {}),
      anonymous: draft.anonymous,
      mayPublish: draft.mayPublish,
      notify
    })
    if (ok) clearDraft(props.draftKey)
  }

  const toggle = (key: 'anonymous' | 'mayPublish' | 'notify', label: string, hint: string, disabled = false) => (
    <View
      className={`op-form__toggle${draft[key] ? ' op-form__toggle--on' : ''}${disabled ? ' op-form__toggle--disabled' : ''}`}
      role='switch'
      aria-checked={draft[key]}
      aria-label={label}
      onClick={() => !disabled && set(key, !draft[key])}
    >
      <View className='op-form__toggle-text'>
        <Text className='op-form__toggle-label'>{label}</Text>
        <Text className='op-form__hint'>{hint}</Text>
      </View>
      <Text className='op-form__toggle-state'>{draft[key] ? '是' : '否'}</Text>
    </View>
  )

  return (
    <View className='op-form'>
      {restored ? (
        <View className='op-form__restored' role='status'>
          <Text>已恢复上次未提交的草稿</Text>
        </View>
      ) : null}

      <Text className='op-form__label'>标题</Text>
      <Input className='op-form__input' placeholder='一句话说明反映的问题' value={draft.title} onChange={(v: string) => set('title', clampCharacters(v, OPINION_LIMITS.titleMax))} />
      <Text className={`op-form__count${titleCount > OPINION_LIMITS.titleMax ? ' op-form__count--over' : ''}`}>{titleCount}/{OPINION_LIMITS.titleMax}</Text>

      <Text className='op-form__label'>类别</Text>
      <StateView loading={categories.loading} error={categories.error} onRetry={() => void categories.reload()} loadingText='正在加载类别…'>
        <View className='op-form__chips' role='radiogroup' aria-label='类别'>
          {(categories.data?.items ?? []).map((c) => (
            <View key={c.id} role='radio' aria-checked={draft.categoryId === c.id} className={`op-form__chip${draft.categoryId === c.id ? ' op-form__chip--on' : ''}`} onClick={() => set('categoryId', c.id)}>
              <Text>{c.name}</Text>
            </View>
          ))}
        </View>
      </StateView>

      <Text className='op-form__label'>内容</Text>
      <Textarea
        className='op-form__textarea'
        placeholder={`请写清问题的时间、地点、现状和您的建议（至少 ${OPINION_LIMITS.contentMin} 个字）`}
        value={draft.content}
        maxlength={-1}
        autoHeight
        onInput={(e) => set('content', clampCharacters(e.detail.value, OPINION_LIMITS.contentMax))}
      />
      <Text className={`op-form__count${contentCount > OPINION_LIMITS.contentMax ? ' op-form__count--over' : ''}`}>{contentCount}/{OPINION_LIMITS.contentMax}</Text>

      <Text className='op-form__label'>地点（选填）</Text>
      <Input className='op-form__input' placeholder='如：阜新镇新民大街' value={draft.place} onChange={(v: string) => set('place', clampCharacters(v, OPINION_LIMITS.placeMax))} />

      <Text className='op-form__label'>
        图片（选填，最多 {OPINION_LIMITS.images} 张，已选 {draft.images.length} 张）
      </Text>
      <ImageStrip urls={draft.images.map((i) => i.preview)} onRemove={(index) => set('images', draft.images.filter((_, i) => i !== index))} />
      {draft.images.length < OPINION_LIMITS.images ? (
        <View className='op-form__add-image' role='button' aria-label='添加图片' onClick={() => void pickImages()}>
          <Text>{uploading > 0 ? `正在上传 ${uploading} 张…` : '+ 添加图片'}</Text>
        </View>
      ) : null}
      {uploadError ? (
        <View className='op-form__error' role='alert'>
          <Text>{uploadError}</Text>
        </View>
      ) : null}

      {toggle('anonymous', '匿名反映', props.lockAnonymous ? '提交时已选择，不能更改' : '匿名时任何人都看不到您的身份，也不能留联系电话', props.lockAnonymous)}
      {!draft.anonymous ? (
        <>
          <Text className='op-form__label'>{props.lockAnonymous ? '联系电话（留空则保留原来的电话）' : '联系电话（选填，仅工作人员可见）'}</Text>
          <Input className='op-form__input' type='tel' placeholder='便于工作人员回访' value={draft.contactPhone} maxLength={13} onChange={(v: string) => set('contactPhone', v)} />
        </>
      ) : null}
      {toggle('mayPublish', '同意公开', '同意后可编入《社情民意》专刊')}
      {toggle('notify', '接收进展通知', '通过微信服务通知告诉您每一步进展')}

      {props.error ? (
        <View className='op-form__error' role='alert'>
          <Text>{props.error.message}</Text>
        </View>
      ) : null}
      <Button block type='primary' className='op-form__submit' loading={props.pending} disabled={props.pending || uploading > 0} onClick={() => void submit()}>
        {props.submitText}
      </Button>
      <Text className='op-form__hint op-form__saved'>{draft.savedAt || restored ? '草稿已自动保存在本机' : '填写内容会自动保存在本机'}</Text>
    </View>
  )
}

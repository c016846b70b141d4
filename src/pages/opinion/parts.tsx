/**
 * Pieces the 社情民意 pages share (the submitter's pages here and the staff
 * pages in the staff subpackage): the status chip, the public timeline, the
 * image strip, and the draft store.
 */
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OpinionTimelineEntry } from '../../core/actions/opinion'
import type { OpinionState } from '../../core/states'
import { showDayTime } from '../../core/dates'
import './parts.scss'

const tone: Record<OpinionState, string> = {
  submitted: 'info',
  in_review: 'info',
  returned: 'warn',
  merged: 'muted',
  rejected: 'muted',
  adopted: 'good',
  published: 'good',
  reported_up: 'good'
}

/** The submitter-facing status (e.g. 已编入第3期) as a coloured chip. */
export function StatusChip({ state, label }: { state: OpinionState; label: string }) {
  return (
    <Text className={`op-chip op-chip--${tone[state]}`} aria-label={`状态：${label}`}>
      {label}
    </Text>
  )
}

/** Every public step with its Beijing time and note (reason, what to change). */
export function Timeline({ entries }: { entries: OpinionTimelineEntry[] }) {
  return (
    <View className='op-timeline' role='list' aria-label='办理进度'>
      {entries.map((t, i) => (
        <View key={`${t.step}-${i}`} role='listitem' className={`op-timeline__item${i === entries.length - 1 ? ' op-timeline__item--last' : ''}`}>
          <View className='op-timeline__dot' />
          <View className='op-timeline__body'>
            <Text className='op-timeline__label'>{t.label}</Text>
            <Text className='op-timeline__time'>{showDayTime(t.at)}</Text>
            {t.note ? <Text className='op-timeline__note'>{t.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/** Thumbnails; tap opens the full-size preview. */
export function ImageStrip({ urls, onRemove }: { urls: string[]; onRemove?: (index: number) => void }) {
  if (!urls.length) return null
  return (
    <View className='op-images'>
      {urls.map((url, i) => (
        <View key={`${url}-${i}`} className='op-images__cell'>
          <Image className='op-images__img' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)} />
          {onRemove ? (
            <View className='op-images__remove' role='button' aria-label={`删除第 ${i + 1} 张图片`} onClick={() => onRemove(i)}>
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** What the submit form keeps on the device while the person writes. */
export interface OpinionDraft {
  title: string
  categoryId: string
  content: string
  place: string
  /** Uploaded images: fileID for the server, preview for the screen. */
  images: { fileID: string; preview: string }[]
  contactPhone: string
  anonymous: boolean
  mayPublish: boolean
  notify: boolean
  /** ms since epoch of the last save. */
  savedAt?: number
}

export const emptyDraft: OpinionDraft = { title: '', categoryId: '', content: '', place: '', images: [], contactPhone: '', anonymous: false, mayPublish: true, notify: true }

/** Storage key of the new-submission draft (Taro storage: survives closing the app). */
export const DRAFT_KEY = 'cppcc.opinion.draft.v1'

export function loadDraft(key: string): OpinionDraft | null {
  try {
    const raw = Taro.getStorageSync(key) as unknown
    if (!raw) return null
    const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<OpinionDraft>
    return { ...emptyDraft, ...value, images: Array.isArray(value.images) ? value.images : [] }
  } catch {
    return null
  }
}

export function saveDraft(key: string, draft: OpinionDraft): void {
  try {
    Taro.setStorageSync(key, JSON.stringify({ ...draft, savedAt: Date.now() }))
  } catch {
    /* storage full or unavailable: the form still works */
  }
}

export function clearDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    /* nothing to clear */
  }
}

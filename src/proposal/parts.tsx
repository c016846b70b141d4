/**
 * Pieces the 提案 pages share: the state chip, the timeline (every step with
 * its Beijing date and who acted, by name), date wording (the year only when
 * it is not the current Beijing year), the ask-first dialog for
 * irreversible steps, file picking/uploading, and the device draft store.
 */
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProposalTimelineEntry, ProposalUnitView } from '../core/actions/proposal'
import type { ProposalState } from '../core/states'
import { beijing } from '../core/time'
import { showCalendarDay, showDay, showDayTime } from '../core/dates'
import { askFirst as ask } from '../components/askFirst'
import { subscriptionTemplates } from '../core/templates'
import { AppError, uploadFile } from '../services'
import './parts.scss'
import { requestSubscription } from '../services/privacy'
import { pickFile, type PickedFile } from '../services/pick-file'
import { fileExtension } from '../core/file-name'

const tone: Record<ProposalState, string> = {
  draft: 'muted',
  cosigning: 'info',
  submitted: 'info',
  returned: 'warn',
  filed: 'good',
  not_filed: 'muted',
  merged: 'muted',
  withdrawn: 'muted',
  assigned: 'info',
  replied: 'good',
  rehandling: 'warn',
  closed: 'good'
}

/** The proposal's state in Chinese (the server's label) as a coloured chip. */
export function StateChip({ state, label }: { state: ProposalState; label: string }) {
  return (
    <Text className={`pp-chip pp-chip--${tone[state]}`} aria-label={`状态：${label}`}>
      {label}
    </Text>
  )
}

/**
 * An instant (ISO, UTC) as a Beijing date and time in the app's one form
 * (src/core/dates.ts): `今天 14:20`, `3月5日 14:20`, `2025年3月5日 14:20`;
 * `withTime: false` drops the time.
 */
export function formatInstant(instant: string, withTime = true): string {
  return withTime ? showDayTime(instant) : showDay(instant)
}

/** A Beijing day `YYYY-MM-DD` (a deadline) in the app's one form (see {@link showCalendarDay}). */
export function formatDay(day: string): string {
  return showCalendarDay(day)
}

/** Today's Beijing date `YYYY-MM-DD` (the date picker's lower bound). */
export function todayBeijing(): string {
  return beijing().format('YYYY-MM-DD')
}

/** Every step with its Beijing date, who acted (by name) and its note. */
export function Timeline({ entries }: { entries: ProposalTimelineEntry[] }) {
  return (
    <View className='pp-timeline' role='list' aria-label='办理进度'>
      {entries.map((t, i) => (
        <View key={`${t.step}-${i}`} role='listitem' className='pp-timeline__item'>
          <View className='pp-timeline__dot' />
          <View className='pp-timeline__body'>
            <Text className='pp-timeline__label'>{t.label}</Text>
            <Text className='pp-timeline__time'>
              {formatInstant(t.at)}
              {t.by ? ` · ${t.by}` : ''}
            </Text>
            {t.note ? <Text className='pp-timeline__note'>{t.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}

/**
 * Asks before an irreversible step, naming it: `确定不予立案？` with the
 * step as the confirm button and 再想想. Resolves true only on confirm.
 */
export async function askFirst(action: string, content?: string): Promise<boolean> {
  return ask({ question: `确定${action}？`, confirm: action, detail: content })
}

export type { PickedFile }

/**
 * Picks one document (PDF, Word or image) with its own file name: from a
 * WeChat chat in the mini-program, a file input in the browser build
 * (services/pick-file.ts). Null when cancelled.
 */
export function pickDocument(): Promise<PickedFile | null> {
  return pickFile({ extensions: ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png'], fallbackName: '附件' })
}

/**
 * Uploads a picked file under the caller's own folder (`uploads/<OPENID>/proposal/…`;
 * the server copies it to a neutral folder). Refuses files over `maxBytes` before sending.
 */
export async function uploadDocument(file: PickedFile, openid: string, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) throw new AppError('FILE.TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`)
  const ext = fileExtension(file.name, fileExtension(file.path, 'jpg'))
  const random = Math.random().toString(36).slice(2, 10)
  const { fileID } = await uploadFile(file.path, `uploads/${openid}/proposal/${Date.now()}-${random}.${ext}`)
  return fileID
}

/** Storage of a form's draft on the device (Taro storage survives closing the app). */
export function loadLocal<T>(key: string): T | null {
  try {
    const raw = Taro.getStorageSync(key) as unknown
    if (!raw) return null
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
  } catch {
    return null
  }
}

export function saveLocal(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value))
  } catch {
    /* storage full or unavailable: the form still works */
  }
}

export function clearLocal(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    /* nothing to clear */
  }
}

/** Chips acting as a single choice (role radiogroup). */
export function Choice<T extends string>(props: { label: string; options: readonly T[]; labels: Record<T, string>; value?: T; onChange: (v: T) => void }) {
  return (
    <View className='pp-chips' role='radiogroup' aria-label={props.label}>
      {props.options.map((o) => (
        <View key={o} role='radio' aria-checked={props.value === o} className={`pp-chip-pick${props.value === o ? ' pp-chip-pick--on' : ''}`} onClick={() => props.onChange(o)}>
          <Text>{props.labels[o]}</Text>
        </View>
      ))}
    </View>
  )
}

/** A unit's part in one line: role, status, deadline and the overdue mark. */
export function UnitLine({ unit }: { unit: Pick<ProposalUnitView, 'name' | 'roleLabel' | 'statusLabel' | 'deadline' | 'overdue'> }) {
  return (
    <Text>
      {unit.name}（{unit.roleLabel}）· {unit.statusLabel} · 办理期限 {formatDay(unit.deadline)}
      {unit.overdue ? <Text className='pp-overdue'>已超期</Text> : null}
    </Text>
  )
}


/**
 * Consent to progress notices (decision 31): when the person wants them, the
 * mini-program asks WeChat for the `proposalProgress` subscription; true only
 * when it was accepted (elsewhere: the wish as it is).
 */
export async function askNotify(wanted: boolean): Promise<boolean> {
  if (!wanted) return false
  if (process.env.TARO_ENV !== 'weapp') return true
  const tmpl = subscriptionTemplates.proposalProgress
  try {
    const answer = await requestSubscription([tmpl])
    return answer[tmpl] === 'accept'
  } catch {
    return false
  }
}

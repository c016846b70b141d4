/**
 * MemberPicker: choose people from the roster by typing a part of the name
 * (issue 14 item 4: never by typing member numbers). A search box, hits with
 * name and sector (and 专委会), chosen people as removable tags, and the
 * loading / empty / error-with-retry states. Ids never show: a hit is shown
 * by name and sector only; `memberId` is what the caller sends on.
 *
 * The search itself is the caller's (`search`), so each page uses the action
 * its people may call: organisers `user.searchRoster`, proposers
 * `proposal.searchMembers`. Typing searches after a short pause
 * ({@link SEARCH_PAUSE_MS}); 查找 searches at once.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { clampCharacters, cleanText } from '../core/text'
import { toAppError } from '../services'
import { Button, Input } from './nut'
import './MemberPicker.scss'

/** One person to pick: roster id (sent, never shown), name, sector, special committee. */
export interface MemberPick {
  memberId: string
  name: string
  sector: string
  specialCommittee?: string
}

/** Pause after the last keystroke before searching (ms). */
export const SEARCH_PAUSE_MS = 400

export interface MemberPickerProps {
  /** What the people are for, e.g. 特邀委员; heads the box and names the field for screen readers. */
  label: string
  /** Finds people whose name contains the text (the text is already trimmed, 1-20 characters). */
  search: (name: string) => Promise<MemberPick[]>
  /** Chosen people, in the order chosen. */
  value: MemberPick[]
  onChange: (next: MemberPick[]) => void
  /** At most this many may be chosen; the message when more are picked. */
  max?: number
  maxMessage?: string
  /** A line under the label (what choosing does). */
  hint?: string
  placeholder?: string
}

type Found = { state: 'idle' } | { state: 'loading'; text: string } | { state: 'done'; text: string; hits: MemberPick[] } | { state: 'error'; text: string; message: string }

export function MemberPicker({ label, search, value, onChange, max, maxMessage, hint, placeholder = '输入姓名查找' }: MemberPickerProps) {
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Found>({ state: 'idle' })
  const [notice, setNotice] = useState<string | undefined>()
  const seq = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>()

  const run = async (raw: string) => {
    const text = cleanText(raw)
    const mine = ++seq.current
    if (!text) {
      setFound({ state: 'idle' })
      return
    }
    setFound({ state: 'loading', text })
    try {
      const hits = await search(text)
      if (mine === seq.current) setFound({ state: 'done', text, hits })
    } catch (e) {
      if (mine === seq.current) setFound({ state: 'error', text, message: toAppError(e).message })
    }
  }

  useEffect(() => () => clearTimeout(timer.current), [])

  const type = (v: string) => {
    const next = clampCharacters(v, 20)
    setQuery(next)
    setNotice(undefined)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void run(next), SEARCH_PAUSE_MS)
  }
  const searchNow = () => {
    clearTimeout(timer.current)
    void run(query)
  }

  const chosen = new Set(value.map((p) => p.memberId))
  const pick = (hit: MemberPick) => {
    if (chosen.has(hit.memberId)) return
    if (max !== undefined && value.length >= max) {
      setNotice(maxMessage ?? `最多选择 ${max} 位`)
      return
    }
    setNotice(undefined)
    onChange([...value, hit])
  }
  const remove = (hit: MemberPick) => {
    setNotice(undefined)
    onChange(value.filter((p) => p.memberId !== hit.memberId))
  }
  const meta = (p: MemberPick) => [p.sector, p.specialCommittee].filter(Boolean).join(' · ')

  return (
    <View className='member-picker'>
      <Text className='member-picker__label'>{label}</Text>
      {hint ? <Text className='member-picker__hint'>{hint}</Text> : null}
      {value.length ? (
        <View className='member-picker__chosen' aria-label={`已选${label}`}>
          {value.map((p) => (
            <View key={p.memberId} className='member-picker__tag' role='button' aria-label={`移除${p.name}`} onClick={() => remove(p)}>
              <Text>{p.name}</Text>
              <Text className='member-picker__tag-x'>×</Text>
            </View>
          ))}
          <Text className='member-picker__count'>已选 {value.length} 位</Text>
        </View>
      ) : null}
      <View className='member-picker__search'>
        <Input className='member-picker__input' aria-label={`查找${label}`} placeholder={placeholder} value={query} onChange={type} onConfirm={searchNow} />
        <Button size='small' type='primary' fill='outline' onClick={searchNow}>
          查找
        </Button>
      </View>
      {notice ? (
        <View className='member-picker__notice' role='alert'>
          <Text>{notice}</Text>
        </View>
      ) : null}
      {found.state === 'loading' ? (
        <View className='member-picker__state' role='status'>
          <Text>正在查找…</Text>
        </View>
      ) : null}
      {found.state === 'error' ? (
        <View className='member-picker__state member-picker__state--error' role='alert'>
          <Text>{found.message}</Text>
          <Button size='small' fill='outline' onClick={() => void run(found.text)}>
            重试
          </Button>
        </View>
      ) : null}
      {found.state === 'done' && !found.hits.length ? <Text className='member-picker__state'>{`没有找到姓名含“${found.text}”的委员`}</Text> : null}
      {found.state === 'done' && found.hits.length ? (
        <View className='member-picker__hits' role='list'>
          {found.hits.map((h) => {
            const on = chosen.has(h.memberId)
            return (
              <View
                key={h.memberId}
                role='listitem'
                aria-label={on ? `${h.name}（已选）` : `选择${h.name}`}
                className={`member-picker__hit${on ? ' member-picker__hit--on' : ''}`}
                onClick={() => (on ? remove(h) : pick(h))}
              >
                <View className='member-picker__hit-main'>
                  <Text className='member-picker__hit-name'>{h.name}</Text>
                  <Text className='member-picker__hit-meta'>{meta(h)}</Text>
                </View>
                <Text className='member-picker__hit-act'>{on ? '已选' : '选择'}</Text>
              </View>
            )
          })}
        </View>
      ) : null}
    </View>
  )
}

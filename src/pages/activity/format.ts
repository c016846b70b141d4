/** Display helpers shared by the activity pages: every time shown in Beijing time. */
import type { ActivitySummary } from '../../core/actions/activity'
import { activityTypeLabels, audienceLabels, activityTemplates } from '../../core/actions/activity'
import { formatBeijing } from '../../core/time'
import type { ActivityState } from '../../core/states'
import { requestSubscription } from '../../services/privacy'

export const activityStateLabels: Record<ActivityState, string> = {
  draft: '草稿',
  published: '报名中',
  registration_closed: '报名已截止',
  checkin_open: '签到中',
  ended: '已结束',
  finalized: '已归档',
  cancelled: '已取消',
  postponed: '已延期'
}

/** `3月5日 09:00-11:00` in Beijing time (the date repeated when it spans days). */
export function timeRange(a: Pick<ActivitySummary, 'startAt' | 'endAt'>): string {
  const sameDay = formatBeijing(a.startAt, 'YYYY-MM-DD') === formatBeijing(a.endAt, 'YYYY-MM-DD')
  return `${formatBeijing(a.startAt, 'M月D日 HH:mm')}-${formatBeijing(a.endAt, sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`
}

/** Check-in window in Beijing time; the end repeats the date when it falls on another day. */
export function windowText(a: { checkinStartAt: string; checkinEndAt: string }): string {
  const sameDay = formatBeijing(a.checkinStartAt, 'YYYY-MM-DD') === formatBeijing(a.checkinEndAt, 'YYYY-MM-DD')
  return `${formatBeijing(a.checkinStartAt, 'M月D日 HH:mm')} 至 ${formatBeijing(a.checkinEndAt, sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`
}

/** `已报 8/20 · 候补 2`, or `不限名额` when capacity is 0. */
export function seatsText(a: Pick<ActivitySummary, 'capacity' | 'registeredCount' | 'waitlistCount' | 'required'>): string {
  if (a.required) return '受邀参加'
  const base = a.capacity === 0 ? `已报 ${a.registeredCount} 人 · 不限名额` : `已报 ${a.registeredCount}/${a.capacity}`
  return a.waitlistCount > 0 ? `${base} · 候补 ${a.waitlistCount}` : base
}

export function typeLabel(a: Pick<ActivitySummary, 'type'>): string {
  return activityTypeLabels[a.type]
}

export function audienceLabel(a: Pick<ActivitySummary, 'audience'>): string {
  return audienceLabels[a.audience]
}

/**
 * Asks for the subscription-message consent in the same tap as sign-up.
 * Resolves true when the person accepted at least the reminder; false where
 * the platform has no such dialog (H5) or they declined.
 */
export async function askConsent(): Promise<boolean> {
  try {
    const ids = [activityTemplates.reminder, activityTemplates.change, activityTemplates.promoted]
    const res = await requestSubscription(ids)
    return ids.some((id) => res?.[id] === 'accept')
  } catch {
    return false
  }
}

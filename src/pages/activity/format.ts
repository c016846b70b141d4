/** Display helpers shared by the activity pages: every time shown in Beijing time. */
import type { ActivitySummary } from '../../core/actions/activity'
import { activityTypeLabels, audienceLabels, activityTemplates } from '../../core/actions/activity'
import { showRange } from '../../core/dates'
import { requestSubscription } from '../../services/privacy'

export { activityStateLabels } from '../../core/states'

/** `3月5日 09:00-11:00` in Beijing time (the date repeated when it spans days; src/core/dates.ts). */
export function timeRange(a: Pick<ActivitySummary, 'startAt' | 'endAt'>): string {
  return showRange(a.startAt, a.endAt)
}

/** Check-in window in Beijing time, written like {@link timeRange}. */
export function windowText(a: { checkinStartAt: string; checkinEndAt: string }): string {
  return showRange(a.checkinStartAt, a.checkinEndAt)
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

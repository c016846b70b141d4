/**
 * Timers of the `activity` function: reminders before the start.
 */
import { formatBeijing } from '../../src/core/time'
import type { SystemContext } from '../_shared/define-function'
import { findAll } from '../_shared/db'
import { sendNotice, type ActivityDocument, type RegistrationDocument } from './engine'

/** Reminders go out this long before the start (ms). */
export const REMIND_AHEAD_MS = 24 * 3600_000

/**
 * Every 10 minutes: for published activities starting within
 * REMIND_AHEAD_MS, sends one reminder to each registration that
 * consented. "Once" is held by a conditional update per registration
 * (`remindedAt: null` -> now) before the send, so overlapping runs
 * never send twice.
 */
export async function remind({ db, cloud, now }: SystemContext) {
  const _ = db.command
  const due = await findAll<ActivityDocument>(db, 'activities', {
    state: 'published',
    // Not while the content check holds its text (unlisted): reminders quote the title (decision 37).
    listed: true,
    startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_AHEAD_MS)))
  })
  let sent = 0
  for (const a of due) {
    const regs = await findAll<RegistrationDocument>(db, 'registrations', {
      activityId: a._id,
      consented: true,
      state: _.in(['registered', 'notified', 'confirmed', 'leave_denied']),
      remindedAt: null
    })
    for (const r of regs) {
      if (!r.openid) continue
      const claim = (await db.collection('registrations').where({ _id: r._id, remindedAt: null }).update({ data: { remindedAt: now } })) as { stats?: { updated?: number } }
      if ((claim.stats?.updated ?? 0) !== 1) continue
      if (await sendNotice(cloud, r.openid, 'reminder', a, `活动将于${formatBeijing(a.startAt, 'M月D日 HH:mm')}开始`, db)) sent++
    }
    await db.collection('activities').doc(a._id).update({ data: { remindedAt: now } })
  }
  return { activities: due.length, sent }
}

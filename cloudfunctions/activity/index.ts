/**
 * Cloud function `activity`: the activity engine's actions (issue 5). Rules
 * per action: src/core/actions/activity.ts; shared engine: ./engine.ts.
 * Use cases by sub-journey: read.ts (lists, detail, mine), manage.ts
 * (create, update, publish, cancel, postpone), signup.ts (sign-up, cancel,
 * waitlist promotion), invite.ts (confirm, leave), checkin.ts (venue code,
 * check-in, marking, finalize), roster.ts (registration list, export),
 * remind.ts (timer), share.ts (the share poster's code).
 *
 * Every mutation but sign-up and the venue code answers a retry (same
 * requestId) with its first answer (_shared/first-answer.ts, decision 35);
 * sign-up's own transaction keeps it once (a retry answers `already`), and
 * the venue code is a fresh image each time (a retry only rotates it again).
 *
 * Ledger lines (decision 93): check-in, marking and leave decisions write
 * their line inside their own transaction; cancel, cancelSignup and
 * finalize (many registrations, or none with a line) sync after the source
 * (`afterSource`); the `ledger` repair timer covers both.
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { afterSource } from '../_shared/ledger'
import { checkin, checkinByCode, checkinCode, finalize, mark, scanPass } from './checkin'
import { confirm, decideLeave, requestLeave } from './invite'
import { cancel, create, postpone, publish, update } from './manage'
import { getDetail, listActivities, mine } from './read'
import { remind } from './remind'
import { exportRegistrations, registrations } from './roster'
import { shareCode } from './share'
import { cancelSignup, signup } from './signup'

export const main = defineFunction(
  'activity',
  {
    'activity.list': listActivities,
    'activity.get': getDetail,
    'activity.create': firstAnswer('activity.create', create),
    'activity.update': firstAnswer('activity.update', update),
    'activity.publish': firstAnswer('activity.publish', publish),
    'activity.cancel': afterSource(firstAnswer('activity.cancel', cancel), 'activity', (i) => i.id),
    'activity.postpone': firstAnswer('activity.postpone', postpone),
    'activity.signup': signup,
    'activity.cancelSignup': afterSource(firstAnswer('activity.cancelSignup', cancelSignup), 'activity', (i) => i.id),
    'activity.confirm': firstAnswer('activity.confirm', confirm),
    'activity.requestLeave': firstAnswer('activity.requestLeave', requestLeave),
    'activity.decideLeave': firstAnswer('activity.decideLeave', decideLeave),
    'activity.checkinCode': checkinCode,
    'activity.shareCode': shareCode,
    'activity.checkin': firstAnswer('activity.checkin', checkin),
    'activity.checkinByCode': firstAnswer('activity.checkinByCode', checkinByCode),
    'activity.scanPass': firstAnswer('activity.scanPass', scanPass),
    'activity.mark': firstAnswer('activity.mark', mark),
    'activity.finalize': afterSource(firstAnswer('activity.finalize', finalize), 'activity', (i) => i.id),
    'activity.mine': mine,
    'activity.registrations': registrations,
    'activity.export': firstAnswer('activity.export', exportRegistrations)
  },
  {
    timers: {
      /** Every 10 minutes: reminders before the start (remind.ts). */
      remind
    }
  }
)

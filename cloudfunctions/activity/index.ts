/**
 * Cloud function `activity`: the activity engine's actions (issue 5). Rules
 * per action: src/core/actions/activity.ts; shared engine: ./engine.ts.
 * Use cases by sub-journey: read.ts (lists, detail, mine), manage.ts
 * (create, update, publish, cancel, postpone), signup.ts (sign-up, cancel,
 * waitlist promotion), invite.ts (confirm, leave), checkin.ts (venue code,
 * check-in, marking, finalize), roster.ts (registration list, export),
 * remind.ts (timer).
 */
import { defineFunction } from '../_shared/define-function'
import { checkin, checkinCode, finalize, mark, scanPass } from './checkin'
import { confirm, decideLeave, requestLeave } from './invite'
import { cancel, create, postpone, publish, update } from './manage'
import { getDetail, listActivities, mine } from './read'
import { remind } from './remind'
import { exportRegistrations, registrations } from './roster'
import { cancelSignup, signup } from './signup'

export const main = defineFunction(
  'activity',
  {
    'activity.list': listActivities,
    'activity.get': getDetail,
    'activity.create': create,
    'activity.update': update,
    'activity.publish': publish,
    'activity.cancel': cancel,
    'activity.postpone': postpone,
    'activity.signup': signup,
    'activity.cancelSignup': cancelSignup,
    'activity.confirm': confirm,
    'activity.requestLeave': requestLeave,
    'activity.decideLeave': decideLeave,
    'activity.checkinCode': checkinCode,
    'activity.checkin': checkin,
    'activity.scanPass': scanPass,
    'activity.mark': mark,
    'activity.finalize': finalize,
    'activity.mine': mine,
    'activity.registrations': registrations,
    'activity.export': exportRegistrations
  },
  {
    timers: {
      /** Every 10 minutes: reminders before the start (remind.ts). */
      remind
    }
  }
)

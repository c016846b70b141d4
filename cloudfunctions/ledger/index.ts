/**
 * Cloud function `ledger`: 委员履职档案 (issue 11; domain.md sections 5 and 6)
 * — sectors and committees, the lines, claims, the year's rules and scores,
 * the evaluation (公示, objections, lock) and the exports. Actions and their
 * rules: src/core/actions/ledger.ts; the line writer every source uses:
 * cloudfunctions/_shared/ledger.ts. Its timer `repair` (hourly) writes the
 * lines of sources whose line was lost and recomputes the scores.
 */
import { defineFunction } from '../_shared/define-function'
import { firstAnswer } from '../_shared/first-answer'
import { claim, claims, decideClaim, myClaims } from './claims'
import { answer, lateChanges, lock, object, objections, openWindow } from './evaluation'
import { exportLedger, exportReport } from './export'
import { groups, saveGroup, setMemberGroups } from './groups'
import { addLine, markExcellent, member, mine, removeLine } from './lines'
import { attention, ranking, rebuild, repairTimer, rules, saveRules } from './rules'

export const main = defineFunction(
  'ledger',
  {
    'ledger.groups': groups,
    'ledger.saveGroup': firstAnswer('ledger.saveGroup', saveGroup),
    'ledger.setMemberGroups': firstAnswer('ledger.setMemberGroups', setMemberGroups),
    'ledger.mine': mine,
    'ledger.member': member,
    'ledger.addLine': firstAnswer('ledger.addLine', addLine),
    'ledger.removeLine': firstAnswer('ledger.removeLine', removeLine),
    'ledger.markExcellent': firstAnswer('ledger.markExcellent', markExcellent),
    'ledger.rebuild': firstAnswer('ledger.rebuild', rebuild),
    'ledger.claim': firstAnswer('ledger.claim', claim),
    'ledger.myClaims': myClaims,
    'ledger.claims': claims,
    'ledger.decideClaim': firstAnswer('ledger.decideClaim', decideClaim),
    'ledger.rules': rules,
    'ledger.saveRules': firstAnswer('ledger.saveRules', saveRules),
    'ledger.ranking': ranking,
    'ledger.attention': attention,
    'ledger.openWindow': firstAnswer('ledger.openWindow', openWindow),
    'ledger.object': firstAnswer('ledger.object', object),
    'ledger.objections': objections,
    'ledger.answer': firstAnswer('ledger.answer', answer),
    'ledger.lock': firstAnswer('ledger.lock', lock),
    'ledger.lateChanges': lateChanges,
    'ledger.exportReport': exportReport,
    'ledger.exportLedger': exportLedger
  },
  {
    timers: {
      /** Hourly: sources without their line get it, stale lines are reversed, scores recomputed (_shared/ledger.ts repairYear). */
      repair: repairTimer
    }
  }
)

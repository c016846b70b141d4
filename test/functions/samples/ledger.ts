/** Sample inputs for the ledger actions (issue 11), valid against the demo county (database/demo/ledger.ts). */
import { defaultLedgerRules } from '../../../src/core/actions/ledger'
import { formatBeijing } from '../../../src/core/time'

const today = formatBeijing(new Date(), 'YYYY-MM-DD')

export const ledgerSamples = {
  'ledger.groups': {},
  'ledger.saveGroup': { kind: 'sector', name: '新的界别' },
  'ledger.setMemberGroups': { memberId: 'm-D003', sector: '中共', committees: ['提案委员会'] },
  'ledger.mine': { year: 2025 },
  'ledger.member': { year: 2025, memberId: 'm-D003' },
  'ledger.addLine': { memberId: 'm-D003', kind: 'speech', date: '2025-06-01', note: '在常委会议上作专题发言' },
  'ledger.removeLine': { id: 'l-00000000000000000000000000000000', reason: '录入错误' },
  'ledger.markExcellent': { proposalId: 'demo-pr-2025-001', excellent: true },
  'ledger.rebuild': { year: 2026 },
  'ledger.claim': { kind: 'other', date: '2025-06-01', note: '参加乡镇联合视察' },
  'ledger.myClaims': { year: 2025 },
  'ledger.claims': { year: 2025 },
  'ledger.decideClaim': { id: 'demo-claim-1', approve: true },
  'ledger.rules': { year: 2025 },
  'ledger.saveRules': { year: 2025, rules: defaultLedgerRules },
  'ledger.ranking': { year: 2025 },
  'ledger.attention': { year: 2025 },
  'ledger.openWindow': { year: 2025, startDate: today, endDate: today },
  'ledger.object': { year: 2025, lineId: 'l-00000000000000000000000000000000', reason: '该次会议我已请假' },
  'ledger.objections': { year: 2025 },
  'ledger.answer': { id: 'obj-missing', accept: false, answer: '经核实，记录无误' },
  'ledger.lock': { year: 2024 },
  'ledger.lateChanges': { year: 2025 },
  'ledger.exportReport': { year: 2025, memberId: 'm-D001' },
  'ledger.exportLedger': { year: 2025 }
} as const

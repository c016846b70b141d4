/** Codes of the `ledger` function (issue 11: 委员履职档案 and the annual evaluation). */
export const ledgerErrors = {
  'LEDGER.NOT_MEMBER': '只有已绑定名册的委员才能查看和提交履职档案',
  'LEDGER.MEMBER_NOT_FOUND': '名册中没有这位委员',
  'LEDGER.GROUP_NOT_FOUND': '界别或专委会不存在，请先在界别和专委会管理中添加',
  'LEDGER.GROUP_EXISTS': '已有同名的界别或专委会',
  'LEDGER.LINE_NOT_FOUND': '履职记录不存在',
  'LEDGER.NOT_MANUAL': '这条记录来自活动、提案或社情民意，请撤销其来源记录',
  'LEDGER.DATE_FUTURE': '履职日期不能晚于今天',
  'LEDGER.YEAR_LOCKED': '该年度考评已锁定，不能再修改',
  'LEDGER.CLAIM_NOT_FOUND': '履职申报不存在',
  'LEDGER.CLAIM_DECIDED': '该申报已处理',
  'LEDGER.WINDOW_CLOSED': '现在不在公示期内，不能提出异议',
  'LEDGER.WINDOW_TOO_LONG': '公示期最长 31 天',
  'LEDGER.WINDOW_NOT_ENDED': '公示期结束后才能锁定年度考评',
  'LEDGER.ALREADY_OBJECTED': '您已对这条记录提出过异议',
  'LEDGER.OBJECTION_NOT_FOUND': '异议不存在',
  'LEDGER.OBJECTION_ANSWERED': '该异议已答复',
  'LEDGER.OPEN_OBJECTIONS': '还有未答复的异议，答复后才能锁定',
  'LEDGER.SOURCE_NOT_FOUND': '来源记录不存在',
  'LEDGER.NOT_FILED': '只有已立案的提案才能评为优秀提案',
  'LEDGER.EXPORT_FAILED': '导出文件生成失败，请稍后重试'
} as const

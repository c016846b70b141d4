/** Codes of the `year` function (issue 10: the year's figures and the records behind them). */
export const yearErrors = {
  'YEAR.NOT_FOUND': '记录不存在或已被删除',
  'YEAR.NOT_FINALIZED': '活动结束并归档考勤后，才能登记活动成果',
  'YEAR.FIELD_NOT_FOR_KIND': '该类活动不登记这一项：意见建议用于视察调研和主题活动，监督意见用于专项监督，服务人数用于“四送三联系”',
  'YEAR.SUBJECT_NOT_FOUND': '所选重点课题不存在，或不属于该年度',
  'YEAR.DATE_FUTURE': '日期不能晚于今天',
  'YEAR.EXPORT_FAILED': '导出文件生成失败，请稍后重试'
} as const

/** Codes of the proposal actions (`proposal` function, issue 9). */
export const proposalErrors = {
  'PROPOSAL.WRONG_STATE': '该提案当前状态不允许此操作',
  'PROPOSAL.NOT_OWNER': '只有提案人才能进行此操作',
  'PROPOSAL.NOT_MEMBER': '只有已绑定名册的委员才能提交个人提案',
  'PROPOSAL.COLLECTIVE_STAFF_ONLY': '集体提案由政协办公室代为录入',
  'PROPOSAL.TERM_UNKNOWN': '届次不存在，请重新选择',
  'PROPOSAL.SESSION_UNKNOWN': '该届次没有这次会议，请重新选择',
  'PROPOSAL.UNIT_UNKNOWN': '承办单位不存在，请重新选择',
  'PROPOSAL.MEMBER_UNKNOWN': '名册中没有该委员，请重新搜索选择',
  'PROPOSAL.COSIGN_SELF': '不能邀请自己联名',
  'PROPOSAL.NOT_INVITED': '您没有收到该提案的联名邀请',
  'PROPOSAL.NOT_ASSIGNED': '该提案没有交给您的单位办理',
  'PROPOSAL.ASSIST_PENDING': '还有协办单位没有提交协办意见，请等协办意见到齐后再答复',
  'PROPOSAL.MERGE_TARGET': '不能并入该提案',
  'PROPOSAL.NOT_PUBLIC': '只能附议已公开的提案',
  'PROPOSAL.DEADLINE_PAST': '办理期限不能早于今天',
  'PROPOSAL.OPINION_CATEGORY': '转为社情民意时请选择有效的信息类别',
  'PROPOSAL.FILE_FAILED': '文件生成失败，请稍后重试'
} as const

/** Codes every action may return. */
export const commonErrors = {
  'COMMON.INVALID_INPUT': '填写的内容有误，请检查后重试',
  'COMMON.INTERNAL': '服务暂时不可用，请稍后再试',
  'COMMON.NOT_FOUND': '内容不存在或已被删除',
  'COMMON.UNKNOWN_ACTION': '不支持的操作',
  'COMMON.NETWORK': '网络不稳定，请检查网络后重试',
  'COMMON.CONFLICT': '数据已被他人修改，请刷新后重试',
  'COMMON.INVALID_STATE': '当前状态下不能进行此操作',
  'AUTH.UNAUTHENTICATED': '请先在微信中登录',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'FILE.NOT_OWNED': '只能使用自己上传的文件',
  'FILE.NOT_FOUND': '文件不存在，请重新上传',
  'FILE.TOO_LARGE': '文件太大，请压缩后重新上传',
  'FILE.WRONG_TYPE': '文件类型不对，请重新选择',
  'FILE.DUPLICATE': '同一个文件上传了两次',
  'CONTENT.RISKY': '内容含有违规信息，未能提交，请修改后再试',
  'COMMON.BUSY': '现在操作的人较多，请稍后重试'
} as const

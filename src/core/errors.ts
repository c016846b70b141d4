/**
 * Error codes every cloud-function action may return, with the Chinese message
 * a person sees. Codes are `AREA.REASON`; the client branches on the code and
 * shows the message. Add a code here before returning it anywhere.
 */
export const errorMessages = {
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
  'MEMBER.CODE_INVALID': '姓名或绑定码不正确',
  'MEMBER.CODE_EXPIRED': '绑定码已过期，请联系政协办公室重新获取',
  'MEMBER.CODE_LOCKED': '错误次数过多，绑定码已锁定，请联系政协办公室',
  'MEMBER.ALREADY_BOUND': '该委员已绑定其他微信',
  'MEMBER.WECHAT_ALREADY_BOUND': '当前微信已绑定其他委员',
  'MEMBER.NOT_FOUND': '名册中没有该委员',
  'ROSTER.INVALID_FILE': '名册文件无法读取，请使用模板中的 .xlsx 格式',
  'ROSTER.ROW_ERRORS': '名册中有错误的行，未导入任何数据',
  'ROLE.INVALID_SCOPE': '授权范围不正确',
  'ROLE.LAST_STAFF': '不能撤销最后一位机关工作人员的权限'
} as const

export type ErrorCode = keyof typeof errorMessages

/** A failure with a code from {@link errorMessages}; `details` carries field errors or row errors. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  readonly requestId?: string

  constructor(code: ErrorCode, message?: string, details?: unknown, requestId?: string) {
    super(message ?? errorMessages[code])
    this.name = 'AppError'
    this.code = code
    this.details = details
    this.requestId = requestId
  }
}

/** Reply envelope of every cloud-function call (architecture.md, "One request, end to end"). */
export type Envelope<T> =
  | { ok: true; data: T; requestId: string }
  | {
      ok: false
      error: { code: ErrorCode; message: string; requestId: string; details?: unknown }
    }

/** Chinese message for a code, falling back to the generic one. */
export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? errorMessages['COMMON.INTERNAL']
}

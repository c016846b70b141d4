/** Codes of the console sign-in and of calls that come from the desk console (issue 14). */
export const consoleErrors = {
  'CONSOLE.TICKET_INVALID': '登录码无效，请在电脑上刷新登录码后重新扫码',
  'CONSOLE.TICKET_EXPIRED': '登录码已过期，请在电脑上刷新登录码后重新扫码',
  'CONSOLE.TICKET_USED': '这个登录码已经使用过，请在电脑上刷新登录码后重新扫码',
  'CONSOLE.NOT_ALLOWED': '您没有可以在电脑端办理的工作，不能登录电脑端',
  'CONSOLE.SESSION_NOT_FOUND': '没有找到这条登录记录',
  'AUTH.SESSION_REQUIRED': '请先扫码登录',
  'AUTH.SESSION_EXPIRED': '登录已过期，请重新扫码登录',
  'AUTH.SESSION_REVOKED': '您已在别处退出登录或权限已变更，请重新扫码登录',
  'AUTH.IDENTITY_IN_BODY': '请求中不能携带身份信息',
  'AUTH.WRONG_CHANNEL': '这项操作只能在小程序中进行'
} as const

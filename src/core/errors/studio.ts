/** Codes of the `studio` function (profiles, announcements). */
export const studioErrors = {
  'STUDIO.NOT_FOUND': '工作室不存在',
  'STUDIO.NOT_ADMIN': '只能管理自己负责的工作室',
  'STUDIO.ANNOUNCEMENT_NOT_FOUND': '公告不存在或已被删除',
  'STUDIO.MEMBER_NOT_FOUND': '名册中没有该委员',
  'STUDIO.ADMIN_NOT_FOUND': '该用户尚未登录过小程序，无法设为管理员'
} as const

/** Codes of the identity and roles actions (`user` function). */
export const userErrors = {
  'MEMBER.CODE_INVALID': '姓名或绑定码不正确',
  'MEMBER.CODE_EXPIRED': '绑定码已过期，请联系政协办公室重新获取',
  'MEMBER.CODE_LOCKED': '错误次数过多，绑定码已锁定，请联系政协办公室',
  'MEMBER.ALREADY_BOUND': '该委员已绑定其他微信',
  'MEMBER.WECHAT_ALREADY_BOUND': '当前微信已绑定其他委员',
  'MEMBER.NOT_FOUND': '名册中没有该委员',
  'MEMBER.NOT_BOUND': '该委员尚未绑定微信',
  'ROSTER.INVALID_FILE': '名册文件无法读取，请使用模板中的 .xlsx 格式',
  'ROSTER.ROW_ERRORS': '名册中有错误的行，未导入任何数据',
  'ROLE.INVALID_SCOPE': '授权范围不正确',
  'ROLE.LAST_STAFF': '不能撤销最后一位机关工作人员的权限',
  'ROLE.PERSON_NOT_FOUND': '没有找到该人员，请先按姓名搜索并选择'
} as const

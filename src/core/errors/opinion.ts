/** Codes of the public-opinion and bulletin actions (`opinion` function, issue 4). */
export const opinionErrors = {
  'OPINION.CATEGORY_UNKNOWN': '信息类别不存在或已停用，请重新选择',
  'OPINION.ANONYMOUS_CONTACT': '匿名提交时不能留联系电话；如需回访请选择实名提交',
  'OPINION.NOT_OWNER': '只能修改自己提交的信息',
  'OPINION.WRONG_STATE': '该信息当前状态不允许此操作',
  'OPINION.MERGE_TARGET': '不能合并到该信息',
  'OPINION.DATE_INVALID': '日期不正确',
  'BULLETIN.ITEM_NOT_ADOPTED': '所选信息中有不是“已采用”状态的，请刷新后重新选择',
  'BULLETIN.NOT_PUBLISHABLE': '所选信息中有提交人不同意公开的，不能编入专刊',
  'BULLETIN.FILE_FAILED': '专刊文件生成失败，请稍后重新下载'
} as const

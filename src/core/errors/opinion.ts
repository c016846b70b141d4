/** Codes of the public-opinion and bulletin actions (`opinion` function, issue 4). */
export const opinionErrors = {
  'OPINION.CONTENT_RISKY': '内容含有违规信息，未能提交，请修改后再试',
  'OPINION.CATEGORY_UNKNOWN': '信息类别不存在或已停用，请重新选择',
  'OPINION.IMAGE_NOT_IMAGE': '只能上传图片（JPG、PNG、GIF、WebP、HEIC）',
  'OPINION.IMAGE_TOO_LARGE': '图片不能超过 10 MB，请压缩后重新上传',
  'OPINION.IMAGE_DUPLICATE': '同一张图片上传了两次',
  'OPINION.ANONYMOUS_CONTACT': '匿名提交时不能留联系电话；如需回访请选择实名提交',
  'OPINION.NOT_OWNER': '只能修改自己提交的信息',
  'OPINION.WRONG_STATE': '该信息当前状态不允许此操作',
  'OPINION.MERGE_TARGET': '不能合并到该信息',
  'OPINION.EVIDENCE_TYPE': '佐证材料只能是图片或 PDF 文件，且不超过 20 MB',
  'OPINION.DATE_INVALID': '日期不正确',
  'BULLETIN.ITEM_NOT_ADOPTED': '所选信息中有不是“已采用”状态的，请刷新后重新选择',
  'BULLETIN.NOT_PUBLISHABLE': '所选信息中有提交人不同意公开的，不能编入专刊',
  'BULLETIN.FILE_FAILED': '专刊文件生成失败，请稍后重新下载'
} as const

/**
 * What the mini-program collects and why (隐私保护指引, issue 12 item 7),
 * shown on pages/privacy. Keep it in step with the guide filed on the WeChat
 * 公众平台 (设置 > 服务内容声明 > 用户隐私保护指引): WeChat shows that one
 * from the popup, this page says the same in the app.
 */
export interface PrivacyItem {
  /** What is collected. */
  what: string
  /** Why, and when it is asked for. */
  why: string
}

export const privacyItems: readonly PrivacyItem[] = [
  { what: '微信身份标识', why: '微信为本小程序分配的匿名标识，用来识别您是否已绑定委员身份、有哪些办理权限。不会展示给其他人。' },
  { what: '姓名与委员绑定信息', why: '委员用政协办公室发放的绑定码绑定名册；其他用户可登记姓名，便于办公室授予信息员等角色。' },
  { what: '联系电话（自愿填写）', why: '提交社情民意或活动报名时填写，仅办理人员可见，用于核实情况、回复办理结果；名单中对他人隐去中间四位。' },
  { what: '照片（相册或拍摄）', why: '您选择照片作为社情民意、提案或办理结果的附件时使用；照片经内容安全检测后才会公开显示。' },
  { what: '摄像头（扫码）', why: '活动签到和核验参会凭证时扫描二维码；也可以输入签到码代替扫码。' },
  { what: '相册（保存海报）', why: '您保存活动分享海报时写入手机相册，不读取相册中的其他内容。' },
  { what: '订阅消息', why: '经您同意后发送办理进度、活动提醒等一次性通知；不同意也不影响办理，可在“我的”中查看。' }
]

export const privacyPromises: readonly string[] = [
  '只为办理您提交的事项和组织政协活动使用上述信息，不用于其他目的，不向无关单位提供。',
  '公开的内容（议题、评论、照片）都经过内容安全检测，不公开您的联系电话。',
  '您可以随时在微信“设置 > 隐私”中撤回授权；撤回后相应功能需要重新同意才能使用。',
  '对个人信息有疑问或需要更正、删除，请联系县政协办公室。'
]

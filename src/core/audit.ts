/**
 * How the audit log (操作日志) names what was done (issue 14: the console's
 * audit log with filters). Entries are written by every area
 * (cloudfunctions/_shared/audit.ts) with an internal action name; people
 * see these Chinese labels, never the name itself.
 */

/** The areas the log can be filtered by, with their Chinese names. */
export const auditAreas = ['people', 'console', 'activity', 'opinion', 'proposal', 'studio', 'year'] as const
export type AuditArea = (typeof auditAreas)[number]
export const auditAreaLabels: Record<AuditArea, string> = {
  people: '人员与授权',
  console: '电脑端登录',
  activity: '活动',
  opinion: '社情民意',
  proposal: '提案',
  studio: '委员工作室',
  year: '年度工作'
}

/** Action-name prefixes of each area (the part before the dot). */
export const auditAreaPrefixes: Record<AuditArea, string[]> = {
  people: ['role', 'member', 'roster'],
  console: ['console'],
  activity: ['activity'],
  opinion: ['opinion', 'bulletin'],
  proposal: ['proposal'],
  studio: ['studio'],
  year: ['year']
}

/** Labels of the actions the functions write today. */
const actionLabels: Record<string, string> = {
  'role.grant': '授予角色',
  'role.revoke': '撤销角色',
  'member.bind': '委员绑定微信',
  'member.unbind': '解除委员微信绑定',
  'member.issueCode': '生成绑定码',
  'roster.import': '导入委员名册',
  'console.confirm': '确认电脑端登录',
  'console.signIn': '电脑端登录',
  'console.signOut': '电脑端退出登录',
  'console.revoke': '结束电脑端登录',
  'activity.create': '创建活动',
  'activity.cancel': '取消活动',
  'activity.export': '导出报名与考勤',
  'activity.finalize': '活动考勤归档',
  'opinion.export': '导出社情民意',
  'bulletin.compile': '编发社情民意专报',
  'bulletin.download': '下载社情民意专报',
  'proposal.saveDraft': '起草提案',
  'proposal.saveTerm': '设置届次',
  'studio.create': '创建委员工作室',
  'year.export': '导出年度工作数据'
}

/** The area an action name belongs to, or undefined. */
export function auditAreaOf(action: string): AuditArea | undefined {
  const prefix = action.split('.')[0]
  return auditAreas.find((a) => auditAreaPrefixes[a].includes(prefix))
}

/** The Chinese label of an action name: its own, else the area's (e.g. 提案：办理操作), else 其他操作. */
export function auditActionLabel(action: string): string {
  if (Object.prototype.hasOwnProperty.call(actionLabels, action)) return actionLabels[action]
  const area = auditAreaOf(action)
  return area ? `${auditAreaLabels[area]}操作` : '其他操作'
}

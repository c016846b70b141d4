/**
 * Roles and scopes (domain.md, "People and roles"). Every caller is `public`
 * by OPENID; the other roles are granted and stored on the server. Scoped
 * roles carry the ids of the studios or departments they cover.
 */
export const roles = ['public', 'informant', 'member', 'studio_admin', 'staff', 'department', 'leader'] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = {
  public: '群众',
  informant: '信息员',
  member: '委员',
  studio_admin: '工作室管理员',
  staff: '机关工作人员',
  department: '承办单位',
  /** The committee's chair and vice-chairs: read-only view of the year's figures (issue 10), granted by staff. */
  leader: '领导'
}

/** What the server knows about the caller after `defineFunction` loaded it. */
export interface Caller {
  /** From `cloud.getWXContext().OPENID`; never from the client payload. */
  openid: string
  roles: Role[]
  /** Studio ids an `studio_admin` may manage. */
  studioIds: string[]
  /** Department ids a `department` user answers for. */
  departmentIds: string[]
  /** Roster entry id when bound as a member. */
  memberId?: string
  displayName?: string
}

/** Who may call an action: a list of roles (any one suffices) or everyone with an OPENID. */
export type AccessRule = 'anyone' | readonly Role[]

export function isAllowed(rule: AccessRule, caller: Pick<Caller, 'roles'>): boolean {
  if (rule === 'anyone') return true
  return rule.some((role) => caller.roles.includes(role))
}

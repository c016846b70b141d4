/**
 * Identity and roles (domain.md, "People and roles"; issue: the app's
 * foundation). Served by the `user` cloud function.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { roles, type Role } from '../roles'
import { textField } from '../text'
import { auditAreas } from '../audit'

/** A sector or committee name the roster import is told to add (the same rule as the ledger's managed groups: 1-30 characters). */
const rosterGroupName = (label: string) => textField({ label, max: 30 })

export interface MeOutput {
  /** The caller's own OPENID (used for the caller's upload folder; never shown on screen). */
  openid: string
  roles: Role[]
  studioIds: string[]
  departmentIds: string[]
  member?: { id: string; name: string; sector: string }
  /** The name registered with `user.setName` (people who are not bound members). */
  displayName?: string
}

/**
 * A person as staff screens see them: an opaque key (never the OPENID), the
 * name the office knows them by, and their roles.
 */
export interface PersonView {
  /** Opaque person key: what `user.grantRole` / `user.revokeRole` take. */
  key: string
  /** Roster name of a bound member, else the registered display name, else 未登记姓名的用户. */
  name: string
  /** Present for a bound member. */
  member?: { name: string; sector: string }
  roles: Role[]
}

/** One audit log entry as staff read it: names and Chinese labels, never an OPENID or internal id. */
export interface AuditEntryView {
  /** Opaque row key (for the table), not shown. */
  id: string
  /** ISO instant (UTC); the console shows it in Beijing time. */
  at: string
  /** Who acted: person key and name (系统 for deploy/system entries). */
  actor: { key: string; name: string }
  /** e.g. 授予角色, 导入委员名册. */
  actionLabel: string
  /** e.g. 人员与授权. */
  areaLabel: string
  /** The person acted on, by name, when the target is a person (role grants, bindings). */
  targetName?: string
  /** A short Chinese summary of the details (role, counts, computer), or ''. */
  summary: string
}

export interface MemberSummary {
  id: string
  memberNumber: string
  name: string
  sector: string
  /** Masked unless the caller is staff: 138****5678. */
  phone?: string
  bound: boolean
}

/** One roster member found by name, to pick (invitees, co-signers): never a number to type. */
export interface RosterPick {
  /** Roster id (`m-<number>`), the person key activities and proposals take. */
  memberId: string
  name: string
  sector: string
  /** 专委会, when the roster has it. */
  specialCommittee?: string
}

export interface RoleGrantView {
  /** Who holds it: key and name (never the OPENID). */
  person: { key: string; name: string }
  role: Role
  studioIds: string[]
  departmentIds: string[]
  /** Names of those studios and departments, in the same order (only in `user.listGrants`). */
  studioNames?: string[]
  departmentNames?: string[]
  /** Name of the staff user who granted it; 系统初始化 for deploy configuration / demo data. */
  grantedByName: string
  /** ISO instant (UTC). */
  grantedAt: string
}

const personKey = z.string({ error: '请先选择人员' }).regex(/^p[0-9a-f]{20}$/, '请先选择人员')
const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')

/** One message in 我的消息 (a notice the person was sent; cloudfunctions/_shared/inbox.ts). */
export interface MessageView {
  id: string
  title: string
  /** The step in a few words, e.g. 已采用, 活动提醒. */
  status: string
  note: string
  /** Page it opens (leading slash). */
  page: string
  /** ISO instant (UTC). */
  at: string
  read: boolean
}

export const userActions = {
  'user.me': action<MeOutput>()({
    name: 'user.me',
    fn: 'user',
    input: () => z.object({}).strict(),
    access: 'anyone',
    doc: 'The caller: OPENID, roles with scopes, and the bound roster entry. One DB read.'
  }),
  'user.bindMember': action<{ memberId: string; name: string }>()({
    name: 'user.bindMember',
    fn: 'user',
    mutates: true,
    input: () => z.object({
      name: textField({ label: '姓名', max: 20 }),
      code: z.string({ error: '请输入绑定码' }).regex(/^\d{6}$/, '绑定码为 6 位数字')
    }),
    access: 'anyone',
    doc: 'Binds the caller\'s WeChat to a roster entry with the one-time code staff issued (7 days, 5 wrong tries lock it).'
  }),
  'user.issueBindingCode': action<{ memberId: string; code: string; expiresAt: string }>()({
    name: 'user.issueBindingCode',
    fn: 'user',
    mutates: true,
    input: () => z.object({ memberId: id }),
    access: ['staff'],
    doc: 'Staff issue a fresh 6-digit binding code for a roster entry; earlier codes stop working.'
  }),
  'user.unbindMember': action<{ memberId: string; unbound: true }>()({
    name: 'user.unbindMember',
    fn: 'user',
    mutates: true,
    input: () => z.object({ memberId: id, reason: textField({ label: '解除原因', max: 100 }) }),
    access: ['staff'],
    doc: 'Staff release a member\'s WeChat binding (a changed phone or account); the member binds again with a fresh code; written to the audit log.'
  }),
  'user.importRoster': action<{ created: number; updated: number; total: number; addedGroups: number }>()({
    name: 'user.importRoster',
    fn: 'user',
    mutates: true,
    input: () => z.object({
      fileID: z.string({ error: '请先上传名册文件' }).min(1, '请先上传名册文件').max(512),
      newSectors: z.array(rosterGroupName('界别'), { error: '新界别格式不正确' }).max(100, '新界别最多 100 个').optional(),
      newCommittees: z.array(rosterGroupName('专委会'), { error: '新专委会格式不正确' }).max(100, '新专委会最多 100 个').optional()
    }),
    access: ['staff'],
    doc: 'Imports the roster from an .xlsx in cloud storage: the caller\'s phone upload or their console upload of kind roster (`console.upload`), else FILE.NOT_OWNED; all rows or none (ROSTER.ROW_ERRORS with every bad row in `details`); re-import updates by member number. Columns 委员编号, 姓名, 界别, 手机号, 专委会 (several, separated by 、 or ，). 界别 and 专委会 must be managed names (`ledgerGroups`), else the row is bad ("界别「X」不在界别名单中"), unless listed in `newSectors` / `newCommittees` (names staff confirmed in the preview): those are added to the managed lists. Each member gets `sector` and `committees`; the unlocked scores of members whose name, sector or committees changed follow. Output {created, updated, total, addedGroups} (addedGroups = new sectors + committees added).'
  }),
  'user.listMembers': action<Page<MemberSummary>>()({
    name: 'user.listMembers',
    fn: 'user',
    input: () => z.object({ ...pageInput, keyword: z.string().max(50).optional() }),
    access: ['staff'],
    doc: 'The roster, ordered by member number, with binding status.'
  }),
  'user.searchRoster': action<{ items: RosterPick[] }>()({
    name: 'user.searchRoster',
    fn: 'user',
    input: () => z.object({ name: textField({ label: '委员姓名', max: 20 }) }),
    access: ['staff', 'studio_admin'],
    doc: 'Organisers find roster members whose name contains the text (at most 20, by member number) to invite them by name (issue 14 item 4): memberId, name, sector, special committee; no phone, no binding state. One read.'
  }),
  'user.grantRole': action<RoleGrantView>()({
    name: 'user.grantRole',
    fn: 'user',
    mutates: true,
    input: () => z.object({
      personKey,
      role: z.enum(roles.filter((r) => r !== 'public' && r !== 'member') as ['informant', 'studio_admin', 'staff', 'department', 'leader'], { error: '角色不正确' }),
      studioIds: z.array(id).max(50).optional(),
      departmentIds: z.array(id).max(50).optional()
    }),
    access: ['staff'],
    doc: 'Grants a role (with studio or department scope) to a person found with `user.searchPeople`; written to the audit log. Errors: ROLE.PERSON_NOT_FOUND, ROLE.INVALID_SCOPE.'
  }),
  'user.revokeRole': action<{ revoked: boolean }>()({
    name: 'user.revokeRole',
    fn: 'user',
    mutates: true,
    input: () => z.object({
      personKey,
      role: z.enum(['informant', 'studio_admin', 'staff', 'department', 'leader'], { error: '角色不正确' })
    }),
    access: ['staff'],
    doc: 'Revokes a person\'s role; the last staff grant cannot be revoked; written to the audit log. Errors: ROLE.PERSON_NOT_FOUND, ROLE.LAST_STAFF.'
  }),
  'user.listGrants': action<Page<RoleGrantView>>()({
    name: 'user.listGrants',
    fn: 'user',
    input: () => z.object({ ...pageInput }),
    access: ['staff'],
    doc: 'Every role grant, by user, newest user first (stable while grants change between pages); people by name and key, never OPENID.'
  }),
  'user.setName': action<{ name: string }>()({
    name: 'user.setName',
    fn: 'user',
    mutates: true,
    input: () => z.object({ name: textField({ label: '姓名', max: 20 }) }),
    access: 'anyone',
    doc: 'The caller registers the name the office knows them by (people who are not bound members), so staff can find them to grant a role. A bound member keeps the roster name.'
  }),
  'user.auditLog': action<Page<AuditEntryView>>()({
    name: 'user.auditLog',
    fn: 'user',
    input: () => z
      .object({
        ...pageInput,
        area: z.enum(auditAreas, { error: '类别不正确' }).optional(),
        /** Beijing dates `YYYY-MM-DD`, both inclusive. */
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期格式不正确').optional(),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期格式不正确').optional(),
        /** Only what this person did (a key from `user.searchPeople`). */
        actorKey: personKey.optional()
      })
      .strict(),
    access: ['staff'],
    doc: 'Staff read the audit log (操作日志), newest first, paged by cursor (at most 20): who (name and person key, never OPENID), what (Chinese label), on whom (name, when a person), when (ISO, UTC), a short summary. Filters: area, Beijing date range (from/to inclusive), actor. Errors: COMMON.INVALID_INPUT (bad dates, from after to), ROLE.PERSON_NOT_FOUND (unknown actorKey). DB: 1 read (+1 for actorKey) + names (1 read per 100 people).'
  }),
  'user.searchPeople': action<{ items: PersonView[] }>()({
    name: 'user.searchPeople',
    fn: 'user',
    input: () => z.object({ keyword: textField({ label: '姓名', max: 20 }) }),
    access: ['staff'],
    doc: 'Staff find people by name (roster name of a bound member or registered display name, partial match), up to 20, with their roles; each with the person key that grants take.'
  }),
  'user.messages': action<Page<MessageView>>()({
    name: 'user.messages',
    fn: 'user',
    input: () => z.object(pageInput),
    access: 'anyone',
    doc: '我的消息: the caller\'s own messages (every notice they were sent, issue 12 item 8), newest first, pages of at most 20. One read.'
  }),
  'user.unreadCount': action<{ unread: number }>()({
    name: 'user.unreadCount',
    fn: 'user',
    input: () => z.object({}).strict(),
    access: 'anyone',
    doc: 'How many of the caller\'s messages are unread (the badge on 我的). One count.'
  }),
  'user.markRead': action<{ unread: number }>()({
    name: 'user.markRead',
    fn: 'user',
    mutates: true,
    input: () => z.object({ ids: z.array(z.string().regex(/^msg-[0-9a-f]{24}$/, '消息编号不正确'), { error: '消息编号不正确' }).min(1).max(20).optional() }),
    access: 'anyone',
    doc: 'Marks the caller\'s messages read: `ids` (≤ 20), or all of them when absent; only the caller\'s own. Answers the unread count after.'
  })
} as const

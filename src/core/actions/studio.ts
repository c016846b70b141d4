/**
 * Studios (委员工作室, domain.md section 2; issue 5 items 1-2): list and
 * profile, editing by the studio's own admins, creation and assignment of
 * admins and stationed members by staff, and announcements (draft ->
 * published, or pending_review -> published / returned where the studio has
 * review on). Served by the `studio` cloud function. Activities of a studio
 * come from `activity.list` with `studioId`.
 */
import { z } from '../zod'
import { action } from '../contract-helpers'
import { pageInput, type Page } from '../paging'
import { optionalTextField, textField } from '../text'

export interface StudioSummary {
  id: string
  name: string
  /** Town or street where it sits. */
  town: string
  address: string
  openingHours: string
  /** Number of stationed members. */
  memberCount: number
  /** Shared "两代表一委员" studio. */
  shared: boolean
  /**
   * Only in a list asked for with `includeHeld`, for a studio the caller
   * manages: 'studio' — the whole studio is held by the content check and not
   * public; 'changes' — it is public, and edited profile text waits for staff.
   */
  held?: 'studio' | 'changes'
}

export interface StudioDetail extends StudioSummary {
  intro: string
  contactName: string
  /** Masked unless staff or this studio's admin. */
  contactPhone: string
  members: { id: string; name: string; sector: string }[]
  /** Announcements of this studio go to staff review before they are public. */
  reviewAnnouncements?: boolean
  /** The caller may edit this studio (its admin or staff). */
  canManage?: boolean
  /** For its admins and staff: profile text the content check held, not public until staff release it. */
  heldChanges?: Partial<Record<'name' | 'town' | 'address' | 'openingHours' | 'intro' | 'contactName', string>>
  /** For its admins and staff: why changes wait (Chinese). */
  safetyNote?: string
  /** Only for staff: the studio's admins by name and person key (what `studio.assign` takes), never an OPENID. */
  admins?: { key: string; name: string }[]
}

export const announcementStates = ['draft', 'pending_review', 'returned', 'published'] as const
export type AnnouncementState = (typeof announcementStates)[number]
export const announcementStateLabels: Record<AnnouncementState, string> = {
  draft: '草稿',
  pending_review: '待审核',
  returned: '已退回',
  published: '已发布'
}

export interface AnnouncementView {
  id: string
  studioId: string
  studioName: string
  title: string
  body: string
  coverFileID?: string
  /** Only those whose content check passed, unless the caller manages the studio. No file ID carries an OPENID. */
  attachments: { fileID: string; name: string }[]
  /** For the studio's admins and staff: why it waits for a person (text or file check), in Chinese. */
  safetyNote?: string
  state: AnnouncementState
  returnReason?: string
  /** ISO instants (UTC). */
  publishedAt?: string
  updatedAt: string
}

const id = z.string({ error: '缺少编号' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')
const personKey = z.string({ error: '请先选择人员' }).regex(/^p[0-9a-f]{20}$/, '请先选择人员')
const phone = z.string({ error: '联系电话格式不正确' }).regex(/^[0-9-]{7,20}$/, '联系电话格式不正确')
const fileID = z.string({ error: '文件格式不正确' }).min(1, '文件格式不正确').max(512, '文件格式不正确')

const profileFields = {
  name: textField({ label: '工作室名称', max: 40 }),
  town: textField({ label: '所在乡镇', max: 20 }),
  address: textField({ label: '地址', max: 100 }),
  openingHours: textField({ label: '开放时间', max: 60 }),
  intro: optionalTextField({ label: '简介', max: 1000, multiline: true }),
  contactName: textField({ label: '联系人', max: 20 }),
  contactPhone: phone
}

export const studioActions = {
  'studio.list': action<Page<StudioSummary>>()({
    name: 'studio.list',
    fn: 'studio',
    input: () => z.object({ ...pageInput, includeHeld: z.boolean().optional() }),
    access: 'anyone',
    doc: 'Studios ordered by name (pinyin order of the stored sort key). One DB read per page. Studios held by the content check are public to no one; with `includeHeld` (the desk) the caller also gets those they manage (staff: all; a studio admin: their own), each marked `held`, for one more read (the caller).'
  }),
  'studio.get': action<StudioDetail>()({
    name: 'studio.get',
    fn: 'studio',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'A studio profile with its stationed members; staff also get its admins by name and person key (one more read).'
  }),
  'studio.update': action<StudioDetail>()({
    name: 'studio.update',
    fn: 'studio',
    mutates: true,
    input: () => z.object({ id, ...profileFields, reviewAnnouncements: z.boolean().optional(), releaseHeld: z.boolean().optional() }).partial().required({ id: true }),
    access: ['studio_admin', 'staff'],
    doc: 'Edits a studio profile: its own admins or staff; only staff switch announcement review. Text passes the content check (risky: CONTENT.RISKY; doubtful or unchecked: held, not public); staff publish held text with `releaseHeld`.'
  }),
  'studio.create': action<StudioDetail>()({
    name: 'studio.create',
    fn: 'studio',
    input: () => z.object({ ...profileFields, shared: z.boolean().optional(), sortKey: optionalTextField({ label: '排序键', max: 40 }) }),
    access: ['staff'],
    creates: true,
    doc: 'Staff create a studio; a retry with the same requestId returns the first.'
  }),
  'studio.assign': action<{ admins: number; members: number }>()({
    name: 'studio.assign',
    fn: 'studio',
    mutates: true,
    input: () => z.object({
      id,
      /** The whole admin list, as person keys from `user.searchPeople` (or `studio.get`'s `admins`); omitted: admins unchanged. */
      adminKeys: z.array(personKey, { error: '请先选择人员' }).max(20, '管理员不能超过 20 人').optional(),
      /** The whole stationed list, as roster ids from `user.listMembers`; omitted: unchanged. */
      memberIds: z.array(id).max(200, '入驻委员不能超过 200 人').optional()
    }).strict(),
    access: ['staff'],
    doc: 'Staff set a studio\'s admins (studio_admin grants scoped to it; audited) and stationed members (from the roster). Admins are named by person key, never by OPENID. Answers the counts, never OPENIDs. Errors: STUDIO.NOT_FOUND, STUDIO.MEMBER_NOT_FOUND, ROLE.PERSON_NOT_FOUND (a key nobody has).'
  }),
  'studio.announcements': action<Page<AnnouncementView>>()({
    name: 'studio.announcements',
    fn: 'studio',
    input: () => z.object({ ...pageInput, studioId: id.optional() }),
    access: 'anyone',
    doc: 'Published announcements, newest first (one studio or all). One DB read per page.'
  }),
  'studio.announcement': action<AnnouncementView>()({
    name: 'studio.announcement',
    fn: 'studio',
    input: () => z.object({ id }),
    access: 'anyone',
    doc: 'One announcement; unpublished ones only for the studio\'s admins and staff.'
  }),
  'studio.manageAnnouncements': action<Page<AnnouncementView>>()({
    name: 'studio.manageAnnouncements',
    fn: 'studio',
    input: () => z.object({ ...pageInput, studioId: id.optional(), state: z.enum(announcementStates, { error: '状态不正确' }).optional() }),
    access: ['studio_admin', 'staff'],
    doc: 'Announcements in every state for a studio the caller manages; staff without a studio see the review queue.'
  }),
  'studio.saveAnnouncement': action<AnnouncementView>()({
    name: 'studio.saveAnnouncement',
    fn: 'studio',
    input: () => z.object({
      id: id.optional(),
      studioId: id,
      title: textField({ label: '标题', max: 60 }),
      body: textField({ label: '正文', max: 5000, multiline: true }),
      coverFileID: fileID.optional(),
      attachments: z.array(z.object({ fileID, name: textField({ label: '附件名', max: 60 }) })).max(9, '附件最多 9 个').optional()
    }),
    access: ['studio_admin', 'staff'],
    creates: true,
    doc: 'Writes a draft (or edits a draft/returned one); files must be the caller\'s own uploads.'
  }),
  'studio.publishAnnouncement': action<AnnouncementView>()({
    name: 'studio.publishAnnouncement',
    fn: 'studio',
    mutates: true,
    input: () => z.object({ id }),
    access: ['studio_admin', 'staff'],
    doc: 'Publishes a draft, or sends it to staff review where the studio has review on.'
  }),
  'studio.reviewAnnouncement': action<AnnouncementView>()({
    name: 'studio.reviewAnnouncement',
    fn: 'studio',
    mutates: true,
    input: () => z.object({ id, approve: z.boolean({ error: '请选择通过或退回' }), reason: optionalTextField({ label: '退回理由', max: 200 }) }),
    access: ['staff'],
    doc: 'Staff approve (publish) or return an announcement with a reason.'
  })
} as const

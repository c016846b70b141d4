/**
 * The `year` function (issue 10): every record kind the review counts
 * (create, edit, bad input refused with a Chinese message, roles), the
 * Beijing-year boundary, only finalized activities counted, and the two
 * exports opened as a person would open them.
 */
import { personKeyFor } from '../../cloudfunctions/_shared/people'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { FigureValue, YearFigures } from '../../src/core/actions/year'
import { personas } from '../../src/dev/personas'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const openid = (key: string) => personas.find((p) => p.key === key)!.openid

beforeEach(() => cloud.seedDemo(), 120_000)

async function figure(id: string, year = 2025): Promise<FigureValue> {
  const f: YearFigures = await cloud.ok('staff', 'year.figures', { year })
  return f.groups.flatMap((g) => g.figures).find((x) => x.id === id)!
}

/** Beijing wall clock of an instant `ms` from now. */
function bj(offsetMs: number): string {
  const d = new Date(Date.now() + offsetMs + 8 * 3600_000)
  return d.toISOString().slice(0, 16).replace('T', ' ')
}
const HOUR = 3600_000

/** An activity created through the activity engine that ended an hour ago; finalized unless asked not to. */
async function pastActivity(fields: Record<string, unknown>, options: { finalize?: boolean; as?: 'staff' | 'studio_admin' } = {}) {
  const who = options.as ?? 'staff'
  const a = await cloud.ok(who, 'activity.create', {
    title: '测试活动',
    place: '县政协机关',
    startAt: bj(-3 * HOUR),
    endAt: bj(-HOUR),
    signupDeadline: bj(-4 * HOUR),
    capacity: 0,
    audience: 'members',
    publish: true,
    ...fields
  })
  if (options.finalize !== false) await cloud.ok(who, 'activity.finalize', { id: a.id })
  return a
}

describe('who may see and enter the year', () => {
  it('staff and leaders read the figures; nobody else does; leaders cannot enter records', async () => {
    expect((await cloud.call('leader', 'year.figures', { year: 2025 })).ok).toBe(true)
    for (const who of ['public', 'member', 'informant', 'studio_admin', 'department'] as const) {
      expect(codeOf(await cloud.call(who, 'year.figures', { year: 2025 }))).toBe('AUTH.FORBIDDEN')
      expect(codeOf(await cloud.call(who, 'year.records', { year: 2025, figure: 'supervisors' }))).toBe('AUTH.FORBIDDEN')
    }
    expect(codeOf(await cloud.call('leader', 'year.saveSubject', { year: 2025, title: '领导不能录入' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('leader', 'year.designate', { year: 2025, memberId: 'm-D003' }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('anonymous', 'year.figures', { year: 2025 }))).toBe('AUTH.UNAUTHENTICATED')
  })

  it('staff grant the read-only leader role', async () => {
    const newcomer = 'oVicechair0000000001'
    expect(codeOf(await cloud.call({ openid: newcomer }, 'year.figures', { year: 2025 }))).toBe('AUTH.FORBIDDEN')
    // Staff find a person by the name they registered (decision 44), never by an OPENID.
    await cloud.ok({ openid: newcomer }, 'user.setName', { name: '白振国' })
    await cloud.ok('staff', 'user.grantRole', { personKey: personKeyFor(newcomer), role: 'leader' })
    expect((await cloud.ok({ openid: newcomer }, 'user.me', {})).roles).toContain('leader')
    expect((await cloud.call({ openid: newcomer }, 'year.figures', { year: 2025 })).ok).toBe(true)
    expect(codeOf(await cloud.call('leader', 'user.grantRole', { personKey: personKeyFor(newcomer), role: 'staff' }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('research subjects and reports', () => {
  it('a subject: created once per requestId, edited, counted; bad input refused in Chinese', async () => {
    const first = await cloud.call('staff', 'year.saveSubject', { year: 2025, title: '县域商业体系建设', lead: '经济和农业委员会' }, 'req-subject-0001')
    const again = await cloud.call('staff', 'year.saveSubject', { year: 2025, title: '县域商业体系建设', lead: '经济和农业委员会' }, 'req-subject-0001')
    expect(first.ok && again.ok && again.data.id === first.data.id).toBe(true)
    expect((await figure('research_subjects')).value).toBe(15)
    const id = first.ok ? first.data.id : ''
    const edited = await cloud.ok('staff', 'year.saveSubject', { id, year: 2025, title: '县域商业体系建设和消费提振' })
    expect(edited).toMatchObject({ id, title: '县域商业体系建设和消费提振', lead: '经济和农业委员会' })
    expect((await figure('research_subjects')).value).toBe(15)
    const empty = await cloud.call('staff', 'year.saveSubject', { year: 2025, title: '   ' })
    expect(codeOf(empty)).toBe('COMMON.INVALID_INPUT')
    expect(!empty.ok && empty.error.message).toMatch(/课题名称/)
    expect(codeOf(await cloud.call('staff', 'year.saveSubject', { id: 'subj-nope', year: 2025, title: '不存在' }))).toBe('YEAR.NOT_FOUND')
    expect(codeOf(await cloud.call('staff', 'year.saveSubject', { year: 1800, title: '年代不对' }))).toBe('COMMON.INVALID_INPUT')
    const subjects = await cloud.ok('studio_admin', 'year.subjects', { year: 2025 })
    expect(subjects).toHaveLength(15)
    expect(subjects.find((s) => s.title === '花生产业高质量发展')!.trips).toBeGreaterThan(0)
  })

  it('a report: dated in Beijing time, counted in its year; future dates, foreign files and other years\' subjects refused', async () => {
    const [subject] = await cloud.ok('staff', 'year.subjects', { year: 2025 })
    const r = await cloud.ok('staff', 'year.saveReport', { title: '关于县域冷链物流发展的调研报告', date: '2025-12-31', subjectId: subject.id })
    expect(r).toMatchObject({ year: 2025, date: '2025-12-30T16:00:00.000Z' })
    expect((await figure('special_reports')).value).toBe(13)
    expect((await figure('special_reports', 2026)).value).toBe(5)
    const moved = await cloud.ok('staff', 'year.saveReport', { id: r.id, title: '关于县域冷链物流发展的调研报告', date: '2026-01-01' })
    expect(moved.year).toBe(2026)
    expect((await figure('special_reports')).value).toBe(12)
    expect(codeOf(await cloud.call('staff', 'year.saveReport', { title: '明天的报告', date: bj(48 * HOUR).slice(0, 10) }))).toBe('YEAR.DATE_FUTURE')
    expect(codeOf(await cloud.call('staff', 'year.saveReport', { title: '课题年度不符', date: '2026-03-01', subjectId: subject.id }))).toBe('YEAR.SUBJECT_NOT_FOUND')
    expect(codeOf(await cloud.call('staff', 'year.saveReport', { title: '别人的文件', date: '2025-05-01', fileID: `cloud://env.bucket/uploads/${openid('member')}/r.docx` }))).toBe('FILE.NOT_OWNED')
    const bad = await cloud.call('staff', 'year.saveReport', { title: '日期不对', date: '2025-02-30' })
    expect(codeOf(bad)).toBe('COMMON.INVALID_INPUT')
    expect(!bad.ok && bad.error.message).toMatch(/报告日期/)
  })
})

describe('activity outcomes (the organiser\'s entry after the activity)', () => {
  it('only after the activity is finalized; fields by kind; counted once however often it is saved', async () => {
    const trip = await pastActivity({ type: 'supervision', kind: 'research', title: '县域冷链物流调研（东梁镇）' }, { finalize: false })
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: trip.id, suggestions: 3 }))).toBe('YEAR.NOT_FINALIZED')
    await cloud.ok('staff', 'activity.finalize', { id: trip.id })
    const [subject] = await cloud.ok('staff', 'year.subjects', { year: 2026 })
    const saved = await cloud.ok('staff', 'year.saveOutcome', { activityId: trip.id, suggestions: 3, subjectId: subject.id, note: '建议建设镇级冷链集配中心' })
    expect(saved).toMatchObject({ kind: 'research', suggestions: 3, year: 2026 })
    const before = (await figure('inspection_suggestions', 2026)).value!
    await cloud.ok('staff', 'year.saveOutcome', { activityId: trip.id, suggestions: 5 })
    expect((await figure('inspection_suggestions', 2026)).value).toBe(before + 2)
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: trip.id, peopleServed: 100 }))).toBe('YEAR.FIELD_NOT_FOR_KIND')
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: trip.id, suggestions: -1 }))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: 'act-nope', suggestions: 1 }))).toBe('ACTIVITY.NOT_FOUND')
    const [old] = await cloud.ok('staff', 'year.subjects', { year: 2025 })
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: trip.id, subjectId: old.id }))).toBe('YEAR.SUBJECT_NOT_FOUND')
  })

  it('people served is the organiser\'s entry; a studio admin enters it only for their own studio', async () => {
    // Entered by staff (an organiser cannot create an activity that already ended, decision 36); it belongs to studio-01.
    const show = await pastActivity({ type: 'outreach', kind: 'art_show', title: '送文艺下乡（王府镇）', studioId: 'studio-01' })
    const before = (await figure('people_served', 2026)).value!
    const artBefore = (await figure('art_shows', 2026)).value!
    await cloud.ok('studio_admin', 'year.saveOutcome', { activityId: show.id, peopleServed: 420 })
    expect((await figure('people_served', 2026)).value).toBe(before + 420)
    expect((await figure('art_shows', 2026)).value).toBe(artBefore)
    const other = await pastActivity({ type: 'outreach', kind: 'health_clinic', title: '健康义诊（泡子镇）', studioId: 'studio-02' })
    expect(codeOf(await cloud.call('studio_admin', 'year.saveOutcome', { activityId: other.id, peopleServed: 80 }))).toBe('ACTIVITY.NOT_ORGANISER')
    expect(codeOf(await cloud.call('leader', 'year.saveOutcome', { activityId: other.id, peopleServed: 80 }))).toBe('AUTH.FORBIDDEN')
    expect(codeOf(await cloud.call('staff', 'year.saveOutcome', { activityId: other.id, opinions: 2 }))).toBe('YEAR.FIELD_NOT_FOR_KIND')
  })

  it('a figure counts only finalized activities; person-times are check-ins', async () => {
    const lecturesBefore = (await figure('lectures', 2026)).value!
    const timesBefore = (await figure('training_person_times', 2026)).value!
    const lecture = await pastActivity({ type: 'training', kind: 'lecture', title: '乡村振兴政策讲座' }, { finalize: false })
    // one member checked in at the door, another registered but never came
    const reg = (memberId: string, state: string) => ({
      _id: `${lecture.id}_${memberId}`, activityId: lecture.id, personKey: memberId, memberId, name: memberId, state, consented: false,
      pass: `P${memberId.replace(/\W/g, '')}`, activityStartAt: new Date(), registeredAt: new Date(), updatedAt: new Date(),
      ...(state === 'checked_in' ? { checkedInAt: new Date(), checkinMethod: 'pass' } : {})
    })
    await cloud.db().collection('registrations').add({ data: [reg('m-D003', 'checked_in'), reg('m-D004', 'registered')] })
    expect((await figure('lectures', 2026)).value).toBe(lecturesBefore)
    await cloud.ok('staff', 'activity.finalize', { id: lecture.id })
    expect((await figure('lectures', 2026)).value).toBe(lecturesBefore + 1)
    expect((await figure('training_person_times', 2026)).value).toBe(timesBefore + 1)
    expect(codeOf(await cloud.call('staff', 'activity.create', { title: '类别不符', type: 'training', kind: 'health_clinic', place: '机关', startAt: bj(48 * HOUR), endAt: bj(50 * HOUR), signupDeadline: bj(24 * HOUR), capacity: 0, audience: 'members' }))).toBe('ACTIVITY.KIND_MISMATCH')
  })
})

describe('past records entered by hand and the Beijing year', () => {
  it('a lecture on 31 December 23:30 Beijing counts in that year, marked as entered by hand', async () => {
    const before = (await figure('lectures')).value!
    const times = (await figure('training_person_times')).value!
    const nextYear = (await figure('lectures', 2026)).value!
    const { activityId } = await cloud.ok('staff', 'year.recordPast', { title: '跨年夜履职讲座', type: 'training', kind: 'lecture', place: '县政协机关', startAt: '2025-12-31 23:30', endAt: '2026-01-01 00:30', attended: 30 })
    expect((await figure('lectures')).value).toBe(before + 1)
    expect((await figure('training_person_times')).value).toBe(times + 30)
    expect((await figure('lectures', 2026)).value).toBe(nextYear)
    let row
    let cursor: string | undefined
    do {
      const page = await cloud.ok('leader', 'year.records', { year: 2025, figure: 'lectures', cursor })
      row = page.items.find((r) => r.id === activityId) ?? row
      cursor = page.nextCursor
    } while (cursor)
    expect(row).toMatchObject({ title: '跨年夜履职讲座', value: 1, manual: { by: '机关工作人员' } })
    expect(codeOf(await cloud.call('staff', 'year.recordPast', { title: '还没开', type: 'training', place: '机关', startAt: bj(24 * HOUR), endAt: bj(26 * HOUR), attended: 3 }))).toBe('YEAR.DATE_FUTURE')
    expect(codeOf(await cloud.call('staff', 'year.recordPast', { title: '时间颠倒', type: 'training', place: '机关', startAt: '2025-05-01 10:00', endAt: '2025-05-01 09:00', attended: 3 }))).toBe('ACTIVITY.BAD_TIMES')
    expect(codeOf(await cloud.call('studio_admin', 'year.recordPast', { title: '工作室补录', type: 'studio_activity', place: '机关', startAt: '2025-05-01 09:00', endAt: '2025-05-01 10:00', attended: 3 }))).toBe('AUTH.FORBIDDEN')
    // not listed to the public
    const listed = await cloud.ok('public', 'activity.list', { scope: 'past', type: 'training', limit: 20 })
    expect(listed.items.some((a) => a.id === activityId)).toBe(false)
  })
})

describe('supervisors and contacts with members', () => {
  it('a designation per member per year, edited in place, withdrawn', async () => {
    expect((await figure('supervisors')).value).toBe(54)
    const d = await cloud.ok('staff', 'year.designate', { year: 2025, memberId: 'm-D002', field: '营商环境' })
    expect(d).toMatchObject({ id: '2025_m-D002', memberName: expect.any(String), field: '营商环境' })
    await cloud.ok('staff', 'year.designate', { year: 2025, memberId: 'm-D002', field: '教育医疗' })
    expect((await figure('supervisors')).value).toBe(55)
    expect(codeOf(await cloud.call('staff', 'year.designate', { year: 2025, memberId: 'm-NOBODY' }))).toBe('MEMBER.NOT_FOUND')
    expect(await cloud.ok('staff', 'year.undesignate', { year: 2025, memberId: 'm-D002' })).toEqual({ removed: true })
    expect(await cloud.ok('staff', 'year.undesignate', { year: 2025, memberId: 'm-D002' })).toEqual({ removed: false })
    expect((await figure('supervisors')).value).toBe(54)
  })

  it('a contact: dated, edited, listed newest first; future dates and unknown kinds refused', async () => {
    const c = await cloud.ok('staff', 'year.saveContact', { memberId: 'm-D005', kind: 'visit', date: '2025-12-31', note: '走访了解委员企业经营情况' })
    expect(c).toMatchObject({ year: 2025, kind: '走访看望' })
    expect((await figure('member_contacts')).value).toBe(693)
    const edited = await cloud.ok('staff', 'year.saveContact', { id: c.id, memberId: 'm-D005', kind: 'call', date: '2025-12-30' })
    expect(edited).toMatchObject({ id: c.id, kind: '电话联系', note: '走访了解委员企业经营情况' })
    const list = await cloud.ok('staff', 'year.contacts', { year: 2025, memberId: 'm-D005', limit: 20 })
    expect(list.items[0].id).toBe(c.id)
    expect(codeOf(await cloud.call('staff', 'year.saveContact', { memberId: 'm-D005', kind: 'visit', date: bj(48 * HOUR).slice(0, 10) }))).toBe('YEAR.DATE_FUTURE')
    const bad = await cloud.call('staff', 'year.saveContact', { memberId: 'm-D005', kind: 'gossip', date: '2025-05-05' })
    expect(codeOf(bad)).toBe('COMMON.INVALID_INPUT')
    expect(!bad.ok && bad.error.message).toBe('联系方式不正确')
    expect(codeOf(await cloud.call('staff', 'year.saveContact', { memberId: 'm-NOBODY', kind: 'visit', date: '2025-05-05' }))).toBe('MEMBER.NOT_FOUND')
    expect(codeOf(await cloud.call('leader', 'year.contacts', { year: 2025 }))).toBe('AUTH.FORBIDDEN')
  })
})

describe('exports', () => {
  it('.xlsx: one row per figure with the value, last year and how it is counted', async () => {
    const link = await cloud.ok('leader', 'year.export', { year: 2025, format: 'xlsx' })
    expect(link.url).toMatch(/^https?:\/\//)
    expect(link.fileID).not.toMatch(/oDemo/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(cloud.emulator.storage.read(link.fileID)! as never)
    const sheet = workbook.getWorksheet('2025年工作数据')!
    const rows = new Map<string, unknown[]>()
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1))
    })
    expect(rows.size).toBe(link.figures)
    expect(rows.get('视察调研')).toEqual(['协商议政', '视察调研', 61, 0, '次', '当年开始、已归档考勤的视察和调研活动数。'])
    expect(rows.get('选派特约监督员')!.slice(2, 5)).toEqual([54, 0, '名'])
    expect(rows.get('累计培训委员')!.slice(2, 5)).toEqual([1260, 0, '人次'])
    // the proposal area's figure: its number once merged (the seed's 108), else why it is missing
    const proposals = rows.get('收到提案')![2]
    if (typeof proposals === 'number') expect(proposals).toBe(108)
    else expect(proposals).toMatch(/提案/)
    const audit = (await cloud.db().collection('auditLog').where({ action: 'year.export' }).get()).data
    expect(audit[0]).toMatchObject({ actor: openid('leader'), target: 'year-2025' })
  })

  it('.docx 年度工作数据: the figures in the review\'s order', async () => {
    const link = await cloud.ok('staff', 'year.export', { year: 2026, format: 'docx' })
    const xml = await (await JSZip.loadAsync(cloud.emulator.storage.read(link.fileID)!)).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    // The county's name comes from src/core/county.ts, never a bare 县政协.
    expect(text).toContain('阜蒙县政协2026年度工作数据')
    expect(text).toContain('阜蒙县政协办公室 ')
    expect(text).toContain('选派特约监督员：40名（2025年 54名）')
    const times = await figure('training_person_times', 2026)
    expect(times.value).toBeGreaterThanOrEqual(11 * 24)
    expect(text).toContain(`累计培训委员：${times.value}人次（2025年 1260人次）`)
    expect(text).toContain('编报《社情民意》专刊：')
    const order = ['一、协商议政', '二、民主监督', '三、提案', '四、社情民意', '五、凝聚共识', '六、委员履职', '七、平台建设'].map((h) => text.indexOf(h))
    expect(order.every((p, i) => p >= 0 && (i === 0 || p > order[i - 1]))).toBe(true)
    expect(codeOf(await cloud.call('staff', 'year.export', { year: 2026, format: 'pdf' }))).toBe('COMMON.INVALID_INPUT')
  })
})

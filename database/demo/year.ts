/**
 * The year's work records of the demo county (issue 10): 2025 reproduces the
 * figures of the seed work review (shared/seed, 2025年工作回顾) from
 * individual records of each kind, and the current year (when `now` is after
 * 2025) has its own smaller figures up to `now`.
 *
 * 2025, as the review states it:
 * - 14 key research subjects, 61 inspection and research trips under them
 *   with 72 suggestions ("70余条"), 12 topic reports;
 * - 15 trainings and 4 lectures, 1,260 person-times from check-ins;
 * - 54 members designated 特约监督员, 6 special supervision activities with
 *   42 opinions ("40余条");
 * - 四送三联系: 32 送文艺下乡, 6 law and farming lectures, 15 health clinics
 *   and the 重阳 visit to the elderly (in October), 16,000 people served;
 * - 5 sessions of the 十五五 theme activity collecting 73 suggestions ("70余条");
 * - 692 contacts with members ("690余人次"); 47 informants; activities of
 *   each of the 12 studios.
 * Trips, trainings, supervision and service activities are finalized
 * activities (the activity engine's shape) with members checked in; what the
 * organisers entered afterwards lives in `activityOutcomes`.
 *
 * Places are the county's towns; titles follow the review's subjects. The
 * roster grows by 48 fictional members (D043…D090): the county's committee
 * is larger than the detailed demo's 42, and 54 supervisors need 54 members.
 * Records carry `yearDemo: true` and are replaced on every load (idempotent);
 * everything is written in batches.
 */
import { members as countyMembers, studios } from './county'
import { personKeyFor } from '../../cloudfunctions/_shared/people'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

const HOUR = 3600_000
const DAY = 24 * HOUR
const STAFF = 'oDemoStaff00000000000000001'

/** The 2025 figures this loader reproduces (the seed review's numbers; "余" taken as a little above). */
export const SEED_YEAR_FIGURES = {
  year: 2025,
  researchSubjects: 14,
  inspectionTrips: 61,
  inspectionSuggestions: 72,
  specialReports: 12,
  trainings: 15,
  lectures: 4,
  trainingPersonTimes: 1260,
  supervisors: 54,
  supervisionActivities: 6,
  supervisionOpinions: 42,
  artShows: 32,
  lawAgriLectures: 6,
  healthClinics: 15,
  peopleServed: 16000,
  memberContacts: 692,
  informants: 47,
  studios: 12
}

/** The smaller current-year plan (only what lies before `now` is written). */
const CURRENT_YEAR = {
  researchSubjects: 8,
  inspectionTrips: 26,
  specialReports: 5,
  trainings: 9,
  lectures: 2,
  perTraining: 24,
  supervisors: 40,
  supervisionActivities: 4,
  opinionsPerSupervision: 6,
  artShows: 18,
  lawAgriLectures: 4,
  healthClinics: 9,
  memberContacts: 260,
  newInformants: 3
}

const towns = ['大板镇', '东梁镇', '佛寺镇', '王府镇', '于寺镇', '阜新镇', '泡子镇', '大巴镇', '旧庙镇', '扎兰营子镇', '十家子镇', '沙拉镇', '紫都台镇', '富荣镇', '哈达户稍镇', '务欢池镇']
const surnames = ['包', '白', '韩', '宝', '何', '于', '邢', '曹', '冯', '邓', '谢', '唐', '董', '许', '梁', '宋']
const given = ['海龙', '秀兰', '金花', '志刚', '淑华', '国庆', '春梅', '宝音', '那仁', '建军', '丽华', '永明', '晓光', '玉兰', '德力格尔', '乌云', '振华', '翠萍', '文彬', '桂芝', '长海', '素梅', '铁军', '青山']
const sectors = ['经济界', '农业界', '教育界', '医药卫生界', '文化艺术界', '科学技术界', '少数民族界', '工商联', '妇联', '无党派人士', '民盟', '特邀']
const committees = ['提案委员会', '经济和农业委员会', '文史和学习委员会', '社会和法制委员会', '民族宗教委员会']

/** 48 more fictional members, D043…D090. */
export const extraMembers = Array.from({ length: 48 }, (_, i) => {
  const memberNumber = `D${String(43 + i).padStart(3, '0')}`
  return {
    _id: `m-${memberNumber}`,
    memberNumber,
    name: `${surnames[i % surnames.length]}${given[(i * 5) % given.length]}`,
    sector: sectors[i % sectors.length],
    phone: `135${String(41800000 + i * 7919).slice(0, 8)}`,
    specialCommittee: committees[i % committees.length]
  }
})

/** Everyone on the grown roster except the bound demo members (their own lists stay readable). */
const roster = [...countyMembers, ...extraMembers].filter((m) => m._id !== 'm-D001' && m._id !== 'm-D002')

const fictionalInformants = Array.from({ length: 46 }, (_, i) => `oDemoInformantX${String(i + 1).padStart(12, '0')}`)

/** Beijing wall clock → instant. */
function bj(year: number, month: number, day: number, hour: number, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute))
}

/** The n-th of `count` dates spread from `from` to `to` (Beijing days), on a weekday, at `hour`. */
function spread(year: number, n: number, count: number, from: [number, number], to: [number, number], hour: number): Date {
  const a = bj(year, from[0], from[1], hour).getTime()
  const b = bj(year, to[0], to[1], hour).getTime()
  let t = a + Math.floor(((b - a) * (n + 0.5)) / Math.max(1, count) / DAY) * DAY
  // move Saturday / Sunday (Beijing) to Monday
  const weekday = new Date(t + 8 * HOUR).getUTCDay()
  if (weekday === 6) t += 2 * DAY
  if (weekday === 0) t += DAY
  return new Date(t)
}

/** Splits `total` into `parts` whole numbers that vary a little and add up exactly. */
function split(total: number, parts: number, wobble = 0.3): number[] {
  const base = total / parts
  const raw = Array.from({ length: parts }, (_, i) => Math.max(1, Math.round(base * (1 + wobble * Math.sin(i * 2.3)))))
  let diff = total - raw.reduce((s, x) => s + x, 0)
  for (let i = 0; diff !== 0; i = (i + 1) % parts) {
    const step = diff > 0 ? 1 : -1
    if (raw[i] + step >= 1) {
      raw[i] += step
      diff -= step
    }
  }
  return raw
}

const subjects2025 = [
  { title: '乡村振兴产业发展', lead: '经济和农业委员会' },
  { title: '生态环境保护修复', lead: '社会和法制委员会' },
  { title: '花生产业高质量发展', lead: '经济和农业委员会' },
  { title: '巩固绕阳河源头治理成果', lead: '社会和法制委员会' },
  { title: '文旅产业创新发展', lead: '文史和学习委员会' },
  { title: '激发县域经济活力', lead: '提案委员会' },
  { title: '玛瑙产业提升', lead: '经济和农业委员会' },
  { title: '特色蒙医药传承发展', lead: '民族宗教委员会' },
  { title: '东梁温泉康养开发', lead: '经济和农业委员会' },
  { title: '科尔沁沙地综合治理', lead: '社会和法制委员会' },
  { title: '校园食品安全', lead: '社会和法制委员会' },
  { title: '学校周边交通秩序', lead: '提案委员会' },
  { title: '乡镇卫生院建设', lead: '社会和法制委员会' },
  { title: '农村人居环境整治', lead: '经济和农业委员会' }
]

const subjects2026 = [
  { title: '矿产资源开发和闲置资产利用', lead: '经济和农业委员会' },
  { title: '新能源产业项目落地', lead: '经济和农业委员会' },
  { title: '城乡融合发展及城市更新', lead: '提案委员会' },
  { title: '文体旅康养深度融合', lead: '文史和学习委员会' },
  { title: '学前教育普及普惠发展', lead: '社会和法制委员会' },
  { title: '乡镇卫生院服务能力', lead: '社会和法制委员会' },
  { title: '“蒙古贞+”文化品牌培育', lead: '民族宗教委员会' },
  { title: '瑞应寺景区文化资源融合', lead: '文史和学习委员会' }
]

const reports2025 = [
  '县域经济发展的几点思考',
  '关于以科技赋能与路径创新、推动我县花生产业高质量发展的建议',
  '关于巩固绕阳河源头治理成果、提升高水平生态治理效能的建议',
  '关于立足我县文化优势、加强推进文旅产业创新发展的建议案',
  '关于依托我市“两市四区”建设、提升玛瑙产业发展的建议',
  '挖掘历史文化元素，进一步擦亮“蒙医药发祥地”金名片',
  '关于助推科尔沁沙地歼灭战、实现生态经济效益双赢的建议',
  '关于守护校园食品安全的调研报告',
  '关于缓解学校周边交通拥堵的调研报告',
  '关于加强乡镇卫生院建设的调研报告',
  '关于推进农村人居环境整治的调研报告',
  '关于东梁温泉康养产业发展的调研报告'
]

const reports2026 = [
  '关于盘活闲置资产、助力县域经济发展的调研报告',
  '关于推动新能源产业项目落地见效的建议',
  '关于推进城市更新和城乡融合发展的调研报告',
  '关于推动学前教育普及普惠发展的调研报告',
  '关于助力“蒙古贞+”文化品牌培育的建议'
]

/** What trips under a subject look at (title suffixes). */
const tripSubjects: Record<string, string[]> = {
  default: ['实地视察', '专题调研', '走访座谈', '现场调研']
}

interface Built {
  activities: Record<string, unknown>[]
  registrations: Record<string, unknown>[]
  outcomes: Record<string, unknown>[]
  subjects: Record<string, unknown>[]
  reports: Record<string, unknown>[]
  designations: Record<string, unknown>[]
  contacts: Record<string, unknown>[]
}

interface DemoActivity {
  id: string
  title: string
  type: 'supervision' | 'training' | 'outreach' | 'studio_activity'
  kind: string
  place: string
  startAt: Date
  hours: number
  attendees: number
  studio?: (typeof studios)[number]
  organiser?: string
  description: string
}

/** A finalized activity with `attendees` members checked in (attended). */
function addActivity(b: Built, a: DemoActivity, offset: number): void {
  const endAt = new Date(a.startAt.getTime() + a.hours * HOUR)
  const people = Array.from({ length: Math.min(a.attendees, roster.length) }, (_, k) => roster[(offset * 11 + k) % roster.length])
  b.activities.push({
    _id: a.id,
    yearDemo: true,
    title: a.title,
    type: a.type,
    kind: a.kind,
    state: 'finalized',
    description: a.description,
    place: a.place,
    organiser: a.studio ? { kind: 'studio', studioId: a.studio._id, name: a.studio.name } : { kind: 'committee', name: a.organiser ?? '县政协' },
    ...(a.studio ? { studioId: a.studio._id } : {}),
    startAt: a.startAt,
    endAt,
    signupDeadline: new Date(a.startAt.getTime() - DAY),
    checkinStartAt: new Date(a.startAt.getTime() - 30 * 60_000),
    checkinEndAt: endAt,
    capacity: 0,
    registeredCount: people.length,
    waitlistCount: 0,
    waitlistSeq: 0,
    waitlist: false,
    audience: 'members',
    inviteeIds: [],
    required: false,
    checkedInCount: people.length,
    finalizedAt: new Date(endAt.getTime() + HOUR),
    attendance: { attended: people.length, absent: 0, leave: 0 },
    listed: true,
    createdBy: STAFF,
    createdAt: new Date(a.startAt.getTime() - 7 * DAY),
    updatedAt: new Date(endAt.getTime() + HOUR)
  })
  people.forEach((m, k) => {
    b.registrations.push({
      _id: `${a.id}_${m._id}`,
      yearDemo: true,
      activityId: a.id,
      personKey: m._id,
      memberId: m._id,
      name: m.name,
      state: 'attended',
      consented: false,
      pass: `P${a.id.replace(/\W/g, '').slice(-10)}${k}`,
      checkedInAt: new Date(a.startAt.getTime() - (5 + (k % 20)) * 60_000),
      checkinMethod: k % 3 ? 'venue_qr' : 'pass',
      activityStartAt: a.startAt,
      registeredAt: new Date(a.startAt.getTime() - 3 * DAY),
      updatedAt: endAt
    })
  })
}

function addOutcome(b: Built, a: DemoActivity, year: number, fields: { suggestions?: number; opinions?: number; peopleServed?: number; subjectId?: string; note: string }): void {
  const enteredAt = new Date(a.startAt.getTime() + a.hours * HOUR + 2 * DAY)
  b.outcomes.push({
    _id: a.id,
    yearDemo: true,
    activityId: a.id,
    title: a.title,
    type: a.type,
    kind: a.kind,
    year,
    startAt: a.startAt,
    place: a.place,
    organiserName: a.studio?.name ?? a.organiser ?? '县政协',
    ...(a.studio ? { studioId: a.studio._id } : {}),
    suggestions: fields.suggestions ?? 0,
    opinions: fields.opinions ?? 0,
    peopleServed: fields.peopleServed ?? 0,
    ...(fields.subjectId ? { subjectId: fields.subjectId } : {}),
    note: fields.note,
    entered: { by: STAFF, byName: '机关工作人员', at: enteredAt },
    updatedAt: enteredAt
  })
}

interface YearPlan {
  year: number
  subjects: { title: string; lead: string }[]
  trips: number
  suggestions: number
  reports: string[]
  trainings: number
  lectures: number
  personTimes: number
  supervisors: number
  supervisionActivities: number
  supervisionOpinions: number
  artShows: number
  lawAgri: number
  clinics: number
  peopleServed: number
  contacts: number
  studioActivitiesPerStudio: number
  /** Last Beijing month with records (the current year stops before `now`). */
  lastMonth: number
}

const trainingTopics = ['政治理论专题辅导', '提案撰写实务', '社情民意信息写作', '民主监督工作方法', '协商议事规则', '铸牢中华民族共同体意识', '履职能力提升', '新任委员履职', '调查研究方法', '法律法规学习', '经济形势分析', '乡村振兴政策解读', '生态环境保护政策', '民族团结进步', '年度履职交流']
const lectureTopics = ['社情民意信息写作讲座', '提案写作讲座', '蒙古贞历史文化讲座', '县域经济高质量发展讲座']
const supervisionTopics = ['教育领域专项监督', '医疗服务专项监督', '营商环境专项监督', '农村饮水安全专项监督', '涉农惠民政策落实专项监督', '食品安全专项监督']
const artTitles = ['送文艺下乡', '“我们的节日”文艺演出', '乌力格尔说唱进村', '安代舞展演进村', '送戏下乡']
const lawAgriTitles: [string, string][] = [
  ['legal_aid', '公益法律咨询'],
  ['agri_tech', '花生种植技术讲座'],
  ['legal_aid', '农民工讨薪法律咨询'],
  ['agri_tech', '设施农业技术讲座'],
  ['legal_aid', '婚姻家庭法律咨询'],
  ['agri_tech', '肉牛养殖技术讲座']
]
const contactNotes: Record<string, string[]> = {
  visit: ['走访了解委员履职情况和困难', '看望生病住院的委员', '到委员所在企业走访座谈'],
  call: ['电话通知会议并了解参会安排', '电话征求对年度协商计划的意见', '电话了解提案办理反馈意见'],
  study: ['送学习材料上门', '送《委员履职手册》上门'],
  duty_service: ['协助委员整理提案素材', '协助委员联系承办单位', '为委员办理履职档案登记'],
  care: ['节日慰问困难委员', '协调解决委员家属就医问题']
}
const contactKinds = ['visit', 'call', 'study', 'duty_service', 'care'] as const

function buildYear(b: Built, p: YearPlan): void {
  const y = p.year
  const lastDay: [number, number] = [p.lastMonth, p.lastMonth === 12 ? 20 : 25]
  // research subjects
  const subjectIds = p.subjects.map((s, i) => {
    const id = `yr-${y}-subj-${String(i + 1).padStart(2, '0')}`
    const at = bj(y, 1, 20 + (i % 5), 10)
    b.subjects.push({ _id: id, yearDemo: true, year: y, title: s.title, lead: s.lead, note: `${y}年度县政协重点调研课题，由${s.lead}牵头。`, entered: { by: STAFF, byName: '机关工作人员', at }, updatedAt: at })
    return id
  })
  // inspection and research trips (spring to early winter), each under a subject
  const perTrip = split(p.suggestions, p.trips, 0.5)
  for (let i = 0; i < p.trips; i++) {
    const s = i % p.subjects.length
    const town = towns[(i * 3) % towns.length]
    const inspection = i % 2 === 0
    const a: DemoActivity = {
      id: `yr-${y}-trip-${String(i + 1).padStart(3, '0')}`,
      title: `${p.subjects[s].title}${inspection ? '视察' : '调研'}（${town}）`,
      type: 'supervision',
      kind: inspection ? 'inspection' : 'research',
      place: `${town}${['政府会议室', '产业园区', '村委会', '项目现场'][i % 4]}`,
      startAt: spread(y, i, p.trips, [3, 3], lastDay, 8 + (i % 2) * 6),
      hours: 4,
      attendees: 2 + (i % 2),
      organiser: `县政协${p.subjects[s].lead}`,
      description: `围绕“${p.subjects[s].title}”重点课题，组织委员到${town}${tripSubjects.default[i % 4]}，听取部门和群众意见。`
    }
    addActivity(b, a, i)
    addOutcome(b, a, y, { suggestions: perTrip[i], subjectId: subjectIds[s], note: `形成意见建议${perTrip[i]}条，已汇总报送。` })
  }
  // reports
  p.reports.forEach((title, i) => {
    const date = spread(y, i, p.reports.length, [4, 15], lastDay, 0)
    const at = new Date(date.getTime() + 10 * HOUR)
    b.reports.push({ _id: `yr-${y}-report-${String(i + 1).padStart(2, '0')}`, yearDemo: true, year: y, title, date, subjectId: subjectIds[i % subjectIds.length], entered: { by: STAFF, byName: '机关工作人员', at }, updatedAt: at })
  })
  // trainings and lectures: person-times from check-ins
  const sessions = p.trainings + p.lectures
  const perSession = split(p.personTimes, sessions, 0.1)
  for (let i = 0; i < sessions; i++) {
    const lecture = i >= p.trainings
    const title = lecture ? lectureTopics[(i - p.trainings) % lectureTopics.length] : `委员${trainingTopics[i % trainingTopics.length]}培训`
    addActivity(
      b,
      {
        id: `yr-${y}-train-${String(i + 1).padStart(2, '0')}`,
        title,
        type: 'training',
        kind: lecture ? 'lecture' : 'training',
        place: i % 3 === 0 ? '县政协机关三楼会议室' : i % 3 === 1 ? '县委党校报告厅' : '县政协委员之家',
        startAt: spread(y, lecture ? (i - p.trainings) * 3 + 1 : i, lecture ? p.lectures * 3 : p.trainings, [2, 24], lastDay, 9),
        hours: 3,
        attendees: perSession[i],
        organiser: '县政协办公室',
        description: lecture ? `特邀专家授课：${title.replace('讲座', '')}。` : `${title}，委员按通知参加并签到。`
      },
      100 + i
    )
  }
  // special supervision
  const opinions = split(p.supervisionOpinions, p.supervisionActivities, 0.3)
  for (let i = 0; i < p.supervisionActivities; i++) {
    const a: DemoActivity = {
      id: `yr-${y}-superv-${i + 1}`,
      title: `${supervisionTopics[i % supervisionTopics.length]}活动`,
      type: 'supervision',
      kind: 'special_supervision',
      place: `${towns[(i * 5 + 1) % towns.length]}及县直有关部门`,
      startAt: spread(y, i, p.supervisionActivities, [4, 10], lastDay, 9),
      hours: 5,
      attendees: 8,
      organiser: '县政协社会和法制委员会',
      description: '特约监督员深入一线，查看政策落实和整改情况，提出监督意见。'
    }
    addActivity(b, a, 200 + i)
    addOutcome(b, a, y, { opinions: opinions[i], note: `提出监督意见${opinions[i]}条，已转交有关部门办理。` })
  }
  // 四送三联系: people served as the organiser entered it
  const services: DemoActivity[] = []
  for (let i = 0; i < p.artShows; i++) {
    const town = towns[(i * 7) % towns.length]
    // 送文艺 mostly around the Spring Festival and in the warm months
    const month = [1, 2, 2, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10][i % 16]
    const date = bj(y, Math.min(month, p.lastMonth), 3 + ((i * 5) % 24), 15)
    services.push({ id: `yr-${y}-art-${String(i + 1).padStart(2, '0')}`, title: `“四送三联系”${artTitles[i % artTitles.length]}（${town}）`, type: 'outreach', kind: 'art_show', place: `${town}文化广场`, startAt: date, hours: 2, attendees: 2, description: '委员文艺骨干和县乌兰牧骑演员送文艺下乡。' })
  }
  for (let i = 0; i < p.lawAgri; i++) {
    const [kind, title] = lawAgriTitles[i % lawAgriTitles.length]
    const town = towns[(i * 5 + 2) % towns.length]
    services.push({ id: `yr-${y}-lawagri-${i + 1}`, title: `“四送三联系”${title}（${town}）`, type: 'outreach', kind, place: `${town}党群服务中心`, startAt: spread(y, i, p.lawAgri, [3, 10], lastDay, 9), hours: 3, attendees: 2, description: kind === 'legal_aid' ? '律师委员为群众免费解答法律问题。' : '农业界委员和技术人员现场讲解种养技术。' })
  }
  for (let i = 0; i < p.clinics; i++) {
    const town = towns[(i * 3 + 4) % towns.length]
    services.push({ id: `yr-${y}-clinic-${String(i + 1).padStart(2, '0')}`, title: `“四送三联系”健康义诊（${town}）`, type: 'outreach', kind: 'health_clinic', place: `${town}卫生院`, startAt: spread(y, i, p.clinics, [3, 15], lastDay, 8), hours: 4, attendees: 3, description: '医药卫生界委员义诊，测血压血糖、发放健康手册。' })
  }
  // theme activities collecting suggestions (2025: for the county's 15th five-year plan)
  const themeTitle = y === 2025 ? '“我为编制阜新‘十五五’规划献良策”主题活动' : '“我为‘蒙古贞+’品牌建设献一策”主题活动'
  const themeSessions = y === 2025 ? 5 : 2
  const themeSuggestions = split(y === 2025 ? 73 : 18, themeSessions, 0.3)
  for (let i = 0; i < themeSessions; i++) {
    const town = towns[(i * 4 + 1) % towns.length]
    const a: DemoActivity = { id: `yr-${y}-theme-${i + 1}`, title: `${themeTitle}（${town}）`, type: 'outreach', kind: 'theme_event', place: `${town}党群服务中心`, startAt: spread(y, i, themeSessions, [4, 8], [6, 28], 9), hours: 3, attendees: 4, description: '委员和界别群众座谈，征集意见建议。' }
    addActivity(b, a, 500 + i)
    addOutcome(b, a, y, { suggestions: themeSuggestions[i], note: `征集建议${themeSuggestions[i]}条，汇总报送规划编制部门。` })
  }
  // the 重阳 visit: on the double ninth (2025: 29 October), never in December
  if (y === 2025) services.push({ id: `yr-${y}-chongyang`, title: '“情暖重阳、心系桑榆”敬老慰问', type: 'outreach', kind: 'outreach_other', place: '县中心敬老院', startAt: bj(2025, 10, 29, 9), hours: 3, attendees: 10, description: '委员走进敬老院慰问老人，送去慰问品和文艺节目。' })
  const served = split(p.peopleServed, services.length, 0.4)
  services.forEach((a, i) => {
    addActivity(b, a, 300 + i)
    addOutcome(b, a, y, { peopleServed: served[i], note: `现场服务群众${served[i]}人次。` })
  })
  // studio activities of every studio
  studios.forEach((s, si) => {
    for (let k = 0; k < p.studioActivitiesPerStudio; k++) {
      addActivity(
        b,
        {
          id: `yr-${y}-studio-${s._id.slice(-2)}-${k + 1}`,
          title: `${s.name}：${['委员接待日', '界别群众座谈', '政策宣讲', '履职交流'][k % 4]}`,
          type: 'studio_activity',
          kind: 'studio_activity',
          place: s.address,
          startAt: spread(y, k, p.studioActivitiesPerStudio, [3, 1 + si], lastDay, 9 + (si % 3) * 2),
          hours: 2,
          attendees: 2,
          studio: s,
          description: `${s.name}委员常态化入驻，接待群众、收集意见。`
        },
        400 + si * 10 + k
      )
    }
  })
  // supervisors
  const pool = [...roster].sort((a, b) => a.memberNumber.localeCompare(b.memberNumber))
  const fields = ['教育医疗', '营商环境', '食品安全', '生态环境', '涉农民生', '交通安全']
  for (let i = 0; i < p.supervisors; i++) {
    const m = pool[(i + (y - 2025) * 7) % pool.length]
    const at = bj(y, 3, 12, 10)
    b.designations.push({ _id: `${y}_${m._id}`, yearDemo: true, year: y, memberId: m._id, memberName: m.name, sector: m.sector, field: fields[i % fields.length], entered: { by: STAFF, byName: '机关工作人员', at }, updatedAt: at })
  }
  // contacts with members, spread over working days
  for (let i = 0; i < p.contacts; i++) {
    const m = roster[(i * 13) % roster.length]
    const kind = contactKinds[i % 7 === 0 ? 4 : i % 5 === 0 ? 2 : i % 3 === 0 ? 3 : i % 2 === 0 ? 1 : 0]
    const date = spread(y, i, p.contacts, [1, 6], lastDay, 0)
    const note = contactNotes[kind][i % contactNotes[kind].length]
    const at = new Date(date.getTime() + 17 * HOUR)
    b.contacts.push({ _id: `yr-${y}-contact-${String(i + 1).padStart(4, '0')}`, yearDemo: true, year: y, memberId: m._id, memberName: m.name, memberPhone: m.phone, kind, date, note, entered: { by: STAFF, byName: '机关工作人员', at }, updatedAt: at })
  }
}

async function insert(db: Database, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) await db.collection(collection).add({ data: docs.slice(i, i + 500) })
}

/**
 * Loads the year records into `db` (wx-server-sdk database). `now` (UTC)
 * bounds the current year: nothing after it is written.
 */
export async function loadYearDemo(db: Database, now: Date): Promise<void> {
  const b: Built = { activities: [], registrations: [], outcomes: [], subjects: [], reports: [], designations: [], contacts: [] }
  const S = SEED_YEAR_FIGURES
  buildYear(b, {
    year: 2025,
    subjects: subjects2025,
    trips: S.inspectionTrips,
    suggestions: S.inspectionSuggestions,
    reports: reports2025,
    trainings: S.trainings,
    lectures: S.lectures,
    personTimes: S.trainingPersonTimes,
    supervisors: S.supervisors,
    supervisionActivities: S.supervisionActivities,
    supervisionOpinions: S.supervisionOpinions,
    artShows: S.artShows,
    lawAgri: S.lawAgriLectures,
    clinics: S.healthClinics,
    peopleServed: S.peopleServed,
    contacts: S.memberContacts,
    studioActivitiesPerStudio: 4,
    lastMonth: 12
  })
  const nowYear = new Date(now.getTime() + 8 * HOUR).getUTCFullYear()
  if (nowYear > 2025) {
    const C = CURRENT_YEAR
    const current: Built = { activities: [], registrations: [], outcomes: [], subjects: [], reports: [], designations: [], contacts: [] }
    buildYear(current, {
      year: nowYear,
      subjects: subjects2026,
      trips: C.inspectionTrips,
      suggestions: Math.round(C.inspectionTrips * 1.1),
      reports: reports2026,
      trainings: C.trainings,
      lectures: C.lectures,
      personTimes: (C.trainings + C.lectures) * C.perTraining,
      supervisors: C.supervisors,
      supervisionActivities: C.supervisionActivities,
      supervisionOpinions: C.supervisionActivities * C.opinionsPerSupervision,
      artShows: C.artShows,
      lawAgri: C.lawAgriLectures,
      clinics: C.healthClinics,
      peopleServed: 9800,
      contacts: C.memberContacts,
      studioActivitiesPerStudio: 3,
      lastMonth: 11
    })
    // only what lies before `now`
    const before = (d: unknown) => d instanceof Date && d.getTime() < now.getTime()
    const kept = new Set(current.activities.filter((a) => before(a.endAt)).map((a) => a._id as string))
    b.activities.push(...current.activities.filter((a) => kept.has(a._id as string)))
    b.registrations.push(...current.registrations.filter((r) => kept.has(r.activityId as string)))
    b.outcomes.push(...current.outcomes.filter((o) => kept.has(o.activityId as string)))
    b.subjects.push(...current.subjects.filter((s) => before((s.entered as { at: Date }).at)))
    b.reports.push(...current.reports.filter((r) => before(r.date)))
    b.designations.push(...current.designations.filter((d) => before((d.entered as { at: Date }).at)))
    b.contacts.push(...current.contacts.filter((c) => before(c.date)))
  }

  // the grown roster and the informant team: fixed ids, replaced in one batch each (idempotent)
  const _ = db.command
  const joinedAt = bj(2025, 1, 10, 9)
  const memberDocs = extraMembers.map((m) => ({ ...m, boundOpenid: null, createdAt: joinedAt, updatedAt: joinedAt }))
  // 46 fictional informants beside the persona (47 in 2025), three more in the current year
  // (granted in January and February 2025, before the personas' grants, so the staff's grant list still opens on the personas)
  const informantUsers = fictionalInformants.map((openid, i) => ({ openid, name: `${surnames[(i * 3) % surnames.length]}${given[(i * 7 + 3) % given.length]}`, at: bj(2025, 1 + (i % 2), 6 + (i % 20), 10) }))
  if (nowYear > 2025) {
    for (let i = 0; i < CURRENT_YEAR.newInformants; i++) informantUsers.push({ openid: `oDemoInformantN${String(i + 1).padStart(12, '0')}`, name: `${surnames[(i * 5 + 1) % surnames.length]}${given[(i * 11 + 2) % given.length]}`, at: bj(nowYear, 4 + i, 10, 10) })
  }
  const userDocs = informantUsers
    .filter((u) => u.at.getTime() < now.getTime())
    .map((u) => ({ _id: u.openid, displayName: u.name, personKey: personKeyFor(u.openid), grants: [{ role: 'informant', studioIds: [], departmentIds: [], grantedBy: STAFF, grantedAt: u.at }], createdAt: u.at, updatedAt: u.at }))
  await Promise.all([
    db.collection('members').where({ _id: _.in(memberDocs.map((m) => m._id)) }).remove(),
    db.collection('users').where({ _id: _.in(userDocs.map((u) => u._id)) }).remove()
  ])

  const collections: [string, Record<string, unknown>[]][] = [
    ['activities', b.activities],
    ['registrations', b.registrations],
    ['activityOutcomes', b.outcomes],
    ['researchSubjects', b.subjects],
    ['yearReports', b.reports],
    ['supervisorDesignations', b.designations],
    ['memberContacts', b.contacts]
  ]
  await Promise.all(collections.map(([name]) => db.collection(name).where({ yearDemo: true }).remove()))
  await Promise.all([...collections, ['members', memberDocs] as [string, Record<string, unknown>[]], ['users', userDocs] as [string, Record<string, unknown>[]]].map(([name, docs]) => insert(db, name, docs)))
}

/**
 * The rest of 2025's "辽事好商量" record, so the year's counts (topic.counts,
 * the 问题解决榜 header) reproduce what the seed report states for the
 * county: "累计开展活动100余场次，政协委员参与550人次，以协商形式推动解决具体问题69个"
 * (shared/seed, section on the consultation platform).
 *
 * The detailed demo (consultation.ts, activity.ts) holds a handful of 2025
 * sessions and closed topics. This loader runs after them, counts what they
 * hold for 2025 exactly as `topic.counts` does, and adds archived records for
 * the difference: closed topics (resolved or partly resolved, each with its
 * consultation session and one department's answer) and further sessions of
 * the studios' consultation rooms, with members checked in. Issues and
 * places are the kinds the report names (village roads, drinking water,
 * schools, clinics, elderly care…), in the county's towns; people are the
 * fictional roster. Archived records carry `archive: true` and are replaced
 * on every load (idempotent). The bound demo members (D001, D002) are left
 * out so their own "my activities" stay readable.
 */
import { members, studios } from './county'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

/** What the seed report states for 2025 ("100余场次" is taken as 103). */
export const SEED_2025 = { consultationActivities: 103, memberParticipations: 550, problemsSolved: 69 }

const YEAR = 2025
const DAY = 24 * 3600_000
const STAFF = 'oDemoStaff00000000000000001'

/** Beijing wall clock in 2025 → instant (UTC = Beijing − 8 h). */
function beijing2025(dayOfYear: number, hour: number): Date {
  return new Date(Date.UTC(YEAR, 0, 1, hour - 8, 0, 0) + (dayOfYear - 1) * DAY)
}

const towns = ['大巴镇', '佛寺镇', '于寺镇', '阜新镇', '旧庙镇', '扎兰营子镇', '十家子镇', '东梁镇', '沙拉镇', '大板镇', '紫都台镇', '王府镇', '泡子镇', '富荣镇']

interface Issue {
  title: string
  category: string
  departmentId: string
  departmentName: string
  ask: string
  answer: string
}

const issues: Issue[] = [
  { title: '村道破损路段维修', category: '交通', departmentId: 'dept-transport', departmentName: '县交通运输局', ask: '将破损村道纳入今年农村公路养护计划', answer: '破损路段已铺油修复，列入日常养护。' },
  { title: '农村饮水水质提升', category: '民生', departmentId: 'dept-housing', departmentName: '县住房和城乡建设局', ask: '更换老化管网并加装净化设备', answer: '管网更换完成，水质检测全部达标。' },
  { title: '村卫生室常用药配备', category: '医疗卫生', departmentId: 'dept-health', departmentName: '县卫生健康局', ask: '按基本药物目录补齐村卫生室常用药', answer: '常用药配备到位，建立每月补货制度。' },
  { title: '中小学校门口交通秩序', category: '民生', departmentId: 'dept-traffic-police', departmentName: '县公安局交通警察大队', ask: '上下学时段增派警力并施划临时停车位', answer: '高峰时段警力值守，临时停车位已施划。' },
  { title: '居家养老服务站运营', category: '民生', departmentId: 'dept-health', departmentName: '县卫生健康局', ask: '为养老服务站配备助餐和上门巡诊服务', answer: '助餐点开放，家庭医生每周上门巡诊。' },
  { title: '农贸市场食品安全', category: '民生', departmentId: 'dept-market', departmentName: '县市场监督管理局', ask: '设立快检室并公示抽检结果', answer: '快检室投入使用，抽检结果每周公示。' },
  { title: '花生晾晒场地不足', category: '乡村振兴', departmentId: 'dept-agriculture', departmentName: '县农业农村局', ask: '利用闲置场院建设集中晾晒场', answer: '集中晾晒场建成，秋收期间开放使用。' },
  { title: '河道垃圾清理', category: '生态环境', departmentId: 'dept-ecology', departmentName: '市生态环境局县分局', ask: '明确河段保洁责任并定期清理', answer: '河段保洁责任到人，垃圾已清运。' },
  { title: '路灯损坏夜间出行不便', category: '城市建设', departmentId: 'dept-housing', departmentName: '县住房和城乡建设局', ask: '更换损坏路灯并建立报修渠道', answer: '路灯全部修复，开通报修电话。' },
  { title: '幼儿园入园难', category: '教育', departmentId: 'dept-education', departmentName: '县教育局', ask: '利用闲置校舍增设普惠性幼儿园班额', answer: '新增普惠班额，适龄幼儿就近入园。' },
  { title: '农村客运班线恢复', category: '交通', departmentId: 'dept-transport', departmentName: '县交通运输局', ask: '恢复停运的镇村客运班线', answer: '客运班线恢复，每日往返四班。' },
  { title: '秸秆焚烧治理', category: '生态环境', departmentId: 'dept-agriculture', departmentName: '县农业农村局', ask: '推广秸秆打包离田和综合利用', answer: '秸秆离田率明显提高，未发生焚烧。' },
  { title: '农田灌溉机井维修', category: '乡村振兴', departmentId: 'dept-agriculture', departmentName: '县农业农村局', ask: '维修损坏机井并落实管护责任', answer: '机井修复，春灌用水得到保障。' },
  { title: '老旧小区排水改造', category: '城市建设', departmentId: 'dept-housing', departmentName: '县住房和城乡建设局', ask: '将小区排水管网纳入老旧小区改造', answer: '排水管网改造完成，雨季不再积水。' },
  { title: '文化广场设施维护', category: '文化旅游', departmentId: 'dept-culture-tourism', departmentName: '县文化旅游和广播电视局', ask: '维修广场音响和健身设施', answer: '设施修复，群众文化活动恢复。' },
  { title: '乡村旅游标识指引', category: '文化旅游', departmentId: 'dept-culture-tourism', departmentName: '县文化旅游和广播电视局', ask: '在主要路口设置旅游标识牌', answer: '标识牌设置到位，游客反映良好。' },
  { title: '宅基地确权登记', category: '产业发展', departmentId: 'dept-natural-resources', departmentName: '县自然资源局', ask: '集中办理遗留宅基地确权登记', answer: '遗留问题集中办理，证书已发放。' },
  { title: '校车接送安全', category: '教育', departmentId: 'dept-education', departmentName: '县教育局', ask: '检查校车车况并配备随车照管员', answer: '校车全部年检合格，照管员全部到岗。' },
  { title: '农村电商物流配送', category: '产业发展', departmentId: 'dept-transport', departmentName: '县交通运输局', ask: '建设村级物流服务点', answer: '村级物流服务点开通，快递进村。' },
  { title: '慢性病患者用药报销', category: '医疗卫生', departmentId: 'dept-health', departmentName: '县卫生健康局', ask: '简化门诊慢特病报销手续', answer: '慢特病在镇卫生院即可直接结算。' },
  { title: '集贸市场占道经营', category: '城市建设', departmentId: 'dept-market', departmentName: '县市场监督管理局', ask: '划定临时摊位并规范经营时间', answer: '临时摊位划定，道路恢复通畅。' },
  { title: '畜禽养殖粪污处理', category: '生态环境', departmentId: 'dept-ecology', departmentName: '市生态环境局县分局', ask: '建设粪污集中收集点并推广还田', answer: '收集点建成，粪污资源化利用。' }
]

/** Members who attend archived sessions: everyone but the demo's bound members. */
const attendees = members.filter((m) => m._id !== 'm-D001' && m._id !== 'm-D002')

/**
 * Adds archived 2025 records until the year's counts equal {@link SEED_2025}.
 * Run after the other consultation and activity demo loaders. Returns what
 * was added.
 */
export async function loadConsultationArchive(db: Database): Promise<{ topics: number; activities: number; participations: number }> {
  const _ = db.command
  for (const collection of ['registrations', 'activities', 'topics']) await db.collection(collection).where({ archive: true }).remove()

  // The year as topic.counts sees it (cloudfunctions/consultation/read.ts).
  const start = beijing2025(1, 0)
  const end = new Date(Date.UTC(YEAR + 1, 0, 1, -8))
  const held = (await db.collection('activities').where({ type: 'consultation', startAt: _.gte(start).and(_.lt(end)), endAt: _.lte(end), state: _.nin(['draft', 'cancelled', 'postponed']) }).field({ _id: true }).limit(1000).get()).data as { _id: string }[]
  let participations = 0
  for (let i = 0; i < held.length; i += 100) {
    const ids = held.slice(i, i + 100).map((a) => a._id)
    participations += (await db.collection('registrations').where({ activityId: _.in(ids), state: _.in(['checked_in', 'attended']), memberId: _.exists(true) }).count()).total
  }
  const solved = (await db.collection('topics').where({ state: 'closed', result: _.in(['resolved', 'partly_resolved']), closedAt: _.gte(start).and(_.lt(end)) }).count()).total

  const newTopics = Math.max(0, SEED_2025.problemsSolved - solved)
  const newSessions = Math.max(newTopics, SEED_2025.consultationActivities - held.length)
  const newParticipations = Math.max(0, SEED_2025.memberParticipations - participations)

  const activities: Record<string, unknown>[] = []
  const registrations: Record<string, unknown>[] = []
  const topicDocs: Record<string, unknown>[] = []
  for (let i = 0; i < newSessions; i++) {
    const n = String(i + 1).padStart(3, '0')
    const activityId = `act-archive-${YEAR}-${n}`
    const town = towns[i % towns.length]
    const studio = studios[i % studios.length]
    const withTopic = i < newTopics
    const issue = issues[i % issues.length]
    // Topic sessions from 6 January to early July (closed within five weeks,
    // before the detailed demo's own closings); room sessions all year.
    const dayOfYear = withTopic ? 6 + Math.floor((i * 175) / Math.max(1, newTopics)) : 10 + Math.floor(((i - newTopics) * 340) / Math.max(1, newSessions - newTopics))
    const startAt = beijing2025(dayOfYear, 9 + (i % 2) * 5)
    const endAt = new Date(startAt.getTime() + 2 * 3600_000)
    const count = Math.floor(newParticipations / newSessions) + (i < newParticipations % newSessions ? 1 : 0)
    const memberIds = Array.from({ length: Math.min(count, attendees.length) }, (_x, k) => attendees[(i * 7 + k) % attendees.length]._id)
    const title = withTopic ? `${town}${issue.title}` : `${studio.name}协商议事（${town}）`
    activities.push({
      _id: activityId,
      archive: true,
      title: `辽事好商量：${title}`.slice(0, 40),
      type: 'consultation',
      state: 'finalized',
      description: withTopic ? `就${town}${issue.title}问题，委员、群众代表和${issue.departmentName}面对面协商。` : `${studio.name}例行协商议事，听取${town}群众意见建议。`,
      place: `${town}协商议事室`,
      organiser: { kind: 'studio', studioId: studio._id, name: studio.name },
      studioId: studio._id,
      ...(withTopic ? { topicId: `topic-archive-${YEAR}-${n}` } : {}),
      startAt,
      endAt,
      signupDeadline: startAt,
      checkinStartAt: new Date(startAt.getTime() - 30 * 60_000),
      checkinEndAt: endAt,
      capacity: 40,
      registeredCount: memberIds.length,
      waitlistCount: 0,
      waitlistSeq: 0,
      waitlist: false,
      audience: 'members',
      inviteeIds: [],
      required: false,
      checkedInCount: memberIds.length,
      finalizedAt: endAt,
      attendance: { attended: memberIds.length, absent: 0, leave: 0 },
      listed: true,
      createdBy: STAFF,
      createdAt: new Date(startAt.getTime() - 10 * DAY),
      updatedAt: endAt
    })
    for (const memberId of memberIds) {
      registrations.push({
        _id: `${activityId}_${memberId}`,
        archive: true,
        activityId,
        personKey: memberId,
        memberId,
        name: members.find((m) => m._id === memberId)!.name,
        state: 'attended',
        consented: false,
        pass: `P${memberId.replace(/\W/g, '')}`,
        checkedInAt: new Date(startAt.getTime() - 10 * 60_000),
        checkinMethod: 'venue_qr',
        activityStartAt: startAt,
        registeredAt: new Date(startAt.getTime() - 5 * DAY),
        updatedAt: endAt
      })
    }
    if (!withTopic) continue
    const topicId = `topic-archive-${YEAR}-${n}`
    const createdAt = new Date(startAt.getTime() - 20 * DAY)
    const answeredAt = new Date(endAt.getTime() + 25 * DAY)
    const closedAt = new Date(endAt.getTime() + 32 * DAY)
    const result = i % 6 === 5 ? 'partly_resolved' : 'resolved'
    const states = ['proposed', 'selected', 'scheduled', 'consulted', 'following_up', 'closed']
    const at = [createdAt, new Date(createdAt.getTime() + 5 * DAY), new Date(createdAt.getTime() + 10 * DAY), endAt, new Date(endAt.getTime() + 3 * DAY), closedAt]
    topicDocs.push({
      _id: topicId,
      archive: true,
      title,
      description: `${town}群众反映${issue.title}问题，经委员工作室线下协商议事办理。`,
      category: issue.category,
      state: 'closed',
      visible: true,
      supportCount: 0,
      commentCount: 0,
      place: town,
      images: [],
      organiser: studio.name,
      organiserType: 'studio',
      organiserId: studio._id,
      proposerOpenid: STAFF,
      proposerName: `${town}协商议事室`,
      source: 'office',
      proposerConsented: false,
      session: { activityId, startAt, endAt, place: `${town}协商议事室`, attendance: memberIds.length, memberAttendance: memberIds.length, memberIds },
      minutes: `委员和群众代表就${issue.title}逐户走访、现场察看后协商，形成意见建议交${issue.departmentName}办理。`,
      consensus: issue.ask,
      recommendations: [
        {
          id: `${topicId}:r1`,
          departmentId: issue.departmentId,
          departmentName: issue.departmentName,
          text: issue.ask,
          status: 'answered',
          progress: [],
          result,
          resultText: result === 'resolved' ? issue.answer : `${issue.answer}后续工作列入明年计划。`,
          evidence: [],
          beforePhotos: [],
          afterPhotos: [],
          answeredAt,
          answeredBy: issue.departmentName
        }
      ],
      recDepartmentIds: [issue.departmentId],
      openRecDepartmentIds: [],
      hasRecommendations: true,
      result,
      closedAt,
      closingNote: result === 'resolved' ? '问题已解决，群众满意。' : '主要问题已解决，其余列入明年计划。',
      reopenCount: 0,
      timeline: states.map((state, k) => ({ state, at: at[k] })),
      notified: {},
      createdAt,
      updatedAt: closedAt
    })
  }
  for (let i = 0; i < activities.length; i += 100) await db.collection('activities').add({ data: activities.slice(i, i + 100) })
  for (let i = 0; i < registrations.length; i += 100) await db.collection('registrations').add({ data: registrations.slice(i, i + 100) })
  for (let i = 0; i < topicDocs.length; i += 100) await db.collection('topics').add({ data: topicDocs.slice(i, i + 100) })
  return { topics: topicDocs.length, activities: activities.length, participations: registrations.length }
}

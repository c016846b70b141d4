/**
 * Demo activities and registrations (issue 5), drawn from the seed report:
 * studio activities in the 12 upgraded studios, 辽事好商量 sessions, member
 * trainings (15 a year), supervision and 四送三联系 outreach (送文艺下乡,
 * legal and farming lectures, 健康义诊, 敬老慰问). Upcoming ones are placed
 * relative to `now` (Beijing days); past ones are finalized with attendance.
 * Idempotent: fixed `_id`s, written with `set`. Also gives two studios an
 * announcement each and switches review on for one.
 */
import { activityTemplates } from '../../src/core/actions/activity'
import { personas } from '../../src/dev/personas'
import { members, studios } from './county'
import { CPPCC_NAME } from '../../src/core/county'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

const HOUR = 3600_000
const DAY = 24 * HOUR
void activityTemplates

interface DemoActivity {
  id: string
  title: string
  type: 'studio_activity' | 'consultation' | 'training' | 'supervision' | 'outreach'
  studio?: number
  topicId?: string
  place?: string
  /** Days from today (Beijing), negative = past. */
  day: number
  /** Beijing hour of the start. */
  hour: number
  hours?: number
  capacity: number
  audience?: 'members' | 'public' | 'invitees'
  required?: boolean
  /** How many demo members register (first n of the studio's or roster). */
  registered: number
  description: string
}

const list: DemoActivity[] = [
  // 辽事好商量 sessions (consultation), past and upcoming
  { id: 'act-demo-school-traffic', title: '辽事好商量：缓解学校周边上下学交通拥堵', type: 'consultation', studio: 7, topicId: 'topic-school-traffic', day: -40, hour: 9, capacity: 30, audience: 'public', registered: 12, description: '邀请家长代表、交警大队、教育局和委员共同协商学校周边交通疏导方案。' },
  { id: 'act-demo-tourism', title: '辽事好商量：立足文化优势推进文旅产业创新发展', type: 'consultation', studio: 2, topicId: 'topic-tourism', day: -25, hour: 14, capacity: 25, audience: 'public', registered: 10, description: '围绕瑞应寺文旅融合，听取商户、村民和文旅部门意见。' },
  { id: 'act-demo-preschool', title: '辽事好商量：推动学前教育普及普惠发展', type: 'consultation', studio: 0, topicId: 'topic-preschool', day: 6, hour: 9, capacity: 20, audience: 'public', registered: 6, description: '就普惠性幼儿园布局、收费和师资开展协商，欢迎家长报名旁听发言。' },
  { id: 'act-demo-park', title: '有事好商量：广场公园建管养护回头看', type: 'consultation', studio: 11, day: 3, hour: 15, capacity: 2, audience: 'public', registered: 2, description: '回访广场公园建管养护协商成果落实情况。名额有限，额满后可候补。' },
  // studio activities
  { id: 'act-demo-peanut', title: '花生产业委员工作室：新品种种植技术交流', type: 'studio_activity', studio: 4, day: -60, hour: 9, capacity: 40, audience: 'public', registered: 8, description: '委员与种植大户交流花生新品种和机械化收获经验。' },
  { id: 'act-demo-raoyang', title: '绕阳河生态保护委员工作室：源头段巡河调研', type: 'studio_activity', studio: 5, place: '扎兰营子镇绕阳河源头段', day: -15, hour: 9, capacity: 15, registered: 6, description: '委员沿绕阳河源头段巡河，查看治理成果。' },
  { id: 'act-demo-agate', title: '玛瑙产业委员工作室：直播电商沙龙', type: 'studio_activity', studio: 3, day: 2, hour: 14, capacity: 30, audience: 'public', registered: 4, description: '邀请玛瑙商户交流直播带货经验，委员听取行业诉求。' },
  { id: 'act-demo-mongolian-medicine', title: '蒙医药传承委员工作室：蒙医药文化开放日', type: 'studio_activity', studio: 6, day: 9, hour: 9, capacity: 50, audience: 'public', registered: 3, description: '蒙医药文化展示、义诊和座谈。' },
  { id: 'act-demo-haitang', title: '海棠山文化委员工作室：摩崖造像保护座谈', type: 'studio_activity', studio: 8, day: 12, hour: 10, capacity: 20, registered: 2, description: '委员与文保人员座谈摩崖造像保护与利用。' },
  { id: 'act-demo-chahai', title: '查海文明委员工作室：查海遗址研学讲解', type: 'studio_activity', studio: 9, day: 0, hour: 14, capacity: 30, audience: 'public', registered: 5, description: '为中小学生讲解查海遗址“玉龙故乡”的故事。' },
  { id: 'act-demo-clinic', title: '乡镇卫生院建设委员工作室：卫生院服务情况走访', type: 'studio_activity', studio: 10, day: 15, hour: 9, capacity: 10, registered: 2, description: '走访旧庙镇中心卫生院，了解设备、人员和群众就医情况。' },
  { id: 'act-demo-hotspring', title: '东梁温泉康养委员工作室：康养产业座谈', type: 'studio_activity', studio: 1, day: -8, hour: 14, capacity: 20, registered: 5, description: '就温泉康养产业发展听取企业意见。' },
  // trainings (required for named members)
  { id: 'act-demo-training-autumn', title: '委员履职能力专题培训（第十四期）', type: 'training', place: '县政协机关三楼会议室', day: -30, hour: 9, capacity: 0, audience: 'invitees', required: true, registered: 12, description: '政治理论、提案撰写和社情民意信息写作专题辅导。' },
  { id: 'act-demo-training-next', title: '委员履职能力专题培训（第十五期）', type: 'training', place: '县政协机关三楼会议室', day: 4, hour: 9, capacity: 0, audience: 'invitees', required: true, registered: 10, description: '年度履职交流和新任委员培训。请受邀委员确认参加或请假。' },
  // supervision
  { id: 'act-demo-supervision-canteen', title: '校园食品安全民主监督视察', type: 'supervision', place: '县城各中小学食堂', day: -50, hour: 9, capacity: 12, audience: 'members', registered: 9, description: '视察学校食堂食品安全管理情况。' },
  // 四送三联系 outreach
  { id: 'act-demo-outreach-opera', title: '“四送三联系”送文艺下乡（大巴镇）', type: 'outreach', place: '大巴镇综合文化站', day: -20, hour: 14, capacity: 20, audience: 'members', registered: 8, description: '委员文艺骨干为村民送上二人转、蒙古族民歌等节目，节目在室内演出。' },
  { id: 'act-demo-outreach-clinic', title: '“四送三联系”健康义诊（佛寺镇）', type: 'outreach', place: '佛寺镇中心卫生院一楼大厅', day: 1, hour: 9, capacity: 10, audience: 'members', registered: 3, description: '医药卫生界委员义诊，测血压血糖、发放健康手册。' },
  { id: 'act-demo-outreach-law', title: '“四送三联系”公益法律咨询', type: 'outreach', place: '于寺镇党群服务中心', day: 5, hour: 9, capacity: 8, audience: 'members', registered: 2, description: '律师委员为群众提供免费法律咨询。' },
  { id: 'act-demo-outreach-elderly', title: '“心系桑榆”敬老院慰问', type: 'outreach', place: '县中心敬老院', day: 20, hour: 9, capacity: 15, audience: 'members', registered: 1, description: '委员走进敬老院慰问老人。' }
]

/** Beijing wall clock `hour:00` on the Beijing day `day` days from `now`, as a UTC instant. */
function beijingAt(now: Date, day: number, hour: number): Date {
  const bj = new Date(now.getTime() + 8 * HOUR)
  const midnightBj = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate()) - 8 * HOUR
  return new Date(midnightBj + day * DAY + hour * HOUR)
}

function passOf(activityId: string, memberId: string): string {
  let h = 0
  for (const ch of `${activityId}:${memberId}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return `P${h.toString(36).toUpperCase().padStart(7, '0')}${memberId.replace(/\D/g, '')}`
}

/** Demo loader (database/demo/load.ts `areaLoaders`). */
export async function loadActivityDemo(db: Database, now: Date): Promise<void> {
  const staff = personas.find((p) => p.key === 'staff')!.openid
  const memberOpenid = personas.find((p) => p.key === 'member')!.openid
  const set = (collection: string, id: string, data: Record<string, unknown>) => db.collection(collection).doc(id).set({ data })

  for (const d of list) {
    const studio = d.studio !== undefined ? studios[d.studio] : undefined
    const startAt = beijingAt(now, d.day, d.hour)
    const endAt = new Date(startAt.getTime() + (d.hours ?? 2) * HOUR)
    const signupDeadline = new Date(startAt.getTime() - (d.day >= 1 ? 12 * HOUR : 2 * HOUR))
    const past = endAt.getTime() < now.getTime()
    const pool = studio ? [...studio.members.map((m) => members.find((x) => x._id === m.id)!), ...members] : members
    const people = [...new Map(pool.map((m) => [m._id, m])).values()]
    // The member persona (roster D001) takes part in a few, so 我的活动 has content.
    const withPersona = ['act-demo-preschool', 'act-demo-school-traffic', 'act-demo-training-next', 'act-demo-outreach-opera', 'act-demo-chahai', 'act-demo-park', 'act-demo-training-autumn']
    let chosen = people.slice(0, d.registered)
    if (withPersona.includes(d.id) && !chosen.some((m) => m._id === members[0]._id)) chosen = [members[0], ...chosen.slice(0, Math.max(0, d.registered - 1))]
    const required = !!d.required
    const seats = required ? 0 : chosen.length
    const attendance = { attended: 0, absent: 0, leave: 0 }

    const regs = chosen.map((m, i) => {
      let state: string
      if (required) {
        if (past) state = i % 6 === 5 ? 'leave_approved' : i % 7 === 6 ? 'absent' : 'attended'
        else state = m._id === members[0]._id ? 'notified' : i % 4 === 1 ? 'leave_requested' : i % 3 === 0 ? 'confirmed' : 'notified'
      } else state = past ? (i % 5 === 4 ? 'absent' : 'attended') : 'registered'
      if (state === 'attended') attendance.attended++
      if (state === 'absent') attendance.absent++
      if (state === 'leave_approved') attendance.leave++
      const bound = m._id === members[0]._id
      return {
        _id: `${d.id}_${m._id}`,
        activityId: d.id,
        personKey: m._id,
        ...(bound ? { openid: memberOpenid } : {}),
        memberId: m._id,
        name: m.name,
        phone: m.phone,
        state,
        consented: bound,
        pass: passOf(d.id, m._id),
        ...(state === 'leave_requested' || state === 'leave_approved' ? { leaveReason: '当天参加单位年度检查，无法到会' } : {}),
        ...(state === 'attended' ? { checkedInAt: new Date(startAt.getTime() - 10 * 60_000), checkinMethod: i % 2 ? 'pass' : 'venue_qr' } : {}),
        activityStartAt: startAt,
        registeredAt: new Date(startAt.getTime() - (3 + i) * DAY),
        updatedAt: past ? endAt : now
      }
    })

    await set('activities', d.id, {
      title: d.title,
      type: d.type,
      state: past ? 'finalized' : 'published',
      description: d.description,
      place: d.place ?? studio?.address ?? '县政协机关',
      organiser: studio ? { kind: 'studio', studioId: studio._id, name: studio.name } : { kind: 'committee', name: CPPCC_NAME },
      ...(studio ? { studioId: studio._id } : {}),
      ...(d.topicId ? { topicId: d.topicId } : {}),
      startAt,
      endAt,
      signupDeadline,
      checkinStartAt: new Date(startAt.getTime() - 30 * 60_000),
      checkinEndAt: endAt,
      capacity: d.capacity,
      registeredCount: seats,
      waitlistCount: 0,
      waitlistSeq: 0,
      waitlist: true,
      audience: d.audience ?? 'members',
      inviteeIds: required ? chosen.map((m) => m._id) : [],
      required,
      checkedInCount: 0,
      listed: true,
      ...(past ? { finalizedAt: endAt, attendance } : {}),
      createdBy: staff,
      createdAt: new Date(startAt.getTime() - 20 * DAY),
      updatedAt: past ? endAt : now
    })
    for (const { _id, ...data } of regs) await set('registrations', _id, data)
  }

  // Announcements: one published per studio for the first four, one awaiting review.
  const seed = new Date(Date.UTC(2025, 8, 1, 2))
  for (let i = 0; i < 4; i++) {
    const s = studios[i]
    await set('announcements', `ann-demo-${i + 1}`, {
      studioId: s._id,
      studioName: s.name,
      title: i % 2 ? `${s.name}接待日安排` : `${s.name}本月活动预告`,
      body: `${s.name}每周固定接待日委员轮流值守，欢迎群众来访反映意见建议。`,
      attachments: [],
      state: 'published',
      authorOpenid: staff,
      publishedAt: new Date(now.getTime() - (i + 1) * 2 * DAY),
      createdAt: seed,
      updatedAt: seed
    })
  }
  await set('announcements', 'ann-demo-review', {
    studioId: studios[0]._id,
    studioName: studios[0].name,
    title: '关于开展“两代表一委员”联合接待的通知',
    body: '本周五上午在政务服务中心二楼开展联合接待，欢迎群众反映问题。',
    attachments: [],
    state: 'pending_review',
    authorOpenid: personas.find((p) => p.key === 'studio_admin')!.openid,
    publishedAt: null,
    createdAt: now,
    updatedAt: now
  })
  await db.collection('studios').doc(studios[0]._id).update({ data: { reviewAnnouncements: true } })
}

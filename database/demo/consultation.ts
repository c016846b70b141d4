/**
 * Consultation demo details (issue 6) on top of the 14 topics of county.ts:
 * organisers, input questions, sessions (activities of type consultation
 * with member check-ins), minutes, consensus, recommendations to named
 * departments with their progress and results, closed topics for the
 * "problems solved" board, supporters (exactly `supportCount` of them) and
 * comments. Drawn from the seed report (花生产业、绕阳河源头治理、校园周边交通、
 * 文旅产业、学前教育…); every person is fictional.
 *
 * Idempotent: fixed `_id`s written with `set`; demo supporters (flag
 * `demo: true`) are removed and written again.
 */
import { members, topics } from './county'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

const DAY = 24 * 3600_000
const departmentNames: Record<string, string> = {
  'dept-education': '县教育局',
  'dept-health': '县卫生健康局',
  'dept-transport': '县交通运输局',
  'dept-housing': '县住房和城乡建设局',
  'dept-agriculture': '县农业农村局',
  'dept-ecology': '市生态环境局县分局',
  'dept-culture-tourism': '县文化旅游和广播电视局',
  'dept-market': '县市场监督管理局',
  'dept-traffic-police': '县公安局交通警察大队',
  'dept-natural-resources': '县自然资源局'
}

/** Beijing wall clock of the seed year → instant (UTC = Beijing − 8 h). */
function seedDate(month: number, day: number, hour = 9): Date {
  return new Date(Date.UTC(2025, month - 1, day, hour - 8, 0, 0))
}

const photo = (name: string) => `cloud://cppcc-local.demo/demo/topics/${name}.jpg`

interface DemoRec {
  departmentId: string
  text: string
  progress?: string[]
  result?: 'resolved' | 'partly_resolved' | 'planned' | 'not_feasible'
  resultText?: string
  photos?: string
}

interface DemoSession {
  place: string
  /** Beijing date in the seed year, or days from now (negative = past). */
  at: { month: number; day: number } | { daysFromNow: number }
  members: number
}

interface DemoDetail {
  place: string
  organiserType?: 'studio' | 'committee'
  organiserId?: string
  question?: string
  session?: DemoSession
  minutes?: string
  consensus?: string
  recs?: DemoRec[]
  closed?: { month: number; day: number; result: 'resolved' | 'partly_resolved' | 'planned' | 'not_feasible'; note: string; rating?: number }
  declineReason?: string
}

const details: Record<string, DemoDetail> = {
  'topic-peanut': {
    place: '大巴镇',
    organiserType: 'studio',
    organiserId: 'studio-05',
    session: { place: '大巴镇农业综合服务站', at: { month: 5, day: 16 }, members: 9 },
    minutes: '委员、种植大户和农业部门围绕花生良种、机械化收获和精深加工座谈，提出科技赋能与路径创新的具体办法。',
    consensus: '以良种繁育和产地初加工为突破口，推动花生产业链延伸。',
    recs: [
      { departmentId: 'dept-agriculture', text: '建设花生良种繁育示范基地，推广高油酸品种', progress: ['已选定大巴镇 500 亩示范田'], result: 'resolved', resultText: '示范基地建成并完成首季收获，高油酸品种推广 1.2 万亩。', photos: 'peanut' }
    ],
    closed: { month: 10, day: 20, result: 'resolved', note: '示范基地建成投产，建议全部落实。', rating: 5 }
  },
  'topic-canteen': {
    place: '县城各中小学',
    organiserType: 'studio',
    organiserId: 'studio-08',
    session: { place: '县教育服务中心', at: { month: 4, day: 22 }, members: 7 },
    minutes: '家长代表、学校和监管部门通报校园食堂检查情况，委员提出“明厨亮灶”全覆盖等建议。',
    consensus: '校园食堂实现“明厨亮灶”全覆盖，家长可随时查看。',
    recs: [
      { departmentId: 'dept-market', text: '对全县中小学食堂开展食品安全专项检查', result: 'resolved', resultText: '完成 46 所学校食堂专项检查，整改问题 31 项。', photos: 'canteen-check' },
      { departmentId: 'dept-education', text: '推动校园食堂“明厨亮灶”全覆盖并向家长开放', result: 'resolved', resultText: '全县中小学食堂全部接入“明厨亮灶”平台。', photos: 'canteen' }
    ],
    closed: { month: 9, day: 1, result: 'resolved', note: '新学期前全部整改到位。', rating: 4 }
  },
  'topic-park': {
    place: '于寺镇中心广场',
    organiserType: 'studio',
    organiserId: 'studio-12',
    session: { place: '于寺镇党群服务中心', at: { month: 6, day: 10 }, members: 6 },
    minutes: '居民代表反映广场健身器材老化、夜间照明不足，镇政府和住建部门现场答复。',
    consensus: '先修复照明和器材，再研究长效管护机制。',
    recs: [
      { departmentId: 'dept-housing', text: '更换广场损坏的健身器材和路灯，明确管护责任', result: 'partly_resolved', resultText: '路灯和 12 件健身器材已更换，长效管护办法正在制定。', photos: 'park' }
    ],
    closed: { month: 8, day: 15, result: 'partly_resolved', note: '照明和器材问题已解决，管护机制列入明年计划。' }
  },
  'topic-raoyang': {
    place: '扎兰营子镇绕阳河源头',
    organiserType: 'studio',
    organiserId: 'studio-06',
    session: { place: '扎兰营子镇便民服务中心', at: { month: 7, day: 8 }, members: 8 },
    minutes: '围绕巩固绕阳河源头治理成果，委员实地查看河道，生态环境和自然资源部门介绍治理进展。',
    consensus: '巩固河道清淤成果，加强源头植被恢复和日常巡查。',
    recs: [
      { departmentId: 'dept-ecology', text: '开展源头段水质月度监测并公开结果', progress: ['已布设 3 个监测点，每月公开一次'] },
      { departmentId: 'dept-natural-resources', text: '实施源头段植被恢复工程', result: 'planned', resultText: '植被恢复工程已列入明年生态修复计划。' }
    ]
  },
  'topic-tricycle': {
    place: '县城主要街道',
    organiserType: 'committee',
    organiserId: 'committee-society',
    session: { place: '县政协三楼会议室', at: { month: 8, day: 26 }, members: 10 },
    minutes: '交通、公安部门通报三轮车非法营运整治情况，委员建议疏堵结合、为从业者提供转岗帮扶。',
    consensus: '依法整治与转岗帮扶并行，公交线路补足出行需求。',
    recs: [
      { departmentId: 'dept-transport', text: '加密城区公交线路，覆盖三轮车主要营运区域', result: 'resolved', resultText: '新开通城区公交 2 条，发车间隔缩短至 10 分钟。' },
      { departmentId: 'dept-traffic-police', text: '开展三轮车非法营运集中整治', result: 'resolved', resultText: '集中整治 3 个月，非法营运三轮车基本清零。' }
    ]
  },
  'topic-school-traffic': {
    place: '县第一小学、第二中学周边',
    organiserType: 'studio',
    organiserId: 'studio-08',
    session: { place: '县教育服务中心', at: { daysFromNow: -6 }, members: 8 },
    minutes: '家长、学校、交警和委员讨论上下学高峰拥堵，建议错峰放学、设置临时停车带和护学岗。',
    consensus: '错峰放学、设置临时停车带、增设护学岗。',
    recs: [
      { departmentId: 'dept-traffic-police', text: '在学校周边设置临时停车带并在高峰时段增派警力' },
      { departmentId: 'dept-education', text: '指导学校实行分年级错峰放学' }
    ]
  },
  'topic-tourism': {
    place: '佛寺镇瑞应寺景区',
    organiserType: 'studio',
    organiserId: 'studio-03',
    session: { place: '佛寺镇文化站', at: { daysFromNow: -9 }, members: 9 },
    minutes: '专题议政：打造“蒙古贞+”品牌，提出 5 个方面 20 余条措施。',
    consensus: '以“蒙古贞+”品牌统筹全域文旅资源。',
    recs: [{ departmentId: 'dept-culture-tourism', text: '编制“蒙古贞+”全域旅游线路并开展推介' }]
  },
  'topic-preschool': {
    place: '县城',
    organiserType: 'studio',
    organiserId: 'studio-01',
    question: '您所在的小区附近入园是否方便？普惠性幼儿园还缺什么？',
    session: { place: '县政务服务中心二楼会议室', at: { daysFromNow: 5 }, members: 0 }
  },
  'topic-clinic': { place: '旧庙镇', organiserType: 'studio', organiserId: 'studio-11', question: '您在乡镇卫生院看病遇到过哪些不便？最希望增加哪些科室或设备？' },
  'topic-rural-industry': { place: '全县各乡镇', organiserType: 'committee', organiserId: 'committee-economy' },
  'topic-agate': { place: '十家子镇' },
  'topic-mongolian-medicine': { place: '阜新镇' },
  'topic-idle-assets': { place: '县城' },
  'topic-new-energy': { place: '县经济开发区', declineReason: '该事项已由县政府专班推进，不再另行立题协商，相关意见已转交县发展和改革局。' }
}

const statePath: Record<string, string[]> = {
  proposed: ['proposed'],
  declined: ['proposed', 'declined'],
  selected: ['proposed', 'selected'],
  open_for_input: ['proposed', 'selected', 'open_for_input'],
  scheduled: ['proposed', 'selected', 'open_for_input', 'scheduled'],
  consulted: ['proposed', 'selected', 'scheduled', 'consulted'],
  following_up: ['proposed', 'selected', 'scheduled', 'consulted', 'following_up'],
  closed: ['proposed', 'selected', 'scheduled', 'consulted', 'following_up', 'closed']
}

/** Loads the consultation details. `now` (UTC) anchors the topics still in progress. */
export async function loadConsultationDemo(db: Database, now: Date): Promise<void> {
  const _ = db.command
  await db.collection('topicSupports').where({ demo: true }).remove()
  let memberCursor = 1
  for (const [index, t] of topics.entries()) {
    const d = details[t._id]
    if (!d) continue
    const updatedAt = new Date(now.getTime() - (index + 1) * 3 * DAY)
    const createdAt = d.closed || (d.session && 'month' in d.session.at) ? seedDate(3, 1 + index) : new Date(updatedAt.getTime() - 30 * DAY)

    // session: an activity of type consultation with member check-ins
    let session: Record<string, unknown> | undefined
    // The activity demo (loaded first) may already hold this topic's session: use it as is.
    const existing = d.session ? (await db.collection('activities').where({ topicId: t._id, type: 'consultation' }).limit(1).get()).data[0] : undefined
    if (existing) {
      const past = new Date(existing.endAt).getTime() < now.getTime()
      const regs = (await db.collection('registrations').where({ activityId: existing._id, state: _.in(['checked_in', 'attended']) }).limit(100).get()).data as { memberId?: string }[]
      const memberIds = regs.map((r) => r.memberId).filter((m): m is string => !!m)
      session = {
        activityId: existing._id,
        startAt: new Date(existing.startAt),
        endAt: new Date(existing.endAt),
        place: existing.place,
        ...(past ? { attendance: regs.length, memberAttendance: memberIds.length, memberIds } : {})
      }
    } else if (d.session) {
      const startAt = 'month' in d.session.at ? seedDate(d.session.at.month, d.session.at.day, 9) : new Date(now.getTime() + d.session.at.daysFromNow * DAY)
      const endAt = new Date(startAt.getTime() + 2.5 * 3600_000)
      const activityId = `act-topic-${t._id.replace(/^topic-/, '')}`
      const past = endAt.getTime() < now.getTime()
      const memberIds = members.slice(memberCursor, memberCursor + d.session.members).map((m) => m._id)
      memberCursor = (memberCursor + d.session.members) % (members.length - 10)
      await db.collection('activities').doc(activityId).set({
        data: {
          title: `协商议事：${t.title}`.slice(0, 40),
          type: 'consultation',
          state: past ? 'finalized' : 'published',
          description: d.consensus ?? d.question ?? '',
          place: d.session.place,
          organiser: { kind: d.organiserType ?? 'committee', ...(d.organiserType === 'studio' ? { studioId: d.organiserId } : {}), name: t.organiser ?? '县政协' },
          ...(d.organiserType === 'studio' ? { studioId: d.organiserId } : {}),
          topicId: t._id,
          startAt,
          endAt,
          signupDeadline: startAt,
          checkinStartAt: new Date(startAt.getTime() - 30 * 60_000),
          checkinEndAt: endAt,
          capacity: 60,
          registeredCount: memberIds.length,
          waitlistCount: 0,
          waitlistSeq: 0,
          waitlist: true,
          audience: 'public',
          inviteeIds: [],
          required: false,
          checkedInCount: past ? memberIds.length : 0,
          ...(past ? { finalizedAt: endAt, attendance: { attended: memberIds.length, absent: 0, leave: 0 } } : {}),
          listed: true,
          createdBy: 'oDemoStaff00000000000000001',
          createdAt: new Date(startAt.getTime() - 14 * DAY),
          updatedAt: past ? endAt : now
        }
      })
      for (const memberId of memberIds) {
        await db.collection('registrations').doc(`${activityId}_${memberId}`).set({
          data: {
            activityId,
            personKey: memberId,
            memberId,
            name: members.find((m) => m._id === memberId)!.name,
            state: past ? 'attended' : 'registered',
            consented: false,
            pass: `P${memberId.replace(/\W/g, '')}`,
            ...(past ? { checkedInAt: new Date(startAt.getTime() - 10 * 60_000), checkinMethod: 'venue_qr' } : {}),
            activityStartAt: startAt,
            registeredAt: new Date(startAt.getTime() - 7 * DAY),
            updatedAt: past ? endAt : now
          }
        })
      }
      session = { activityId, startAt, endAt, place: d.session.place, ...(past ? { attendance: memberIds.length, memberAttendance: memberIds.length, memberIds } : {}) }
    }

    const closedAt = d.closed ? seedDate(d.closed.month, d.closed.day, 16) : undefined
    const answeredAt = closedAt ? new Date(closedAt.getTime() - 10 * DAY) : new Date(now.getTime() - 2 * DAY)
    const recs = (d.recs ?? []).map((r, i) => ({
      id: `${t._id}:r${i + 1}`,
      departmentId: r.departmentId,
      departmentName: departmentNames[r.departmentId],
      text: r.text,
      status: r.result ? 'answered' : 'open',
      progress: (r.progress ?? []).map((text) => ({ text, at: new Date(answeredAt.getTime() - 20 * DAY), by: departmentNames[r.departmentId] })),
      ...(r.result
        ? {
            result: r.result,
            resultText: r.resultText,
            evidence: [photo(`${r.photos ?? t._id}-evidence`)],
            // No demo photo files exist in storage: the board shows photos departments upload.
            beforePhotos: [],
            afterPhotos: [],
            answeredAt,
            answeredBy: departmentNames[r.departmentId]
          }
        : {})
    }))

    const path = statePath[t.state] ?? ['proposed']
    const span = Math.max(1, path.length)
    const end = closedAt ?? updatedAt
    const timeline = path.map((state, i) => ({
      state,
      at: new Date(createdAt.getTime() + ((end.getTime() - createdAt.getTime()) * i) / span),
      ...(state === 'selected' && t.organiser ? { note: `由${t.organiser}组织协商` } : {}),
      ...(state === 'declined' && d.declineReason ? { note: d.declineReason } : {})
    }))

    const supporters = Array.from({ length: t.supportCount }, (_x, i) => ({
      _id: `${t._id}:oDemoSupporter${String(i + 1).padStart(4, '0')}`,
      topicId: t._id,
      openid: `oDemoSupporter${String(i + 1).padStart(4, '0')}`,
      consented: i % 2 === 0,
      demo: true,
      createdAt: new Date(createdAt.getTime() + (i + 1) * 3600_000)
    }))
    if (supporters.length) await db.collection('topicSupports').add({ data: supporters })

    await db.collection('topics').doc(t._id).update({
      data: {
        place: d.place,
        images: [],
        commentCount: t._id === 'topic-agate' ? 2 : 0,
        proposerName: index % 3 === 0 ? '群众7303' : `${members[0].name}委员`,
        source: index % 3 === 0 ? 'public' : 'member',
        proposerConsented: true,
        createdAt,
        reopenCount: 0,
        timeline,
        notified: Object.fromEntries(['selected', 'declined', 'consulted', 'closed'].filter((e) => path.includes(e)).map((e) => [e, end])),
        ...(d.organiserType ? { organiserType: d.organiserType, organiserId: d.organiserId } : {}),
        ...(d.question ? { input: { question: d.question, deadline: new Date(now.getTime() + 10 * DAY) } } : {}),
        ...(session ? { session } : {}),
        ...(d.minutes ? { minutes: d.minutes, consensus: d.consensus } : {}),
        recommendations: recs,
        recDepartmentIds: [...new Set(recs.map((r) => r.departmentId))],
        openRecDepartmentIds: [...new Set(recs.filter((r) => r.status === 'open').map((r) => r.departmentId))],
        hasRecommendations: recs.length > 0,
        ...(d.declineReason ? { declineReason: d.declineReason } : {}),
        ...(d.closed
          ? {
              result: d.closed.result,
              closedAt,
              closingNote: d.closed.note,
              updatedAt: closedAt,
              ...(d.closed.rating ? { rating: { score: d.closed.rating, at: new Date(closedAt!.getTime() + 3 * DAY) } } : {})
            }
          : { result: _.remove(), closedAt: _.remove(), rating: _.remove() })
      }
    })
  }

  // comments on the agate topic: a visible one, a reply, and one held by the content check
  const agateAt = new Date(now.getTime() - 5 * DAY)
  const comments = [
    { _id: 'tc-agate-1', authorOpenid: 'oDemoSupporter0001', authorName: '群众2117', text: '十家子的玛瑙加工户多是家庭作坊，希望统一建设加工园区，集中治理粉尘。', status: 'visible', at: agateAt },
    {
      _id: 'tc-agate-2',
      authorOpenid: 'oDemoMember0000000000000001',
      authorName: `${members[0].name}委员`,
      text: '赞同，可以同时建设电商直播基地，带动年轻人返乡创业。',
      status: 'visible',
      replyTo: { id: 'tc-agate-1', authorName: '群众2117' },
      at: new Date(agateAt.getTime() + 3600_000)
    },
    { _id: 'tc-agate-held', authorOpenid: 'oDemoSupporter0002', authorName: '群众3048', text: '想了解更多请加微信领红包', status: 'held', statusReason: '评论正在等待人工审核，审核通过后公开显示', at: new Date(agateAt.getTime() + 7200_000) }
  ]
  for (const c of comments) {
    const { _id, at, ...rest } = c
    await db.collection('topicComments').doc(_id).set({ data: { topicId: 'topic-agate', ...rest, reportCount: 0, check: c.status === 'held' ? 'review' : 'pass', createdAt: at, updatedAt: at } })
  }
}

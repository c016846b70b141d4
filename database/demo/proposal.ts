/**
 * Demo 提案 (issue 9): the 15th term (十五届) with its five plenary sessions,
 * and as individual records
 * - the county's 十五届四次会议 (2025): 108 proposals received from roster
 *   members, 105 filed (numbers 001-105), 2 not filed and 1 merged into
 *   another; all 105 assigned to county units and replied (办复率 100%),
 *   most rated. Titles are the kinds the seed report names (东梁温泉城 deep
 *   development as No. 001 and a key proposal, 广场公园建管养护, 学校周边交通
 *   拥堵, 三轮车非法运营 …), so `proposal.stats` reproduces "共收到提案108件，
 *   经审查立案105件，办复率达100%" from the records;
 * - 十五届五次会议 (2026) proposals in live states for the personas: the
 *   member persona (D001) has a draft, an invitation to co-sign and a replied
 *   proposal to rate; the department persona (县教育局) has tasks to sign for
 *   and to reply to; staff have a review queue, a proposal to assign and an
 *   overdue one.
 *
 * Idempotent: the term and counters by fixed `_id` with `set`; proposals carry
 * the `demo-pr-` prefix and are replaced (remove by prefix, batch insert).
 */
import type { ProposalDocument, ReplyRecord, UnitRecord } from '../../cloudfunctions/proposal/model'
import type { ProposalCategory, Rating, ReplyGrade } from '../../src/core/actions/proposal'
import { dayjs } from '../../src/core/time'
import { departments, members } from './county'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

/** The seed report's figures for 十五届四次会议. */
export const SEED_PROPOSAL_FIGURES = { termId: 'term-15', sessionNumber: 4, received: 108, filed: 105, replyRate: 1 } as const

export const demoTerm = {
  _id: 'term-15',
  number: 15,
  name: '十五届',
  current: true,
  deadlineMonths: 3,
  sessions: [
    { number: 1, name: '一次会议', date: '2022-01-06', year: 2022 },
    { number: 2, name: '二次会议', date: '2023-01-05', year: 2023 },
    { number: 3, name: '三次会议', date: '2024-01-09', year: 2024 },
    { number: 4, name: '四次会议', date: '2025-01-08', year: 2025 },
    { number: 5, name: '五次会议', date: '2026-01-07', year: 2026 }
  ]
}

const unitName = (id: string): string => departments.find((d) => d._id === id)?.name ?? id

/** Beijing wall clock `YYYY-MM-DD HH:mm` -> instant. */
const at = (wall: string): Date => dayjs.tz(wall, 'YYYY-MM-DD HH:mm', 'Asia/Shanghai').toDate()
/** 24:00 Beijing of a day. */
const endOf = (day: string): Date => dayjs.tz(`${day} 00:00`, 'YYYY-MM-DD HH:mm', 'Asia/Shanghai').add(1, 'day').toDate()
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400_000)
const dayOf = (d: Date) => dayjs(d).tz('Asia/Shanghai').format('YYYY-MM-DD')

type Subject = [title: string, category: ProposalCategory, lead: string, assist?: string]

/** 54 subjects of the kinds the seed report and a county's proposals carry. */
const subjects: Subject[] = [
  ['关于支持东梁温泉城深度开发、抢占全国文旅康养高地的建议', 'economy', 'dept-culture-tourism', 'dept-development-reform'],
  ['关于加强城区广场公园建设管理和日常养护的建议', 'society', 'dept-housing', 'dept-urban-management'],
  ['关于缓解城区学校周边上下学时段交通拥堵的建议', 'society', 'dept-traffic-police', 'dept-education'],
  ['关于整治三轮车非法营运、规范城区客运秩序的建议', 'society', 'dept-traffic-police', 'dept-transport'],
  ['关于打造瑞应寺—海棠山文旅精品线路的建议', 'culture', 'dept-culture-tourism'],
  ['关于做大做强玛瑙产业、提升“两市四区”品牌影响力的建议', 'economy', 'dept-development-reform', 'dept-market'],
  ['关于推动花生产业精深加工、延长产业链的建议', 'economy', 'dept-agriculture'],
  ['关于加强校园食品安全监管的建议', 'society', 'dept-market', 'dept-education'],
  ['关于推进县域医共体建设、提升基层医疗服务能力的建议', 'society', 'dept-health'],
  ['关于加快老旧小区改造和加装电梯的建议', 'society', 'dept-housing'],
  ['关于解决县城停车难问题的建议', 'society', 'dept-urban-management', 'dept-traffic-police'],
  ['关于加强绕阳河流域生态保护与治理的建议', 'ecology', 'dept-ecology', 'dept-water'],
  ['关于推进农村人居环境整治、建立长效管护机制的建议', 'ecology', 'dept-agriculture', 'dept-housing'],
  ['关于完善农村居家养老服务体系的建议', 'society', 'dept-civil-affairs', 'dept-health'],
  ['关于缓解县城学校大班额问题的建议', 'society', 'dept-education'],
  ['关于加强乡镇卫生院全科医生队伍建设的建议', 'society', 'dept-health', 'dept-hrss'],
  ['关于优化营商环境、压缩企业开办时间的建议', 'economy', 'dept-development-reform', 'dept-market'],
  ['关于支持返乡青年创业就业的建议', 'economy', 'dept-hrss'],
  ['关于加强蒙医药传承创新发展的建议', 'culture', 'dept-health'],
  ['关于推动查海遗址保护利用的建议', 'culture', 'dept-culture-tourism', 'dept-natural-resources'],
  ['关于加快高标准农田建设的建议', 'economy', 'dept-agriculture', 'dept-water'],
  ['关于加强农村饮水安全保障的建议', 'society', 'dept-water'],
  ['关于推进秸秆综合利用、杜绝露天焚烧的建议', 'ecology', 'dept-agriculture', 'dept-ecology'],
  ['关于规范农村客运班线运营的建议', 'economy', 'dept-transport'],
  ['关于建设县乡村三级物流配送体系的建议', 'economy', 'dept-transport', 'dept-development-reform'],
  ['关于关爱农村留守儿童心理健康的建议', 'society', 'dept-education', 'dept-civil-affairs'],
  ['关于加强城区夜间照明设施维护的建议', 'society', 'dept-urban-management'],
  ['关于规范城区占道经营、建设便民市场的建议', 'society', 'dept-urban-management', 'dept-market'],
  ['关于加快发展设施农业的建议', 'economy', 'dept-agriculture'],
  ['关于推进宅基地确权登记遗留问题化解的建议', 'politics', 'dept-natural-resources'],
  ['关于加强全民健身场地设施建设的建议', 'culture', 'dept-culture-tourism', 'dept-housing'],
  ['关于提升县图书馆、文化馆公共服务水平的建议', 'culture', 'dept-culture-tourism'],
  ['关于加强职业教育与本地产业对接的建议', 'society', 'dept-education', 'dept-hrss'],
  ['关于完善城乡居民医保慢特病报销的建议', 'society', 'dept-health'],
  ['关于加强畜禽养殖粪污资源化利用的建议', 'ecology', 'dept-ecology', 'dept-agriculture'],
  ['关于推进城区雨污分流改造的建议', 'ecology', 'dept-housing'],
  ['关于加强矿山生态修复的建议', 'ecology', 'dept-natural-resources', 'dept-ecology'],
  ['关于发展乡村民宿、促进农文旅融合的建议', 'culture', 'dept-culture-tourism', 'dept-agriculture'],
  ['关于加强基层法治宣传和矛盾纠纷化解的建议', 'politics', 'dept-civil-affairs'],
  ['关于推进政务服务“一网通办”向乡镇延伸的建议', 'politics', 'dept-development-reform'],
  ['关于加强农民工工资支付保障的建议', 'society', 'dept-hrss'],
  ['关于加强冬季城区清雪除冰工作的建议', 'society', 'dept-urban-management'],
  ['关于完善城区公交线路和站点设置的建议', 'society', 'dept-transport'],
  ['关于推进农村电商直播带货、培育本地品牌的建议', 'economy', 'dept-market', 'dept-agriculture'],
  ['关于加强小型水库和塘坝安全管理的建议', 'ecology', 'dept-water'],
  ['关于规范校外培训机构管理的建议', 'society', 'dept-education', 'dept-market'],
  ['关于加强婴幼儿照护服务供给的建议', 'society', 'dept-health', 'dept-civil-affairs'],
  ['关于提升农村公路养护水平的建议', 'economy', 'dept-transport'],
  ['关于加强少数民族传统文化保护传承的建议', 'culture', 'dept-culture-tourism'],
  ['关于加强特殊困难群体兜底保障的建议', 'society', 'dept-civil-affairs'],
  ['关于推动沙化土地综合治理的建议', 'ecology', 'dept-natural-resources', 'dept-agriculture'],
  ['关于加强农产品质量安全追溯体系建设的建议', 'economy', 'dept-agriculture', 'dept-market'],
  ['关于加强城区背街小巷环境治理的建议', 'society', 'dept-urban-management', 'dept-housing'],
  ['关于完善退役军人服务保障体系的建议', 'politics', 'dept-civil-affairs', 'dept-hrss']
]

const towns = ['阜新镇', '东梁镇', '大巴镇', '佛寺镇', '于寺镇', '旧庙镇', '扎兰营子镇', '十家子镇', '沙拉镇', '大板镇', '紫都台镇', '王府镇', '泡子镇', '富荣镇']

/** The i-th title of the session: the 54 subjects, then town-level variants of them. */
function titleOf(i: number): Subject {
  const s = subjects[i % subjects.length]
  if (i < subjects.length) return s
  const town = towns[i % towns.length]
  const core = s[0].replace(/^关于/, '').replace(/的建议$/, '')
  return [`关于在${town}${core.replace(/^(加强|推进|加快|完善|推动)/, '率先$1')}的建议`, s[1], s[2], s[3]]
}

function analysisOf(title: string, town: string): string {
  const core = title.replace(/^关于/, '').replace(/的建议$/, '')
  return `近年来，我县在${core}方面做了大量工作，取得了一定成效。但通过在${town}等地走访调研发现，仍存在投入不足、责任分散、长效机制不健全等问题，群众反映较为集中。\n一是统筹规划不够，相关部门各自为战；二是资金保障不足，项目推进较慢；三是日常管护缺位，建成后效果难以持续。`
}

function suggestionsOf(title: string): string {
  const core = title.replace(/^关于/, '').replace(/的建议$/, '')
  return `一、加强统筹。将${core}纳入县政府年度重点工作，明确牵头部门和责任分工。\n二、加大投入。积极争取上级资金，统筹本级财力，引导社会资本参与。\n三、建立长效机制。完善日常管护和考核制度，定期向社会公开进展，接受群众监督。`
}

function replyOf(title: string, grade: ReplyGrade): string {
  const core = title.replace(/^关于/, '').replace(/的建议$/, '')
  const done = { A: '所提建议已全部采纳并落实', B: '所提建议已列入今年工作计划，正在分步实施', C: '所提建议因资金和条件限制暂难全部实施，已留作今后工作参考' }[grade]
  return `您提出的《${title}》收悉。我单位高度重视，主要负责同志牵头研究，与提案人当面沟通。关于${core}，${done}。下一步，我们将持续跟踪落实，及时向您反馈进展。感谢您对我县工作的关心和支持。`
}

const LETTER = (id: string): ReplyRecord['letter'] => ({ fileID: `cloud://demo-env.demo-bucket/proposal-files/${id}/reply-letter.pdf`, mime: 'application/pdf', bytes: 182_340, check: 'pass', name: '答复函.pdf' })

const proposers = members.filter((m) => m._id !== 'm-D001' && m._id !== 'm-D002')

function base(id: string, i: number, termSession: { number: number; name: string }, title: string, category: ProposalCategory, submittedAt: Date, proposer: (typeof members)[number]): ProposalDocument {
  const town = towns[i % towns.length]
  return {
    _id: id,
    termId: 'term-15',
    termName: '十五届',
    sessionNumber: termSession.number,
    sessionName: termSession.name,
    sessionKey: `term-15-s${termSession.number}`,
    year: Number(dayOf(submittedAt).slice(0, 4)),
    title,
    analysis: analysisOf(title, town),
    suggestions: suggestionsOf(title),
    category,
    suggestedUnits: [],
    attachments: [],
    collective: false,
    proposerName: proposer.name,
    proposerMemberId: proposer._id,
    ownerOpenid: `demo-owner-${proposer._id}`,
    notify: true,
    cosigners: [],
    cosignMemberIds: [],
    invitedMemberIds: [],
    seconders: [],
    mayPublish: true,
    publicVisible: false,
    state: 'submitted',
    flags: [],
    key: false,
    leaders: [],
    units: [],
    unitIds: [],
    nextDeadlineAt: null,
    replies: [],
    earlierReplies: [],
    mergedFrom: [],
    timeline: [
      { step: 'created', at: addDays(submittedAt, -3), by: proposer.name },
      { step: 'submitted', at: submittedAt, by: proposer.name }
    ],
    submittedAt,
    createdAt: addDays(submittedAt, -3),
    updatedAt: submittedAt
  }
}

function cosign(doc: ProposalDocument, people: (typeof members)[number][], answeredAt: Date, status: 'confirmed' | 'invited' = 'confirmed') {
  doc.cosigners = people.map((p) => ({ memberId: p._id, name: p.name, sector: p.sector, status, invitedAt: addDays(answeredAt, -1), ...(status === 'confirmed' ? { answeredAt, notify: false } : {}) }))
  doc.cosignMemberIds = people.map((p) => p._id)
  doc.invitedMemberIds = status === 'invited' ? people.map((p) => p._id) : []
}

function fileIt(doc: ProposalDocument, number: number, filedAt: Date) {
  doc.state = 'filed'
  doc.number = number
  doc.numberLabel = `${doc.termName}${doc.sessionName}第 ${String(number).padStart(3, '0')} 号`
  doc.filedAt = filedAt
  doc.publicVisible = doc.mayPublish
  doc.timeline.push({ step: 'filed', at: filedAt, by: '政协办公室', note: doc.numberLabel })
  doc.updatedAt = filedAt
}

function assignIt(doc: ProposalDocument, lead: string, assist: string | undefined, assignedAt: Date, deadline: string) {
  const part = (departmentId: string, role: UnitRecord['role']): UnitRecord => ({ departmentId, name: unitName(departmentId), role, status: 'pending', deadline, deadlineAt: endOf(deadline), assignedAt, reminders: [] })
  doc.units = [part(lead, 'lead'), ...(assist ? [part(assist, 'assist')] : [])]
  doc.unitIds = doc.units.map((u) => u.departmentId)
  doc.state = 'assigned'
  doc.nextDeadlineAt = endOf(deadline)
  doc.timeline.push({ step: 'assigned', at: assignedAt, by: '政协办公室', note: `${doc.units.map((u) => `${u.name}（${u.role === 'lead' ? '主办' : '协办'}）`).join('、')}，${deadline} 前办复` })
  doc.updatedAt = assignedAt
}

function signIt(doc: ProposalDocument, signedAt: Date) {
  for (const u of doc.units) {
    u.status = 'signed'
    u.signedAt = signedAt
    doc.timeline.push({ step: 'signed', at: signedAt, by: u.name })
  }
  doc.updatedAt = signedAt
}

function assistIt(doc: ProposalDocument, opinionAt: Date) {
  for (const u of doc.units.filter((x) => x.role === 'assist')) {
    u.status = 'opinion_sent'
    u.opinion = { content: `我单位对《${doc.title}》提出以下协办意见：积极配合主办单位做好相关工作，在职责范围内落实具体措施。`, at: opinionAt, flags: [] }
    doc.timeline.push({ step: 'assist_opinion', at: opinionAt, by: u.name })
  }
}

function replyIt(doc: ProposalDocument, grade: ReplyGrade, repliedAt: Date, contact: ReplyRecord['contactMode']) {
  const lead = doc.units.find((u) => u.role === 'lead')!
  lead.status = 'replied'
  doc.replies = [{ departmentId: lead.departmentId, unitName: lead.name, round: 1, grade, contactMode: contact, public: true, content: replyOf(doc.title, grade), letter: LETTER(doc._id), at: repliedAt, held: false, flags: [] }]
  doc.state = 'replied'
  doc.nextDeadlineAt = null
  doc.timeline.push({ step: 'replied', at: repliedAt, by: lead.name, note: `${grade}类` })
  doc.updatedAt = repliedAt
}

function rateIt(doc: ProposalDocument, rating: Rating, ratedAt: Date) {
  doc.replies[0].rating = { value: rating, at: ratedAt }
  doc.state = 'closed'
  doc.timeline.push({ step: 'rated', at: ratedAt, by: doc.proposerName, note: `${doc.replies[0].unitName}：${{ satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }[rating]}` }, { step: 'closed', at: ratedAt, by: doc.proposerName })
  doc.updatedAt = ratedAt
}

/** The 108 records of 十五届四次会议 (2025). */
export function session2025(): ProposalDocument[] {
  const s4 = { number: 4, name: '四次会议' }
  const out: ProposalDocument[] = []
  // 108 received: indexes 0..104 are filed in that order; 105, 106 not filed; 107 merged into No. 003.
  for (let i = 0; i < 108; i++) {
    const [title, category, lead, assist] = titleOf(i)
    const proposer = proposers[(i * 5) % proposers.length]
    const submittedAt = at(`2025-01-0${6 + (i % 4)} ${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`)
    const doc = base(`demo-pr-2025-${String(i + 1).padStart(3, '0')}`, i, s4, title, category, submittedAt, proposer)
    if (i % 3 === 0) cosign(doc, [proposers[(i * 5 + 1) % proposers.length], proposers[(i * 5 + 2) % proposers.length]], addDays(submittedAt, -1))
    out.push(doc)
    if (i >= 105) continue
    const number = i + 1
    fileIt(doc, number, at(`2025-02-${String(10 + (i % 10)).padStart(2, '0')} 10:00`))
    const assignedAt = at('2025-03-03 09:00')
    assignIt(doc, lead, assist, assignedAt, '2025-06-03')
    signIt(doc, addDays(assignedAt, 1 + (i % 3)))
    if (assist) assistIt(doc, addDays(assignedAt, 12 + (i % 5)))
    const grade: ReplyGrade = i % 10 < 6 ? 'A' : i % 10 < 9 ? 'B' : 'C'
    replyIt(doc, grade, addDays(assignedAt, 30 + (i % 40)), (['meeting', 'forum', 'phone', 'written'] as const)[i % 4])
    // 96 of 105 rated: 84 满意, 12 基本满意; the last 9 not yet rated.
    if (i < 96) rateIt(doc, i % 8 === 7 ? 'basic' : 'satisfied', addDays(assignedAt, 75 + (i % 20)))
  }
  // No. 001: the report's named proposal, key, led by the chair.
  Object.assign(out[0], { key: true, leaders: [{ name: '县政协主席', mode: 'lead' }, { name: '县政协副主席', mode: 'supervise' }] })
  out[0].timeline.push({ step: 'key', at: at('2025-02-20 10:00'), by: '政协办公室', note: '县政协主席领办、县政协副主席督办' })
  for (const i of [1, 2, 3]) Object.assign(out[i], { key: true, leaders: [{ name: '县政协副主席', mode: 'supervise' }] })
  // Not filed: outside the committee's remit / already being implemented.
  const notFiled = [
    { i: 105, reason: '所提事项属于个人诉求，不符合提案立案标准，建议通过信访渠道反映' },
    { i: 106, reason: '所提事项已于去年办结落实，不再重复立案' }
  ]
  for (const { i, reason } of notFiled) {
    Object.assign(out[i], { state: 'not_filed', notFiledReason: reason, updatedAt: at('2025-02-18 15:00') })
    out[i].timeline.push({ step: 'not_filed', at: at('2025-02-18 15:00'), by: '政协办公室', note: reason })
  }
  const merged = out[107]
  const target = out[2]
  Object.assign(merged, { state: 'merged', mergedInto: { id: target._id, title: target.title, numberLabel: target.numberLabel }, updatedAt: at('2025-02-12 11:00') })
  merged.timeline.push({ step: 'merged', at: at('2025-02-12 11:00'), by: '政协办公室', note: `并入《${target.title}》` })
  target.mergedFrom = [{ id: merged._id, title: merged.title, proposerName: merged.proposerName }]
  return out
}

/** 十五届五次会议 (2026) in live states for the personas; `now` anchors deadlines. */
export function session2026(now: Date): { docs: ProposalDocument[]; filedCount: number } {
  const s5 = { number: 5, name: '五次会议' }
  const d001 = members[0]
  const m = (n: number) => members[n - 1]
  const opened = at('2026-01-07 09:00')
  const mk = (n: number, title: string, category: ProposalCategory, who: (typeof members)[number]) => base(`demo-pr-2026-${String(n).padStart(2, '0')}`, n, s5, title, category, addDays(opened, 1), who)
  const docs: ProposalDocument[] = []
  const future = dayOf(addDays(now, 60))
  const past = dayOf(addDays(now, -5))
  let number = 0

  // 01: D001's draft.
  const draft = mk(1, '关于建设县城口袋公园、方便群众就近休闲的建议', 'society', d001)
  Object.assign(draft, { state: 'draft', submittedAt: undefined, timeline: [{ step: 'created', at: addDays(now, -2), by: d001.name }], year: 2026, createdAt: addDays(now, -2), updatedAt: addDays(now, -2) })
  cosign(draft, [m(4)], addDays(now, -1), 'invited')
  docs.push(draft)

  // 02: D005 invites D001 to co-sign (waiting for co-signers).
  const invitation = mk(2, '关于加强学校周边交通安全设施建设的建议', 'society', m(5))
  Object.assign(invitation, { state: 'cosigning', submittedAt: undefined, updatedAt: addDays(now, -1) })
  invitation.timeline = [{ step: 'created', at: addDays(now, -3), by: m(5).name }, { step: 'invited', at: addDays(now, -1), by: m(5).name, note: d001.name }]
  cosign(invitation, [d001], addDays(now, -1), 'invited')
  docs.push(invitation)

  // 03: D001's proposal answered by 县教育局, waiting for D001's rating.
  const toRate = mk(3, '关于完善农村学校寄宿条件的建议', 'society', d001)
  fileIt(toRate, ++number, addDays(opened, 20))
  assignIt(toRate, 'dept-education', undefined, addDays(opened, 40), dayOf(addDays(opened, 130)))
  signIt(toRate, addDays(opened, 42))
  replyIt(toRate, 'B', addDays(now, -3), 'meeting')
  docs.push(toRate)

  // 04: 县教育局 to sign for.
  const toSign = mk(4, '关于加强中小学心理健康教师配备的建议', 'society', m(7))
  fileIt(toSign, ++number, addDays(opened, 21))
  assignIt(toSign, 'dept-education', undefined, addDays(now, -2), future)
  docs.push(toSign)

  // 05: 县教育局 signed, 县卫健局's assisting opinion in: ready to reply.
  const toReply = mk(5, '关于做好学生近视防控工作的建议', 'society', m(9))
  fileIt(toReply, ++number, addDays(opened, 22))
  assignIt(toReply, 'dept-education', 'dept-health', addDays(now, -20), future)
  signIt(toReply, addDays(now, -18))
  assistIt(toReply, addDays(now, -6))
  docs.push(toReply)

  // 06: 县教育局 assists 交警大队 on 学校周边交通拥堵.
  const assisting = mk(6, '关于治理县一中周边上下学时段交通拥堵的建议', 'society', m(11))
  fileIt(assisting, ++number, addDays(opened, 23))
  assignIt(assisting, 'dept-traffic-police', 'dept-education', addDays(now, -4), future)
  docs.push(assisting)

  // 07: overdue at 县住建局 (deadline five days ago), reminded once.
  const late = mk(7, '关于加快城区广场公园设施维修的建议', 'society', m(13))
  fileIt(late, ++number, addDays(opened, 24))
  assignIt(late, 'dept-housing', undefined, addDays(now, -95), past)
  signIt(late, addDays(now, -90))
  late.units[0].reminders = [{ at: addDays(now, -1), note: '请尽快答复' }]
  late.timeline.push({ step: 'reminded', at: addDays(now, -1), by: '政协办公室', note: '县住房和城乡建设局：请尽快答复' })
  docs.push(late)

  // 08, 09: the review queue (one with confirmed co-signers).
  const queued1 = mk(8, '关于规范三轮车管理、引导转型合规运营的建议', 'society', m(15))
  cosign(queued1, [m(16), m(17)], addDays(opened, 0))
  docs.push(queued1)
  const queued2 = mk(9, '关于推进东梁温泉城康养项目招商的建议', 'economy', m(19))
  docs.push(queued2)

  // 10: filed, waiting to be assigned.
  const toAssign = mk(10, '关于加强农村饮用水水源地保护的建议', 'ecology', m(21))
  fileIt(toAssign, ++number, addDays(opened, 25))
  docs.push(toAssign)

  return { docs, filedCount: number }
}

async function replace(db: Database, collection: string, prefix: string, docs: Record<string, unknown>[]) {
  await db.collection(collection).where({ _id: db.RegExp({ regexp: `^${prefix}` }) }).remove()
  const clean = docs.map((d) => JSON.parse(JSON.stringify(d), (_k, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) ? new Date(v) : v)))
  for (let i = 0; i < clean.length; i += 500) await db.collection(collection).add({ data: clean.slice(i, i + 500) })
}

/** Loads the demo proposals into `db` (wx-server-sdk database); `now` anchors the 2026 deadlines. */
export async function loadProposalDemo(db: Database, now: Date): Promise<void> {
  const { _id, ...term } = demoTerm
  await db.collection('terms').doc(_id).set({ data: { ...term, updatedAt: now } })
  const s2025 = session2025()
  const { docs, filedCount } = session2026(now)
  await replace(db, 'proposals', 'demo-pr-', [...s2025, ...docs] as unknown as Record<string, unknown>[])
  await db.collection('counters').doc('proposal-term-15-s4').set({ data: { value: s2025.filter((d) => d.number).length, updatedAt: now } })
  await db.collection('counters').doc('proposal-term-15-s5').set({ data: { value: filedCount, updatedAt: now } })
}

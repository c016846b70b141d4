/**
 * Demo 社情民意 (issue 4): categories; the seed year 2025 reproducing the
 * report's figures from records — 205 items collected, 60 bulletin issues,
 * 6 items adopted by the province and 27 by the city; and items of the
 * current Beijing year in every state, for the demo personas (public,
 * informant, member). Every submitter is fictional (personas, fictional
 * informants, roster members from county.ts).
 *
 * Idempotent: categories and counters by fixed `_id` with `set`; items,
 * bulletins and upward records carry the `demo-` prefix and are replaced
 * (remove by prefix, then one batch insert per collection), so reloading
 * gives the same data and leaves items people created untouched.
 */
import { personas } from '../../src/dev/personas'
import { beijing, beijingYear, parseBeijing } from '../../src/core/time'
import { members } from './county'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

/** The seed report's figures for 2025 (shared/seed). */
export const SEED_OPINION_FIGURES = { year: 2025, received: 205, bulletins: 60, province: 6, city: 27 } as const

export const demoCategories = [
  { _id: 'cat-economy', name: '经济发展', sortKey: 10, active: true },
  { _id: 'cat-rural', name: '乡村振兴', sortKey: 20, active: true },
  { _id: 'cat-livelihood', name: '民生保障', sortKey: 30, active: true },
  { _id: 'cat-education-health', name: '教育医疗', sortKey: 40, active: true },
  { _id: 'cat-ecology', name: '生态环境', sortKey: 50, active: true },
  { _id: 'cat-governance', name: '社会治理', sortKey: 60, active: true },
  { _id: 'cat-culture', name: '文化旅游', sortKey: 70, active: true },
  { _id: 'cat-other', name: '其他', sortKey: 90, active: true },
  { _id: 'cat-retired', name: '疫情防控', sortKey: 99, active: false }
] as const

const themes: Record<string, string[]> = {
  'cat-economy': ['关于优化县域营商环境、压缩企业开办时间的建议', '关于支持温泉康养产业链延伸的建议', '关于扶持电商直播带货培育本地品牌的建议', '关于破解小微企业融资难的建议'],
  'cat-rural': ['守护“指尖经济”激活乡村振兴“源头活水”', '关于盘活农村闲置宅基地的建议', '关于发展设施农业提高亩均效益的建议', '关于加强农村冷链物流建设的建议'],
  'cat-livelihood': ['关于老旧小区加装电梯的建议', '关于完善农村养老服务站运营的建议', '关于解决城区停车难的建议', '关于规范物业服务收费的建议'],
  'cat-education-health': ['关于缓解县城学校大班额的建议', '关于加强乡镇卫生院全科医生配备的建议', '关于推进县域医共体检查结果互认的建议', '关于关爱留守儿童心理健康的建议'],
  'cat-ecology': ['关于加强细河流域水环境治理的建议', '关于推进农村生活垃圾分类的建议', '关于防治秸秆焚烧的建议'],
  'cat-governance': ['关于推进网格化管理进村入户的建议', '关于化解物业矛盾纠纷的建议', '关于加强农村道路交通安全的建议'],
  'cat-culture': ['推动蒙古文“哈旺体”书法申报省级非物质文化遗产的建议', '关于打造海棠山文旅品牌的建议', '关于保护利用传统村落的建议', '关于发展乡村民宿的建议'],
  'cat-other': ['关于规范城区户外广告设置的建议', '关于提高政务热线办结质量的建议']
}
const places = ['阜新镇', '东梁镇', '大巴镇', '泡子镇', '于寺镇', '佛寺镇', '王府镇', '紫都台镇', '旧庙镇', '富荣镇', '县城新民大街']

const openidOf = (key: string) => personas.find((p) => p.key === key)!.openid
/** 47 informants in the county (seed); 3 of them are fictional openids here plus the informant persona. */
const fictionalInformants = Array.from({ length: 46 }, (_, i) => `oDemoInformantX${String(i + 1).padStart(12, '0')}`)

const DAY = 24 * 60 * 60 * 1000

interface Submitter {
  openid: string
  role: 'public' | 'informant' | 'member'
  name?: string
  anonymous: boolean
  phone?: string
}

/** Who filed the seed year's i-th item (0-based): mostly informants, some members, some public. */
function seedSubmitter(i: number): Submitter {
  if (i % 10 === 0) return { openid: openidOf('informant'), role: 'informant', anonymous: false, phone: '13904180001' }
  if (i % 7 === 0) {
    const m = members[i % members.length]
    return { openid: i % 14 === 0 ? openidOf('member') : `oDemoMemberX${m.memberNumber}000000000`, role: 'member', name: i % 14 === 0 ? members[0].name : m.name, anonymous: false, phone: m.phone }
  }
  if (i % 9 === 0) return { openid: `oDemoPublicX${String(i).padStart(15, '0')}`, role: 'public', anonymous: true }
  if (i % 6 === 0) return { openid: i % 12 === 0 ? openidOf('public') : `oDemoPublicX${String(i).padStart(15, '0')}`, role: 'public', anonymous: false, phone: `1380418${String(1000 + i).slice(-4)}` }
  return { openid: fictionalInformants[i % fictionalInformants.length], role: 'informant', anonymous: false, phone: `1370418${String(2000 + i).slice(-4)}` }
}

const categoryIds = Object.keys(themes)
const categoryName = (id: string) => demoCategories.find((c) => c._id === id)!.name

function contentFor(title: string, place: string): string {
  const matter = title.replace(/^关于/, '').replace(/的建议$/, '')
  return [
    `近期在${place}走访了解到，群众对“${matter}”反映较为集中。`,
    '一、基本情况：相关工作已有一定基础，但仍存在投入不足、统筹不够、群众知晓率不高等问题。',
    '二、建议：一是由牵头部门摸清底数、明确责任；二是整合现有资金和政策，分步骤推进；三是加强宣传解读，及时回应群众关切。'
  ].join('\n')
}

interface Built {
  opinions: Record<string, unknown>[]
  bulletins: Record<string, unknown>[]
  upward: Record<string, unknown>[]
}

function item(id: string, i: number, receivedAt: Date, submitter: Submitter, categoryId: string, title: string) {
  const place = places[i % places.length]
  return {
    _id: id,
    title,
    categoryId,
    categoryName: categoryName(categoryId),
    content: contentFor(title, place),
    place,
    images: [] as unknown[],
    imageTraceIds: [] as string[],
    ...(submitter.phone && !submitter.anonymous ? { contactPhone: submitter.phone } : {}),
    anonymous: submitter.anonymous,
    mayPublish: true,
    notify: ['received', 'decided', 'published', 'upward'],
    submitterOpenid: submitter.openid,
    ...(submitter.name && !submitter.anonymous ? { submitterName: submitter.name } : {}),
    submitterRole: submitter.role,
    state: 'submitted',
    flags: [] as string[],
    key: false,
    receivedAt,
    year: beijing(receivedAt).year(),
    updatedAt: receivedAt,
    timeline: [{ step: 'received', at: receivedAt }] as Record<string, unknown>[],
    history: [{ action: 'submit', by: submitter.openid, at: receivedAt }] as Record<string, unknown>[],
    upward: [] as Record<string, unknown>[],
    adoptedAt: undefined as Date | undefined,
    bulletin: undefined as { id: string; year: number; number: number } | undefined
  }
}
type Item = ReturnType<typeof item>

const staffOpenid = () => openidOf('staff')

function adoptItem(doc: Item, at: Date, key = false) {
  const processing = new Date(at.getTime() - DAY)
  doc.timeline.push({ step: 'processing', at: processing }, { step: 'adopted', at })
  doc.history.push({ action: 'accept', by: staffOpenid(), at: processing }, { action: 'adopt', by: staffOpenid(), at, ...(key ? { note: '重点' } : {}) })
  Object.assign(doc, { state: 'adopted', adopted: { title: doc.title, content: doc.content, key, at, by: staffOpenid() }, adoptedAt: at, key, updatedAt: at })
}

function publishItem(doc: Item, bulletin: { id: string; year: number; number: number }, order: number, at: Date) {
  doc.timeline.push({ step: 'published', at, number: bulletin.number, year: bulletin.year })
  doc.history.push({ action: 'publish', by: staffOpenid(), at, note: bulletin.id })
  Object.assign(doc, { state: 'published', bulletin, bulletinOrder: order, updatedAt: at })
}

function upwardItem(doc: Item, built: Built, id: string, level: 'city' | 'province', kind: 'reported' | 'adopted' | 'instruction', at: Date) {
  const date = beijing(at).format('YYYY-MM-DD')
  const step = kind === 'reported' ? 'reported' : kind === 'adopted' ? 'upward_adopted' : 'upward_instruction'
  doc.upward.push({ id, level, kind, date })
  doc.timeline.push({ step, at, level })
  doc.history.push({ action: `upward.${kind}`, by: staffOpenid(), at, note: `${level} ${date}` })
  Object.assign(doc, { state: 'reported_up', updatedAt: at })
  built.upward.push({ _id: id, opinionId: doc._id, level, kind, date, year: Number(date.slice(0, 4)), recordedBy: staffOpenid(), recordedAt: at })
}

function rejectItem(doc: Item, at: Date, reason: string) {
  doc.timeline.push({ step: 'processing', at: new Date(at.getTime() - DAY) }, { step: 'rejected', at, note: reason })
  doc.history.push({ action: 'reject', by: staffOpenid(), at, note: reason })
  Object.assign(doc, { state: 'rejected', rejectReason: reason, updatedAt: at })
}

function mergeItem(doc: Item, into: Item, at: Date) {
  doc.timeline.push({ step: 'processing', at: new Date(at.getTime() - DAY) }, { step: 'merged', at })
  doc.history.push({ action: 'merge', by: staffOpenid(), at, note: `并入 ${into._id}` })
  Object.assign(doc, { state: 'merged', mergedInto: into._id, updatedAt: at })
  Object.assign(into, { mergedFrom: [...((into as { mergedFrom?: string[] }).mergedFrom ?? []), doc._id] })
}

function bulletinDoc(year: number, number: number, at: Date, itemIds: string[]) {
  return {
    _id: `demo-b-${year}-${String(number).padStart(3, '0')}`,
    year,
    number,
    date: beijing(at).format('YYYY-MM-DD'),
    itemIds,
    itemCount: itemIds.length,
    editor: '李春燕',
    approver: '王建华',
    compiledBy: staffOpenid(),
    compiledAt: at,
    requestId: `demo-bulletin-${year}-${number}`
  }
}

/**
 * The seed year: items 1-120 adopted and compiled two per issue into issues
 * 1-60; of those, 1-6 adopted by the province and 7-33 by the city (each also
 * "reported" first); 121-180 未采用; 181-195 merged; 196-205 adopted and
 * waiting for a bulletin.
 */
function seedYear(built: Built) {
  const start = parseBeijing('2025-01-03 09:30')
  const docs: Item[] = []
  for (let i = 0; i < SEED_OPINION_FIGURES.received; i++) {
    const categoryId = i === 0 ? 'cat-rural' : i === 6 ? 'cat-culture' : categoryIds[i % categoryIds.length]
    const list = themes[categoryId]
    const title = i === 0 || i === 6 ? list[0] : `${list[1 + ((i >> 3) % (list.length - 1))].replace(/的建议$/, '')}（${places[i % places.length]}）的建议`
    const receivedAt = new Date(start.getTime() + Math.floor((i * 355) / SEED_OPINION_FIGURES.received) * DAY + (i % 5) * 3600_000)
    docs.push(item(`demo-op-2025-${String(i + 1).padStart(3, '0')}`, i, receivedAt, seedSubmitter(i), categoryId, title))
  }
  for (let n = 1; n <= SEED_OPINION_FIGURES.bulletins; n++) {
    const pair = [docs[2 * n - 2], docs[2 * n - 1]]
    pair.forEach((d, k) => adoptItem(d, new Date(d.receivedAt.getTime() + 4 * DAY), n % 7 === 1 && k === 0))
    const at = new Date(Math.max(...pair.map((d) => d.adoptedAt!.getTime())) + 2 * DAY)
    const b = bulletinDoc(2025, n, at, pair.map((d) => d._id))
    built.bulletins.push(b)
    pair.forEach((d, k) => publishItem(d, { id: b._id, year: 2025, number: n }, k, at))
  }
  for (let i = 0; i < SEED_OPINION_FIGURES.province + SEED_OPINION_FIGURES.city; i++) {
    const d = docs[i]
    const level = i < SEED_OPINION_FIGURES.province ? 'province' : 'city'
    const reportedAt = new Date(d.updatedAt.getTime() + 3 * DAY)
    upwardItem(d, built, `demo-up-2025-${String(i + 1).padStart(3, '0')}-r`, level, 'reported', reportedAt)
    upwardItem(d, built, `demo-up-2025-${String(i + 1).padStart(3, '0')}-a`, level, 'adopted', new Date(reportedAt.getTime() + 20 * DAY))
    if (i === 0) upwardItem(d, built, 'demo-up-2025-001-i', 'province', 'instruction', new Date(reportedAt.getTime() + 30 * DAY))
  }
  for (let i = 120; i < 180; i++) rejectItem(docs[i], new Date(docs[i].receivedAt.getTime() + 6 * DAY), '该问题已有部门在推进，暂不编报，感谢您的反映')
  for (let i = 180; i < 195; i++) mergeItem(docs[i], docs[i - 150], new Date(docs[i].receivedAt.getTime() + 3 * DAY))
  for (let i = 195; i < 205; i++) adoptItem(docs[i], new Date(docs[i].receivedAt.getTime() + 3 * DAY))
  built.opinions.push(...docs)
}

/**
 * The current Beijing year: one or more items in every state for the demo
 * personas, and two bulletin issues (numbers 1 and 2 of the year).
 */
function currentYear(built: Built, now: Date): number {
  const year = beijing(now).year()
  const yearStart = beijingYear(year).start.getTime()
  const ago = (hours: number) => new Date(Math.max(yearStart + hours * 60_000, now.getTime() - hours * 3600_000))
  const pub: Submitter = { openid: openidOf('public'), role: 'public', anonymous: false, phone: '13804185678' }
  const pubAnon: Submitter = { openid: openidOf('public'), role: 'public', anonymous: true }
  const inf: Submitter = { openid: openidOf('informant'), role: 'informant', anonymous: false, phone: '13904180001' }
  const mem: Submitter = { openid: openidOf('member'), role: 'member', name: members[0].name, anonymous: false, phone: members[0].phone }
  const id = (n: number) => `demo-op-now-${String(n).padStart(2, '0')}`
  const d = [
    item(id(1), 1, ago(2), pub, 'cat-livelihood', '关于城区公交站台增设遮雨棚的建议'),
    item(id(2), 2, ago(20), pubAnon, 'cat-governance', '关于夜间工地噪声扰民的反映'),
    item(id(3), 3, ago(50), pub, 'cat-education-health', '关于县医院周末门诊开放科室偏少的建议'),
    item(id(4), 4, ago(80), inf, 'cat-rural', '关于村级光伏电站运维管理的建议'),
    item(id(5), 5, ago(120), inf, 'cat-economy', '关于设立县级“企业服务日”的建议 C++ 技能培训'),
    item(id(6), 6, ago(200), mem, 'cat-culture', '关于海棠山景区旺季交通疏导的建议'),
    item(id(7), 7, ago(300), pub, 'cat-ecology', '关于河道垃圾清理的建议'),
    item(id(8), 8, ago(400), inf, 'cat-rural', '关于农村寄递物流站点补贴的建议'),
    item(id(9), 9, ago(500), mem, 'cat-livelihood', '关于社区食堂扩面提质的建议'),
    item(id(10), 10, ago(600), inf, 'cat-culture', '关于民族文化进校园的建议'),
    item(id(11), 11, ago(700), pub, 'cat-other', '关于路灯夜间不亮的反映（已合并）'),
    item(id(12), 12, ago(30), inf, 'cat-governance', '关于加微信领红包类诈骗宣传的建议')
  ]
  // 1: submitted (已收到). 2: anonymous, submitted.
  // 3: returned for changes.
  d[2].timeline.push({ step: 'processing', at: ago(45) }, { step: 'returned', at: ago(40), note: '请补充具体科室和就诊时间段，便于核实' })
  d[2].history.push({ action: 'return', by: staffOpenid(), at: ago(40), note: '请补充具体科室和就诊时间段，便于核实' })
  Object.assign(d[2], { state: 'returned', returnNote: '请补充具体科室和就诊时间段，便于核实', updatedAt: ago(40) })
  // 4: in review.
  d[3].timeline.push({ step: 'processing', at: ago(70) })
  d[3].history.push({ action: 'accept', by: staffOpenid(), at: ago(70) })
  Object.assign(d[3], { state: 'in_review', updatedAt: ago(70) })
  // 5, 6: adopted (5 is key) — waiting for a bulletin.
  adoptItem(d[4], ago(100), true)
  adoptItem(d[5], ago(150))
  // 7: rejected with a reason.
  rejectItem(d[6], ago(250), '该河段已纳入本年度河长制专项整治，暂不编报')
  // 8, 9: published in issue 1; 10: issue 2 then adopted by the city.
  adoptItem(d[7], ago(380))
  adoptItem(d[8], ago(470))
  adoptItem(d[9], ago(560))
  const b1 = bulletinDoc(year, 1, ago(360), [d[8]._id, d[7]._id])
  const b2 = bulletinDoc(year, 2, ago(340), [d[9]._id])
  built.bulletins.push(b1, b2)
  publishItem(d[8], { id: b1._id, year, number: 1 }, 0, ago(360))
  publishItem(d[7], { id: b1._id, year, number: 1 }, 1, ago(360))
  publishItem(d[9], { id: b2._id, year, number: 2 }, 0, ago(340))
  upwardItem(d[9], built, `demo-up-${year}-001-r`, 'city', 'reported', ago(300))
  upwardItem(d[9], built, `demo-up-${year}-001-a`, 'city', 'adopted', ago(100))
  // 11: merged into 9.
  mergeItem(d[10], d[8], ago(650))
  // 12: flagged by the text check (review) and waiting for a person.
  d[11].timeline.push({ step: 'processing', at: ago(30) })
  Object.assign(d[11], { state: 'in_review', flags: ['text_review'] })
  built.opinions.push(...d)
  return year
}

async function replace(db: Database, collection: string, prefix: string, docs: Record<string, unknown>[]) {
  await db.collection(collection).where({ _id: db.RegExp({ regexp: `^${prefix}` }) }).remove()
  const clean = docs.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)))
  for (let i = 0; i < clean.length; i += 500) await db.collection(collection).add({ data: clean.slice(i, i + 500) })
}

/** Loads the demo 社情民意 data into `db` (wx-server-sdk database); `now` anchors the current year's items. */
export async function loadOpinionDemo(db: Database, now: Date): Promise<void> {
  for (const c of demoCategories) {
    const { _id, ...rest } = c
    await db.collection('opinionCategories').doc(_id).set({ data: { ...rest, updatedAt: now } })
  }
  const built: Built = { opinions: [], bulletins: [], upward: [] }
  seedYear(built)
  const year = beijing(now).year()
  if (year > SEED_OPINION_FIGURES.year) currentYear(built, now)
  await replace(db, 'opinions', 'demo-op-', built.opinions)
  await replace(db, 'bulletins', 'demo-b-', built.bulletins)
  await replace(db, 'opinionUpward', 'demo-up-', built.upward)
  await db.collection('counters').doc(`bulletin-${SEED_OPINION_FIGURES.year}`).set({ data: { value: SEED_OPINION_FIGURES.bulletins, updatedAt: now } })
  if (year > SEED_OPINION_FIGURES.year) {
    // never move a counter back: issues compiled after an earlier load keep their numbers
    const current = (await db.collection('counters').where({ _id: `bulletin-${year}` }).get()).data[0] as { value?: number } | undefined
    if (!current || (current.value ?? 0) < 2) await db.collection('counters').doc(`bulletin-${year}`).set({ data: { value: 2, updatedAt: now } })
  }
}

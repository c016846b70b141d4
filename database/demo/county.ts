/**
 * The county as the seed work report (shared/seed, 2025) describes it, turned
 * into demo records. Every person is fictional; no name from the report is
 * used. Places and topics are the ones the report names.
 */

export const departments = [
  { _id: 'dept-education', name: '县教育局' },
  { _id: 'dept-health', name: '县卫生健康局' },
  { _id: 'dept-transport', name: '县交通运输局' },
  { _id: 'dept-housing', name: '县住房和城乡建设局' },
  { _id: 'dept-agriculture', name: '县农业农村局' },
  { _id: 'dept-ecology', name: '市生态环境局县分局' },
  { _id: 'dept-culture-tourism', name: '县文化旅游和广播电视局' },
  { _id: 'dept-market', name: '县市场监督管理局' },
  { _id: 'dept-traffic-police', name: '县公安局交通警察大队' },
  { _id: 'dept-natural-resources', name: '县自然资源局' },
  { _id: 'dept-urban-management', name: '县城市管理综合行政执法局' },
  { _id: 'dept-civil-affairs', name: '县民政局' },
  { _id: 'dept-development-reform', name: '县发展和改革局' },
  { _id: 'dept-hrss', name: '县人力资源和社会保障局' },
  { _id: 'dept-water', name: '县水利局' }
] as const

/** Sectors (界别) of the county committee. */
export const sectors = [
  '中共', '民革', '民盟', '民建', '农工党', '无党派人士', '共青团', '工会', '妇联', '工商联',
  '经济界', '农业界', '教育界', '医药卫生界', '文化艺术界', '科学技术界', '社会福利和社会保障界', '少数民族界', '宗教界', '特邀'
] as const

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '包', '白', '韩', '宝']
const givenNames = [
  '晓岚', '建华', '文博', '雅琴', '志远', '春燕', '国栋', '海燕', '立新', '丽娟', '宏伟', '淑芬', '明轩', '秀英', '振宇', '桂兰',
  '德胜', '玉梅', '子涵', '卫东', '慧敏', '永强', '静怡', '金山', '红霞', '长青', '雪梅', '胜利', '思远', '美玲', '乌兰', '巴特尔',
  '其其格', '苏和', '敖登', '朝鲁', '萨仁', '宏亮', '晓东', '凤英', '俊杰', '艳华'
]

export interface DemoMember {
  _id: string
  memberNumber: string
  name: string
  sector: string
  phone: string
  specialCommittee: string
}

const committees = ['提案委员会', '经济和农业委员会', '文史和学习委员会', '社会和法制委员会', '民族宗教委员会']

/** 42 fictional members, numbered D001…D042. */
export const members: DemoMember[] = givenNames.map((given, i) => {
  const memberNumber = `D${String(i + 1).padStart(3, '0')}`
  return {
    _id: `m-${memberNumber}`,
    memberNumber,
    name: `${surnames[(i * 7) % surnames.length]}${given}`,
    sector: sectors[i % sectors.length],
    phone: `139${String(10000000 + i * 104729).slice(0, 8)}`,
    specialCommittee: committees[i % committees.length]
  }
})

/** The 12 member studios (委员工作室 / 活动室) the report says were upgraded. */
export const studios = [
  { _id: 'studio-01', name: '城区"两代表一委员"联合工作室', sortKey: '01', town: '阜新镇', address: '县城新民大街政务服务中心二楼', shared: true },
  { _id: 'studio-02', name: '东梁温泉康养委员工作室', sortKey: '02', town: '东梁镇', address: '东梁镇温泉城游客服务中心', shared: false },
  { _id: 'studio-03', name: '瑞应寺文旅融合委员工作室', sortKey: '03', town: '佛寺镇', address: '佛寺镇文化站', shared: false },
  { _id: 'studio-04', name: '玛瑙产业委员工作室', sortKey: '04', town: '十家子镇', address: '十家子镇玛瑙城管理服务中心', shared: false },
  { _id: 'studio-05', name: '花生产业委员工作室', sortKey: '05', town: '大巴镇', address: '大巴镇农业综合服务站', shared: false },
  { _id: 'studio-06', name: '绕阳河生态保护委员工作室', sortKey: '06', town: '扎兰营子镇', address: '扎兰营子镇便民服务中心', shared: false },
  { _id: 'studio-07', name: '蒙医药传承委员工作室', sortKey: '07', town: '阜新镇', address: '县蒙医医院门诊楼一楼', shared: false },
  { _id: 'studio-08', name: '校园安全委员工作室', sortKey: '08', town: '阜新镇', address: '县教育服务中心', shared: false },
  { _id: 'studio-09', name: '海棠山文化委员工作室', sortKey: '09', town: '大板镇', address: '大板镇综合文化站', shared: false },
  { _id: 'studio-10', name: '查海文明委员工作室', sortKey: '10', town: '沙拉镇', address: '沙拉镇便民服务中心', shared: false },
  { _id: 'studio-11', name: '乡镇卫生院建设委员工作室', sortKey: '11', town: '旧庙镇', address: '旧庙镇中心卫生院', shared: false },
  { _id: 'studio-12', name: '"有事好商量"协商议事室', sortKey: '12', town: '于寺镇', address: '于寺镇党群服务中心', shared: true }
].map((s, i) => ({
  ...s,
  openingHours: i % 2 === 0 ? '周一至周五 8:30-11:30，13:30-17:00' : '每周二、周四 9:00-16:00',
  intro: `${s.name}是县政协规范和升级的委员工作室之一，委员常态化入驻，定期接待群众、开展“辽事好商量”协商议事活动。`,
  contactName: `${surnames[(i * 5 + 3) % surnames.length]}老师`,
  contactPhone: `0418${String(8810000 + i * 137).slice(0, 7)}`,
  members: members.filter((_, m) => m % 12 === i).map((m) => ({ id: m._id, name: m.name, sector: m.sector }))
}))

/**
 * Consultation topics drawn from the report's research subjects and
 * consultation items, spread over the lifecycle states.
 */
export interface DemoTopic {
  _id: string
  title: string
  category: string
  state: 'proposed' | 'selected' | 'declined' | 'open_for_input' | 'scheduled' | 'consulted' | 'following_up' | 'closed'
  /** Studio or committee organising it, once selected. */
  organiser?: string
  supportCount: number
}

export const topics: readonly DemoTopic[] = [
  { _id: 'topic-peanut', title: '以科技赋能推动花生产业高质量发展', category: '乡村振兴', state: 'closed', organiser: '花生产业委员工作室', supportCount: 38 },
  { _id: 'topic-raoyang', title: '巩固绕阳河源头治理成果', category: '生态环境', state: 'following_up', organiser: '绕阳河生态保护委员工作室', supportCount: 52 },
  { _id: 'topic-school-traffic', title: '缓解学校周边上下学交通拥堵', category: '民生', state: 'consulted', organiser: '校园安全委员工作室', supportCount: 87 },
  { _id: 'topic-canteen', title: '守护校园食品安全', category: '民生', state: 'closed', organiser: '校园安全委员工作室', supportCount: 64 },
  { _id: 'topic-preschool', title: '推动学前教育普及普惠发展', category: '教育', state: 'scheduled', organiser: '城区"两代表一委员"联合工作室', supportCount: 45 },
  { _id: 'topic-clinic', title: '加强乡镇卫生院建设', category: '医疗卫生', state: 'open_for_input', organiser: '乡镇卫生院建设委员工作室', supportCount: 29 },
  { _id: 'topic-rural-industry', title: '乡村振兴产业发展路径', category: '乡村振兴', state: 'selected', organiser: '县政协经济和农业委员会', supportCount: 33 },
  { _id: 'topic-park', title: '广场公园建管养护', category: '城市建设', state: 'closed', organiser: '"有事好商量"协商议事室', supportCount: 41 },
  { _id: 'topic-tricycle', title: '整治三轮车非法运营', category: '交通', state: 'following_up', organiser: '县政协社会和法制委员会', supportCount: 58 },
  { _id: 'topic-tourism', title: '立足文化优势推进文旅产业创新发展', category: '文化旅游', state: 'consulted', organiser: '瑞应寺文旅融合委员工作室', supportCount: 47 },
  { _id: 'topic-agate', title: '提升玛瑙产业发展水平', category: '产业发展', state: 'proposed', supportCount: 12 },
  { _id: 'topic-mongolian-medicine', title: '擦亮“蒙医药发祥地”金名片', category: '文化传承', state: 'proposed', supportCount: 9 },
  { _id: 'topic-idle-assets', title: '盘活闲置资产助力县域经济', category: '产业发展', state: 'proposed', supportCount: 6 },
  { _id: 'topic-new-energy', title: '新能源产业项目落地服务', category: '产业发展', state: 'declined', supportCount: 3 }
]

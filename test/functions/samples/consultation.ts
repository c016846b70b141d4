/** Sample inputs for the consultation-topic actions (see ../samples.ts), valid against the demo county. */
export const consultationSamples = {
  'topic.list': { state: 'proposed' },
  'topic.get': { id: 'topic-agate' },
  'topic.comments': { id: 'topic-agate', limit: 5 },
  'topic.similar': { title: '提升玛瑙产业发展水平', description: '玛瑙加工企业小而散' },
  'topic.propose': {
    title: '老旧小区加装电梯',
    description: '县城多个老旧小区没有电梯，老年人上下楼困难，希望统一规划加装。',
    category: '城市建设',
    place: '阜新镇',
    ignoreSimilar: true
  },
  'topic.support': { id: 'topic-agate' },
  'topic.withdrawSupport': { id: 'topic-agate' },
  'topic.comment': { id: 'topic-agate', text: '建议在十家子镇设立玛瑙电商直播基地。' },
  'topic.report': { commentId: 'tc-agate-1' },
  'topic.heldComments': { limit: 5 },
  'topic.moderate': { commentId: 'tc-agate-held', decision: 'approve' },
  'topic.heldContent': { limit: 5 },
  'topic.release': { id: 'topic-agate', key: 'proposal', decision: 'approve' },
  'topic.select': { id: 'topic-agate', organiserType: 'studio', organiserId: 'studio-04' },
  'topic.decline': { id: 'topic-idle-assets', reason: '已列入县政府专项工作，不再重复协商' },
  'topic.merge': { id: 'topic-idle-assets', intoId: 'topic-agate' },
  'topic.openInput': { id: 'topic-rural-industry', question: '乡村产业发展最需要解决哪些问题？', deadline: '2099-12-31 18:00' },
  'topic.schedule': { id: 'topic-rural-industry', startAt: '2099-12-01 09:00', endAt: '2099-12-01 11:30', place: '县政协三楼会议室', capacity: 40 },
  'topic.recordOutcome': {
    id: 'topic-preschool',
    minutes: '会议听取了教育局关于学前教育普惠发展的情况介绍，委员和家长代表发言。',
    consensus: '扩大普惠性幼儿园覆盖面',
    recommendations: [{ departmentId: 'dept-education', text: '新建两所公办幼儿园' }]
  },
  'topic.departmentTasks': { status: 'open' },
  'topic.postProgress': { recommendationId: 'topic-raoyang:r1', text: '已完成河道清淤 3 公里' },
  'topic.postResult': {
    recommendationId: 'topic-raoyang:r1',
    result: 'resolved',
    text: '河道清淤和岸坡绿化全部完成',
    evidence: ['cloud://cppcc-local.bucket/uploads/nobody/evidence.jpg']
  },
  'topic.close': { id: 'topic-tricycle', result: 'resolved' },
  'topic.rate': { id: 'topic-peanut', score: 5 },
  'topic.reopen': { id: 'topic-park', reason: '群众反映部分设施仍未修复' },
  'topic.solved': { limit: 5 },
  'topic.counts': { year: 2025 },
  'topic.options': {}
} as const

/** Sample inputs for the 社情民意 and bulletin actions, against the demo data (see ../samples.ts). */
export const opinionSamples = {
  'opinion.categories': {},
  'opinion.saveCategory': { name: '城乡建设' },
  'opinion.submit': { title: '关于小区门口增设减速带的建议', categoryId: 'cat-livelihood', content: '小区门口车速过快，老人孩子出行不安全，建议增设减速带。', anonymous: false },
  'opinion.resubmit': { id: 'demo-op-now-03', title: '关于县医院周末门诊的建议', categoryId: 'cat-education-health', content: '周六上午儿科、眼科未开诊，建议增加周末门诊科室。' },
  'opinion.mine': {},
  'opinion.get': { id: 'demo-op-now-01' },
  'opinion.reviewList': { state: 'submitted' },
  'opinion.accept': { id: 'demo-op-now-01' },
  'opinion.return': { id: 'demo-op-now-04', note: '请补充运维费用的具体数据' },
  'opinion.merge': { id: 'demo-op-now-01', intoId: 'demo-op-now-04' },
  'opinion.reject': { id: 'demo-op-now-04', reason: '相关部门已在推进' },
  'opinion.adopt': { id: 'demo-op-now-04', title: '关于村级光伏电站运维管理的建议', content: '建议明确村级光伏电站运维责任主体，建立收益分配公示制度。', key: true },
  'opinion.markKey': { id: 'demo-op-now-05', key: true },
  'opinion.reportUp': { id: 'demo-op-now-09', level: 'city', kind: 'reported', date: '2025-12-01' },
  'opinion.stats': { year: 2025 },
  'opinion.export': { year: 2025 },
  'bulletin.compile': { itemIds: ['demo-op-now-05'], editor: '李春燕', approver: '王建华' },
  'bulletin.preview': { itemIds: ['demo-op-now-06', 'demo-op-now-05'], editor: '李春燕', approver: '王建华', distribution: { report: ['县委', '县政府'], send: ['各有关单位'] } },
  'bulletin.list': {},
  'bulletin.get': { id: 'demo-b-2025-001' },
  'bulletin.download': { id: 'demo-b-2025-001' }
} as const

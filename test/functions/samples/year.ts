/** Sample inputs for the year actions (issue 10), valid against the demo county. */
export const yearSamples = {
  'year.figures': { year: 2025 },
  'year.records': { year: 2025, figure: 'inspection_trips', limit: 5 },
  'year.export': { year: 2025, format: 'xlsx' },
  'year.subjects': { year: 2025 },
  'year.saveSubject': { year: 2025, title: '县域商业体系建设', lead: '经济和农业委员会' },
  'year.saveReport': { title: '关于县域冷链物流发展的调研报告', date: '2025-06-01' },
  'year.saveOutcome': { activityId: 'yr-2025-trip-001', suggestions: 2 },
  'year.designate': { year: 2025, memberId: 'm-D003', field: '营商环境' },
  'year.undesignate': { year: 2025, memberId: 'm-D003' },
  'year.saveContact': { memberId: 'm-D003', kind: 'visit', date: '2025-06-01', note: '走访了解履职情况' },
  'year.contacts': { year: 2025, limit: 10 },
  'year.recordPast': { title: '委员履职培训（补录）', type: 'training', kind: 'training', place: '县政协机关三楼会议室', startAt: '2025-06-01 09:00', endAt: '2025-06-01 11:00', attended: 20 }
} as const

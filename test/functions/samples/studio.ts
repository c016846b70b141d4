/** Sample inputs for the studio actions added by issue 5 (studio.list / studio.get samples live in ./user.ts). */
export const studioSamples = {
  'studio.update': { id: 'studio-01', openingHours: '周一至周五 9:00-17:00' },
  'studio.create': { name: '样例工作室', town: '阜新镇', address: '县城某街道', openingHours: '周二 9:00-16:00', contactName: '王老师', contactPhone: '0418-8810000' },
  'studio.assign': { id: 'studio-02', memberIds: ['m-D002', 'm-D014'] },
  'studio.announcements': { limit: 5 },
  'studio.announcement': { id: 'ann-demo-1' },
  'studio.manageAnnouncements': { studioId: 'studio-01' },
  'studio.saveAnnouncement': { studioId: 'studio-01', title: '样例公告', body: '本周五开展接待活动。' },
  'studio.publishAnnouncement': { id: 'ann-demo-review' },
  'studio.reviewAnnouncement': { id: 'ann-demo-review', approve: true }
} as const

/** Sample inputs for the activity actions, against the demo county (see ../samples.ts). */
export const activitySamples = {
  'activity.list': { scope: 'upcoming', limit: 5 },
  'activity.get': { id: 'act-demo-preschool' },
  'activity.create': {
    title: '样例活动',
    type: 'studio_activity',
    place: '县政务服务中心二楼',
    startAt: '2031-05-10 09:00',
    endAt: '2031-05-10 11:00',
    signupDeadline: '2031-05-09 18:00',
    capacity: 10,
    audience: 'public',
    studioId: 'studio-01'
  },
  'activity.update': { id: 'act-demo-preschool', place: '县政务服务中心三楼' },
  'activity.publish': { id: 'act-demo-preschool' },
  'activity.cancel': { id: 'act-demo-agate', reason: '天气原因' },
  'activity.postpone': { id: 'act-demo-agate', reason: '天气原因' },
  'activity.signup': { id: 'act-demo-preschool', consent: true },
  'activity.cancelSignup': { id: 'act-demo-preschool' },
  'activity.confirm': { id: 'act-demo-training-next' },
  'activity.requestLeave': { id: 'act-demo-training-next', reason: '出差' },
  'activity.decideLeave': { id: 'act-demo-training-next', personKey: 'm-D002', approve: true },
  'activity.checkinCode': { id: 'act-demo-preschool' },
  'activity.shareCode': { id: 'act-demo-preschool' },
  'activity.checkin': { token: 'ABCDEFGHJKLM' },
  'activity.scanPass': { id: 'act-demo-preschool', pass: 'ABCDEFGHJK' },
  'activity.mark': { id: 'act-demo-preschool', personKey: 'm-D001', present: true },
  'activity.finalize': { id: 'act-demo-preschool' },
  'activity.mine': { scope: 'upcoming' },
  'activity.registrations': { id: 'act-demo-preschool', group: 'all' },
  'activity.export': { id: 'act-demo-preschool' }
} as const

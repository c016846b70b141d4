/**
 * Lifecycle states from domain.md, with their Chinese labels. Transition
 * rules live beside the feature that moves them.
 */
export const topicStates = [
  'draft',
  'proposed',
  'selected',
  'declined',
  'merged',
  'open_for_input',
  'scheduled',
  'consulted',
  'following_up',
  'closed'
] as const
export type TopicState = (typeof topicStates)[number]

export const topicStateLabels: Record<TopicState, string> = {
  draft: '草稿',
  proposed: '征集附议',
  selected: '已立题',
  declined: '未立题',
  merged: '已合并',
  open_for_input: '征求意见',
  scheduled: '协商筹备',
  consulted: '已协商',
  following_up: '跟踪落实',
  closed: '已办结'
}

export const activityStates = ['draft', 'published', 'registration_closed', 'checkin_open', 'ended', 'finalized', 'cancelled', 'postponed'] as const
export type ActivityState = (typeof activityStates)[number]

export const opinionStates = ['submitted', 'in_review', 'returned', 'merged', 'rejected', 'adopted', 'published', 'reported_up'] as const
export type OpinionState = (typeof opinionStates)[number]

/** What staff see for each opinion state (社情民意, domain.md section 3). */
export const opinionStateLabels: Record<OpinionState, string> = {
  submitted: '已收到',
  in_review: '处理中',
  returned: '退回修改',
  merged: '已合并',
  rejected: '未采用',
  adopted: '已采用',
  published: '已编入专刊',
  reported_up: '已报送上级'
}

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
/** What people see for each activity state (the phone's activity pages and the desk console). */
export const activityStateLabels: Record<ActivityState, string> = {
  draft: '草稿',
  published: '报名中',
  registration_closed: '报名已截止',
  checkin_open: '签到中',
  ended: '已结束',
  finalized: '已归档',
  cancelled: '已取消',
  postponed: '已延期'
}

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

/**
 * Proposal (提案) states, domain.md section 4 and issue 9. `cosigning` waits
 * for invited co-signers; `rehandling` is the one 再办理 after a 不满意
 * rating; rating every reply closes the proposal (`closed`).
 */
export const proposalStates = [
  'draft',
  'cosigning',
  'submitted',
  'returned',
  'filed',
  'not_filed',
  'merged',
  'withdrawn',
  'assigned',
  'replied',
  'rehandling',
  'closed'
] as const
export type ProposalState = (typeof proposalStates)[number]

export const proposalStateLabels: Record<ProposalState, string> = {
  draft: '草稿',
  cosigning: '征集联名',
  submitted: '待审查',
  returned: '退回修改',
  filed: '已立案',
  not_filed: '不予立案',
  merged: '已并案',
  withdrawn: '已撤案',
  assigned: '办理中',
  replied: '已办复',
  rehandling: '再办理',
  closed: '已办结'
}

/** Sample inputs for the identity actions and the foundation's read actions (see ../samples.ts). */
export const userSamples = {
  'user.me': {},
  'user.bindMember': { name: '王晓岚', code: '123456' },
  'user.issueBindingCode': { memberId: 'm-D010' },
  'user.unbindMember': { memberId: 'm-D010', reason: '更换手机号' },
  'user.importRoster': { fileID: 'cloud://cppcc-local.bucket/uploads/nobody/roster.xlsx' },
  'user.listMembers': { limit: 5 },
  'user.grantRole': { personKey: 'p00000000000000000000', role: 'informant' },
  'user.revokeRole': { personKey: 'p00000000000000000000', role: 'informant' },
  'user.listGrants': {},
  'user.setName': { name: '张建国' },
  'user.searchPeople': { keyword: '王' },
  'user.searchRoster': { name: '王' },
  'user.auditLog': { limit: 5 },
  'studio.list': { limit: 5 },
  'studio.get': { id: 'studio-01' },
  'topic.list': { state: 'proposed' },
  'user.messages': { limit: 10 },
  'user.unreadCount': {},
  'user.markRead': {}
} as const

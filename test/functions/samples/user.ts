/**
 * A valid example input for every action in the contract, run against the
 * demo county. The role × action matrix and the bad-input harness use these;
 * they fail when an action has no sample, so every new action plugs in.
 */
import type { ActionName } from '../../src/core/contract'

export const samples: Record<ActionName, unknown> = {
  'user.me': {},
  'user.bindMember': { name: '王晓岚', code: '123456' },
  'user.issueBindingCode': { memberId: 'm-D010' },
  'user.importRoster': { fileID: 'cloud://cppcc-local.bucket/uploads/nobody/roster.xlsx' },
  'user.listMembers': { limit: 5 },
  'user.grantRole': { openid: 'oMatrixTarget01', role: 'informant' },
  'user.revokeRole': { openid: 'oMatrixTarget01', role: 'informant' },
  'user.listGrants': {},
  'studio.list': { limit: 5 },
  'studio.get': { id: 'studio-01' },
  'topic.list': { state: 'proposed' }
}

/**
 * Cloud function `user`: identity, member binding, roster and roles.
 * Actions and their rules: src/core/actions/user.ts.
 */
import { defineFunction } from '../_shared/define-function'
import { bindMember, issueBindingCode, unbindMember } from './binding'
import { grantRole, listGrants, revokeRole } from './roles'
import { importRoster, listMembers, searchRoster } from './roster'
import { searchPeople, setName } from './people'
import { listMessages, markRead, unreadCount } from './messages'
import { readAuditLog } from './audit-log'
import type { PersonDocument } from '../_shared/people'

export const main = defineFunction('user', {
  /** The caller as the server sees them. One read (the users document). */
  'user.me': async (_input, ctx) => {
    const caller = await ctx.caller()
    const user = (await ctx.userDocument()) as PersonDocument | null
    return {
      openid: caller.openid,
      roles: caller.roles,
      studioIds: caller.studioIds,
      departmentIds: caller.departmentIds,
      ...(user?.member ? { member: user.member } : {}),
      ...(user?.displayName ? { displayName: user.displayName } : {})
    }
  },
  'user.bindMember': bindMember,
  'user.issueBindingCode': issueBindingCode,
  'user.unbindMember': unbindMember,
  'user.importRoster': importRoster,
  'user.listMembers': listMembers,
  'user.searchRoster': searchRoster,
  'user.grantRole': grantRole,
  'user.revokeRole': revokeRole,
  'user.listGrants': listGrants,
  'user.setName': setName,
  'user.searchPeople': searchPeople,
  'user.messages': listMessages,
  'user.unreadCount': unreadCount,
  'user.markRead': markRead,
  'user.auditLog': readAuditLog
})

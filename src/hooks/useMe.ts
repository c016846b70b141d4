import type { Role } from '../core/roles'
import { useAction } from './useAction'

/** The caller (`user.me`) plus role shortcuts. Roles come from the server only. */
export function useMe(options: { pullDownRefresh?: boolean } = {}) {
  const state = useAction('user.me', {}, options)
  const roles: Role[] = state.data?.roles ?? []
  return {
    ...state,
    roles,
    isStaff: roles.includes('staff'),
    isMember: roles.includes('member'),
    isStudioAdmin: roles.includes('studio_admin')
  }
}

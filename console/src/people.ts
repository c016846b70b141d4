/**
 * Finding a person by name on the console's screens (role grants, the audit
 * log's actor filter, studio admins): `user.searchPeople`, staff only.
 * Options carry the opaque person key as value and the name (with sector and
 * roles) as label; never an OPENID. Finding a roster member by name
 * (activity invitees, stationed members): {@link useRosterSearch}.
 */
import { useState } from 'react'
import type { PersonView } from '../../src/core/actions/user'
import { roleLabels } from '../../src/core/roles'
import { call } from '../../src/services'

/** `王晓岚（教育界 · 委员、信息员）`. */
export function personLabel(p: PersonView): string {
  const roles = p.roles.filter((r) => r !== 'public').map((r) => roleLabels[r])
  const about = [p.member?.sector, roles.join('、')].filter(Boolean).join(' · ')
  return about ? `${p.name}（${about}）` : p.name
}

/** One searchable picker's options: `search(keyword)` asks `find` (empty keyword: no call, no options); a failed search shows none. */
export function useOptionSearch(find: (keyword: string) => Promise<{ value: string; label: string }[]>) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([])
  const [searching, setSearching] = useState(false)
  const search = async (keyword: string) => {
    const k = keyword.trim()
    if (!k) return setOptions([])
    setSearching(true)
    try {
      setOptions(await find(k))
    } catch {
      setOptions([])
    } finally {
      setSearching(false)
    }
  }
  return { options, searching, search }
}

/** People search by name (`user.searchPeople`): options carry the opaque person key and a label with sector and roles. */
export function usePeopleSearch() {
  return useOptionSearch(async (k) => (await call('user.searchPeople', { keyword: k })).items.map((p) => ({ value: p.key, label: personLabel(p) })))
}

/** Roster search by name (`user.listMembers`, staff only): options carry the roster id as value and `姓名（界别）` as label. */
export function useRosterSearch() {
  return useOptionSearch(async (k) => (await call('user.listMembers', { keyword: k, limit: 20 })).items.map((m) => ({ value: m.id, label: `${m.name}（${m.sector}）` })))
}

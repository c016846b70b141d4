/**
 * Finding a person by name on the console's screens (role grants, the audit
 * log's actor filter): `user.searchPeople`, staff only. Options carry the
 * opaque person key as value and the name (with sector and roles) as label;
 * never an OPENID.
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

export function usePeopleSearch() {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([])
  const [searching, setSearching] = useState(false)
  const search = async (keyword: string) => {
    const k = keyword.trim()
    if (!k) return setOptions([])
    setSearching(true)
    try {
      const found = await call('user.searchPeople', { keyword: k })
      setOptions(found.items.map((p) => ({ value: p.key, label: personLabel(p) })))
    } catch {
      setOptions([])
    } finally {
      setSearching(false)
    }
  }
  return { options, searching, search }
}

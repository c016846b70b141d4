/**
 * Development only: which persona the H5 build acts as. Stored in
 * localStorage so a reload keeps it. Imported only behind
 * `process.env.NODE_ENV === 'development'`, so production bundles carry
 * neither this file nor the persona OPENIDs.
 */
import { defaultPersona, personas, type Persona } from './personas'

export const PERSONA_STORAGE_KEY = 'cppcc.dev.persona'

function storage(): Storage | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined
  } catch {
    return undefined
  }
}

/** The chosen persona (default: 群众). */
export function currentPersona(): Persona {
  const key = storage()?.getItem(PERSONA_STORAGE_KEY)
  return personas.find((p) => p.key === key) ?? defaultPersona
}

export function currentOpenid(): string {
  return currentPersona().openid
}

/** Stores the choice; the caller reloads so every screen refetches as that persona. */
export function choosePersona(key: Persona['key']): void {
  storage()?.setItem(PERSONA_STORAGE_KEY, key)
}

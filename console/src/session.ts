/**
 * The console's session as the browser keeps it: the token in
 * sessionStorage (gone when the tab closes; the server ends it after 30 min
 * idle or 8 h anyway) and who signed in. Subscribers hear sign-in and
 * sign-out, with the reason code when the server ended it.
 */
import type { ConsoleUser } from '../../src/core/actions/console'

const KEY = 'cppcc-console-session'

export interface StoredSession {
  token: string
  expiresAt: string
  user: ConsoleUser
}

type Listener = (s: StoredSession | undefined, reason?: string) => void
const listeners = new Set<Listener>()

function read(): StoredSession | undefined {
  try {
    const raw = sessionStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as StoredSession) : undefined
  } catch {
    return undefined
  }
}

export const session = {
  current: read,
  token: () => read()?.token,
  start(s: StoredSession) {
    sessionStorage.setItem(KEY, JSON.stringify(s))
    listeners.forEach((l) => l(s))
  },
  end(reason?: string) {
    sessionStorage.removeItem(KEY)
    listeners.forEach((l) => l(undefined, reason))
  },
  subscribe(l: Listener) {
    listeners.add(l)
    return () => void listeners.delete(l)
  }
}

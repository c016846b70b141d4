/**
 * Console sessions (issue 14 item 1): who a call over the cloud's HTTP
 * access is. A session token (256 random bits, base64url) is handed to the
 * console once; the `consoleSessions` collection keeps only its SHA-256 hash
 * (`tokenHash`, unique index), the person's OPENID, the computer's
 * User-Agent and three instants (UTC): created, last seen, absolute expiry.
 * A session ends {@link SESSION_IDLE_MS} after its last request, at
 * `expiresAt` ({@link SESSION_MAX_MS} after sign-in), when revoked (sign-out,
 * 已登录的电脑), or when its person no longer holds a console role.
 */
import { createHash, randomBytes } from 'crypto'
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/core/actions/console'
import { AppError } from '../../src/core/errors'
import type { Database } from './cloud'
import { rowsOf } from './db'

/** A `consoleSessions` document. */
export interface ConsoleSessionDocument {
  _id: string
  tokenHash: string
  openid: string
  userAgent: string
  ticket: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  revokedAt?: Date
  revokedReason?: 'sign_out' | 'revoked' | 'role_lost'
}

/** Last-seen is written at most this often (ms), so a busy console does not write on every call. */
export const TOUCH_EVERY_MS = 60_000

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** `bytes` random bytes as base64url (16 bytes -> 22 characters, 32 -> 43). */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

/** A new session for `openid` (not yet stored) and the token to hand over once. */
export function newSession(openid: string, userAgent: string, ticket: string, now: Date): { token: string; doc: ConsoleSessionDocument } {
  const token = randomToken(32)
  return {
    token,
    doc: {
      _id: `cs-${randomToken(16)}`,
      tokenHash: hashToken(token),
      openid,
      userAgent,
      ticket,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS)
    }
  }
}

/** Why a session cannot be used now, or undefined when it can. */
export function sessionProblem(s: ConsoleSessionDocument, now: Date): 'AUTH.SESSION_EXPIRED' | 'AUTH.SESSION_REVOKED' | undefined {
  if (s.revokedAt) return 'AUTH.SESSION_REVOKED'
  if (now.getTime() >= new Date(s.expiresAt).getTime()) return 'AUTH.SESSION_EXPIRED'
  if (now.getTime() - new Date(s.lastSeenAt).getTime() >= SESSION_IDLE_MS) return 'AUTH.SESSION_EXPIRED'
  return undefined
}

/**
 * The live session a token stands for. One read, plus one write when the
 * last-seen instant is older than {@link TOUCH_EVERY_MS}.
 * Errors: AUTH.SESSION_REQUIRED (malformed or unknown token),
 * AUTH.SESSION_EXPIRED, AUTH.SESSION_REVOKED.
 * `signedOut: true` (only for `console.signOut`) also accepts a session its
 * owner signed out of, so the desk's resend of a sign-out whose reply was lost
 * gets its first answer (issue 13 item 3) instead of "signed out elsewhere";
 * such a session can do nothing else.
 */
export async function resolveSession(db: Database, token: string, now: Date, options: { signedOut?: boolean } = {}): Promise<ConsoleSessionDocument> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppError('AUTH.SESSION_REQUIRED')
  const session = rowsOf<ConsoleSessionDocument>(await db.collection('consoleSessions').where({ tokenHash: hashToken(token) }).limit(1).get())[0]
  if (!session) throw new AppError('AUTH.SESSION_REQUIRED')
  if (options.signedOut && session.revokedAt && session.revokedReason === 'sign_out') return session
  const problem = sessionProblem(session, now)
  if (problem) throw new AppError(problem)
  if (now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
    await db.collection('consoleSessions').doc(session._id).update({ data: { lastSeenAt: now } })
  }
  return session
}

/** Ends a session (one write). */
export async function endSession(db: Database, id: string, reason: NonNullable<ConsoleSessionDocument['revokedReason']>, now: Date): Promise<void> {
  await db.collection('consoleSessions').doc(id).update({ data: { revokedAt: now, revokedReason: reason } })
}

/** “Windows 电脑 · Chrome 浏览器” from a User-Agent; never the raw string alone. */
export function describeComputer(userAgent: string): string {
  const ua = userAgent || ''
  const os = /Windows/i.test(ua)
    ? 'Windows 电脑'
    : /Mac OS X|Macintosh/i.test(ua)
      ? '苹果电脑'
      : /Android/i.test(ua)
        ? '安卓设备'
        : /iPhone|iPad/i.test(ua)
          ? '苹果手机或平板'
          : /Linux|X11|CrOS/i.test(ua)
            ? 'Linux 电脑'
            : '未知设备'
  const browser = /Edg\//.test(ua)
    ? 'Edge 浏览器'
    : /MicroMessenger/i.test(ua)
      ? '微信内置浏览器'
      : /Firefox\//.test(ua)
        ? 'Firefox 浏览器'
        : /Chrome\/|Chromium\//.test(ua)
          ? 'Chrome 浏览器'
          : /Safari\//.test(ua)
            ? 'Safari 浏览器'
            : '未知浏览器'
  return `${os} · ${browser}`
}

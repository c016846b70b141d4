/**
 * Signing in to the desk console by scanning with WeChat (扫码登录, issue 14
 * items 1 and 2). Served by the `console` cloud function.
 *
 * 1. The console (a PC browser, no WeChat) asks for a login ticket over the
 *    cloud's HTTP access: `console.createTicket` answers the ticket (shown as
 *    a mini-program code), a poll secret only that browser holds, and the
 *    expiry (2 minutes).
 * 2. A person scans it with WeChat; the mini-program page shows which
 *    computer asks and when (`console.describeTicket`), and they confirm
 *    (`console.confirmTicket`) or refuse (`console.declineTicket`). Only
 *    holders of a console role (staff, leader, studio admin, department) may
 *    confirm.
 * 3. The console polls (`console.pollTicket`) with its secret; the first poll
 *    after the confirmation creates the session and answers its token once.
 *    The token (256 random bits) is stored only as its SHA-256 hash; a
 *    session lasts 8 h at most and ends after 30 min without a request; it is
 *    listed under 我的 → 已登录的电脑 (`console.sessions`) and may be
 *    revoked there or by signing out (`console.revokeSession`,
 *    `console.signOut`). Losing the role ends the session on its next request.
 * Every sign-in and sign-out is audited.
 */
import { serverPages } from '../pages'
import { z } from '../zod'
import { action } from '../contract-helpers'
import { textField } from '../text'
import type { Role } from '../roles'

/** How long a login ticket can be confirmed (ms). */
export const TICKET_TTL_MS = 2 * 60_000
/** A console session's absolute lifetime (ms). */
export const SESSION_MAX_MS = 8 * 3600_000
/** A console session ends after this long without a request (ms). */
export const SESSION_IDLE_MS = 30 * 60_000
/** Roles that may sign in to the console (each sees only its own scope). */
export const CONSOLE_ROLES: readonly Role[] = ['staff', 'leader', 'studio_admin', 'department']
/** The HTTP header that carries the console session token. */
export const SESSION_HEADER = 'x-console-session'
/** The mini-program page a login code opens (no leading slash, as wxacode wants). */
export const CONSOLE_LOGIN_PAGE = serverPages.deskLogin

export interface LoginTicketOutput {
  /** Public ticket id: the mini-program code's scene (22 characters, 128 random bits). */
  ticket: string
  /** Only the browser that asked holds it; it collects the session. */
  pollSecret: string
  /** The mini-program code to scan, as a PNG data URL. */
  image: string
  /** ISO instant (UTC) after which the ticket cannot be confirmed. */
  expiresAt: string
}

export type TicketState = 'pending' | 'confirmed' | 'declined' | 'expired' | 'used'

export interface TicketDescription {
  state: TicketState
  /** The browser that asks, as it described itself (its User-Agent), shortened for people: e.g. “Windows 电脑 · Chrome 浏览器”. */
  computer: string
  /** The raw User-Agent (at most 300 characters), for a person who wants the detail. */
  userAgent: string
  /** ISO instant (UTC) the ticket was made. */
  createdAt: string
  expiresAt: string
  /** Whether the caller may sign in (holds a console role). */
  allowed: boolean
  /** The caller's console roles by their Chinese names, e.g. ['机关工作人员']. */
  roleLabels: string[]
}

export interface ConsoleUser {
  name: string
  roles: Role[]
  studioIds: string[]
  departmentIds: string[]
}

export interface PollOutput {
  state: TicketState
  /** Once, on the first poll after confirmation: the session. */
  session?: { token: string; expiresAt: string; user: ConsoleUser }
}

export interface ConsoleSessionView {
  id: string
  computer: string
  /** ISO instants (UTC). */
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  /** The session this request came from (console calls only). */
  current: boolean
}

/**
 * Largest file the console may send in one call (bytes, before base64): the
 * HTTP access service hands the function a body of at most 6 MB, and base64
 * adds a third (decision 64).
 */
export const CONSOLE_UPLOAD_MAX_BYTES = 4 * 1024 * 1024
/** What the console can upload, with the kind's Chinese name (the shared checks: content-safety.ts UPLOAD_KINDS). */
export const CONSOLE_UPLOAD_KINDS = { roster: '名册文件', evidence: '佐证材料', document: '附件' } as const
export type ConsoleUploadKind = keyof typeof CONSOLE_UPLOAD_KINDS

export interface ConsoleUploadOutput {
  /** The stored file: `cloud://…/console-uploads/<hash>.<ext>`, no OPENID in it. */
  fileID: string
  /** The name the person's file had (shown beside it). */
  name: string
  /** Size in bytes. */
  bytes: number
  /** The type found in the content (never the name). */
  mime: string
}

const ticket = z.string({ error: '登录码无效' }).regex(/^[A-Za-z0-9_-]{22}$/, '登录码无效')
const sessionId = z.string({ error: '缺少登录记录' }).regex(/^cs-[A-Za-z0-9_-]{16,40}$/, '登录记录不存在')

export const consoleActions = {
  'console.createTicket': action<LoginTicketOutput>()({
    name: 'console.createTicket',
    fn: 'console',
    input: () => z.object({}).strict(),
    access: 'anyone',
    via: 'console-anonymous',
    // not `mutates` (decision 51): its answer holds a poll secret that is never stored, so it cannot be replayed
    doc:
      'Console only, before signing in: a one-time login ticket as a mini-program code. Output {ticket, pollSecret, image (PNG data URL), expiresAt (ISO, now + 2 min)}. The computer is described by the request\'s User-Agent header. DB: 1 insert.'
  }),
  'console.pollTicket': action<PollOutput>()({
    name: 'console.pollTicket',
    fn: 'console',
    input: () => z.object({ ticket, pollSecret: z.string({ error: '登录码无效' }).regex(/^[A-Za-z0-9_-]{43}$/, '登录码无效') }).strict(),
    access: 'anyone',
    via: 'console-anonymous',
    doc:
      'Console only, before signing in: the ticket\'s state; the first poll after confirmation creates the session (one transaction) and answers its token once, later polls say `used`. A wrong secret answers CONSOLE.TICKET_INVALID. DB: 1 read (+ a transaction when it signs in).'
  }),
  'console.describeTicket': action<TicketDescription>()({
    name: 'console.describeTicket',
    fn: 'console',
    input: () => z.object({ ticket }).strict(),
    access: 'anyone',
    via: 'miniprogram',
    doc: 'Mini-program: who asks to sign in with the scanned code — the computer, when, until when — and whether the caller may (console roles). Errors: CONSOLE.TICKET_INVALID. DB: 2 reads (ticket, caller).'
  }),
  'console.confirmTicket': action<{ state: TicketState }>()({
    name: 'console.confirmTicket',
    fn: 'console',
    input: () => z.object({ ticket }).strict(),
    access: ['staff', 'leader', 'studio_admin', 'department'],
    via: 'miniprogram',
    mutates: true,
    doc: 'Mini-program, console roles only: confirms the sign-in of the computer holding the ticket. Errors: CONSOLE.TICKET_INVALID, CONSOLE.TICKET_EXPIRED, CONSOLE.TICKET_USED (confirmed or refused before, by anyone else). A retry by the same person answers confirmed again. Audited. DB: caller + one transaction.'
  }),
  'console.declineTicket': action<{ state: TicketState }>()({
    name: 'console.declineTicket',
    fn: 'console',
    input: () => z.object({ ticket }).strict(),
    access: 'anyone',
    via: 'miniprogram',
    mutates: true,
    doc: 'Mini-program: refuses the sign-in (the console shows it was refused). Errors: CONSOLE.TICKET_INVALID, CONSOLE.TICKET_USED. DB: one transaction.'
  }),
  'console.sessions': action<{ items: ConsoleSessionView[] }>()({
    name: 'console.sessions',
    fn: 'console',
    input: () => z.object({}).strict(),
    access: 'anyone',
    doc: 'The caller\'s live console sessions (我的 → 已登录的电脑), newest first, at most 20. DB: 1 read.'
  }),
  'console.revokeSession': action<{ revoked: boolean }>()({
    name: 'console.revokeSession',
    fn: 'console',
    input: () => z.object({ id: sessionId }).strict(),
    access: 'anyone',
    mutates: true,
    doc: 'Ends one of the caller\'s own console sessions (another person\'s answers CONSOLE.SESSION_NOT_FOUND). A retry with the same requestId answers the first answer; a session already ended answers revoked: false. Audited. DB: 1 read + 1 write (+ the retry record).'
  }),
  'console.upload': action<ConsoleUploadOutput>()({
    name: 'console.upload',
    fn: 'console',
    input: () => z
      .object({
        kind: z.enum(Object.keys(CONSOLE_UPLOAD_KINDS) as [ConsoleUploadKind, ...ConsoleUploadKind[]], { error: '文件用途不正确' }),
        name: textField({ label: '文件名', max: 100 }),
        content: z
          .string({ error: '请选择文件' })
          .min(4, '请选择文件')
          .max(Math.ceil(CONSOLE_UPLOAD_MAX_BYTES / 3) * 4, `文件不能超过 ${CONSOLE_UPLOAD_MAX_BYTES / 1024 / 1024} MB`)
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不正确，请重新选择')
      })
      .strict(),
    access: ['staff', 'leader', 'studio_admin', 'department'],
    via: 'console',
    mutates: true,
    doc:
      'Console only: uploads one file (`content` = the file as base64, at most 4 MB decoded; `name` = its name) for a later action (a roster for `user.importRoster`; evidence, attachments). The file is checked with the shared upload rules (content-safety.ts: the kind\'s byte limit and allowed types, type by content, never by name), stored as `console-uploads/<hash>.<ext>` (no OPENID in the file ID) and recorded as the caller\'s (`consoleUploads`), so only the caller can use it. `roster` is for staff only (else AUTH.FORBIDDEN). Output {fileID, name, bytes, mime}. Errors: FILE.TOO_LARGE, FILE.WRONG_TYPE. A retry with the same requestId answers the first upload and writes nothing. DB: 1 read + 1 write; storage: 1 upload.'
  }),
  'console.signOut': action<{ revoked: boolean }>()({
    name: 'console.signOut',
    fn: 'console',
    input: () => z.object({}).strict(),
    access: 'anyone',
    via: 'console',
    mutates: true,
    doc: 'Console only: ends the session the request came with. A resend with the same requestId (lost reply) answers the first answer although the session has ended; another call with the signed-out token answers revoked: false. Audited. DB: 2 reads + 1 write (+ the retry record).'
  })
} as const

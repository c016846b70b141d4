/**
 * The audit log (domain.md: "Every grant and revocation is written to an
 * audit log"): who did what to whom, when. One insert; pass a transaction to
 * make it part of the change it records,
 * write `doc(auditId()).set(...)` on the transaction instead.
 */
import { createHash, randomBytes } from 'crypto'
import type { Database } from './cloud'

export interface AuditEntry {
  /** OPENID of the person acting. */
  actor: string
  /** e.g. `role.grant`, `role.revoke`, `member.bind`, `member.issueCode`, `roster.import`. */
  action: string
  /** What it acted on: an OPENID, a member id, a file id. */
  target: string
  details?: Record<string, unknown>
  requestId: string
}

export async function writeAudit(db: Database, entry: AuditEntry, at: Date): Promise<void> {
  await db.collection('auditLog').add({ data: { ...entry, at } })
}

/** A fresh `_id` for an audit entry written inside a transaction (transactions take document operations only). */
export function auditId(): string {
  return `audit-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`
}

/**
 * The `_id` of the audit entry of one request: derived from actor, action,
 * target and requestId, so a retry of the same request (same requestId)
 * finds the entry its first attempt wrote — the "did I already do this?"
 * check of actions whose state alone cannot tell (issue 13 item 3).
 */
export function auditIdFor(entry: Pick<AuditEntry, 'actor' | 'action' | 'target' | 'requestId'>): string {
  return `audit-r-${createHash('sha256').update(`${entry.actor}\n${entry.action}\n${entry.target}\n${entry.requestId}`).digest('hex').slice(0, 32)}`
}

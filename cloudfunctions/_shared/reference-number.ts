/**
 * The reference number (受理编号) a submitter gets for a 社情民意 item or a
 * proposed topic, to quote on the phone or at the office: the Beijing date
 * of receipt and 4 digits derived from the document's `_id`, e.g.
 * `20261202-4821`. Derived, not stored: every item (old ones too) has one
 * and it costs no counter transaction (decision in docs/decisions.md).
 * Digits only, so nothing of the developer shows on screen.
 */
import { createHash } from 'crypto'
import { formatBeijing } from '../../src/core/time'

/** `YYYYMMDD-NNNN`: Beijing date of `receivedAt` and 4 digits of sha256(`id`). */
export function referenceNumber(id: string, receivedAt: Date | string): string {
  const digits = String(parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 10_000).padStart(4, '0')
  return `${formatBeijing(receivedAt, 'YYYYMMDD')}-${digits}`
}

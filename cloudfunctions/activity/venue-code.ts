/**
 * The 6-digit venue code typed under the check-in QR code
 * (`activity.checkinByCode`), unique among the activities checking in at
 * the same time (issue 12 item 2 / screen brief item 4).
 *
 * A code is live from the moment its venue token is issued until
 * TOKEN_TTL_MS later (after that `checkinByCode` refuses it), so two
 * activities whose check-in windows overlap must never hold the same live
 * code. The guard is one document per code in `checkinCodes` (`_id` = the
 * code, `{activityId, token, until}`): a code is taken in a transaction
 * that reads its guard and writes it only when there is none or it has
 * expired (`until <= now`). Two organisers' screens drawing the same code at
 * once conflict in the database; `transact` runs the loser again, which then
 * sees the winner's guard and draws another code.
 */
import { randomInt } from 'crypto'
import { AppError } from '../../src/core/errors'
import type { Database } from '../_shared/cloud'
import { getInTx, transact } from '../_shared/transaction'

/** Draws before giving up with COMMON.BUSY (a clash is ~ live codes / 10^6 per draw). */
export const CODE_DRAWS = 8

/** One guard document of `checkinCodes`. */
export interface CodeGuard {
  _id: string
  activityId: string
  token: string
  /** Instant (UTC) after which the code is free again. */
  until: Date
}

/** A random 6-digit code, `000000`-`999999` (digits only: a phone keypad). */
export function drawTypedCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/**
 * Takes a code no other live token holds, for `token` of `activityId`,
 * live until `until` (Date, UTC). `draw` makes the candidates (default
 * {@link drawTypedCode}; tests pass a fixed sequence to force a clash).
 * DB: per draw one transaction (1 read + 1 write). Throws `COMMON.BUSY`
 * after {@link CODE_DRAWS} clashing draws.
 */
export async function allocateTypedCode(
  db: Database,
  hold: { activityId: string; token: string; now: Date; until: Date },
  draw: () => string = drawTypedCode
): Promise<string> {
  for (let i = 0; i < CODE_DRAWS; i++) {
    const code = draw()
    const taken = await transact(db, async (t) => {
      const guard = await getInTx<CodeGuard>(t, 'checkinCodes', code)
      if (guard && new Date(guard.until).getTime() > hold.now.getTime()) return false
      await t.collection('checkinCodes').doc(code).set({ data: { activityId: hold.activityId, token: hold.token, until: hold.until } })
      return true
    })
    if (taken) return code
  }
  throw new AppError('COMMON.BUSY')
}

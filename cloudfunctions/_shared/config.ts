/**
 * Deploy configuration read by every function. Set these as cloud-function
 * environment variables in the CloudBase console (or by the emulator):
 * - `BOOTSTRAP_STAFF_OPENIDS`: comma-separated OPENIDs that are staff even
 *   before any grant exists (domain.md: "the first one comes from deploy
 *   configuration"). Keep it to the office's first administrator.
 */
export function bootstrapStaffOpenids(): string[] {
  return (process.env.BOOTSTRAP_STAFF_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

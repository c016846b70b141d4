/**
 * County-size operations (issue 13 item 9): each must finish well inside
 * the cloud's 20 s function limit, where a DB round trip costs far more
 * than here, so each prints its DB round trips beside the local time (ms):
 * - importing a 700-row roster (`user.importRoster`, the file uploaded as
 *   staff would),
 * - inviting 690 of those members to an open activity with 100 seats
 *   (`activity.create` with `publish`: 100 seats, 590 on the waitlist, an
 *   invitation notice to each bound member),
 * - cancelling an activity with 690 registrations (`activity.cancel`: a
 *   notice to each).
 * Runs on its own in-memory local cloud with the demo county.
 * `npx tsx bench/county.ts` prints the figures.
 */
import ExcelJS from 'exceljs'
import { withDemoCloud } from './support'
import { formatBeijing } from '../src/core/time'

const STAFF = 'oDemoStaff00000000000000001'

export async function run(): Promise<Record<string, unknown>> {
  return withDemoCloud(async (emulator, db) => {
    const sdk = require('wx-server-sdk')
    let seq = 0
    const call = async (fn: string, action: string, payload: unknown) => {
      const started = performance.now()
      const { result, dbOps } = await emulator.invoke<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }>(
        fn,
        { action, payload, requestId: `bench-county-${++seq}-x` },
        { openid: STAFF }
      )
      if (!result.ok) throw new Error(`${action}: ${result.error?.code}`)
      return { ms: Math.round(performance.now() - started), dbRoundTrips: dbOps.total, data: result.data }
    }

    // 700-row roster.
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名册')
    sheet.addRow(['委员编号', '姓名', '界别', '手机号', '专委会'])
    for (let i = 1; i <= 700; i++) sheet.addRow([`K${String(i).padStart(4, '0')}`, `县委员${i}`, ['经济界', '教育界', '农业界'][i % 3], `138${String(i).padStart(8, '0')}`, ''])
    const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${STAFF}/bench-roster.xlsx`, fileContent: Buffer.from(await book.xlsx.writeBuffer()) })
    const roster = await call('user', 'user.importRoster', { fileID })

    // 690 of them bound to a WeChat (so each gets a notice), then invited.
    const invitees = Array.from({ length: 690 }, (_, i) => `m-K${String(i + 1).padStart(4, '0')}`)
    for (let i = 0; i < invitees.length; i += 100) {
      await db.collection('members').where({ _id: db.command.in(invitees.slice(i, i + 100)) }).update({ data: { boundOpenid: 'oBenchCountyBound' } })
    }
    const start = Date.now() + 5 * 24 * 3600_000
    const invite = await call('activity', 'activity.create', {
      title: '全县委员学习会',
      type: 'studio_activity',
      place: '县政协会议室',
      startAt: formatBeijing(start),
      endAt: formatBeijing(start + 2 * 3600_000),
      signupDeadline: formatBeijing(start - 3600_000),
      capacity: 100,
      audience: 'invitees',
      inviteeIds: invitees,
      publish: true
    })
    const id = String(invite.data!.id)
    const counts = (await db.collection('activities').doc(id).get()).data as { registeredCount: number; waitlistCount: number }
    const cancel = await call('activity', 'activity.cancel', { id, reason: '会议改期' })
    const strip = ({ ms, dbRoundTrips }: { ms: number; dbRoundTrips: number }) => ({ ms, dbRoundTrips })
    return {
      importRoster700: { ...strip(roster), result: roster.data },
      invite690: { ...strip(invite), registered: counts.registeredCount, waitlisted: counts.waitlistCount, notices: 690 },
      cancel690: { ...strip(cancel), notified: cancel.data?.notified },
      target: 'well inside the 20 s function limit on the real cloud: few DB round trips (each costs tens of ms there)'
    }
  })
}

if (require.main === module) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)), (e) => {
    console.error(e)
    process.exit(1)
  })
}

/**
 * The demo county's 2025 duty ledger (issue 11 item 7). It comes out of the
 * demo records of every kind: the loaders before this one wrote activities
 * with check-ins (trainings, inspections, supervision, service trips, studio
 * activities, consultations), 社情民意 and proposals; this one adds what only
 * the ledger's own sources hold — the year's plenary session and standing
 * committee meetings with attendance, leave and unexcused absences, a few
 * speeches entered by staff, one pending claim — the sectors and committees
 * as managed groups, the 2025 rules, and an open 公示 window (around `now`)
 * — and then runs the repair (`repairYear`) over 2025, which writes every
 * line and score. Two members (D091, D092, added to the roster here) did nothing in
 * 2025: they were absent from the meetings without leave and have no other
 * record.
 * Idempotent: fixed ids, `set`, deterministic line ids.
 */
import { members as countyMembers } from './county'
import { defaultLedgerRules, type LedgerRules } from '../../src/core/actions/ledger'
import { formatBeijing, parseBeijing } from '../../src/core/time'
import { recomputeScores, repairYear, syncSource } from '../../cloudfunctions/_shared/ledger'
import { findAll } from '../../cloudfunctions/_shared/db'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Database = any

const DAY = 24 * 3600_000
/** The county's 2025 rules: the default points, trainings capped at 30, bands that give the demo roster about 15% 优秀 (14 of 92), 49 合格, 24 基本合格 and 5 不合格. */
export const RULES_2025: LedgerRules = { ...defaultLedgerRules, caps: { ...defaultLedgerRules.caps, training: 30, consultation: 40 }, bands: { excellent: 150, pass: 50, basic: 40 } }
/** Members who did nothing in 2025 (no line but absences). */
export const IDLE_MEMBERS = ['m-D091', 'm-D092']

/** The 2025 meetings: 十五届四次会议 (plenary) and three standing committee meetings. */
const meetings = [
  { id: 'ledger-2025-plenary', title: '政协第十五届委员会第四次会议', kind: 'plenary', at: '2025-01-08 08:30' },
  { id: 'ledger-2025-standing-1', title: '政协第十五届常委会第十次会议', kind: 'standing_committee', at: '2025-03-20 09:00' },
  { id: 'ledger-2025-standing-2', title: '政协第十五届常委会第十一次会议', kind: 'standing_committee', at: '2025-06-18 09:00' },
  { id: 'ledger-2025-standing-3', title: '政协第十五届常委会第十二次会议', kind: 'standing_committee', at: '2025-09-24 09:00' }
] as const

export async function loadLedgerDemo(db: Database, now: Date): Promise<void> {
  const set = (collection: string, id: string, data: Record<string, unknown>) => db.collection(collection).doc(id).set({ data })
  const sample = (await db.collection('members').limit(2).get()).data as { sector: string; specialCommittee?: string }[]
  for (const [i, name] of ['齐振东', '鲍立新'].entries()) {
    const memberNumber = `D${String(91 + i).padStart(3, '0')}`
    await set('members', `m-${memberNumber}`, { memberNumber, name, sector: sample[i % sample.length]?.sector ?? '', specialCommittee: sample[i % sample.length]?.specialCommittee ?? '', boundOpenid: null, createdAt: parseBeijing('2025-01-02 09:00'), updatedAt: parseBeijing('2025-01-02 09:00') })
  }
  const roster = await findAll<{ _id: string; name: string; sector: string; specialCommittee?: string }>(db, 'members', {})
  roster.sort((a, b) => a._id.localeCompare(b._id))

  // sectors and committees as managed data, from the roster
  const sectorNames = [...new Set(roster.map((m) => m.sector).filter(Boolean))]
  const committeeNames = [...new Set(roster.map((m) => m.specialCommittee).filter((c): c is string => !!c))]
  for (const [i, name] of sectorNames.entries()) await set('ledgerGroups', `g-sector-${i + 1}`, { kind: 'sector', name, sortKey: i + 1, createdAt: now, updatedAt: now })
  for (const [i, name] of committeeNames.entries()) await set('ledgerGroups', `g-committee-${i + 1}`, { kind: 'committee', name, sortKey: i + 1, createdAt: now, updatedAt: now })

  // the meetings: standing committee meetings only for every third member (the 常委)
  for (const [mi, m] of meetings.entries()) {
    const startAt = parseBeijing(m.at)
    const endAt = new Date(startAt.getTime() + (m.kind === 'plenary' ? 2 * DAY : 3 * 3600_000))
    const invited = m.kind === 'plenary' ? roster : roster.filter((_x, i) => i % 3 === 0 || IDLE_MEMBERS.includes(roster[i]._id))
    const regs = invited.map((member, i) => {
      const idle = IDLE_MEMBERS.includes(member._id)
      const state = idle ? 'absent' : (i + mi) % 11 === 3 ? 'leave_approved' : (i + mi) % 17 === 5 ? 'absent' : 'attended'
      return { member, state }
    })
    const attended = regs.filter((r) => r.state === 'attended').length
    await set('activities', m.id, {
      title: m.title,
      type: 'meeting',
      kind: m.kind,
      state: 'finalized',
      description: m.title,
      place: '县政协机关会议中心',
      organiser: { kind: 'office', name: '政协办公室' },
      startAt,
      endAt,
      signupDeadline: new Date(startAt.getTime() - DAY),
      checkinStartAt: new Date(startAt.getTime() - 3600_000),
      checkinEndAt: endAt,
      capacity: 0,
      registeredCount: attended,
      waitlistCount: 0,
      waitlistSeq: 0,
      waitlist: false,
      audience: 'invitees',
      inviteeIds: invited.map((x) => x._id),
      required: true,
      checkedInCount: attended,
      finalizedAt: endAt,
      attendance: { attended, absent: regs.filter((r) => r.state === 'absent').length, leave: regs.filter((r) => r.state === 'leave_approved').length },
      listed: false,
      ledgerDemo: true,
      createdBy: 'demo',
      createdAt: new Date(startAt.getTime() - 10 * DAY),
      updatedAt: endAt
    })
    await db.collection('registrations').where({ activityId: m.id }).remove()
    const docs = regs.map(({ member, state }) => ({
        _id: `${m.id}_${member._id}`,
        activityId: m.id,
        personKey: member._id,
        memberId: member._id,
        name: member.name,
        state,
        consented: false,
        pass: `P${String(mi)}${member._id.replace(/\D/g, '')}`.padEnd(8, '0'),
        ...(state === 'leave_approved' ? { leaveReason: '外出学习' } : {}),
        ...(state === 'attended' ? { checkedInAt: startAt, checkinMethod: 'manual' } : {}),
        activityStartAt: startAt,
        registeredAt: new Date(startAt.getTime() - 10 * DAY),
        updatedAt: endAt
      }))
    for (let i = 0; i < docs.length; i += 100) await db.collection('registrations').add({ data: docs.slice(i, i + 100) })
  }

  // the year's rules, an open 公示 window around now, and 2024 with a window that has ended (not locked)
  const window = (from: Date, days: number) => {
    const startDate = formatBeijing(from, 'YYYY-MM-DD')
    const startAt = parseBeijing(startDate, 'YYYY-MM-DD')
    const endAt = new Date(startAt.getTime() + days * DAY)
    return { startAt, endAt, startDate, endDate: formatBeijing(endAt.getTime() - DAY, 'YYYY-MM-DD') }
  }
  await set('ledgerYears', '2025', { year: 2025, rules: RULES_2025, window: window(new Date(now.getTime() - 2 * DAY), 14), locked: false, updatedAt: now })
  await set('ledgerYears', '2024', { year: 2024, rules: defaultLedgerRules, window: { startAt: parseBeijing('2025-01-10', 'YYYY-MM-DD'), endAt: parseBeijing('2025-01-20', 'YYYY-MM-DD'), startDate: '2025-01-10', endDate: '2025-01-19' }, locked: false, updatedAt: now })

  // speeches at the plenary session, entered by staff
  const speakers = roster.filter((m) => !IDLE_MEMBERS.includes(m._id)).slice(0, 6)
  for (const [i, m] of speakers.entries()) {
    await syncSource(db, 'manual', `demo-speech-${i + 1}`, [{ kind: 'speech', memberId: m._id, date: parseBeijing('2025-01-09 10:00'), title: '在十五届四次会议上作大会发言', note: '在十五届四次会议上作大会发言' }], now)
  }
  // one pending claim of the bound member
  const first = countyMembers[0]
  await set('ledgerClaims', 'demo-claim-1', { year: 2025, memberId: first._id, memberName: first.name, kind: 'other', date: parseBeijing('2025-11-12 12:00'), note: '参加乡镇人大代表和政协委员联合视察', state: 'pending', submittedAt: parseBeijing('2025-11-20 09:00') })

  await repairYear(db, 2025, now, { allScores: true, bulk: true })
  // the current year's demo records get their lines too
  const current = Number(formatBeijing(now, 'YYYY'))
  if (current > 2025) await repairYear(db, current, now, { allScores: true, bulk: true })
  await recomputeScores(db, 2024, undefined, now)
}

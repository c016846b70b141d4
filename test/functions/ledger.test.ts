/**
 * The duty ledger (issue 11) through the real functions on the demo county:
 * lines from each source (activity attendance and its reversal, 社情民意,
 * proposals, offline lines, claims) written once however often a request is
 * retried or the repair runs; the rules recompute; the 公示 window,
 * objections (outside the window / twice refused), answers and the lock
 * (late source changes logged, not applied); 我的履职 in 2 DB operations;
 * the demo's 2025 spread; the .docx report.
 */
import JSZip from 'jszip'
import { defaultLedgerRules, type MemberLedgerView } from '../../src/core/actions/ledger'
import { formatBeijing } from '../../src/core/time'
import { syncActivity } from '../../cloudfunctions/_shared/ledger'
import { useFunctionsCloud, codeOf } from './support'

const cloud = useFunctionsCloud()
const HOUR = 3600_000
const DAY = 24 * HOUR
const thisYear = Number(formatBeijing(new Date(), 'YYYY'))
/** The demo member persona's roster id. */
const ME = 'm-D001'

beforeEach(() => cloud.seedDemo(), 240_000)

function bj(offsetMs: number): string {
  return formatBeijing(new Date(Date.now() + offsetMs))
}
const day = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs), 'YYYY-MM-DD')

async function lines(who: 'member', year: number): Promise<MemberLedgerView> {
  return cloud.ok(who, 'ledger.mine', { year })
}
async function linesDb(where: Record<string, unknown>) {
  return (await cloud.db().collection('ledgerLines').where(where).limit(1000).get()).data as { _id: string; kind: string; state: string; memberId: string; year: number }[]
}

/** A plenary meeting that ended an hour ago, for the member persona and m-D003. */
async function meeting(kind: 'plenary' | 'standing_committee' = 'plenary') {
  return cloud.ok('staff', 'activity.create', {
    title: kind === 'plenary' ? '全体会议（测试）' : '常委会议（测试）',
    type: 'meeting',
    kind,
    place: '县政协机关会议中心',
    startAt: bj(-3 * HOUR),
    endAt: bj(-HOUR),
    signupDeadline: bj(-4 * HOUR),
    capacity: 0,
    audience: 'invitees',
    inviteeIds: [ME, 'm-D003'],
    required: true,
    publish: true
  })
}

describe('lines from activities', () => {
  it('a check-in writes one line, a retry and the repair add none, undoing it reverses the line, finalize records the absence', async () => {
    const base = (await lines('member', thisYear)).score
    const a = await meeting()
    const mark = { id: a.id, personKey: ME, present: true }
    expect((await cloud.call('staff', 'activity.mark', mark, 'req-mark-0001')).ok).toBe(true)
    expect((await cloud.call('staff', 'activity.mark', mark, 'req-mark-0001')).ok).toBe(true)
    let mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.source.id === a.id).map((l) => [l.kind, l.kindLabel, l.points])).toEqual([['plenary_attended', '出席全体会议', defaultLedgerRules.points.plenary_attended]])
    expect(mine.score).toBe(base + defaultLedgerRules.points.plenary_attended)

    await cloud.ok('staff', 'ledger.rebuild', { year: thisYear })
    await cloud.ok('staff', 'ledger.rebuild', { year: thisYear })
    expect((await linesDb({ sourceKey: `activity:${a.id}`, state: 'active' })).length).toBe(1)

    await cloud.ok('staff', 'activity.mark', { ...mark, present: false })
    mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.source.id === a.id)).toEqual([])
    expect(mine.score).toBe(base)
    expect((await linesDb({ sourceKey: `activity:${a.id}` })).map((l) => l.state)).toEqual(['reversed'])

    await cloud.ok('staff', 'activity.finalize', { id: a.id })
    mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.source.id === a.id).map((l) => l.kind)).toEqual(['plenary_absent'])
    expect(mine.score).toBe(base + defaultLedgerRules.points.plenary_absent)
  })

  it('the repair timer writes the line of a source whose line was lost', async () => {
    const a = await meeting('standing_committee')
    await cloud.ok('staff', 'activity.mark', { id: a.id, personKey: 'm-D003', present: true })
    const [line] = await linesDb({ sourceKey: `activity:${a.id}` })
    expect(line.kind).toBe('standing_attended')
    await cloud.db().collection('ledgerLines').doc(line._id).remove() // a crash right after the check-in
    const { result } = await cloud.emulator.fireTimer<{ ok: boolean }>('ledger', 'repair')
    expect(result.ok).toBe(true)
    const again = await linesDb({ sourceKey: `activity:${a.id}`, state: 'active' })
    expect(again.map((l) => l._id)).toEqual([line._id])
    const staffView = await cloud.ok('staff', 'ledger.member', { year: thisYear, memberId: 'm-D003' })
    expect(staffView.lines.map((l) => l.kind)).toContain('standing_attended')
  })
})

describe('lines from 社情民意 and proposals', () => {
  it('the demo 2025 ledger holds every source kind, the two idle members and a spread of grades', async () => {
    const ranking = await cloud.ok('staff', 'ledger.ranking', { year: 2025 })
    expect(ranking.rows.length).toBe(92)
    expect(new Set(ranking.rows.map((r) => r.gradeLabel))).toEqual(new Set(['优秀', '合格', '基本合格', '不合格']))
    const count = async (kind: string) => (await cloud.db().collection('ledgerLines').where({ year: 2025, state: 'active', kind }).count()).total as number
    const missing: string[] = []
    for (const k of ['plenary_attended', 'plenary_leave', 'plenary_absent', 'standing_attended', 'consultation', 'studio_activity', 'training', 'inspection', 'supervision', 'outreach', 'proposal_lead', 'proposal_cosign', 'proposal_filed', 'proposal_key', 'opinion_submitted', 'opinion_adopted', 'speech']) if ((await count(k)) === 0) missing.push(k)
    expect(missing).toEqual([])
    const attention = await cloud.ok('staff', 'ledger.attention', { year: 2025 })
    expect(attention.inactive.map((r) => r.name)).toEqual(expect.arrayContaining(['齐振东', '鲍立新']))
    expect(attention.absentTwice.map((r) => r.name)).toEqual(expect.arrayContaining(['齐振东', '鲍立新']))
    const sector = ranking.rows[0].sector
    const inSector = await cloud.ok('leader', 'ledger.ranking', { year: 2025, sector })
    expect(inSector.rows.every((r) => r.sector === sector)).toBe(true)
    expect(inSector.rows[0].rank).toBe(1)
  })

  it('a member\'s 社情民意 writes submitted, then adopted; a proposal marked 优秀 adds its line and taking the mark back removes it', async () => {
    const o = await cloud.ok('member', 'opinion.submit', { title: '关于改善乡村道路照明的建议', categoryId: 'cat-livelihood', anonymous: false, content: '部分乡村道路夜间无照明，群众出行不便，建议分批安装太阳能路灯。' })
    let mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.source.id === o.id).map((l) => l.kind)).toEqual(['opinion_submitted'])

    const filed = (await cloud.db().collection('proposals').where({ proposerMemberId: ME, state: 'filed' }).limit(1).get()).data[0] as { _id: string; year: number } | undefined
    if (filed) {
      await cloud.ok('staff', 'ledger.markExcellent', { proposalId: filed._id, excellent: true })
      const year = (await linesDb({ sourceKey: `proposal:${filed._id}`, kind: 'proposal_filed' }))[0].year
      mine = await lines('member', year)
      expect(mine.lines.filter((l) => l.source.id === filed._id).map((l) => l.kind).sort()).toEqual(['proposal_excellent', 'proposal_filed', 'proposal_lead'])
      await cloud.ok('staff', 'ledger.markExcellent', { proposalId: filed._id, excellent: false })
      mine = await lines('member', year)
      expect(mine.lines.filter((l) => l.source.id === filed._id).map((l) => l.kind)).not.toContain('proposal_excellent')
    }
  })
})

describe('offline lines and claims', () => {
  it('staff add a speech once per request; a member claim approved becomes a line, a refused one needs a reason', async () => {
    const input = { memberId: ME, kind: 'speech', date: day(-DAY), note: '在常委会议上作专题发言' }
    const first = await cloud.call('staff', 'ledger.addLine', input, 'req-add-line-01')
    const again = await cloud.call('staff', 'ledger.addLine', input, 'req-add-line-01')
    expect(first.ok && again.ok && first.data.id === again.data.id).toBe(true)
    let mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.kind === 'speech').length).toBe(1)
    expect(codeOf(await cloud.call('staff', 'ledger.addLine', { ...input, date: day(3 * DAY) }))).toBe('LEDGER.DATE_FUTURE')

    const claim = await cloud.ok('member', 'ledger.claim', { kind: 'other', date: day(-2 * DAY), note: '参加乡镇联合视察' })
    expect(claim.stateLabel).toBe('待审核')
    expect(codeOf(await cloud.call('staff', 'ledger.decideClaim', { id: claim.id, approve: false }))).toBe('COMMON.INVALID_INPUT')
    await cloud.ok('staff', 'ledger.decideClaim', { id: claim.id, approve: true })
    expect(codeOf(await cloud.call('staff', 'ledger.decideClaim', { id: claim.id, approve: false, reason: '重复' }))).toBe('LEDGER.CLAIM_DECIDED')
    mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.source.type === 'claim').map((l) => l.kindLabel)).toEqual(['其他履职'])

    const speech = mine.lines.find((l) => l.kind === 'speech')!
    await cloud.ok('staff', 'ledger.removeLine', { id: speech.id, reason: '录入错误' })
    mine = await lines('member', thisYear)
    expect(mine.lines.filter((l) => l.kind === 'speech')).toEqual([])
  })
})

describe('rules, window, objections and lock', () => {
  it('changing the rules recomputes the scores from the lines; 我的履职 costs 2 DB operations', async () => {
    const before = await lines('member', 2025)
    const rules = { ...defaultLedgerRules, points: { ...defaultLedgerRules.points, speech: 50 }, caps: {}, bands: { excellent: 1000, pass: 500, basic: 100 } }
    const saved = await cloud.ok('staff', 'ledger.saveRules', { year: 2025, rules })
    expect(saved.recomputed).toBe(92)
    const after = await cloud.call('member', 'ledger.mine', { year: 2025 })
    expect(after.ok).toBe(true)
    expect(after.dbOps).toBeLessThanOrEqual(2)
    if (!after.ok) return
    expect(after.data.lines.map((l) => l.id)).toEqual(before.lines.map((l) => l.id))
    const expected = after.data.lines.reduce((sum, l) => sum + (rules.points as Record<string, number>)[l.kind], 0)
    expect(after.data.score).toBe(expected)
    const ranking = await cloud.call('staff', 'ledger.ranking', { year: 2025 })
    expect(ranking.dbOps).toBeLessThanOrEqual(3)
    expect(codeOf(await cloud.call('staff', 'ledger.saveRules', { year: 2025, rules: { ...rules, bands: { excellent: 10, pass: 20, basic: 5 } } }))).toBe('COMMON.INVALID_INPUT')
  })

  it('a member objects once inside the window; staff accept with a correction; outside the window and after the lock nothing changes', async () => {
    const mine = await lines('member', 2025)
    expect(mine.windowOpen).toBe(true)
    const rules = await cloud.ok('member', 'ledger.rules', { year: 2025 })
    const a = mine.lines.find((l) => rules.rules.caps[l.kind] === undefined && l.points > 0)!
    const b = mine.lines.find((l) => l.id !== a.id)!
    const o = await cloud.ok('member', 'ledger.object', { year: 2025, lineId: a.id, reason: '该次会议我已请假，并经批准' })
    expect(codeOf(await cloud.call('member', 'ledger.object', { year: 2025, lineId: a.id, reason: '再提一次' }))).toBe('LEDGER.ALREADY_OBJECTED')
    expect(codeOf(await cloud.call('member', 'ledger.object', { year: 2025, lineId: 'l-00000000000000000000000000000000', reason: '别人的记录' }))).toBe('LEDGER.LINE_NOT_FOUND')
    const audit = (await cloud.db().collection('auditLog').where({ action: 'ledger.object', target: a.id }).get()).data
    expect(audit.length).toBe(1)

    expect(codeOf(await cloud.call('staff', 'ledger.lock', { year: 2025 }))).toBe('LEDGER.WINDOW_NOT_ENDED')
    await cloud.ok('staff', 'ledger.answer', { id: o.id, accept: true, points: 0, answer: '经核实已请假，更正为 0 分' })
    const corrected = await lines('member', 2025)
    const line = corrected.lines.find((l) => l.id === a.id)!
    expect(line.corrected).toEqual({ points: 0, reason: '经核实已请假，更正为 0 分' })
    expect(line.objection?.state).toBe('accepted')
    expect(corrected.score).toBe(mine.score - a.counted)

    // the window is moved into the past: objections are refused, then the year is locked
    await cloud.ok('staff', 'ledger.openWindow', { year: 2025, startDate: day(-10 * DAY), endDate: day(-2 * DAY) })
    expect(codeOf(await cloud.call('member', 'ledger.object', { year: 2025, lineId: b.id, reason: '窗口已过' }))).toBe('LEDGER.WINDOW_CLOSED')
    const locked = await cloud.ok('staff', 'ledger.lock', { year: 2025 })
    expect(locked.locked).toBe(true)
    expect(codeOf(await cloud.call('staff', 'ledger.saveRules', { year: 2025, rules: defaultLedgerRules }))).toBe('LEDGER.YEAR_LOCKED')
    expect(codeOf(await cloud.call('staff', 'ledger.addLine', { memberId: ME, kind: 'speech', date: '2025-05-01', note: '补录' }))).toBe('LEDGER.YEAR_LOCKED')

    // a late source change: the plenary registration of the member turns absent
    const reg = `ledger-2025-plenary_${ME}`
    await cloud.db().collection('registrations').doc(reg).update({ data: { state: 'absent' } })
    await syncActivity(cloud.db(), 'ledger-2025-plenary', new Date())
    const final = await lines('member', 2025)
    expect(final.score).toBe(corrected.score)
    expect(final.locked).toBe(true)
    const late = await cloud.ok('staff', 'ledger.lateChanges', { year: 2025 })
    expect(late.items.length).toBeGreaterThan(0)
  })
})

describe('exports', () => {
  it('the member\'s .docx report shows the name, score and grade', async () => {
    const view = await lines('member', 2025)
    const out = await cloud.ok('staff', 'ledger.exportReport', { year: 2025, memberId: ME })
    expect(out.members).toBe(1)
    expect(out.fileID).not.toMatch(/oDemo/)
    const zip = await JSZip.loadAsync(cloud.emulator.storage.read(out.fileID)! as never)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain(view.name)
    expect(text).toContain(`年度得分：${view.score} 分`)
    expect(text).toContain(`考评等次：${view.gradeLabel}`)
  })
})

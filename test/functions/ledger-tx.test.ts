/**
 * Issue 11 "Rules": a source that already runs in a transaction writes its
 * ledger line (and the member's score) inside that transaction, so a crash
 * right after the source change loses nothing; the other sources sync
 * right after and the repair timer writes what a crash lost. The
 * functions here run with `LEDGER_FAULT=crash-after-source`: every
 * after-the-source sync is skipped, as if the function died there.
 */
import { defaultLedgerRules, type MemberLedgerView } from '../../src/core/actions/ledger'
import { formatBeijing } from '../../src/core/time'
import { useFunctionsCloud } from './support'

const cloud = useFunctionsCloud({ functionEnv: { LEDGER_FAULT: 'crash-after-source' } })
const HOUR = 3600_000
const thisYear = Number(formatBeijing(new Date(), 'YYYY'))
const ME = 'm-D001'
const P = defaultLedgerRules.points

beforeEach(() => cloud.seedDemo(), 240_000)

const bj = (offsetMs: number) => formatBeijing(new Date(Date.now() + offsetMs))
const mine = (): Promise<MemberLedgerView> => cloud.ok('member', 'ledger.mine', { year: thisYear })
async function linesDb(where: Record<string, unknown>) {
  return (await cloud.db().collection('ledgerLines').where(where).limit(1000).get()).data as { _id: string; kind: string; state: string; memberId: string }[]
}

/** A plenary meeting for the member persona and m-D003; `ended` = it ended an hour ago (else it runs now). */
async function meeting(ended = true) {
  return cloud.ok('staff', 'activity.create', {
    title: '全体会议（事务测试）',
    type: 'meeting',
    kind: 'plenary',
    place: '县政协机关会议中心',
    startAt: bj(ended ? -3 * HOUR : 2 * HOUR),
    endAt: bj(ended ? -HOUR : 4 * HOUR),
    signupDeadline: bj(ended ? -4 * HOUR : HOUR),
    capacity: 0,
    audience: 'invitees',
    inviteeIds: [ME, 'm-D003'],
    required: true,
    publish: true
  })
}

describe('a transactional source keeps its line when the function dies right after it', () => {
  it('marking present writes the line and the score in the transaction; taking it back reverses both; a retry counts once', async () => {
    const base = (await mine()).score
    const a = await meeting()
    const mark = { id: a.id, personKey: ME, present: true }
    expect((await cloud.call('staff', 'activity.mark', mark, 'req-tx-mark-1')).ok).toBe(true)
    expect((await cloud.call('staff', 'activity.mark', mark, 'req-tx-mark-1')).ok).toBe(true)
    expect((await cloud.call('staff', 'activity.mark', mark, 'req-tx-mark-2')).ok).toBe(true)
    let view = await mine()
    expect(view.lines.filter((l) => l.source.id === a.id).map((l) => [l.kind, l.points])).toEqual([['plenary_attended', P.plenary_attended]])
    expect(view.score).toBe(base + P.plenary_attended)
    expect((await linesDb({ sourceKey: `activity:${a.id}`, state: 'active' })).length).toBe(1)

    await cloud.ok('staff', 'activity.mark', { ...mark, present: false })
    view = await mine()
    expect(view.lines.filter((l) => l.source.id === a.id)).toEqual([])
    expect(view.score).toBe(base)
    expect((await linesDb({ sourceKey: `activity:${a.id}` })).map((l) => l.state)).toEqual(['reversed'])

    // the repair finds nothing to do: the transaction left the line and the score as the lines say
    const rebuilt = await cloud.ok('staff', 'ledger.rebuild', { year: thisYear })
    expect(rebuilt.written).toBe(0)
    expect((await mine()).score).toBe(base)
  })

  it('an approved leave writes the leave line in the decision transaction', async () => {
    const a = await meeting(false)
    await cloud.ok('member', 'activity.requestLeave', { id: a.id, reason: '外出参加培训' })
    await cloud.ok('staff', 'activity.decideLeave', { id: a.id, personKey: ME, approve: true })
    const view = await mine()
    expect(view.lines.filter((l) => l.source.id === a.id).map((l) => l.kind)).toEqual(['plenary_leave'])
  })

  it('adopting a member\'s 社情民意 writes submitted and adopted in the review transaction though the submit sync was lost', async () => {
    const o = await cloud.ok('member', 'opinion.submit', { title: '关于增设村级快递服务点的建议', categoryId: 'cat-livelihood', anonymous: false, content: '部分村民取快递需往返镇上，建议依托村级服务站增设快递代收点。' })
    // submit is not transactional: its after-the-source sync died, so no line yet
    expect(await linesDb({ sourceKey: `opinion:${o.id}` })).toEqual([])
    await cloud.ok('staff', 'opinion.adopt', { id: o.id, title: '关于增设村级快递服务点的建议', content: '建议依托村级服务站增设快递代收点。' })
    const view = await mine()
    expect(view.lines.filter((l) => l.source.id === o.id).map((l) => l.kind).sort()).toEqual(['opinion_adopted', 'opinion_submitted'])
  })
})

describe('a source without a transaction: the repair timer writes what the crash lost', () => {
  it('finalize without its sync leaves the absences missing until the repair; the repair writes each once', async () => {
    const a = await meeting()
    await cloud.ok('staff', 'activity.finalize', { id: a.id })
    expect(await linesDb({ sourceKey: `activity:${a.id}` })).toEqual([])
    const { result } = await cloud.emulator.fireTimer<{ ok: boolean }>('ledger', 'repair')
    expect(result.ok).toBe(true)
    await cloud.emulator.fireTimer('ledger', 'repair')
    const lines = await linesDb({ sourceKey: `activity:${a.id}`, state: 'active' })
    expect(lines.map((l) => [l.memberId, l.kind]).sort()).toEqual([
      [ME, 'plenary_absent'],
      ['m-D003', 'plenary_absent']
    ])
    expect((await mine()).lines.filter((l) => l.source.id === a.id).map((l) => l.points)).toEqual([P.plenary_absent])
  })
})

/**
 * 履职档案 pages in jsdom with a scripted transport: 我的履职 shows the
 * score, the grade and its state in words, every line's kind in Chinese,
 * Beijing date, points and source link; during the 公示 window a line takes
 * one 异议 with a required reason, after which it shows 已提异议 and the
 * answer; outside the window there is no 异议 button; a failed read can be
 * retried. Staff answer an objection (accept with corrected points) and
 * refuse a claim with a reason.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ClaimView, MemberLedgerView, ObjectionView } from '@/core/actions/ledger'
import MyLedger from '@/ledger/mine/index'
import LedgerReview from '@/ledger/review/index'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'
import { typeInto } from './support/type-into'
import { memberMe, staffMe } from './fixtures'

afterEach(() => setTransport(undefined))

const year = new Date().getFullYear()


function ledger(overrides: Partial<MemberLedgerView> = {}): MemberLedgerView {
  return {
    year,
    memberId: 'm001',
    name: '林晓梅',
    sector: '教育界',
    committees: [],
    score: 24,
    grade: 'basic',
    gradeLabel: '基本合格',
    windowOpen: false,
    locked: false,
    byKind: [],
    lines: [
      // 16:30 UTC on 3 March is 00:30 on 4 March in Beijing
      { id: 'l1', kind: 'plenary_attended', kindLabel: '出席全体会议', date: `${year}-03-03T16:30:00.000Z`, source: { type: 'activity', id: 'a1', title: '政协第十届委员会第三次全体会议' }, points: 10, counted: 10 },
      { id: 'l2', kind: 'opinion_adopted', kindLabel: '社情民意被采用', date: `${year}-05-10T02:00:00.000Z`, source: { type: 'opinion', id: 'o1', title: '关于农村客运班线的建议' }, points: 5, counted: 5 },
      { id: 'l3', kind: 'opinion_submitted', kindLabel: '报送社情民意', date: `${year}-05-11T02:00:00.000Z`, source: { type: 'opinion', id: 'o2', title: '关于冬季供暖的反映' }, points: 2, counted: 0 },
      { id: 'l4', kind: 'speech', kindLabel: '大会发言', date: `${year}-06-01T02:00:00.000Z`, source: { type: 'manual', id: 'x1', title: '在常委会议上发言' }, points: 6, counted: 6 }
    ],
    ...overrides
  }
}

const window = { startAt: `${year}-01-04T16:00:00.000Z`, endAt: `${year}-01-11T16:00:00.000Z`, startDate: `${year}-01-05`, endDate: `${year}-01-11` }

test('a member reads the year: score, state in words, lines in Chinese with Beijing dates, points and source links; no 异议 outside the window', async () => {
  installFakeTransport({ 'user.me': () => memberMe, 'ledger.mine': () => ledger(), 'ledger.myClaims': () => ({ items: [] }) })
  render(<MyLedger />)
  expect(await screen.findByText('24分')).toBeTruthy()
  expect(screen.getByText('考评等次：未公示')).toBeTruthy()
  expect(screen.queryByText(/基本合格/)).toBeNull()
  const first = screen.getByRole('listitem', { name: `出席全体会议 ${year}年3月4日` })
  expect(within(first).getByText('+10分')).toBeTruthy()
  expect(within(first).getByText('政协第十届委员会第三次全体会议 ›')).toBeTruthy()
  expect(screen.getByText(`${year}年5月11日 · 已达本类年度上限，计 0 分`)).toBeTruthy()
  // an offline line has no link
  expect(screen.getByText('在常委会议上发言')).toBeTruthy()
  expect(screen.queryByText('在常委会议上发言 ›')).toBeNull()
  expect(screen.queryByText('提出异议')).toBeNull()
  expect(document.body.textContent).not.toMatch(/plenary|opinion_|undefined|null|NaN|m001/)
})

test('during the 公示 window a member objects to a line once, with a reason, and then sees 已提异议', async () => {
  let objected = false
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'ledger.myClaims': () => ({ items: [] }),
    'ledger.mine': () => {
      const base = ledger({ windowOpen: true, window })
      if (objected) base.lines[0] = { ...base.lines[0], objection: { id: 'obj-l1', state: 'open', reason: '我是请假的' } }
      return base
    },
    'ledger.object': (p: { lineId: string; reason: string }) => {
      objected = true
      return { id: `obj-${p.lineId}`, state: 'open', reason: p.reason } as Partial<ObjectionView>
    }
  })
  render(<MyLedger />)
  expect(await screen.findByText('公示等次：基本合格')).toBeTruthy()
  expect(screen.getByText(new RegExp(`公示中 · 公示期 ${year}年1月5日 至 ${year}年1月11日`))).toBeTruthy()
  const first = screen.getByRole('listitem', { name: `出席全体会议 ${year}年3月4日` })
  fireEvent.click(within(first).getByText('提出异议'))
  // no reason: refused on the phone, nothing sent
  fireEvent.click(within(first).getByText('提交异议'))
  expect(await within(first).findByRole('alert')).toBeTruthy()
  expect(fake.callsOf('ledger.object')).toHaveLength(0)
  typeInto(first, '我是请假的')
  fireEvent.click(within(first).getByText('提交异议'))
  expect(await screen.findByText('已提异议（待答复）：我是请假的')).toBeTruthy()
  expect(fake.callsOf('ledger.object')[0].payload).toEqual({ year, lineId: 'l1', reason: '我是请假的' })
  // once per line: the objected line has no button any more, the others still do
  expect(within(screen.getByRole('listitem', { name: `出席全体会议 ${year}年3月4日` })).queryByText('提出异议')).toBeNull()
  expect(screen.getAllByText('提出异议')).toHaveLength(3)
})

test('after the lock the member sees the final grade and the answer to their objection', async () => {
  const base = ledger({ locked: true, window, score: 14, grade: 'fail', gradeLabel: '不合格' })
  base.lines[0] = { ...base.lines[0], points: 0, counted: 0, corrected: { points: 0, reason: '当日请假' }, objection: { id: 'obj-l1', state: 'accepted', reason: '我是请假的', answer: '核实为请假，已更正' } }
  installFakeTransport({ 'user.me': () => memberMe, 'ledger.mine': () => base, 'ledger.myClaims': () => ({ items: [] }) })
  render(<MyLedger />)
  expect(await screen.findByText('考评等次：不合格')).toBeTruthy()
  expect(screen.getByText('已提异议（已采纳）：我是请假的')).toBeTruthy()
  expect(screen.getByText('答复：核实为请假，已更正')).toBeTruthy()
  expect(screen.getByText('本年度考评已定档')).toBeTruthy()
  expect(screen.queryByText('提出异议')).toBeNull()
})

test('a failed read shows the error and retries', async () => {
  let fail = true
  installFakeTransport({
    'user.me': () => memberMe,
    'ledger.myClaims': () => ({ items: [] }),
    'ledger.mine': () => {
      if (fail) throw replyError('LEDGER.NOT_MEMBER')
      return ledger()
    }
  })
  render(<MyLedger />)
  expect(await screen.findByText(/重试/)).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText(/重试/))
  expect(await screen.findByText('24分')).toBeTruthy()
})

test('staff accept an objection with corrected points and refuse a claim only with a reason', async () => {
  const objection: ObjectionView = { id: 'obj-l1', year, lineId: 'l1', memberId: 'm001', memberName: '林晓梅', kindLabel: '出席全体会议', lineDate: `${year}-03-03T16:30:00.000Z`, linePoints: 10, reason: '我是请假的', state: 'open', stateLabel: '待答复', submittedAt: `${year}-01-06T02:00:00.000Z` }
  const claim: ClaimView = { id: 'c1', memberId: 'm001', memberName: '林晓梅', kind: 'outreach', kindLabel: '参加“四送三联系”服务', date: `${year}-04-02T02:00:00.000Z`, note: '到东梁村送政策', state: 'pending', stateLabel: '待审核', submittedAt: `${year}-04-03T02:00:00.000Z` }
  let answered = false
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'ledger.objections': () => ({ items: [answered ? { ...objection, state: 'accepted', stateLabel: '已采纳', answer: '核实为请假', linePoints: 0 } : objection] }),
    'ledger.answer': () => {
      answered = true
      return { ...objection, state: 'accepted' }
    },
    'ledger.claims': () => ({ items: [claim] }),
    'ledger.decideClaim': () => ({ ...claim, state: 'refused', stateLabel: '未通过', reason: '缺少证明' })
  })
  render(<LedgerReview />)
  const card = await screen.findByRole('listitem', { name: '林晓梅的异议' })
  typeInto(card, '核实为请假')
  fireEvent.click(within(card).getByText('采纳并更正'))
  expect(await screen.findByText('答复：核实为请假（更正为 0分）')).toBeTruthy()
  expect(fake.callsOf('ledger.answer')[0].payload).toEqual({ id: 'obj-l1', accept: true, answer: '核实为请假', points: 0 })

  const claimCard = screen.getByRole('listitem', { name: '林晓梅的申报' })
  fireEvent.click(within(claimCard).getByText('不通过'))
  expect((await within(claimCard).findByRole('alert')).textContent).toBe('不通过时请填写理由')
  expect(fake.callsOf('ledger.decideClaim')).toHaveLength(0)
  typeInto(claimCard, '缺少证明')
  fireEvent.click(within(claimCard).getByText('不通过'))
  await waitFor(() => expect(fake.callsOf('ledger.decideClaim')).toHaveLength(1))
  expect(fake.callsOf('ledger.decideClaim')[0].payload).toEqual({ id: 'c1', approve: false, reason: '缺少证明' })
})

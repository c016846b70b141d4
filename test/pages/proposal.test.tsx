/**
 * 提案 pages in jsdom with a scripted transport: the writing form refuses bad
 * input on the phone (the contract's schema) and picks co-signers by name
 * from the roster search; the review queue files a proposal and shows the
 * number it got; 不予立案 asks first in words; a unit replies with grade,
 * contact mode and letter; the proposer rates a reply (不满意 goes back once);
 * 我的提案 shows states in Chinese and dates in Beijing time.
 */
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ProposalDetail, ProposalSummary, TermView } from '@/core/actions/proposal'
import EditProposal from '@/proposal/edit/index'
import MyProposals from '@/proposal/mine/index'
import PublicProposals from '@/proposal/public/index'
import AssignPage from '@/proposal/assign/index'
import OverdueProposals from '@/proposal/overdue/index'
import ProposalTasks from '@/proposal/tasks/index'
import ProposalDetailPage from '@/proposal/detail/index'
import ProposalReview from '@/proposal/review/index'
import ReplyPage from '@/proposal/reply/index'
import { PROPOSAL_DRAFT_KEY, emptyProposalDraft, loadProposalDraft } from '@/proposal/ProposalForm'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'
import { typeInto } from './support/type-into'
import { memberMe, staffMe } from './fixtures'

// eslint-disable-next-line @typescript-eslint/no-var-requires
const taroH5 = require('@tarojs/taro-h5')
const t = Taro as unknown as Record<string, unknown>
for (const api of ['getStorageSync', 'setStorageSync', 'removeStorageSync'] as const) {
  if (typeof t[api] !== 'function') t[api] = taroH5[api]
}

let modal: jest.Mock
const originalModal = t.showModal
beforeEach(() => {
  modal = jest.fn().mockResolvedValue({ confirm: true, cancel: false })
  t.showModal = modal
})
afterEach(() => {
  setTransport(undefined)
  localStorage.clear()
  t.showModal = originalModal
})

function open(params: Record<string, string>, path: string) {
  const current = Current as { router: unknown }
  current.router = { params, path }
}

/** Types into a Taro Textarea / NutUI Input found by class name. */
function typeIntoField(selector: string, value: string) {
  const host = document.querySelector(selector)
  if (!host) throw new Error(`no field ${selector}`)
  typeInto(host, value)
}

const unitMe = { openid: 'oTestUnit0001', roles: ['public', 'department'], studioIds: [], departmentIds: ['d-traffic'] } as const
const terms: { items: TermView[] } = {
  items: [{ id: 'term-15', name: '十五届', number: 15, current: true, deadlineMonths: 3, sessions: [{ number: 4, name: '四次会议', date: '2026-01-08', year: 2026 }] }]
}
const analysis = '学校周边上下学时段车辆乱停乱放，家长接送车辆占用机动车道，造成交通拥堵和安全隐患。'
const suggestions = '建议设置临时停车泊位，错峰放学，并由交警在高峰时段现场疏导。'

function summary(over: Partial<ProposalSummary> = {}): ProposalSummary {
  return {
    id: 'pr-1',
    title: '关于缓解学校周边交通拥堵的建议',
    category: 'society',
    categoryLabel: '社会建设',
    state: 'submitted',
    stateLabel: '待审查',
    termId: 'term-15',
    termName: '十五届',
    sessionNumber: 4,
    sessionName: '四次会议',
    proposerName: '林晓梅',
    collective: false,
    cosignerCount: 1,
    key: false,
    submittedAt: '2026-01-09T02:00:00.000Z',
    updatedAt: '2026-01-09T02:00:00.000Z',
    units: [],
    overdue: false,
    mine: true,
    ...over
  }
}

function detail(over: Partial<ProposalDetail> = {}): ProposalDetail {
  return {
    ...summary(),
    analysis,
    suggestions,
    suggestedUnits: [],
    attachments: [],
    cosigners: [{ name: '王建国', sector: '经济界', status: 'confirmed', statusLabel: '已确认', mine: false }],
    seconderCount: 0,
    secondedByMe: false,
    mayPublish: true,
    publicVisible: false,
    notify: false,
    timeline: [
      { step: 'created', label: '起草', at: '2026-01-08T02:00:00.000Z', by: '林晓梅' },
      { step: 'submitted', label: '提交', at: '2026-01-09T02:00:00.000Z', by: '林晓梅' }
    ],
    assignments: [],
    replies: [],
    leaders: [],
    mergedFrom: [],
    can: { edit: false, submit: false, withdraw: false, invite: false, answerInvitation: false, second: false, rate: [] },
    ...over
  }
}

test('the form refuses a too short 情况分析 on the phone: nothing is sent', async () => {
  open({}, '/proposal/edit/index')
  const fake = installFakeTransport({ 'user.me': () => memberMe, 'proposal.terms': () => terms, 'proposal.saveDraft': () => detail({ state: 'draft' }) })
  render(<EditProposal />)
  expect(await screen.findByText('十五届四次会议 ▾')).toBeTruthy()
  typeIntoField('.pp-title', '关于缓解学校周边交通拥堵的建议')
  fireEvent.click(screen.getByText('社会建设'))
  typeIntoField('.pp-analysis', '太堵了')
  typeIntoField('.pp-suggestions', suggestions)
  fireEvent.click(screen.getByText('提交提案'))
  expect(await screen.findByText(/情况分析.*20/)).toBeTruthy()
  expect(fake.callsOf('proposal.saveDraft')).toHaveLength(0)
  expect(fake.callsOf('proposal.submit')).toHaveLength(0)
  // the draft stays on the device
  expect(loadProposalDraft(PROPOSAL_DRAFT_KEY)).toMatchObject({ title: '关于缓解学校周边交通拥堵的建议', category: 'society' })
})

test('co-signers are found by name and invited by the roster id the search gave; the draft goes once submitted', async () => {
  open({}, '/proposal/edit/index')
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'proposal.terms': () => terms,
    'proposal.searchMembers': (p: { name: string }) => ({ items: p.name === '王' ? [{ memberId: 'm-007', name: '王建国', sector: '经济界' }, { memberId: 'm-019', name: '王丽', sector: '医卫界' }] : [] }),
    'proposal.saveDraft': () => detail({ id: 'pr-new', state: 'draft', stateLabel: '草稿' }),
    'proposal.invite': () => detail({ id: 'pr-new', state: 'draft', stateLabel: '草稿' }),
    'proposal.submit': () => detail({ id: 'pr-new', state: 'cosigning', stateLabel: '征集联名' })
  })
  const nav = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
  render(<EditProposal />)
  await screen.findByText('十五届四次会议 ▾')
  fireEvent.input(document.querySelector('[aria-label="查找联名委员"] input, input[aria-label="查找联名委员"]')!, { target: { value: '王' } })
  fireEvent.click(screen.getByText('查找'))
  fireEvent.click(await screen.findByLabelText('选择王建国'))
  expect(screen.getByText('医卫界')).toBeTruthy() // hits show the sector, never the roster id
  expect(document.body.textContent).not.toContain('m-007')
  expect(screen.getByRole('button', { name: '移除王建国' })).toBeTruthy()
  expect(fake.callsOf('proposal.searchMembers')[0].payload).toEqual({ name: '王' })

  typeIntoField('.pp-title', '关于缓解学校周边交通拥堵的建议')
  fireEvent.click(screen.getByText('社会建设'))
  typeIntoField('.pp-analysis', analysis)
  typeIntoField('.pp-suggestions', suggestions)
  fireEvent.click(screen.getByText('提交提案'))
  await waitFor(() => expect(fake.callsOf('proposal.submit')).toHaveLength(1))
  expect(fake.callsOf('proposal.saveDraft')[0].payload).toMatchObject({ termId: 'term-15', sessionNumber: 4, category: 'society', title: '关于缓解学校周边交通拥堵的建议' })
  expect(fake.callsOf('proposal.invite')[0].payload).toEqual({ id: 'pr-new', memberIds: ['m-007'] })
  expect(fake.callsOf('proposal.submit')[0].payload).toEqual({ id: 'pr-new', notify: true })
  await waitFor(() => expect(loadProposalDraft(PROPOSAL_DRAFT_KEY)).toBeNull())
  expect(nav).toHaveBeenCalledWith({ url: '/proposal/detail/index?id=pr-new' })
  nav.mockRestore()
})

test('a server refusal shows its Chinese message and keeps the draft', async () => {
  open({}, '/proposal/edit/index')
  installFakeTransport({ 'user.me': () => memberMe, 'proposal.terms': () => terms, 'proposal.saveDraft': () => { throw replyError('PROPOSAL.NOT_MEMBER') } })
  render(<EditProposal />)
  await screen.findByText('十五届四次会议 ▾')
  typeIntoField('.pp-title', '关于缓解学校周边交通拥堵的建议')
  fireEvent.click(screen.getByText('社会建设'))
  typeIntoField('.pp-analysis', analysis)
  typeIntoField('.pp-suggestions', suggestions)
  fireEvent.click(screen.getByText('保存草稿'))
  const { errorMessages } = await import('@/core/errors')
  expect(await screen.findByText(errorMessages['PROPOSAL.NOT_MEMBER'])).toBeTruthy()
  expect(loadProposalDraft(PROPOSAL_DRAFT_KEY)?.title).toBe('关于缓解学校周边交通拥堵的建议')
})

test('我的提案 shows each state in Chinese, a draft kept only on this phone, and an error offers a retry', async () => {
  Taro.setStorageSync(PROPOSAL_DRAFT_KEY, JSON.stringify({ ...emptyProposalDraft, title: '关于三轮车非法运营整治的建议', savedAt: 1 }))
  let fail = true
  installFakeTransport({
    'proposal.mine': () => {
      if (fail) throw replyError('COMMON.INTERNAL')
      return { items: [summary({ state: 'draft', stateLabel: '草稿', myRole: 'proposer' }), summary({ id: 'pr-2', title: '关于广场公园建管养护的建议', state: 'filed', stateLabel: '已立案', numberLabel: '十五届四次会议第 023 号', myRole: 'cosigner' })] }
    }
  })
  render(<MyProposals />)
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  expect(screen.getByText('关于三轮车非法运营整治的建议')).toBeTruthy()
  expect(screen.getByText('本机草稿，尚未保存到服务器')).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('草稿')).toBeTruthy()
  expect(screen.getByText('已立案')).toBeTruthy()
  expect(screen.getByText(/十五届四次会议第 023 号/)).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/draft|filed|pr-2/)
})

test('the review queue files a proposal after asking and shows the number it got', async () => {
  let filed = false
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'proposal.reviewList': () => ({ items: filed ? [] : [summary()] }),
    'proposal.file': () => {
      filed = true
      return detail({ state: 'filed', stateLabel: '已立案', number: 23, numberLabel: '十五届四次会议第 023 号' })
    }
  })
  render(<ProposalReview />)
  expect(await screen.findByText('关于缓解学校周边交通拥堵的建议')).toBeTruthy()
  fireEvent.click(screen.getByText('立案'))
  expect(await screen.findByText('“关于缓解学校周边交通拥堵的建议”已立案，提案号：十五届四次会议第 023 号')).toBeTruthy()
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定立案？', confirmText: '立案', cancelText: '再想想' })
  expect(fake.callsOf('proposal.file')[0].payload).toEqual({ id: 'pr-1' })
  expect(await screen.findByText('没有待审查的提案')).toBeTruthy()
})

test('不予立案 asks first in words; 再想想 sends nothing', async () => {
  open({ id: 'pr-1' }, '/proposal/detail/index')
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'proposal.get': () => detail(),
    'proposal.notFile': () => detail({ state: 'not_filed', stateLabel: '不予立案', notFiledReason: '属于信访事项' })
  })
  render(<ProposalDetailPage />)
  // the timeline: every step with its Beijing time and who acted
  expect(await screen.findByText(/1月9日 10:00 · 林晓梅|2026年1月9日 10:00 · 林晓梅/)).toBeTruthy()
  fireEvent.click(screen.getByText('不予立案'))
  typeIntoField('.pp-reason', '属于信访事项，建议通过信访渠道反映')
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(document.querySelector('.pp-panel-confirm') as HTMLElement)
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定不予立案？', confirmText: '不予立案', cancelText: '再想想' })
  expect(fake.callsOf('proposal.notFile')).toHaveLength(0)
  fireEvent.click(document.querySelector('.pp-panel-confirm') as HTMLElement)
  expect(await screen.findByText('已不予立案')).toBeTruthy()
  expect(fake.callsOf('proposal.notFile')[0].payload).toEqual({ id: 'pr-1', reason: '属于信访事项，建议通过信访渠道反映' })
})

test('a unit signs for its part, and the overdue mark shows', async () => {
  open({ id: 'pr-1' }, '/proposal/detail/index')
  const unit = { departmentId: 'd-traffic', name: '县公安局交警大队', role: 'lead' as const, roleLabel: '主办', status: 'pending' as const, statusLabel: '待签收', deadline: '2026-04-09', overdue: true, reminders: 0 }
  const fake = installFakeTransport({
    'user.me': () => unitMe,
    'proposal.get': () => detail({ state: 'assigned', stateLabel: '办理中', assignments: [unit] }),
    'proposal.signFor': () => detail({ state: 'assigned', stateLabel: '办理中', assignments: [{ ...unit, status: 'signed', statusLabel: '办理中' }] })
  })
  render(<ProposalDetailPage />)
  expect(await screen.findByText('已超期')).toBeTruthy()
  expect(screen.getByText(/办理期限 (2026年)?4月9日/)).toBeTruthy()
  fireEvent.click(screen.getByText('签收'))
  expect(await screen.findByText('已签收，请在办理期限内答复')).toBeTruthy()
  expect(fake.callsOf('proposal.signFor')[0].payload).toEqual({ id: 'pr-1', departmentId: 'd-traffic' })
  expect(screen.getByText('答复')).toBeTruthy()
})

test('a unit replies: grade in words, contact mode, public or not, the letter', async () => {
  open({ id: 'pr-1', unit: 'd-traffic' }, '/proposal/reply/index')
  const unit = { departmentId: 'd-traffic', name: '县公安局交警大队', role: 'lead' as const, roleLabel: '主办', status: 'signed' as const, statusLabel: '办理中', deadline: '2026-04-09', overdue: false, reminders: 0 }
  const fake = installFakeTransport({
    'user.me': () => unitMe,
    'proposal.get': () => detail({ state: 'assigned', stateLabel: '办理中', assignments: [unit] }),
    'proposal.reply': () => detail({ state: 'replied', stateLabel: '已办复' })
  })
  t.chooseImage = jest.fn().mockResolvedValue({ tempFiles: [{ path: 'blob:letter.jpg', size: 2048 }], tempFilePaths: ['blob:letter.jpg'] })
  t.chooseMessageFile = jest.fn().mockResolvedValue({ tempFiles: [{ path: 'wxfile://letter.pdf', name: '答复函.pdf', size: 2048 }] })
  const nav = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
  render(<ReplyPage />)
  expect(await screen.findByText('A类（已解决或采纳）')).toBeTruthy()
  typeIntoField('.pp-reply-content', '已在学校周边设置临时停车泊位 60 个，高峰时段安排警力疏导。')
  // no letter yet, nothing chosen: refused on the phone
  fireEvent.click(screen.getByText('提交答复'))
  expect(await screen.findByText('请选择办理结果（A/B/C）')).toBeTruthy()
  fireEvent.click(screen.getByText('A类（已解决或采纳）'))
  fireEvent.click(screen.getByText('电话'))
  fireEvent.click(screen.getByText('同意公开'))
  fireEvent.click(screen.getByText('上传答复函'))
  expect(await screen.findByText(/已上传/)).toBeTruthy()
  fireEvent.click(screen.getByText('提交答复'))
  await waitFor(() => expect(fake.callsOf('proposal.reply')).toHaveLength(1))
  expect(modal.mock.calls.at(-1)[0]).toMatchObject({ title: '确定提交答复？' })
  expect(fake.callsOf('proposal.reply')[0].payload).toMatchObject({ id: 'pr-1', departmentId: 'd-traffic', grade: 'A', contactMode: 'phone', public: true, letterFileID: 'cloud://test/file' })
  await waitFor(() => expect(nav).toHaveBeenCalledWith({ url: '/proposal/detail/index?id=pr-1' }))
  nav.mockRestore()
})

test('the proposer rates a reply; 不满意 says it goes back once', async () => {
  open({ id: 'pr-1' }, '/proposal/detail/index')
  const reply = { departmentId: 'd-traffic', unitName: '县公安局交警大队', round: 1, grade: 'B' as const, gradeLabel: 'B类（正在解决或列入计划）', contactMode: 'phone' as const, contactLabel: '电话', public: true, content: '已列入明年计划。', at: '2026-03-01T02:00:00.000Z' }
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'proposal.get': () => detail({ state: 'replied', stateLabel: '已办复', replies: [reply], can: { edit: false, submit: false, withdraw: false, invite: false, answerInvitation: false, second: false, rate: ['d-traffic'] } }),
    'proposal.rate': () => detail({ state: 'rehandling', stateLabel: '再办理', replies: [{ ...reply, rating: { value: 'unsatisfied', label: '不满意', at: '2026-03-02T02:00:00.000Z' } }] })
  })
  render(<ProposalDetailPage />)
  expect(await screen.findByText('您对县公安局交警大队的答复是否满意')).toBeTruthy()
  fireEvent.click(screen.getByText('不满意'))
  expect(screen.getByText('选择不满意，答复将退回县公安局交警大队重新办理一次')).toBeTruthy()
  typeIntoField('.pp-rate .pp-textarea', '没有解决根本问题')
  fireEvent.click(document.querySelector('.pp-rate-submit') as HTMLElement)
  expect(await screen.findByText('已评价，答复已退回承办单位重新办理')).toBeTruthy()
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定提交评价？' })
  expect(fake.callsOf('proposal.rate')[0].payload).toEqual({ id: 'pr-1', departmentId: 'd-traffic', rating: 'unsatisfied', comment: '没有解决根本问题' })
  expect(screen.getByText('再办理')).toBeTruthy()
})

test('an invited member confirms co-signing; declining asks first', async () => {
  open({ id: 'pr-1' }, '/proposal/detail/index')
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'proposal.get': () => detail({ state: 'cosigning', stateLabel: '征集联名', mine: false, myRole: 'invited', can: { edit: false, submit: false, withdraw: false, invite: false, answerInvitation: true, second: false, rate: [] } }),
    'proposal.answerInvitation': (p: { accept: boolean }) => detail({ state: p.accept ? 'submitted' : 'cosigning', stateLabel: p.accept ? '待审查' : '征集联名', myRole: p.accept ? 'cosigner' : 'invited' })
  })
  render(<ProposalDetailPage />)
  expect(await screen.findByText('征集联名')).toBeTruthy()
  modal.mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('谢绝联名'))
  await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定谢绝联名？', confirmText: '谢绝联名', cancelText: '再想想' })
  expect(fake.callsOf('proposal.answerInvitation')).toHaveLength(0)
  fireEvent.click(screen.getByText('同意联名'))
  expect(await screen.findByText('已确认联名')).toBeTruthy()
  expect(fake.callsOf('proposal.answerInvitation')[0].payload).toEqual({ id: 'pr-1', accept: true, notify: true })
  expect(screen.getByText('待审查')).toBeTruthy()
})

test('the public list searches by title and filters by category, paged', async () => {
  const row = { id: 'pr-9', title: '关于东梁温泉城深度开发的建议', categoryLabel: '经济建设', numberLabel: '十五届四次会议第 001 号', proposerName: '林晓梅', stateLabel: '已办复', filedAt: '2026-01-10T02:00:00.000Z', replied: true }
  const fake = installFakeTransport({
    'user.me': () => memberMe,
    'proposal.publicList': (p: { cursor?: string; keyword?: string }) =>
      p.keyword === '不存在' ? { items: [] } : p.cursor ? { items: [{ ...row, id: 'pr-10', title: '关于广场公园建管养护的建议' }] } : { items: [row], nextCursor: 'c2' }
  })
  render(<PublicProposals />)
  expect(await screen.findByText('关于东梁温泉城深度开发的建议')).toBeTruthy()
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('关于广场公园建管养护的建议')).toBeTruthy()
  fireEvent.click(screen.getAllByText('经济建设').find((el) => el.closest('[role="radio"]'))!)
  await waitFor(() => expect(fake.callsOf('proposal.publicList').at(-1)!.payload).toMatchObject({ category: 'economy' }))
  typeIntoField('.pp-public-query', '不存在')
  fireEvent.click(screen.getByText('搜索'))
  expect(await screen.findByText('没有符合条件的公开提案')).toBeTruthy()
  expect(fake.callsOf('proposal.publicList').at(-1)!.payload).toMatchObject({ category: 'economy', keyword: '不存在', limit: 20 })
})

test('assignment: a lead unit and an assisting unit picked from the list, the default deadline in words', async () => {
  open({ id: 'pr-1' }, '/proposal/assign/index')
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'proposal.get': () => detail({ state: 'filed', stateLabel: '已立案', numberLabel: '十五届四次会议第 023 号', suggestedUnits: [{ id: 'd-traffic', name: '县公安局交警大队' }] }),
    'proposal.terms': () => terms,
    'proposal.units': () => ({ items: [{ id: 'd-traffic', name: '县公安局交警大队' }, { id: 'd-edu', name: '县教育局' }] }),
    'proposal.assign': () => detail({ state: 'assigned', stateLabel: '办理中' })
  })
  const nav = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never)
  render(<AssignPage />)
  expect(await screen.findByText('默认：交办之日起 3 个月 ▾')).toBeTruthy()
  // nothing chosen: the contract refuses on the phone
  fireEvent.click(document.querySelector('.pp-assign-submit') as HTMLElement)
  expect(await screen.findByText('请选择承办单位')).toBeTruthy()
  expect(fake.callsOf('proposal.assign')).toHaveLength(0)
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '主办单位' })).getByText('县公安局交警大队（提案人建议）'))
  fireEvent.click(within(screen.getByRole('group', { name: '协办单位' })).getByText('县教育局'))
  fireEvent.click(document.querySelector('.pp-assign-submit') as HTMLElement)
  await waitFor(() => expect(fake.callsOf('proposal.assign')).toHaveLength(1))
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定交办？' })
  expect(fake.callsOf('proposal.assign')[0].payload).toEqual({ id: 'pr-1', mode: 'lead', unitIds: ['d-traffic'], assistUnitIds: ['d-edu'] })
  await waitFor(() => expect(nav).toHaveBeenCalledWith({ url: '/proposal/detail/index?id=pr-1' }))
  nav.mockRestore()
})

test('the overdue list reminds every late unit of a proposal (催办)', async () => {
  const late = { departmentId: 'd-traffic', name: '县公安局交警大队', role: 'lead' as const, roleLabel: '主办', status: 'signed' as const, statusLabel: '办理中', deadline: '2025-04-09', overdue: true, reminders: 0 }
  const onTime = { ...late, departmentId: 'd-edu', name: '县教育局', role: 'assist' as const, roleLabel: '协办', overdue: false, deadline: '2026-12-31' }
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'proposal.overdue': () => ({ items: [summary({ state: 'assigned', stateLabel: '办理中', overdue: true, numberLabel: '十五届四次会议第 023 号', units: [{ name: late.name, role: 'lead', status: 'signed', deadline: late.deadline, overdue: true }] })] }),
    'proposal.get': () => detail({ state: 'assigned', stateLabel: '办理中', assignments: [late, onTime] }),
    'proposal.remind': () => detail({ state: 'assigned', stateLabel: '办理中', assignments: [{ ...late, reminders: 1 }, onTime] })
  })
  render(<OverdueProposals />)
  // a deadline of another year carries the year
  expect(await screen.findByText(/县公安局交警大队 期限 2025年4月9日/)).toBeTruthy()
  fireEvent.click(screen.getByText('催办'))
  expect(await screen.findByText('已向县公安局交警大队催办')).toBeTruthy()
  expect(fake.callsOf('proposal.remind').map((c) => c.payload)).toEqual([{ id: 'pr-1', departmentId: 'd-traffic' }])
})

test("a unit's tasks: open ones first, each with its part, deadline and overdue mark; empty says so", async () => {
  const myUnit = { departmentId: 'd-traffic', name: '县公安局交警大队', role: 'lead' as const, roleLabel: '主办', status: 'pending' as const, statusLabel: '待签收', deadline: '2026-04-09', overdue: true, reminders: 1 }
  const fake = installFakeTransport({
    'user.me': () => unitMe,
    'proposal.tasks': (p: { open?: boolean }) => ({ items: p.open ? [{ ...summary({ state: 'assigned', stateLabel: '办理中', numberLabel: '十五届四次会议第 023 号' }), myUnit }] : [] })
  })
  render(<ProposalTasks />)
  expect(await screen.findByText(/县公安局交警大队（主办）· 待签收 · 办理期限/)).toBeTruthy()
  expect(screen.getByText('已超期')).toBeTruthy()
  expect(fake.callsOf('proposal.tasks')[0].payload).toMatchObject({ open: true })
  fireEvent.click(screen.getByText('全部'))
  expect(await screen.findByText('还没有交给本单位的提案')).toBeTruthy()
})

test('staff who are not members write a collective proposal under its name', async () => {
  open({}, '/proposal/edit/index')
  const fake = installFakeTransport({ 'user.me': () => staffMe, 'proposal.terms': () => terms, 'proposal.units': () => ({ items: [{ id: 'd-edu', name: '县教育局' }] }), 'proposal.saveDraft': () => detail({ state: 'draft', stateLabel: '草稿', collective: true }) })
  render(<EditProposal />)
  await screen.findByText('县教育局')
  typeIntoField('.pp-collective', '政协提案委员会')
  typeIntoField('.pp-title', '关于缓解学校周边交通拥堵的建议')
  fireEvent.click(screen.getByText('社会建设'))
  fireEvent.click(screen.getByText('县教育局'))
  typeIntoField('.pp-analysis', analysis)
  typeIntoField('.pp-suggestions', suggestions)
  fireEvent.click(screen.getByText('保存草稿'))
  expect(await screen.findByText('草稿已保存，可在“我的提案”中继续修改')).toBeTruthy()
  expect(fake.callsOf('proposal.saveDraft')[0].payload).toMatchObject({ collectiveName: '政协提案委员会', suggestedUnitIds: ['d-edu'] })
})

test('不予立案 may turn the proposal into a 社情民意 item of a chosen category', async () => {
  open({ id: 'pr-1' }, '/proposal/detail/index')
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'proposal.get': () => detail(),
    'opinion.categories': () => ({ items: [{ id: 'cat-livelihood', name: '民生保障', active: true, sortKey: 30 }] }),
    'proposal.notFile': () => detail({ state: 'not_filed', stateLabel: '不予立案' })
  })
  render(<ProposalDetailPage />)
  fireEvent.click(await screen.findByText('不予立案'))
  typeIntoField('.pp-reason', '属于具体民生诉求，转社情民意渠道办理')
  fireEvent.click(screen.getByRole('switch', { name: '转为社情民意' }))
  fireEvent.click(await screen.findByText('民生保障'))
  fireEvent.click(document.querySelector('.pp-panel-confirm') as HTMLElement)
  expect(await screen.findByText('已不予立案')).toBeTruthy()
  expect(modal.mock.calls[0][0].content).toBe('理由：属于具体民生诉求，转社情民意渠道办理；并转为社情民意信息')
  expect(fake.callsOf('proposal.notFile')[0].payload).toEqual({ id: 'pr-1', reason: '属于具体民生诉求，转社情民意渠道办理', convertToOpinion: true, opinionCategoryId: 'cat-livelihood' })
})

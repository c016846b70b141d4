/** 议题详情 and 提出议题: support, comments, reports, what the author of a hidden comment sees, similar topics before proposing. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import TopicPage from '@/pages/topic/index'
import ProposeTopic from '@/pages/consultation/propose/index'
import { setTransport } from '@/services'
import type { TopicDetail } from '@/core/actions/topic'
import { installFakeTransport, replyError } from './support/fake-transport'

const taroModule = require('@tarojs/taro') as { showModal: unknown }
const originalModal = taroModule.showModal
afterEach(() => {
  setTransport(undefined)
  taroModule.showModal = originalModal
})

function detail(over: Partial<TopicDetail> = {}): TopicDetail {
  return {
    id: 'topic-agate',
    title: '提升玛瑙产业发展水平',
    category: '产业发展',
    state: 'proposed',
    supportCount: 12,
    commentCount: 1,
    place: '十家子镇',
    proposedAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
    description: '玛瑙加工户多是家庭作坊。',
    images: [],
    proposerName: '王晓岚委员',
    isProposer: false,
    supported: false,
    canSupport: true,
    canComment: true,
    recommendations: [],
    reopenCount: 0,
    timeline: [{ state: 'proposed', at: '2026-11-01T02:00:00.000Z' }],
    comments: { items: [{ id: 'c1', authorName: '群众2117', text: '希望建设加工园区。', createdAt: '2026-11-01T03:00:00.000Z', status: 'visible', mine: false }] },
    fileUrls: {},
    ...over
  }
}

/** Types into a Taro Textarea (a custom element in jsdom: it reports `input` with `detail.value`). */
function typeInto(label: string, value: string) {
  const el = document.querySelector(`[aria-label="${label}"]`)
  if (!el) throw new Error(`no field ${label}`)
  el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
}

function open(id: string) {
  const current = Current as { router: unknown }
  current.router = { params: { id }, path: '/pages/topic/index' }
}

test('supporting updates the count and offers withdrawal', async () => {
  open('topic-agate')
  let supported = false
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.get': () => detail(supported ? { supportCount: 13, supported: true, canSupport: false } : {}),
    'topic.support': () => {
      supported = true
      return { supportCount: 13, supported: true }
    }
  })
  render(<TopicPage />)
  expect(await screen.findByText('提升玛瑙产业发展水平')).toBeTruthy()
  expect(screen.getByText(/12 人附议/)).toBeTruthy()
  fireEvent.click(screen.getByText('附议'))
  expect(await screen.findByText(/13 人附议/)).toBeTruthy()
  expect(fake.callsOf('topic.support')[0].payload).toEqual({ id: 'topic-agate', subscribe: false })
  expect(screen.getByText('已附议 · 撤回')).toBeTruthy()
})

test('a comment is sent with its text; a repeated report shows the server’s Chinese message', async () => {
  open('topic-agate')
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.get': () => detail(),
    'topic.comment': (p: { text: string }) => ({ id: 'c2', authorName: '群众1234', text: p.text, createdAt: '2026-11-03T03:00:00.000Z', status: 'held', mine: true }),
    'topic.report': () => {
      throw replyError('TOPIC.ALREADY_REPORTED')
    }
  })
  render(<TopicPage />)
  expect(await screen.findByText('希望建设加工园区。')).toBeTruthy()
  typeInto('评论内容', '加微信领红包')
  fireEvent.click(screen.getByText('发表评论'))
  await waitFor(() => expect(fake.callsOf('topic.comment')).toHaveLength(1))
  expect(fake.callsOf('topic.comment')[0].payload).toEqual({ id: 'topic-agate', text: '加微信领红包' })
  fireEvent.click(screen.getByText('举报'))
  expect(await screen.findByText('您已举报过这条评论，我们会尽快处理')).toBeTruthy()
})

test('after the deadline there is no comment box, and the author sees why their comment is hidden', async () => {
  open('topic-clinic')
  installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.get': () =>
      detail({
        state: 'open_for_input',
        canComment: false,
        input: { question: '最希望增加哪些科室？', deadline: '2026-11-20T10:00:00.000Z' },
        comments: { items: [{ id: 'c9', authorName: '群众1234', text: '我的意见', createdAt: '2026-11-01T03:00:00.000Z', status: 'hidden', statusReason: '该评论被 3 位用户举报，已暂时隐藏，等待管理员处理', mine: true }] }
      })
  })
  render(<TopicPage />)
  expect(await screen.findByText('征求意见已截止')).toBeTruthy()
  expect(screen.queryByText('发表评论')).toBeNull()
  expect(screen.getByText(/截止时间：(2026年)?11月20日 18:00/)).toBeTruthy()
  expect(screen.getByText(/已隐藏：该评论被 3 位用户举报/)).toBeTruthy()
})

test('propose: similar open topics are offered first; 附议 supports one, 仍要提交 proposes anyway', async () => {
  const navigate = jest.fn(() => Promise.resolve())
  const Taro = require('@tarojs/taro')
  Taro.redirectTo = navigate
  const modal = jest.fn((_: { title: string; content: string }) => Promise.resolve({ confirm: true }))
  const savedModal = Taro.showModal
  Taro.showModal = modal
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.similar': () => ({ items: [{ id: 'topic-agate', title: '提升玛瑙产业发展水平', state: 'proposed', supportCount: 12, score: 0.71 }] }),
    'topic.support': () => ({ supported: true }),
    'topic.propose': () => ({ id: 't-new', state: 'proposed', refNo: '20261202-4821' })
  })
  render(<ProposeTopic />)
  const inputs = document.querySelectorAll('input')
  fireEvent.input(inputs[0], { target: { value: '提升玛瑙产业的发展' } })
  typeInto('问题描述', '十家子镇玛瑙加工户需要集中的加工园区。')
  fireEvent.click(screen.getByText('产业发展'))
  fireEvent.click(screen.getByText('提交议题'))
  expect(await screen.findByText('已有相似的议题')).toBeTruthy()
  expect(screen.getByText(/相似度 71%/)).toBeTruthy()
  fireEvent.click(screen.getByText('附议此议题'))
  expect(await screen.findByText('已附议')).toBeTruthy()
  fireEvent.click(screen.getByText('不是同一问题，仍要提交'))
  await waitFor(() => expect(fake.callsOf('topic.propose')).toHaveLength(1))
  expect(fake.callsOf('topic.propose')[0].payload).toMatchObject({ title: '提升玛瑙产业的发展', category: '产业发展', ignoreSimilar: true })
  await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/pages/topic/index?id=t-new' }))
  // The proposer was told the reference number before the page changed.
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '议题已提交', content: expect.stringContaining('受理编号：20261202-4821') })
  Taro.showModal = savedModal
})

test('staff: a decline without a reason is stopped on the phone; selecting sends the chosen studio', async () => {
  open('topic-agate')
  const { default: StaffTopic } = await import('@/staff/topic/index')
  const fake = installFakeTransport({
    'topic.get': () => detail(),
    'topic.options': () => ({ studios: [{ id: 'studio-04', name: '玛瑙产业委员工作室' }], committees: [{ id: 'committee-economy', name: '县政协经济和农业委员会' }], departments: [] }),
    'topic.list': () => ({ items: [] }),
    'topic.select': () => ({ state: 'selected' })
  })
  const Taro = require('@tarojs/taro')
  const modal = jest.fn().mockResolvedValue({ confirm: true, cancel: false })
  Taro.showModal = modal
  render(<StaffTopic />)
  fireEvent.click(await screen.findByText('不予立题', { selector: '.nut-button *' }))
  expect(await screen.findByText('不予立题的理由至少 4 个字')).toBeTruthy()
  expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定不予立题？', confirmText: '不予立题', cancelText: '再想想' })
  expect(fake.callsOf('topic.decline')).toHaveLength(0)
  fireEvent.click(await screen.findByText('玛瑙产业委员工作室'))
  fireEvent.click(screen.getByText('立题', { selector: '.nut-button *' }))
  await waitFor(() => expect(fake.callsOf('topic.select')).toHaveLength(1))
  expect(fake.callsOf('topic.select')[0].payload).toEqual({ id: 'topic-agate', organiserType: 'studio', organiserId: 'studio-04' })
})

test('department: the result goes with the uploaded evidence; another department’s refusal is shown', async () => {
  const Taro = require('@tarojs/taro')
  Taro.chooseImage = jest.fn(() => Promise.resolve({ tempFilePaths: ['blob:http://localhost/evidence'] }))
  const { default: DepartmentTasks } = await import('@/department/tasks/index')
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oDept', roles: ['public', 'department'], studioIds: [], departmentIds: ['dept-education'] }),
    'topic.departmentTasks': () => ({
      items: [
        {
          topicId: 'topic-school-traffic',
          topicTitle: '缓解学校周边上下学交通拥堵',
          topicState: 'consulted',
          recommendation: { id: 'topic-school-traffic:r2', departmentId: 'dept-education', departmentName: '县教育局', text: '指导学校实行分年级错峰放学', status: 'open', progress: [], evidence: [], beforePhotos: [], afterPhotos: [] }
        }
      ]
    }),
    'topic.postResult': () => {
      throw replyError('TOPIC.NOT_YOUR_DEPARTMENT')
    }
  })
  render(<DepartmentTasks />)
  expect(await screen.findByText('指导学校实行分年级错峰放学')).toBeTruthy()
  fireEvent.click(screen.getAllByText('已解决')[0])
  typeInto('办理结果说明', '全县小学已实行分年级错峰放学')
  await waitFor(() => expect(screen.getByText(/上传佐证材料/).closest('.nut-button')?.className).not.toMatch(/disabled/))
  fireEvent.click(screen.getByText(/上传佐证材料/))
  await waitFor(() => expect(document.querySelectorAll('.cx-photo').length).toBe(1))
  // 再想想 first: nothing is sent; then 提交.
  Taro.showModal = jest.fn().mockResolvedValueOnce({ confirm: false, cancel: true }).mockResolvedValueOnce({ confirm: true, cancel: false })
  fireEvent.click(screen.getByText('提交办理结果'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1))
  expect(Taro.showModal.mock.calls[0][0]).toMatchObject({ title: '确定提交办理结果？', confirmText: '提交', cancelText: '再想想' })
  expect(fake.callsOf('topic.postResult')).toHaveLength(0)
  fireEvent.click(screen.getByText('提交办理结果'))
  expect(await screen.findByText('只能办理本单位负责的建议')).toBeTruthy()
  const sent = fake.callsOf('topic.postResult')[0].payload as { evidence: string[]; result: string }
  expect(sent).toMatchObject({ recommendationId: 'topic-school-traffic:r2', result: 'resolved', evidence: ['cloud://test/file'] })
})

test('the proposer of a topic held by the content check sees why instead of the support bar', async () => {
  open('t-held')
  installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.get': () => detail({ id: 't-held', isProposer: true, canSupport: false, heldReason: '议题正在等待人工审核，审核通过后公开显示' })
  })
  render(<TopicPage />)
  expect(await screen.findByText('议题正在等待人工审核，审核通过后公开显示')).toBeTruthy()
  expect(screen.queryByText(/人附议/)).toBeNull()
})

test('moderation: held topic content shows its Chinese reason and is released with its key', async () => {
  const { default: TopicModeration } = await import('@/staff/topic-moderation/index')
  let released = false
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oStaff', roles: ['public', 'staff'], studioIds: [], departmentIds: [] }),
    'topic.heldContent': () => ({
      items: released
        ? []
        : [
            { topicId: 't-1', topicTitle: '村口路灯长期不亮', key: 'image:abc', kind: 'image', label: '议题图片', reason: '图片待人工复核', image: { fileID: 'cloud://x/topic-images/t-1/a.png' }, author: '群众A1B2', at: '2026-11-01T02:00:00.000Z' }
          ]
    }),
    'topic.heldComments': () => ({ items: [] }),
    'topic.release': () => {
      released = true
      return { decision: 'approve', remaining: 0 }
    }
  })
  render(<TopicModeration />)
  expect(await screen.findByText('图片待人工复核')).toBeTruthy()
  expect(screen.queryByText('review')).toBeNull()
  fireEvent.click(screen.getAllByText('公开')[0])
  await waitFor(() => expect(fake.callsOf('topic.release')).toHaveLength(1))
  expect(fake.callsOf('topic.release')[0].payload).toEqual({ id: 't-1', key: 'image:abc', decision: 'approve' })
  expect(await screen.findByText('没有待审核的议题内容')).toBeTruthy()
})

test('propose: a title cut at 40 characters keeps every emoji whole, and the counter counts a family emoji as one', async () => {
  installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.similar': () => ({ items: [] })
  })
  render(<ProposeTopic />)
  const family = '👨‍👩‍👧‍👦'
  const title = document.querySelectorAll('input')[0]
  // 39 characters and then two family emoji: 41 characters, 61 UTF-16 units.
  fireEvent.input(title, { target: { value: `${'议'.repeat(39)}${family}${family}` } })
  await waitFor(() => expect((document.querySelectorAll('input')[0] as HTMLInputElement).value).toBe(`${'议'.repeat(39)}${family}`))
  expect(screen.getByText('40/40')).toBeTruthy()
  typeInto('问题描述', `${family}小区门口${family}`)
  expect(await screen.findByText('6/2000')).toBeTruthy()
})

test('propose: similar open topics appear under the title while it is typed, before anything is submitted', async () => {
  const fake = installFakeTransport({
    'user.me': () => ({ openid: 'oX', roles: ['public'], studioIds: [], departmentIds: [] }),
    'topic.similar': () => ({ items: [{ id: 'topic-agate', title: '提升玛瑙产业发展水平', state: 'proposed', supportCount: 12, score: 0.71 }] })
  })
  render(<ProposeTopic />)
  fireEvent.input(document.querySelectorAll('input')[0], { target: { value: '玛瑙' } })
  await new Promise((r) => setTimeout(r, 800))
  expect(fake.callsOf('topic.similar')).toHaveLength(0)
  fireEvent.input(document.querySelectorAll('input')[0], { target: { value: '玛瑙产业发展' } })
  expect(await screen.findByText('已有相似的议题，可以直接附议：', undefined, { timeout: 2000 })).toBeTruthy()
  expect(screen.getByText('提升玛瑙产业发展水平')).toBeTruthy()
  expect(screen.getByText('征集附议 · 12 人附议')).toBeTruthy()
  expect(fake.callsOf('topic.propose')).toHaveLength(0)
  expect(fake.callsOf('topic.similar')[0].payload).toMatchObject({ title: '玛瑙产业发展' })
})

/**
 * 反映 (社情民意) pages in jsdom with a scripted transport: the form counts
 * characters as the server does, refuses empty input before sending, keeps
 * the draft on the device until the server accepts it, retries with the same
 * requestId, and shows server refusals; 我的反映 shows where each item is.
 */
import { render, screen, fireEvent, cleanup } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Opinion from '@/pages/opinion/index'
import MyOpinions from '@/pages/opinion/mine/index'
import { DRAFT_KEY, loadDraft } from '@/pages/opinion/parts'
import { setTransport } from '@/services'
import { installFakeTransport, replyError } from './support/fake-transport'
import { typeInto } from './support/type-into'

// The shared Taro stand-in (support/taro.js) carries taro-h5's default export, which lacks the
// storage APIs; give it taro-h5's own (localStorage-backed) implementations.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const taroH5 = require('@tarojs/taro-h5')
for (const api of ['getStorageSync', 'setStorageSync', 'removeStorageSync'] as const) {
  const t = Taro as unknown as Record<string, unknown>
  if (typeof t[api] !== 'function') t[api] = taroH5[api]
}

afterEach(() => {
  setTransport(undefined)
  localStorage.clear()
})

const categories = { items: [{ id: 'cat-livelihood', name: '民生保障', active: true, sortKey: 30 }, { id: 'cat-ecology', name: '生态环境', active: true, sortKey: 50 }] }
const me = { openid: 'oDemoPublic0000000000000001', roles: ['public'], studioIds: [], departmentIds: [] }
const summary = { id: 'op-1', title: '关于小区门口增设减速带的建议', categoryName: '民生保障', state: 'submitted', statusLabel: '已收到', receivedAt: '2026-11-29T02:00:00.000Z', refNo: '20261129-0642', anonymous: false, submitter: '我', imageCount: 0, key: false }

function fillForm(title: string, content: string) {
  fireEvent.input(document.querySelector('.op-form__input input')!, { target: { value: title } })
  fireEvent.click(screen.getByText('民生保障'))
  typeInto(document.querySelector('.op-form taro-textarea-core, .op-form textarea'), content)
}

const submitButton = () => document.querySelector('.op-form__submit') as HTMLElement

test('counts what a person sees (an emoji is one) and refuses an empty title before sending', async () => {
  const fake = installFakeTransport({ 'user.me': () => me, 'opinion.categories': () => categories, 'opinion.submit': () => summary })
  render(<Opinion />)
  expect(await screen.findByText('民生保障')).toBeTruthy()
  fillForm('  ', '👨‍👩‍👧'.repeat(12))
  expect(screen.getByText('12/3000')).toBeTruthy()
  fireEvent.click(submitButton())
  expect(await screen.findByText('请填写标题')).toBeTruthy()
  expect(fake.callsOf('opinion.submit')).toHaveLength(0)
})

test('the draft is kept on the device, survives a restart, and goes only when the server accepted it', async () => {
  let answer: 'network' | 'risky' | 'ok' = 'network'
  const fake = installFakeTransport({
    'user.me': () => me,
    'opinion.categories': () => categories,
    'opinion.submit': () => {
      if (answer === 'network') throw new Error('socket hang up')
      if (answer === 'risky') throw replyError('CONTENT.RISKY')
      return summary
    }
  })
  render(<Opinion />)
  await screen.findByText('民生保障')
  fillForm(summary.title, '小区门口车速过快，老人孩子出行不安全，建议增设减速带。')
  expect(loadDraft(DRAFT_KEY)).toMatchObject({ title: summary.title, categoryId: 'cat-livelihood' })

  // closing the app and opening it again: the draft comes back
  cleanup()
  render(<Opinion />)
  expect(await screen.findByText('已恢复上次未提交的草稿')).toBeTruthy()
  expect((document.querySelector('.op-form__input input') as HTMLInputElement).value).toBe(summary.title)

  // no answer (network): message shown, draft kept; the retry reuses the request id
  fireEvent.click(submitButton())
  expect(await screen.findByText('网络不稳定，请检查网络后重试')).toBeTruthy()
  answer = 'risky'
  fireEvent.click(submitButton())
  expect(await screen.findByText('内容含有违规信息，未能提交，请修改后再试')).toBeTruthy()
  const ids = fake.callsOf('opinion.submit').map((c) => c.requestId)
  expect(new Set(ids).size).toBe(1)
  expect(loadDraft(DRAFT_KEY)?.title).toBe(summary.title)

  answer = 'ok'
  fireEvent.click(submitButton())
  expect(await screen.findByText('提交成功')).toBeTruthy()
  expect(screen.getByText('已收到')).toBeTruthy()
  expect(screen.getByText('受理编号：20261129-0642')).toBeTruthy()
  expect(loadDraft(DRAFT_KEY)).toBeNull()
  expect(fake.callsOf('opinion.submit').at(-1)!.payload).toMatchObject({ title: summary.title, categoryId: 'cat-livelihood', anonymous: false, mayPublish: true, images: [] })
})

test('anonymous hides the phone field', async () => {
  installFakeTransport({ 'user.me': () => me, 'opinion.categories': () => categories })
  render(<Opinion />)
  await screen.findByText('民生保障')
  expect(screen.getByText('联系电话（选填，仅工作人员可见）')).toBeTruthy()
  fireEvent.click(screen.getByRole('switch', { name: '匿名反映' }))
  expect(screen.queryByText('联系电话（选填，仅工作人员可见）')).toBeNull()
})

test('我的反映 shows each item with where it is now; an error offers a retry', async () => {
  let fail = true
  installFakeTransport({
    'opinion.mine': () => {
      if (fail) throw replyError('COMMON.INTERNAL')
      return { items: [summary, { ...summary, id: 'op-2', title: '关于河道垃圾清理的建议', state: 'published', statusLabel: '已编入第3期' }] }
    }
  })
  render(<MyOpinions />)
  expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('已编入第3期')).toBeTruthy()
  expect(screen.getByText('关于河道垃圾清理的建议')).toBeTruthy()
  expect(screen.getByText('已收到')).toBeTruthy()
})

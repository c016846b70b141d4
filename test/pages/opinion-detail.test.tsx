/** 社情民意 detail (staff): the history says who acted by name (我 for the caller), never by OPENID. */
import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import StaffOpinionDetail from '@/staff/opinion-detail/index'
import { setTransport } from '@/services'
import type { OpinionDetail } from '@/core/actions/opinion'
import { installFakeTransport } from './support/fake-transport'
import { staffMe } from './fixtures'

afterEach(() => setTransport(undefined))

const item: OpinionDetail = {
  id: 'op-1',
  title: '关于小区门口增设减速带的建议',
  categoryId: 'cat-livelihood',
  categoryName: '民生保障',
  state: 'in_review',
  statusLabel: '处理中',
  receivedAt: '2026-03-01T02:00:00.000Z',
  refNo: '20260301-0417',
  anonymous: false,
  submitter: '群众',
  imageCount: 0,
  key: false,
  content: '小区门口车速过快，老人孩子出行不安全，建议增设减速带。',
  images: [],
  mayPublish: true,
  notify: [],
  timeline: [],
  upward: [],
  canEdit: false,
  mine: false,
  history: [
    { action: 'submit', byName: '提交人 群众', byMe: false, at: '2026-03-01T02:00:00.000Z' },
    { action: 'accept', byName: '李春燕', byMe: true, at: '2026-03-02T02:00:00.000Z' },
    { action: 'return', byName: '王建华', byMe: false, at: '2026-03-03T02:00:00.000Z', note: '请补充地点' }
  ]
}

test('history by name: the submitter, 我 for the caller, a colleague by name', async () => {
  const current = Current as { router: unknown }
  current.router = { params: { id: 'op-1' }, path: '/staff/opinion-detail/index' }
  installFakeTransport({ 'user.me': () => staffMe, 'opinion.get': () => item, 'opinion.categories': () => ({ items: [] }) })
  const { container } = render(<StaffOpinionDetail />)
  expect(await screen.findByText(/提交人 群众/)).toBeTruthy()
  expect(container.textContent).toMatch(/我\s*受理|我 /)
  expect(container.textContent).toContain('王建华')
  expect(container.textContent).not.toContain('李春燕') // the caller's own steps say 我
  expect(container.textContent).not.toContain(staffMe.openid)
})

test('不采用 asks “确定不采用这条信息？” first: 再想想 sends nothing, 不采用 sends the reason', async () => {
  const current = Current as { router: unknown }
  current.router = { params: { id: 'op-1' }, path: '/staff/opinion-detail/index' }
  const Taro = require('@tarojs/taro') as { showModal: unknown }
  const original = Taro.showModal
  const modal = jest.fn().mockResolvedValueOnce({ confirm: false, cancel: true }).mockResolvedValueOnce({ confirm: true, cancel: false })
  Taro.showModal = modal
  const fake = installFakeTransport({ 'user.me': () => staffMe, 'opinion.get': () => item, 'opinion.categories': () => ({ items: [] }), 'opinion.reject': () => ({ state: 'rejected' }) })
  try {
    render(<StaffOpinionDetail />)
    fireEvent.click(await screen.findByText('不采用', { selector: '.nut-button *' }))
    document.querySelector('.sod__textarea')!.dispatchEvent(new CustomEvent('input', { detail: { value: '所反映问题已在办理中' }, bubbles: true }))
    fireEvent.click(screen.getByText('确认不采用'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定不采用这条信息？', confirmText: '不采用', cancelText: '再想想' })
    expect(fake.callsOf('opinion.reject')).toHaveLength(0)
    fireEvent.click(screen.getByText('确认不采用'))
    await waitFor(() => expect(fake.callsOf('opinion.reject')).toHaveLength(1))
    expect(fake.callsOf('opinion.reject')[0].payload).toMatchObject({ id: 'op-1', reason: '所反映问题已在办理中' })
  } finally {
    Taro.showModal = original
  }
})

test('合并 picks the target from the review queue by title (never a typed id), asks first, and sends the chosen item', async () => {
  const current = Current as { router: unknown }
  current.router = { params: { id: 'op-1' }, path: '/staff/opinion-detail/index' }
  const Taro = require('@tarojs/taro') as { showModal: unknown }
  const original = Taro.showModal
  const modal = jest.fn().mockResolvedValue({ confirm: true, cancel: false })
  Taro.showModal = modal
  const queue = [
    { ...item, id: 'op-1' }, // the item itself: never offered
    { ...item, id: 'op-2', title: '关于城关镇小区增设减速带的建议', submitter: '信息员', receivedAt: '2026-02-20T02:00:00.000Z', state: 'in_review' as const },
    { ...item, id: 'op-3', title: '关于学校门口交通安全的建议', submitter: '匿名', anonymous: true, state: 'merged' as const }, // cannot receive a merge
    { ...item, id: 'op-4', title: '关于农村客运班线的建议', submitter: '王晓岚', state: 'submitted' as const }
  ]
  const fake = installFakeTransport({
    'user.me': () => staffMe,
    'opinion.get': () => item,
    'opinion.categories': () => ({ items: [] }),
    'opinion.reviewList': ({ keyword }: { keyword?: string }) => ({ items: queue.filter((o) => !keyword || o.title.includes(keyword)) }),
    'opinion.merge': () => ({ ...item, state: 'merged' })
  })
  try {
    render(<StaffOpinionDetail />)
    fireEvent.click(await screen.findByText('合并', { selector: '.nut-button *' }))
    expect(await screen.findByText('关于城关镇小区增设减速带的建议')).toBeTruthy()
    expect(screen.getByText('关于农村客运班线的建议')).toBeTruthy()
    expect(screen.queryByText('关于学校门口交通安全的建议')).toBeNull()
    expect(screen.getAllByText('关于小区门口增设减速带的建议')).toHaveLength(1) // the heading only, not a candidate
    expect(screen.getByText(/信息员 · 民生保障 · .*2月20日/)).toBeTruthy()
    expect(screen.getByText('确认合并').closest('.nut-button')!.className).toMatch(/disabled/)
    // Searching narrows the queue by a word of the title.
    const search = document.querySelector('[aria-label="查找合并目标"] input, input[aria-label="查找合并目标"]') as HTMLInputElement
    fireEvent.input(search, { target: { value: '减速带' } })
    fireEvent.click(screen.getByText('查找'))
    await waitFor(() => expect(fake.callsOf('opinion.reviewList').pop()!.payload).toMatchObject({ keyword: '减速带' }))
    fireEvent.click(await screen.findByLabelText('选择关于城关镇小区增设减速带的建议'))
    expect(screen.queryByText('关于农村客运班线的建议')).toBeNull()
    expect(screen.getByText('合并到：关于城关镇小区增设减速带的建议')).toBeTruthy()
    fireEvent.click(screen.getByText('确认合并'))
    await waitFor(() => expect(fake.callsOf('opinion.merge')).toHaveLength(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定合并这条信息？', confirmText: '合并', cancelText: '再想想' })
    expect(fake.callsOf('opinion.merge')[0].payload).toEqual({ id: 'op-1', intoId: 'op-2' })
    expect(document.body.textContent).not.toMatch(/op-\d/)
  } finally {
    Taro.showModal = original
  }
}, 20_000)

/** 社情民意 detail (staff): the history says who acted by name (我 for the caller), never by OPENID. */
import { render, screen } from '@testing-library/react'
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

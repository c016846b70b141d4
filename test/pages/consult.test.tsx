/** 协商: topics by state, load more, and the state filter. */
import { render, screen, fireEvent } from '@testing-library/react'
import Consult from '@/pages/consult/index'
import { setTransport } from '@/services'
import { installFakeTransport } from './support/fake-transport'
import { topics } from './fixtures'

afterEach(() => setTransport(undefined))

test('lists topics, loads the next page, and filters by state', async () => {
  const fake = installFakeTransport({
    'topic.list': (payload: { state?: string; cursor?: string }) => {
      if (payload.state === 'closed') return { items: [] }
      if (payload.cursor === 'p2') return { items: [topics[1]] }
      return { items: [topics[0]], nextCursor: 'p2' }
    }
  })
  render(<Consult />)
  expect(await screen.findByText('绕阳河源头治理')).toBeTruthy()
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('学校周边交通拥堵')).toBeTruthy()
  expect(screen.getByText('没有更多了')).toBeTruthy()
  expect(fake.callsOf('topic.list')[1].payload).toEqual({ limit: 20, cursor: 'p2' })

  fireEvent.click(screen.getByText('已办结'))
  expect(await screen.findByText('没有“已办结”的议题')).toBeTruthy()
  expect(fake.callsOf('topic.list')[2].payload).toEqual({ state: 'closed', limit: 20 })
})

/**
 * The compiled mini-program's topic page (dist/weapp, pages/topic/index,
 * rendered by miniprogram-simulate) for a demo topic, answered by the real
 * `consultation` function on an in-memory emulator with the demo county:
 * title, state, supporters, background, comments with a reply, the comment
 * box — as the public persona.
 */
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

const cloud = useWeappWithCloud('public')

test('the topic page renders a demo topic with its comments from the consultation function', async () => {
  const page = renderPage('pages/topic/index', { id: 'topic-agate' })
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('提升玛瑙产业发展水平') && text().includes('十家子的玛瑙加工户'), () => text().slice(0, 600))
  expect(text()).toContain('征集附议')
  expect(text()).toMatch(/12 人附议/)
  expect(text()).toContain('附议')
  // comments, newest first, with the reply naming whom it answers; the held one is not shown to others
  expect(text()).toMatch(/回复 群众2117/)
  expect(text()).not.toContain('加微信领红包')
  expect(text()).toContain('发表评论')
  // one request for the whole topic page (topic + support + first comments)
  expect(cloud.events.filter((e) => e.name === 'consultation').map((e) => e.data.action)).toEqual(['topic.get'])
  expect(cloud.events.find((e) => e.data.action === 'topic.get')!.data.payload).toEqual({ id: 'topic-agate' })
})

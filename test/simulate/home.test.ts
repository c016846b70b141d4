/**
 * The compiled mini-program's home page (dist/weapp, rendered by
 * miniprogram-simulate) with wx.cloud.callFunction answered by the real
 * cloud functions on an in-memory emulator holding the demo county.
 */
import { studios, topics } from '../../database/demo/county'
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

const cloud = useWeappWithCloud('member')

test('the home page renders the county from the cloud functions, as the member persona', async () => {
  const page = renderPage('pages/index/index')
  const text = () => page.dom.textContent ?? ''
  // Every studio's name (a topic card may name a studio too, so one name alone does not prove the list came).
  await until(() => studios.every((s) => text().includes(s.name)) && text().includes('委员，您好'), () => text().slice(0, 400))
  // Identity from user.me: the bound member's greeting and role.
  expect(text()).toMatch(/\S+委员，您好/)
  // Studios from studio.list (12 in the demo county, one page of 20).
  for (const s of studios) expect(text()).toContain(s.name)
  // Topics from topic.list (first page of 5, newest change first): at least one demo title.
  await until(() => topics.some((t) => text().includes(t.title)), () => text().slice(0, 400))
  // The cloud was initialised once with the configured env id (config/cloud.ts default).
  expect(cloud.initCalls).toEqual([expect.objectContaining({ env: 'cppcc-local' })])
  // Every call carried the action envelope the functions expect.
  expect(cloud.events.map((e) => e.name).sort()).toEqual(['consultation', 'studio', 'user'])
  for (const e of cloud.events) expect(e.data).toEqual({ action: expect.any(String), payload: expect.any(Object), requestId: expect.any(String) })
})

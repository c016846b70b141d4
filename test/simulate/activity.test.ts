/**
 * The compiled mini-program's activity pages (dist/weapp, rendered by
 * miniprogram-simulate) with wx.cloud.callFunction answered by the real
 * activity function on an in-memory emulator holding the demo county, as
 * the member persona: the detail page shows time in Beijing time, seats,
 * the member's registration and the pass link; the list shows upcoming
 * activities.
 */
import { formatBeijing } from '../../src/core/time'
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

const cloud = useWeappWithCloud('member')

test('the activity page renders the member’s registration from the activity function', async () => {
  const page = renderPage('pages/activity/detail/index', { id: 'act-demo-preschool' })
  const text = () => page.dom.textContent ?? ''
  await until(() => text().includes('推动学前教育普及普惠发展') && text().includes('我的报名'), () => text().slice(0, 600))
  const { data } = await cloud.emulator.invoke<{ ok: true; data: { startAt: string } }>('activity', { action: 'activity.get', payload: { id: 'act-demo-preschool' } }, { openid: cloud.openid }).then((r) => r.result)
  // Time in Beijing time, seats, the member's state and the pass.
  expect(text()).toContain(formatBeijing(data.startAt, 'M月D日 HH:mm'))
  expect(text()).toContain('（北京时间）')
  expect(text()).toMatch(/已报 \d+\/20/)
  expect(text()).toContain('已报名')
  expect(text()).toContain('参会凭证')
  expect(text()).toContain('取消报名')
  expect(cloud.events.some((e) => e.name === 'activity' && e.data.action === 'activity.get')).toBe(true)
})

/**
 * The compiled mini-program's 反映 tab (dist/weapp, rendered by
 * miniprogram-simulate) as the informant persona, with wx.cloud.callFunction
 * answered by the real `opinion` and `user` functions on an in-memory
 * emulator holding the demo data: the staff-maintained categories appear,
 * the form's fields render, and a draft left in wx storage is restored.
 */
import { demoCategories } from '../../database/demo/opinion'
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

const cloud = useWeappWithCloud('informant')

test('the submit page renders from the weapp build with the categories from the cloud and the saved draft', async () => {
  const draft = { title: '关于村级光伏电站运维的建议', categoryId: 'cat-rural', content: '村里光伏板积灰严重，发电量下降。', place: '', images: [], contactPhone: '', anonymous: false, mayPublish: true, notify: true, savedAt: Date.now() }
  ;(global as any).wx.setStorageSync('cppcc.opinion.draft.v1', JSON.stringify(draft))
  const page = renderPage('pages/opinion/index')
  const text = () => page.dom.textContent ?? ''
  const active = demoCategories.filter((c) => c.active)
  await until(() => active.every((c) => text().includes(c.name)), () => text().slice(0, 600))
  // a category staff disabled is not offered
  expect(text()).not.toContain('疫情防控')
  for (const label of ['标题', '类别', '内容', '地点（选填）', '匿名反映', '同意公开', '接收进展通知', '我的反映']) expect(text()).toContain(label)
  expect(text()).toContain('已恢复上次未提交的草稿')
  // the saved title and content are back in the form, counted with the shared rule (graphemes)
  expect(text()).toContain('13/50')
  expect(text()).toContain('16/3000')
  // the saved category is the selected chip
  expect(page.dom.querySelector('[class*="op-form__chip--on"]')?.textContent).toBe('乡村振兴')
  expect(cloud.events.map((e) => e.data.action).sort()).toEqual(['opinion.categories', 'user.me'])
})

/**
 * The compiled mini-program's 提案 pages (dist/weapp, rendered by
 * miniprogram-simulate, issue 9 "Tests and targets") as the member persona,
 * with wx.cloud.callFunction answered by the real `proposal` and `user`
 * functions on an in-memory emulator holding the demo county: the writing
 * form renders with the current session and the categories, the member
 * fills 案由, 情况分析 and 具体建议 and picks a category, 保存草稿 saves it on
 * the server, and 我的提案 lists the draft first as 草稿.
 */
import { renderPage, until, useWeappWithCloud } from './support/weapp-app'

jest.setTimeout(240000)
const cloud = useWeappWithCloud('member')

type Node = { dom: HTMLElement; _exparserNode: unknown }
type Rendered = { dom: HTMLElement; detach(): void; querySelector(selector: string): Node | null; querySelectorAll(selector: string): Node[] }

const title = '关于县城老旧小区加装电梯的建议'
const analysis = '县城九十年代建成的老旧小区多为六层住宅，老年住户上下楼困难，加装电梯意愿强烈，但资金分摊和审批流程不清。'
const suggestions = '一是出台加装电梯资金分摊指导办法；二是住建部门设立一站式审批窗口；三是对低保家庭给予补贴。'

/**
 * Fires a WeChat event on a compiled node through the component framework
 * (what j-component's own `dispatchEvent` ends in; its DOM step throws under
 * jest's jsdom because the CustomEvent comes from another window).
 */
function fire(node: Node, name: string, detail: Record<string, unknown> = {}): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(node._exparserNode, exparser.Event.create(name, detail, { bubbles: true, capturePhase: true, composed: true }))
}

/** Types into a compiled input or textarea the way WeChat does: an `input` event with the whole value. */
function type(page: Rendered, selector: string, value: string): void {
  // NutUI's Input puts our class on its wrapper; WeChat's native input is inside
  const node = page.querySelectorAll('.nut-input-native').find((n) => n.dom.parentElement?.className.includes(selector.slice(1))) ?? page.querySelector(selector)
  if (!node) throw new Error(`no ${selector} on the page: ${page.dom.innerHTML.slice(0, 300)}`)
  fire(node, 'input', { value, cursor: value.length })
}

test('the writing form saves a draft on the server and 我的提案 lists it', async () => {
  const form = renderPage('proposal/edit/index') as unknown as Rendered
  const text = () => form.dom.textContent ?? ''
  // the current term's latest session is preselected; the categories and the fields are there
  await until(() => text().includes('十五届') && text().includes('保存草稿'), () => text().slice(0, 600), 90000)
  for (const label of ['会议', '案由', '提案类别', '情况分析', '具体建议', '联名委员', '经济建设', '生态文明', '提交提案']) expect(text()).toContain(label)

  type(form, '.pp-title', title)
  type(form, '.pp-analysis', analysis)
  type(form, '.pp-suggestions', suggestions)
  const category = form.querySelectorAll('.pp-chip-pick').find((n) => n.dom.textContent === '社会建设')
  if (!category) throw new Error(`no 社会建设 choice: ${text().slice(0, 600)}`)
  fire(category, 'tap')
  // counted with the shared rule as the member types
  await until(() => text().includes(`${title.length}/`), () => text().slice(0, 800))

  fire(form.querySelector('.pp-save')!, 'tap')
  await until(() => text().includes('草稿已保存'), () => text().slice(0, 1200))
  const saves = cloud.events.filter((e) => e.data.action === 'proposal.saveDraft')
  expect(saves).toHaveLength(1)
  expect(saves[0].data.payload).toMatchObject({ title, analysis, suggestions, category: 'society' })

  // the server holds it as the member's draft
  const { result } = await cloud.emulator.invoke<{ ok: true; data: { items: { title: string; state: string }[] } }>('proposal', { action: 'proposal.mine', payload: { role: 'proposer' } }, { openid: cloud.openid })
  expect(result.data.items[0]).toMatchObject({ title, state: 'draft' })

  form.detach()
  const mine = renderPage('proposal/mine/index') as unknown as Rendered
  const list = () => mine.dom.textContent ?? ''
  await until(() => list().includes(title), () => list().slice(0, 800))
  // newest change first, with its state in Chinese
  const first = (mine.dom.querySelector('[class*="pp-list"]')?.textContent ?? '').slice(0, 200)
  expect(first.startsWith(title)).toBe(true)
  expect(first).toContain('草稿')
  expect(first).toContain('社会建设')
  expect(first).toContain('领衔')
})

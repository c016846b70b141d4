/**
 * 年度工作数据 pages in jsdom with a scripted transport: the figures grouped
 * as the review groups them with the year before and the change in words,
 * the year switch asks for that year, a chart's numbers are readable, a tap
 * opens the drill-down, the drill-down pages and shows names (never ids),
 * and people who are not staff or leaders see no figures. 我的 shows the
 * entry to staff and leaders only.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import YearPage, { shortName } from '@/year/index/index'
import FigureDrill from '@/year/drill/index'
import Mine from '@/pages/mine/index'
import { setTransport } from '@/services'
import { figureGroupLabels, figures as definitions, type FigureGroup } from '@/core/figures'
import type { FigureRecord, YearFigures } from '@/core/actions/year'
import { beijing } from '@/core/time'
import { changeText, chartableFigures, recordYears } from '@/year/years'
import { installFakeTransport, replyError } from './support/fake-transport'
import { memberMe, staffMe } from './fixtures'

const leaderMe = { openid: 'oTestLeader0001', roles: ['public', 'leader'], studioIds: [], departmentIds: [] }
const thisYear = beijing().year()

/** Figures for `year` from the real definitions: value = 10 + index (+ year offset), the year before 2 less. */
function figuresOf(year: number): YearFigures {
  const offset = year === thisYear ? 0 : 100
  const groups = (Object.keys(figureGroupLabels) as FigureGroup[]).map((group) => ({
    group,
    label: figureGroupLabels[group],
    figures: definitions
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d.group === group)
      .map(({ d, i }) =>
        d.source.from === 'proposals'
          ? { id: d.id, name: d.name, unit: d.unit, howCounted: d.howCounted, records: d.records, value: null, previous: null, pending: '提案办理功能接入后自动统计' }
          : { id: d.id, name: d.name, unit: d.unit, howCounted: d.howCounted, records: d.records, value: 10 + i + offset, previous: 8 + i + offset }
      )
  }))
  return {
    year,
    previousYear: year - 1,
    groups,
    participationsByMonth: [0, 3, 12, 20, 8, 0, 0, 15, 9, 30, 6, 2],
    upward: { city: { adopted: 9, instruction: 2, reported: 14 }, province: { adopted: 3, instruction: 1, reported: 5 } }
  }
}

function openDrill(params: Record<string, string>) {
  const current = Current as { router: unknown }
  current.router = { params, path: '/year/drill/index' }
}

afterEach(() => setTransport(undefined))

test('a leader sees every figure grouped as the review, with last year and the change, and switches year', async () => {
  const fake = installFakeTransport({ 'user.me': () => leaderMe, 'year.figures': (p: { year: number }) => figuresOf(p.year) })
  render(<YearPage />)
  for (const label of Object.values(figureGroupLabels)) expect(await screen.findByText(label)).toBeTruthy()
  const trips = definitions.findIndex((d) => d.id === 'inspection_trips')
  const row = screen.getByText('视察调研').closest('.year-figure') as HTMLElement
  expect(within(row).getByText(`${10 + trips}次`)).toBeTruthy()
  expect(within(row).getByText(`上年 ${8 + trips}次`)).toBeTruthy()
  expect(within(row).getByText('比上年增加2次')).toBeTruthy()
  // a figure whose source is not connected says so, never a raw key
  expect(screen.getAllByText('提案办理功能接入后自动统计').length).toBe(3)
  expect(document.body.textContent).not.toMatch(/inspection_trips|consult|proposals_received|null|undefined/)
  // the charts carry their numbers in words
  expect(screen.getByRole('img', { name: /委员参与协商人次（按月）：1月 0；2月 3；3月 12/ })).toBeTruthy()
  expect(screen.getByRole('img', { name: /社情民意向上报送与采用：报送 市政协 14；采用 市政协 9/ })).toBeTruthy()
  expect(fake.callsOf('year.figures').map((c) => c.payload)).toEqual([{ year: thisYear }])

  // the year before: asked for, shown
  fireEvent.click(screen.getByText(`${thisYear - 1}年`))
  await waitFor(() => expect(within(screen.getByText('视察调研').closest('.year-figure') as HTMLElement).getByText(`${110 + trips}次`)).toBeTruthy())
  expect(fake.callsOf('year.figures').at(-1)?.payload).toEqual({ year: thisYear - 1 })
})

test('a tap on a figure opens its drill-down for the chosen year', async () => {
  installFakeTransport({ 'user.me': () => staffMe, 'year.figures': (p: { year: number }) => figuresOf(p.year) })
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve({ errMsg: 'ok' })) as never)
  render(<YearPage />)
  fireEvent.click(await screen.findByText('健康义诊'))
  await waitFor(() => expect(navigateTo).toHaveBeenCalled())
  expect((navigateTo.mock.calls[0][0] as { url: string }).url).toBe(`/year/drill/index?year=${thisYear}&figure=health_clinics`)
  navigateTo.mockRestore()
})

test('an export failure is shown in Chinese and the page stays', async () => {
  installFakeTransport({ 'user.me': () => staffMe, 'year.figures': (p: { year: number }) => figuresOf(p.year), 'year.export': () => { throw replyError('YEAR.EXPORT_FAILED') } })
  render(<YearPage />)
  fireEvent.click(await screen.findByText('导出 Word'))
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toBe('导出文件生成失败，请稍后重试')
  expect(screen.getByText('视察调研')).toBeTruthy()
})

test('a member sees no figures and the page asks nothing of year.figures', async () => {
  const fake = installFakeTransport({ 'user.me': () => memberMe, 'year.figures': (p: { year: number }) => figuresOf(p.year) })
  render(<YearPage />)
  expect(await screen.findByText('年度工作数据仅供政协办公室和领导查看')).toBeTruthy()
  expect(fake.callsOf('year.figures')).toHaveLength(0)
})

test('the drill-down lists the records by name, pages on, and says when staff entered one by hand', async () => {
  openDrill({ year: '2025', figure: 'health_clinics' })
  const row = (n: number, over: Partial<FigureRecord> = {}): FigureRecord => ({ id: `act-${n}`, title: `送健康义诊进村 第${n}场`, date: '2025-05-10T01:00:00.000Z', place: '大孤山镇卫生院', who: '县政协医卫界别', detail: '服务群众 120 人', value: 1, ...over })
  const fake = installFakeTransport({
    'year.records': (p: { cursor?: string }) =>
      p.cursor
        ? { figure: 'health_clinics', items: [row(21, { manual: { by: '林晓梅', at: '2026-01-05T02:00:00.000Z' } })] }
        : { figure: 'health_clinics', items: Array.from({ length: 20 }, (_, i) => row(i + 1)), nextCursor: 'c1' }
  })
  render(<FigureDrill />)
  expect(await screen.findByText('送健康义诊进村 第1场')).toBeTruthy()
  expect(screen.getByText('2025年 · 健康义诊活动')).toBeTruthy()
  expect(screen.getAllByText('2025年5月10日 · 大孤山镇卫生院 · 县政协医卫界别 · 服务群众 120 人')).toHaveLength(20)
  expect(fake.callsOf('year.records')[0].payload).toMatchObject({ year: 2025, figure: 'health_clinics', limit: 20 })
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('送健康义诊进村 第21场')).toBeTruthy()
  expect(screen.getByText('林晓梅于2026年1月5日补录')).toBeTruthy()
  expect(screen.getByText('没有更多了')).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/act-\d|health_clinics/)
})

test('the drill-down: empty says what is missing, an error offers 重试, an unknown figure asks nothing', async () => {
  openDrill({ year: '2026', figure: 'member_contacts' })
  let fail = true
  installFakeTransport({
    'year.records': () => {
      if (fail) throw replyError('COMMON.INTERNAL')
      return { figure: 'member_contacts', items: [] }
    }
  })
  const first = render(<FigureDrill />)
  expect(await screen.findByText('重试')).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('2026年没有计入“联系、服务委员”的记录')).toBeTruthy()
  first.unmount()

  openDrill({ year: '2026', figure: 'no_such_figure' })
  const fake = installFakeTransport({})
  render(<FigureDrill />)
  expect(await screen.findByText('没有找到这项统计')).toBeTruthy()
  expect(fake.callsOf('year.records')).toHaveLength(0)
})

test('我的 shows 年度工作数据 to staff and leaders, not to members', async () => {
  installFakeTransport({ 'user.me': () => leaderMe })
  const leader = render(<Mine />)
  expect(await screen.findByText('年度工作数据')).toBeTruthy()
  leader.unmount()
  installFakeTransport({ 'user.me': () => memberMe })
  render(<Mine />)
  expect(await screen.findByText('委员服务')).toBeTruthy()
  expect(screen.queryByText('年度工作数据')).toBeNull()
})

test('the years offered run from the current Beijing year back to 2025; the change is worded', () => {
  expect(recordYears(new Date('2026-12-31T16:30:00Z'))).toEqual([2027, 2026, 2025])
  expect(recordYears(new Date('2026-06-01T00:00:00Z'))).toEqual([2026, 2025])
  expect(changeText(12, 15, '条')).toBe('比上年减少3条')
  expect(changeText(95.5, 90, '%')).toBe('比上年增加5.5个百分点')
  expect(changeText(4, 4, '次')).toBe('与上年持平')
  expect(changeText(null, 4, '次')).toBe('')
})

test('chart labels: quotes and brackets dropped, at most 8 characters', () => {
  expect(shortName('“辽事好商量”协商活动')).toBe('辽事好商量协商…')
  expect(shortName('委员工作室（活动室）')).toBe('委员工作室')
  expect(shortName('视察调研')).toBe('视察调研')
})

test('a chart leaves out percentages, missing numbers and a figure far above the rest', () => {
  const x = (id: string, value: number | null, unit = '次') => ({ id, name: id, unit, howCounted: '', records: '', value, previous: 0 })
  const shown = chartableFigures([x('a', 32), x('b', 6), x('c', 15), x('d', 16000, '人次'), x('e', 100, '%'), x('f', null)])
  expect(shown.map((f) => f.id)).toEqual(['a', 'b', 'c'])
})

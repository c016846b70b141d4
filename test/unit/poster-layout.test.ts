/** The activity poster's layout (issue 12 item 7): the title wraps and is cut with …, nothing leaves the poster. */
import { POSTER_HEIGHT, POSTER_WIDTH, posterLayout, wrapText } from '../../src/pages/activity/poster/layout'

// A monospace stand-in for measureText: every character as wide as its font size.
const measure = (s: string, size = 10) => Array.from(s).length * size

test('wrapText breaks by width, never splits an emoji and ends a cut text with …', () => {
  expect(wrapText('一二三四五六七', 30, measure, 3)).toEqual(['一二三', '四五六', '七'])
  expect(wrapText('一二🌾四五', 30, measure, 3)).toEqual(['一二🌾', '四五'])
  expect(wrapText('一二三四五六七八九十', 30, measure, 2)).toEqual(['一二三', '四五…'])
  expect(wrapText('', 30, measure, 2)).toEqual([])
})

test('a long title and place stay inside the poster, with the code and its hint below them', () => {
  const layout = posterLayout({ title: '关于推进大巴镇花生产业提质增效的专题协商暨委员工作室进乡村听取群众意见建议活动', when: '12月5日 09:00–11:30', place: '大巴镇政府三楼会议室（镇中心街88号）', organiser: '县政协' }, measure)
  const lines = layout.texts.filter((t) => t.size === 40)
  expect(lines).toHaveLength(3)
  expect(lines[2].text.endsWith('…')).toBe(true)
  for (const t of layout.texts) {
    expect(t.x + measure(t.text, t.size)).toBeLessThanOrEqual(POSTER_WIDTH - 48 + 0.01)
    expect(t.y).toBeLessThanOrEqual(POSTER_HEIGHT)
  }
  const lastInfo = Math.max(...layout.texts.filter((t) => t.y < layout.code.y).map((t) => t.y))
  expect(layout.code.y).toBeGreaterThan(lastInfo)
  expect(layout.code.y + layout.code.size).toBeLessThan(POSTER_HEIGHT)
  expect(layout.texts.at(-1)!.text).toContain('长按识别小程序码')
})

/**
 * The activity share poster's layout (issue 12 item 7), without Taro: what
 * goes where on a 600×900 canvas (CSS px; drawn at the screen's pixel ratio).
 * Red band with the organiser, the title wrapped to at most 3 lines, time and
 * place, and the mini-program code with 长按识别小程序码 under it.
 */
export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 900

/** One line of text to draw: font in CSS px, baseline at `y`. */
export interface PosterText {
  text: string
  x: number
  y: number
  size: number
  bold?: boolean
  color: string
}

export interface PosterLayout {
  texts: PosterText[]
  /** The mini-program code's square. */
  code: { x: number; y: number; size: number }
}

/**
 * Splits `text` into lines no wider than `maxWidth` by `measure` (the
 * canvas's measureText width), at most `maxLines` (the last ends with …).
 * Breaks between code points, so a single emoji is never cut in half.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number, maxLines: number): string[] {
  const chars = Array.from(text)
  const lines: string[] = []
  let line = ''
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (line && measure(next) > maxWidth) {
      if (lines.length === maxLines - 1) {
        let last = line
        while (last && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join('')
        lines.push(`${last}…`)
        return lines
      }
      lines.push(line)
      line = chars[i]
    } else {
      line = next
    }
  }
  if (line) lines.push(line)
  return lines
}

/** The poster for an activity: `when` and `place` as the detail page shows them (Beijing time). */
export function posterLayout(a: { title: string; when: string; place: string; organiser: string }, measure: (s: string, size: number) => number): PosterLayout {
  const margin = 48
  const inner = POSTER_WIDTH - 2 * margin
  const texts: PosterText[] = [{ text: a.organiser, x: margin, y: 84, size: 28, bold: true, color: '#ffffff' }]
  let y = 200
  for (const line of wrapText(a.title, inner, (s) => measure(s, 40), 3)) {
    texts.push({ text: line, x: margin, y, size: 40, bold: true, color: '#1f1f1f' })
    y += 56
  }
  y += 16
  for (const line of wrapText(`时间：${a.when}`, inner, (s) => measure(s, 28), 2)) {
    texts.push({ text: line, x: margin, y, size: 28, color: '#333333' })
    y += 42
  }
  for (const line of wrapText(`地点：${a.place}`, inner, (s) => measure(s, 28), 2)) {
    texts.push({ text: line, x: margin, y, size: 28, color: '#333333' })
    y += 42
  }
  // The code: 280 px, smaller (down to 240: 3 title, 2 time and 2 place lines) so its hint stays on the poster.
  const top = Math.max(y + 24, POSTER_HEIGHT - 280 - 120)
  const size = Math.min(280, POSTER_HEIGHT - 80 - top)
  const code = { x: (POSTER_WIDTH - size) / 2, y: top, size }
  texts.push({ text: '长按识别小程序码，查看活动并报名', x: margin, y: code.y + size + 56, size: 26, color: '#5c5c5c' })
  return { texts, code }
}

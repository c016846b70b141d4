/**
 * The text rule's fast path (src/core/text.ts, NEVER_JOINS; issue 13 item 10):
 * strings of characters that never join a grapheme cluster are counted and
 * cut by `length` without loading graphemer. Here both paths must give
 * graphemer's own answer, character by character and on a corpus of the
 * text that does join (emoji, families, flags, combining marks, CRLF, Hangul
 * jamo, Thai).
 */
import Graphemer from 'graphemer'
import { CLUSTER_BREAK, EXTENDED_PICTOGRAPHIC } from 'graphemer/lib/boundaries'
import { clampCharacters, countCharacters, isSimpleText } from '../../src/core/text'

const reference = new Graphemer()

/** Every BMP code point (surrogates excluded: a lone one is never simple text). */
function* bmp(): Generator<number> {
  for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) yield cp
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const simple = [...bmp()].filter((cp) => isSimpleText(String.fromCharCode(cp)))

describe('the fast path of character counting', () => {
  it('takes only characters graphemer itself says break on both sides (Other, LF or Control; never pictographic)', () => {
    // The set is what the source says: ASCII, Chinese and its punctuation, not a stray range.
    expect(simple.length).toBeGreaterThan(27000)
    expect(simple).toContain('中'.codePointAt(0))
    expect(simple).toContain('，'.codePointAt(0))
    expect(simple).toContain('\n'.codePointAt(0))
    const wrong = simple.filter((cp) => {
      const property = Graphemer.getGraphemeBreakProperty(cp)
      const allowed = property === CLUSTER_BREAK.OTHER || property === CLUSTER_BREAK.LF || property === CLUSTER_BREAK.CONTROL
      return !allowed || Graphemer.getEmojiProperty(cp) === EXTENDED_PICTOGRAPHIC
    })
    expect(wrong.map((cp) => `U+${cp.toString(16).toUpperCase()}`)).toEqual([])
  })

  it('leaves out every character that can join: CR, combining and tone marks, ZWJ, variation selectors, Hangul, Thai, kana marks', () => {
    for (const ch of ['\r', '\u0301', '\u302A', '\u302E', '\u200D', '\uFE0F', '\u3030', '\u303D', '\u1100', '\u1161', '\u11A8', '가', 'ก', '\u0E31', '\u3099', '\uFF9E', '‼', '©']) {
      expect(isSimpleText(ch)).toBe(false)
    }
    expect(isSimpleText('')).toBe(true)
    expect(isSimpleText('委员履职，“政协”——2025年。')).toBe(true)
  })

  it('gives graphemer\'s count and cut for random strings of the simple characters', () => {
    const next = random(13)
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(next() * 40)
      let text = ''
      for (let i = 0; i < length; i++) text += String.fromCharCode(simple[Math.floor(next() * simple.length)])
      expect(isSimpleText(text)).toBe(true)
      expect(countCharacters(text)).toBe(reference.countGraphemes(text))
      const max = Math.floor(next() * length)
      expect(clampCharacters(text, max)).toBe(reference.splitGraphemes(text).slice(0, max).join(''))
    }
  })

  const corpus: Record<string, string> = {
    emoji: '点赞👍👍🏽好',
    family: '家庭👨‍👩‍👧‍👦和👩‍❤️‍💋‍👨',
    flags: '🇨🇳🇺🇳国旗',
    'combining marks': 'Café ñ e\u0301\u0302 a\u20DD',
    CRLF: '第一行\r\n第二行\r\r\n',
    'Hangul jamo': '\u1100\u1161\u11A8 가각 \u1112\u1161\u11AB',
    Thai: 'ภาษาไทย น้ำ',
    'keycap and variation selector': '1️⃣ #️⃣ ❤️ ☺︎',
    'mixed with simple text': '政协委员 ABC，关于“玛瑙产业”的建议🙂。'
  }

  it.each(Object.entries(corpus))('agrees with graphemer on %s (graphemer path)', (_name, text) => {
    expect(isSimpleText(text)).toBe(false)
    expect(countCharacters(text)).toBe(reference.countGraphemes(text))
    const clusters = reference.splitGraphemes(text)
    for (let max = 0; max <= clusters.length; max++) {
      expect(clampCharacters(text, max)).toBe(clusters.slice(0, max).join(''))
    }
  })
})

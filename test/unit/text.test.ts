import { cleanText, countCharacters, escapeRegExp, textField, clampCharacters, typedCharacters } from '../../src/core/text'

describe('the one text rule', () => {
  it('counts what a person sees: emoji, flags and families are one character each', () => {
    expect(countCharacters('政协')).toBe(2)
    expect(countCharacters('👍')).toBe(1)
    expect(countCharacters('🇨🇳')).toBe(1)
    expect(countCharacters('👨‍👩‍👧')).toBe(1)
    expect(countCharacters('é')).toBe(1) // e + combining accent
  })

  it('strips control and zero-width characters but keeps emoji sequences whole', () => {
    expect(cleanText('a\u0000b\u200Bc\uFEFF')).toBe('abc')
    expect(cleanText('\u200B\u200C\u200D')).toBe('')
    expect(cleanText('家庭👨‍👩‍👧')).toBe('家庭👨‍👩‍👧')
    expect(countCharacters(cleanText('家庭👨‍👩‍👧'))).toBe(3)
  })

  it('folds newlines on single-line fields and keeps them on multi-line ones', () => {
    expect(cleanText(' 标题\n第二行 ')).toBe('标题 第二行')
    expect(cleanText('第一段\r\n第二段', { multiline: true })).toBe('第一段\n第二段')
  })

  it('escapes regular-expression characters so a keyword finds itself', () => {
    for (const keyword of ['C++', '(', '.*', '[a-z]', 'a|b', '\\d', '$^']) {
      const re = new RegExp(escapeRegExp(keyword))
      expect(re.test(`前缀${keyword}后缀`)).toBe(true)
      expect(re.test('前缀后缀')).toBe(false)
    }
  })
})

describe('textField', () => {
  const title = textField({ label: '标题', max: 5 })

  it('rejects empty, whitespace-only and zero-width-only text with a Chinese message', () => {
    for (const input of ['', '   ', '\u200B\u200B', '\u0007']) {
      const result = title.safeParse(input)
      expect(result.success).toBe(false)
      expect(result.error?.issues[0].message).toBe('请填写标题')
    }
  })

  it('accepts exactly the limit counting an emoji as one, and refuses one more', () => {
    expect(title.parse('一二三四👍')).toBe('一二三四👍')
    const over = title.safeParse('一二三四五六')
    expect(over.success).toBe(false)
    expect(over.error?.issues[0].message).toContain('不能超过 5 个字')
  })

  it('returns the cleaned value', () => {
    expect(title.parse(' 好\u0000题 ')).toBe('好题')
  })
})

describe('textField on huge input', () => {
  it('refuses a multi-megabyte string quickly with the same Chinese message', () => {
    const field = textField({ label: '内容', max: 2000, multiline: true })
    const result = field.safeParse('字'.repeat(5_000_000))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toBe('内容不能超过 2000 个字')
  })
})

describe('clampCharacters: the cut every input with a limit makes', () => {
  const family = '👨‍👩‍👧‍👦' // 7 code points, 11 UTF-16 units, one character
  const flag = '🇨🇳'

  it('keeps text within the limit as it is', () => {
    expect(clampCharacters('一二三', 5)).toBe('一二三')
    expect(clampCharacters(`${family}${family}`, 2)).toBe(`${family}${family}`)
  })

  it('cuts at the limit counting a family emoji and a flag as one character each', () => {
    expect(clampCharacters(`好${family}${flag}多余`, 3)).toBe(`好${family}${flag}`)
    expect(countCharacters(clampCharacters(`${family}`.repeat(30), 20))).toBe(20)
  })

  it('never leaves half an emoji: no lone surrogate, no dangling joiner', () => {
    const cut = clampCharacters(`一二${family}`, 2)
    expect(cut).toBe('一二')
    const cut3 = clampCharacters(`一二${family}四`, 3)
    expect(cut3).toBe(`一二${family}`)
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(clampCharacters('👍👍👍', 2))).toBe(false)
  })

  it('counts what the server counts: typedCharacters cleans first', () => {
    expect(typedCharacters(`  ${family}\u200B好 `)).toBe(2)
    expect(typedCharacters('一\r\n二', { multiline: true })).toBe(3)
  })
})

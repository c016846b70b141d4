/**
 * The one text rule shared by the interface and the server
 * (architecture.md, "Text"): length counts what a person sees (an emoji or a
 * flag is one character), control and zero-width characters are stripped,
 * keyword search escapes regular-expression metacharacters.
 */
import type Graphemer from 'graphemer'
import { z } from './zod'

/**
 * Strings made only of characters that never join a grapheme cluster with
 * a neighbour (UAX #29: each has the break property Other, LF or Control and
 * is not Extended_Pictographic, so no rule GB3–GB13 applies between any two
 * of them). For such a string every UTF-16 unit is one character as a person
 * sees it, and counting needs no graphemer (issue 13 item 10: loading it was
 * ~8 ms of every cloud function's cold start; most text typed here is
 * Chinese and ASCII). The set, and why each part is safe:
 * - TAB, LF: Control / LF, a break on both sides. CR is left out (CR LF is
 *   one cluster, GB3).
 * - U+0020–U+007E printable ASCII: Other, none pictographic.
 * - U+00B7 ·, U+2013 –, U+2014 —, U+2018/2019 ‘’, U+201C/201D “”, U+2026 …:
 *   the general punctuation Chinese text uses; Other. (‼ U+203C and ⁉ U+2049
 *   are pictographic and stay out.)
 * - U+3000–U+3029 ideographic space, 、。〃〄々〆〇, the brackets 〈〉《》「」『』【】
 *   〔〕〖〗〘〙〚〛, 〜〝〞〟, 〠 and the Hangzhou numerals: Other. U+302A–U+302F are
 *   combining tone marks (Extend), U+3030 〰 and U+303D 〽 are pictographic:
 *   left out, as is the rest of the block.
 * - U+3400–U+4DBF, U+4E00–U+9FFF CJK unified ideographs (extension A and the
 *   main block): Other.
 * - U+FF01–U+FF60 fullwidth ASCII forms (！，：；？（）…) and ｟｠, U+FFE0–U+FFE6
 *   ￠￡￢￣￤￥￦: Other. Halfwidth katakana (U+FF61 on) is left out: U+FF9E/FF9F
 *   are Extend.
 * Hangul, kana, emoji, flags, combining marks, Thai, CR and every astral
 * character take the graphemer path. test/unit/text-fast-path.test.ts checks
 * every character of the set against graphemer's own tables.
 */
const NEVER_JOINS = /^[\t\n\u0020-\u007E\u00B7\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u3000-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF60\uFFE0-\uFFE6]*$/

/** Whether every UTF-16 unit of `input` is one grapheme cluster (see {@link NEVER_JOINS}). */
export function isSimpleText(input: string): boolean {
  return NEVER_JOINS.test(input)
}

let splitter: Graphemer | undefined

/**
 * The one graphemer instance, loaded on first use: a `require` inside the
 * function, so neither a cloud function (graphemer stays an external
 * dependency of its bundle) nor the mini-program pays for it until a text
 * needs it. Taro's webpack and esbuild both resolve the `require`.
 */
function graphemer(): Graphemer {
  if (!splitter) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports -- loaded on first use (cold start, issue 13 item 10)
    const mod = require('graphemer') as { default?: typeof Graphemer } & typeof Graphemer
    const Splitter = mod.default ?? mod
    splitter = new Splitter()
  }
  return splitter
}

/** C0/C1 controls except TAB, LF and CR. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g
/** Zero-width and invisible formatting characters, bidi overrides, BOM. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g

/**
 * Characters XML 1.0 forbids that survive the rules above: U+FFFE, U+FFFF and
 * unpaired surrogates (a pair matches as a whole and is kept). Left in, they
 * make the .docx and .xlsx files built from user text unreadable to Word and
 * Excel. No lookbehind: older iOS WeChat engines reject it.
 */
const NOT_XML = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF\uFFFE\uFFFF]/g

/**
 * Removes control and zero-width characters (and U+FFFE, U+FFFF, unpaired
 * surrogates); `multiline: false` also folds
 * newlines and tabs to spaces. Keeps ZWJ (U+200D) inside emoji sequences so a
 * family emoji stays one character.
 */
export function cleanText(input: string, options: { multiline?: boolean } = {}): string {
  let out = input.replace(CONTROL, '').replace(NOT_XML, (ch) => (ch.length === 2 ? ch : ''))
  out = out.replace(INVISIBLE, (ch, offset: number, whole: string) => {
    if (ch === '\u200D') {
      const before = whole.codePointAt(offset - 1) ?? 0
      const after = whole.codePointAt(offset + 1) ?? 0
      if (before > 0xffff || (before >= 0xdc00 && before <= 0xdfff) || after > 0xffff || after === 0x2640 || after === 0x2642 || after === 0x2764) return ch
    }
    return ''
  })
  if (!options.multiline) out = out.replace(/[\t\r\n]+/g, ' ')
  else out = out.replace(/\r\n?/g, '\n')
  return out.trim()
}

/** Number of characters as a person sees them (grapheme clusters). */
export function countCharacters(input: string): number {
  if (isSimpleText(input)) return input.length
  return graphemer().countGraphemes(input)
}

/** `input` split into characters as a person sees them (grapheme clusters; the same rule as {@link countCharacters}). */
export function splitCharacters(input: string): string[] {
  if (isSimpleText(input)) return input.split('')
  return graphemer().splitGraphemes(input)
}

/**
 * `input` cut to at most `max` characters as {@link countCharacters} counts
 * them, at a grapheme boundary (an emoji, a flag or a family emoji is kept
 * whole or left out, never split into half a surrogate pair or a lone ZWJ
 * part). Inputs call this on every change instead of the platform's
 * `maxlength`, which counts UTF-16 units (a family emoji is 11 of them).
 */
export function clampCharacters(input: string, max: number): string {
  if (input.length <= max) return input
  if (isSimpleText(input)) return input.slice(0, max)
  let out = ''
  let n = 0
  const it = graphemer().iterateGraphemes(input)
  for (let step = it.next(); !step.done; step = it.next()) {
    if (n === max) break
    out += step.value
    n += 1
  }
  return out
}

/**
 * Characters the server will count for `input` (cleaned as the server cleans
 * it, then {@link countCharacters}): what an input's counter shows next to
 * its limit.
 */
export function typedCharacters(input: string, options: { multiline?: boolean } = {}): number {
  return countCharacters(cleanText(input, options))
}

/** Escapes a user keyword so it matches itself literally inside a RegExp. */
export function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * Cheap guard before counting graphemes: no text a person typed within `max`
 * characters is longer than this many UTF-16 code units (the longest emoji
 * sequences are about a dozen units, invisible characters are stripped), and
 * counting a multi-megabyte string would cost seconds of CPU.
 */
function rawLimit(max: number): number {
  return max * 16 + 64
}

/** Schemas made by {@link textField} / {@link optionalTextField} (see {@link isTextRule}). */
const textRuleSchemas = new WeakSet<object>()

/**
 * Whether `schema` is one made by {@link textField} or {@link optionalTextField}:
 * the contract test (test/unit/contract-strings.test.ts) walks every action's
 * input and requires each free string to go through the text rule.
 */
export function isTextRule(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && textRuleSchemas.has(schema)
}

function registered<T extends object>(schema: T): T {
  textRuleSchemas.add(schema)
  return schema
}

/**
 * A zod schema for user text: cleaned, then required to have between `min`
 * and `max` characters (as counted by {@link countCharacters}). Messages are
 * Chinese and name the field by its `label`.
 */
export function textField(options: { label: string; min?: number; max: number; multiline?: boolean }) {
  const { label, min = 1, max, multiline = false } = options
  const schema = z
    .string({ error: `请填写${label}` })
    .max(rawLimit(max), `${label}不能超过 ${max} 个字`)
    .transform((value) => cleanText(value, { multiline }))
    .superRefine((value, ctx) => {
      const length = countCharacters(value)
      if (length < min) {
        ctx.addIssue({ code: 'custom', message: min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
      } else if (length > max) {
        ctx.addIssue({ code: 'custom', message: `${label}不能超过 ${max} 个字（现为 ${length} 个字）` })
      }
    })
  return registered(schema)
}

/** Optional variant of {@link textField}: empty after cleaning becomes `undefined`. */
export function optionalTextField(options: { label: string; max: number; multiline?: boolean }) {
  const { label, max, multiline = false } = options
  const schema = z
    .string({ error: `${label}格式不正确` })
    .max(rawLimit(max), `${label}不能超过 ${max} 个字`)
    .optional()
    .transform((value) => (value === undefined ? undefined : cleanText(value, { multiline }) || undefined))
    .superRefine((value, ctx) => {
      if (value !== undefined && countCharacters(value) > max) {
        ctx.addIssue({ code: 'custom', message: `${label}不能超过 ${max} 个字` })
      }
    })
  return registered(schema)
}

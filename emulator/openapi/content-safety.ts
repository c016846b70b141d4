/**
 * Content-safety verdicts of the local cloud, driven by a word list
 * (emulator/openapi/content-safety-words.json) so tests and demos can trigger
 * each outcome on purpose:
 *  - a `text.errorWords` / `media.errorWords` entry makes the CHECK ITSELF fail
 *    (the cloud's system error, errcode -1): callers must then hold the item
 *    for a person, not publish it;
 *  - a `risky` word -> `result.suggest = 'risky'` with that word's label;
 *  - a `review` word -> `'review'`;
 *  - otherwise `'pass'`, label 100.
 * Matching is substring, case-insensitive, after NFKC normalisation; the
 * strongest verdict wins (error > risky > review > pass).
 */
import fs from 'fs'
import path from 'path'
import { z } from 'zod'

export type Suggest = 'pass' | 'review' | 'risky'

const entry = z.object({ word: z.string().min(1), label: z.number().int() })
const section = z.object({
  risky: z.array(entry).default([]),
  review: z.array(entry).default([]),
  errorWords: z.array(z.string().min(1)).default([])
})
const wordListSchema = z.object({ text: section, media: section })

export type WordSection = z.infer<typeof section>
export type WordList = z.infer<typeof wordListSchema>

/** Path of the default list. */
export const DEFAULT_WORDS_FILE = path.join(__dirname, 'content-safety-words.json')

/**
 * Read and validate a word list file.
 * @throws Error naming the file when it does not match `{text, media}` sections
 */
export function loadWordList(file = DEFAULT_WORDS_FILE): WordList {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  const parsed = wordListSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

/** Outcome of one check. */
export type Verdict =
  | { kind: 'error' }
  | { kind: 'verdict'; suggest: Suggest; label: number; keyword?: string }

const norm = (s: string): string => s.normalize('NFKC').toLowerCase()

/**
 * Judge `haystack` against one section of the list.
 * @returns 'error' when an errorWord occurs, else the strongest verdict (pass = label 100)
 */
export function judge(haystack: string, words: WordSection): Verdict {
  const h = norm(haystack)
  if (words.errorWords.some((w) => h.includes(norm(w)))) return { kind: 'error' }
  for (const suggest of ['risky', 'review'] as const) {
    const hit = words[suggest].find((e) => h.includes(norm(e.word)))
    if (hit) return { kind: 'verdict', suggest, label: hit.label, keyword: hit.word }
  }
  return { kind: 'verdict', suggest: 'pass', label: 100 }
}

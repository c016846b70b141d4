/**
 * Similar-topic check for the propose page (issue 6 item 1): Sørensen–Dice
 * coefficient over character bigrams (the `dice-coefficient` package, which
 * splits with `n-gram`), so Chinese text — no spaces between words — compares
 * by overlapping character pairs. The title counts twice as much as the
 * description; descriptions are cut to their first 200 characters to keep
 * the quadratic comparison cheap.
 */
import { diceCoefficient } from 'dice-coefficient'

/** Score at or above which a topic is shown as similar (0..1). Tuned on the demo topics. */
export const SIMILAR_THRESHOLD = 0.3

/** Strips punctuation and spaces, lowercases Latin letters. */
export function normaliseForSimilarity(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
}

/**
 * Similarity of two topics, 0 (nothing shared) to 1 (same text): weighted
 * mean of the Dice coefficient of titles (2/3) and of the first 200
 * characters of title + description (1/3).
 */
export function topicSimilarity(a: { title: string; description?: string }, b: { title: string; description?: string }): number {
  const ta = normaliseForSimilarity(a.title)
  const tb = normaliseForSimilarity(b.title)
  if (!ta || !tb) return 0
  const title = diceCoefficient(ta, tb)
  const da = normaliseForSimilarity(`${a.title}${a.description ?? ''}`).slice(0, 200)
  const db = normaliseForSimilarity(`${b.title}${b.description ?? ''}`).slice(0, 200)
  const body = diceCoefficient(da, db)
  return Math.round(((2 * title + body) / 3) * 1000) / 1000
}

/**
 * Bounded parallelism for county-size jobs (issue 13 item 9): hundreds of
 * single-document writes or notices fit the 20 s function limit only when
 * a few are in flight at once, and not all at once (the platform limits a
 * function's concurrent requests).
 */

/** Runs `work` over `items`, at most `parallel` at a time; resolves when all are done, rejects on the first failure. */
export async function inParallel<T>(items: T[], parallel: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.max(0, Math.min(parallel, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++
        await work(items[i], i)
      }
    })
  )
}

/** Notices (subscription messages) in flight at once. */
export const NOTICE_PARALLEL = 20

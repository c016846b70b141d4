/**
 * Cursor-paged lists on the console's screens: one hook for the rows, the
 * cursor, loading and the error, and the two parts every list shows (the
 * error with 重试, 加载更多). The page fetcher takes the cursor of the page
 * to load (undefined for the first) and must change identity when the
 * filters do (useCallback), which reloads the first page.
 */
import { useCallback, useEffect, useState } from 'react'
import Button from 'antd/es/button'
import Typography from 'antd/es/typography'
import type { Page } from '../../src/core/paging'

export function usePaged<T>(fetchPage: (cursor?: string) => Promise<Page<T>>) {
  const [rows, setRows] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const load = useCallback(
    async (more?: string) => {
      setLoading(true)
      setError(undefined)
      try {
        const page = await fetchPage(more)
        setRows((r) => (more ? [...r, ...page.items] : page.items))
        setCursor(page.nextCursor)
      } catch (e) {
        setError((e as Error).message)
      } finally {
        setLoading(false)
      }
    },
    [fetchPage]
  )
  useEffect(() => void load(), [load])
  return { rows, cursor, loading, error, load, loadMore: () => void load(cursor) }
}

/** The server's message with 重试, or nothing. */
export function LoadError({ error, onRetry }: { error?: string; onRetry: () => void }) {
  if (!error) return null
  return (
    <Typography.Paragraph type='danger'>
      {error} <Button onClick={onRetry}>重试</Button>
    </Typography.Paragraph>
  )
}

/** 加载更多 while there is a next page. */
export function LoadMore({ cursor, loading, onMore }: { cursor?: string; loading: boolean; onMore: () => void }) {
  if (!cursor) return null
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button loading={loading} onClick={onMore}>
        加载更多
      </Button>
    </div>
  )
}

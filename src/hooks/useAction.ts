/**
 * Data hooks every screen uses, so each one has the same loading, empty,
 * error-with-retry, pull-to-refresh and load-more behaviour.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { ActionInput, ActionName, ActionOutput } from '../core/contract'
import type { Page } from '../core/paging'
import { actions, isMutating } from '../core/contract'
import { call, changeVersion, needsReload, newRequestId, shownBy, toAppError, type AppError } from '../services'

export interface ActionState<T> {
  data?: T
  error?: AppError
  /** True while the first load (or a retry after an error) runs. */
  loading: boolean
  /** True while a pull-to-refresh or `reload` runs with data already shown. */
  refreshing: boolean
  /** Fetch again; keeps the current data on screen until the answer arrives. */
  reload: () => Promise<void>
}

/** Stops the native pull-down spinner; harmless where there is none (H5 without it, tests). */
function stopPullDown(): void {
  try {
    void Taro.stopPullDownRefresh?.()
  } catch {
    /* not supported here */
  }
}

/** Options both data hooks take. */
export interface DataHookOptions {
  enabled?: boolean
  pullDownRefresh?: boolean
  /**
   * More change-bus areas this screen shows (see `src/services/changes.ts`),
   * besides the action's own (`shownBy(name)`); a change in any of them
   * since the last load reloads the data when the page is shown again.
   */
  watch?: readonly string[]
}

/**
 * Loads one action's output when the component mounts and whenever `input`
 * changes (compared as JSON). `enabled: false` waits (e.g. until an id is
 * known). `pullDownRefresh: true` reloads on the page's pull-down (the page
 * config must set `enablePullDownRefresh`). When the page is shown again
 * (back from another page) it reloads quietly only if a mutation touched an
 * area it shows since it loaded (`shownBy(name)` + `watch`, the change bus).
 */
export function useAction<N extends ActionName>(
  name: N,
  input: ActionInput<N>,
  options: DataHookOptions = {}
): ActionState<ActionOutput<N>> {
  const { enabled = true, pullDownRefresh = false } = options
  const areas = useAreas(name, options.watch)
  const loadedAt = useRef(0)
  const loadedMs = useRef(0)
  const key = JSON.stringify(input ?? null)
  const [state, setState] = useState<{ data?: ActionOutput<N>; error?: AppError; loading: boolean; refreshing: boolean }>({
    loading: enabled,
    refreshing: false
  })
  const seq = useRef(0)

  const run = useCallback(
    async (mode: 'load' | 'refresh') => {
      const mine = ++seq.current
      loadedAt.current = changeVersion()
      loadedMs.current = Date.now()
      setState((s) => ({ ...s, loading: mode === 'load' || !s.data, refreshing: mode === 'refresh' && !!s.data, error: undefined }))
      try {
        const data = await call(name, JSON.parse(key) as ActionInput<N>)
        if (mine === seq.current) setState({ data, loading: false, refreshing: false })
      } catch (error) {
        if (mine === seq.current) setState((s) => ({ data: mode === 'refresh' ? s.data : undefined, error: toAppError(error), loading: false, refreshing: false }))
      }
    },
    [name, key]
  )

  useEffect(() => {
    if (enabled) void run('load')
  }, [enabled, run])

  // Coming back to a kept page after another page changed something it
  // shows, or after a minute (others may have acted): refresh quietly,
  // keeping what is shown until the answer arrives.
  const latest = useRef({ run, enabled, loaded: false })
  latest.current = { run, enabled, loaded: state.data !== undefined }
  useReturnToPage(() => {
    if (latest.current.enabled && latest.current.loaded && needsReload(areas, loadedAt.current, loadedMs.current)) void latest.current.run('refresh')
  })

  usePullDownRefresh(() => {
    if (!pullDownRefresh) return
    void run('refresh').finally(stopPullDown)
  })

  const reload = useCallback(() => run('refresh'), [run])
  return { ...state, reload }
}

/** Actions whose output is a `Page<T>` (cursor pagination). */
export type PagedActionName = {
  [N in ActionName]: ActionOutput<N> extends Page<unknown> ? N : never
}[ActionName]
export type PageItem<N extends PagedActionName> = ActionOutput<N> extends Page<infer T> ? T : never

export interface PagedListState<T> {
  items: T[]
  /** First page loading (nothing to show yet). */
  loading: boolean
  /** First page failed: show the error with a retry button. */
  error?: AppError
  /** Loaded, no items. */
  empty: boolean
  hasMore: boolean
  loadingMore: boolean
  /** A later page failed: the items stay, a retry link appears under them. */
  loadMoreError?: AppError
  refreshing: boolean
  /** From the first page again (pull-to-refresh, or after an action changed the list). */
  refresh: () => Promise<void>
  /** Retries whatever failed (first page or the next page). */
  retry: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * A cursor-paginated list. `input` is the action's input without
 * `limit`/`cursor`; `pageSize` (default 20, the contract's maximum) goes in
 * `limit`. `pullDownRefresh` and `reachBottom` wire the page's native
 * pull-down and scroll-to-bottom events.
 */
export function usePagedList<N extends PagedActionName>(
  name: N,
  input: Omit<ActionInput<N>, 'limit' | 'cursor'>,
  options: DataHookOptions & { pageSize?: number; reachBottom?: boolean } = {}
): PagedListState<PageItem<N>> {
  const { pageSize = 20, pullDownRefresh = false, reachBottom = false, enabled = true } = options
  const areas = useAreas(name, options.watch)
  const loadedAt = useRef(0)
  const loadedMs = useRef(0)
  const key = JSON.stringify(input ?? {})
  const [items, setItems] = useState<PageItem<N>[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<AppError | undefined>()
  const [loadMoreError, setLoadMoreError] = useState<AppError | undefined>()
  const seq = useRef(0)
  const busy = useRef(false)

  const fetchPage = useCallback(
    (after?: string) =>
      call(name, { ...(JSON.parse(key) as object), limit: pageSize, ...(after ? { cursor: after } : {}) } as ActionInput<N>) as Promise<Page<PageItem<N>>>,
    [name, key, pageSize]
  )

  const loadFirst = useCallback(
    async (mode: 'load' | 'refresh') => {
      const mine = ++seq.current
      loadedAt.current = changeVersion()
      loadedMs.current = Date.now()
      busy.current = true
      if (mode === 'load') setLoading(true)
      else setRefreshing(true)
      setError(undefined)
      setLoadMoreError(undefined)
      try {
        const page = await fetchPage()
        if (mine !== seq.current) return
        setItems(page.items)
        setCursor(page.nextCursor)
        setLoaded(true)
      } catch (e) {
        if (mine !== seq.current) return
        const err = toAppError(e)
        if (mode === 'refresh' && loadedRef.current) {
          void Taro.showToast?.({ title: err.message, icon: 'none' })?.catch?.(() => undefined)
        } else {
          setItems([])
          setLoaded(false)
          setError(err)
        }
      } finally {
        if (mine === seq.current) {
          busy.current = false
          setLoading(false)
          setRefreshing(false)
        }
      }
    },
    [fetchPage]
  )
  const loadedRef = useRef(loaded)
  loadedRef.current = loaded

  useEffect(() => {
    if (enabled) void loadFirst('load')
  }, [enabled, loadFirst])

  // Coming back to a kept page after something it shows changed: the first
  // page again, quietly (counts and states changed on a detail page show up
  // without a pull-down); nothing changed and loaded within the last
  // minute, no request.
  const latestList = useRef({ loadFirst, enabled })
  latestList.current = { loadFirst, enabled }
  useReturnToPage(() => {
    if (latestList.current.enabled && loadedRef.current && needsReload(areas, loadedAt.current, loadedMs.current)) void latestList.current.loadFirst('refresh')
  })

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    const mine = seq.current
    busy.current = true
    setLoadingMore(true)
    setLoadMoreError(undefined)
    try {
      const page = await fetchPage(cursor)
      if (mine !== seq.current) return
      setItems((prev) => [...prev, ...page.items])
      setCursor(page.nextCursor)
    } catch (e) {
      if (mine === seq.current) setLoadMoreError(toAppError(e))
    } finally {
      if (mine === seq.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [cursor, fetchPage])

  usePullDownRefresh(() => {
    if (!pullDownRefresh) return
    void loadFirst('refresh').finally(stopPullDown)
  })
  useReachBottom(() => {
    if (reachBottom && !loadMoreError) void loadMore()
  })

  const refresh = useCallback(() => loadFirst(loaded ? 'refresh' : 'load'), [loadFirst, loaded])
  const retry = useCallback(() => (error || !loaded ? loadFirst('load') : loadMore()), [error, loaded, loadFirst, loadMore])

  return {
    items,
    loading,
    error,
    empty: loaded && !loading && items.length === 0,
    hasMore: !!cursor,
    loadingMore,
    loadMoreError,
    refreshing,
    refresh,
    retry,
    loadMore
  }
}

export interface MutationState<N extends ActionName> {
  /** Runs the action; resolves with its output or rejects with the AppError (also kept in `error`). */
  run: (input: ActionInput<N>) => Promise<ActionOutput<N>>
  pending: boolean
  error?: AppError
  data?: ActionOutput<N>
  reset: () => void
}

/**
 * An action the user triggers (a form submit). For every mutating action
 * (`mutates: true` or `creates: true` in the contract, see `isMutating`) a
 * failed attempt's request id is reused by the next attempt, so a retry
 * after a lost answer is answered with the first answer and never acts
 * twice; a success, or input refused on the phone before sending, starts a
 * fresh id. Read actions get a fresh id per attempt.
 */
export function useMutation<N extends ActionName>(name: N): MutationState<N> {
  const mutating = isMutating(actions[name])
  const pendingId = useRef<string | undefined>()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<AppError | undefined>()
  const [data, setData] = useState<ActionOutput<N> | undefined>()

  const run = useCallback(
    async (input: ActionInput<N>) => {
      const requestId = mutating ? (pendingId.current ??= newRequestId()) : newRequestId()
      setPending(true)
      setError(undefined)
      try {
        const out = await call(name, input, { requestId })
        pendingId.current = undefined
        setData(out)
        return out
      } catch (e) {
        const err = toAppError(e)
        // Invalid input never reached the server: the next attempt is a new request.
        if (err.code === 'COMMON.INVALID_INPUT' && !err.requestId) pendingId.current = undefined
        setError(err)
        throw err
      } finally {
        setPending(false)
      }
    },
    [name, mutating]
  )
  const reset = useCallback(() => {
    setError(undefined)
    setData(undefined)
  }, [])
  return { run, pending, error, data, reset }
}

/** The change-bus areas a hook for `name` watches: `shownBy(name)` plus `watch` (stable across renders). */
function useAreas(name: ActionName, watch: readonly string[] = []): readonly string[] {
  const key = `${name}|${watch.join(',')}`
  const ref = useRef<{ key: string; areas: readonly string[] }>()
  if (ref.current?.key !== key) ref.current = { key, areas: [...shownBy(name), ...watch] }
  return ref.current.areas
}

/**
 * Runs `callback` each time the page is shown again, not on its first show
 * (the first load is the hooks' own effect). Taro keeps earlier pages alive,
 * so without this a list would still show what it had before the user
 * opened a detail page and acted there.
 */
function useReturnToPage(callback: () => void): void {
  const shown = useRef(false)
  const latest = useRef(callback)
  latest.current = callback
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true
      return
    }
    latest.current()
  })
}

/**
 * The loading / error / empty / content switch every screen uses.
 * Error shows the Chinese message from the AppError and a 重试 button.
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import type { AppError } from '../core/errors'
import { Button } from './nut'
import './StateView.scss'

export interface StateViewProps {
  loading?: boolean
  error?: AppError
  empty?: boolean
  onRetry?: () => void
  /** Shown when `empty`; say what is missing and, if any, what to do. */
  emptyText?: string
  emptyHint?: string
  loadingText?: string
  children?: ReactNode
}

export function StateView({ loading, error, empty, onRetry, emptyText = '暂无内容', emptyHint, loadingText = '加载中…', children }: StateViewProps) {
  if (loading) {
    return (
      <View className='state state--loading' role='status' aria-busy='true'>
        <Text>{loadingText}</Text>
      </View>
    )
  }
  if (error) {
    return (
      <View className='state state--error' role='alert'>
        <Text className='state__message'>{error.message}</Text>
        {onRetry ? (
          <Button className='state__retry' type='primary' fill='outline' onClick={() => onRetry()}>
            重试
          </Button>
        ) : null}
      </View>
    )
  }
  if (empty) {
    return (
      <View className='state state--empty'>
        <Text className='state__message'>{emptyText}</Text>
        {emptyHint ? <Text className='state__hint'>{emptyHint}</Text> : null}
      </View>
    )
  }
  return <>{children}</>
}

/** Footer under a paged list: 加载更多 / 加载中 / retry / 没有更多了. */
export function LoadMoreFooter(props: { hasMore: boolean; loadingMore: boolean; error?: AppError; onLoadMore: () => void; count: number }) {
  const { hasMore, loadingMore, error, onLoadMore, count } = props
  if (count === 0) return null
  if (error) {
    return (
      <View className='load-more' role='alert'>
        <Text className='state__message'>{error.message}</Text>
        <View className='load-more__action' role='button' onClick={onLoadMore}>
          <Text>重试</Text>
        </View>
      </View>
    )
  }
  if (loadingMore) return <View className='load-more'><Text>加载中…</Text></View>
  if (hasMore) {
    return (
      <View className='load-more load-more__action' role='button' onClick={onLoadMore}>
        <Text>加载更多</Text>
      </View>
    )
  }
  return <View className='load-more'><Text className='state__hint'>没有更多了</Text></View>
}

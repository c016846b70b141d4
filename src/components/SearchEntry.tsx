/**
 * The search bar on 首页 and on the topic and activity lists: it only looks
 * like an input and opens the 搜索 page (subpackage `search`), so the page
 * it sits on makes no cloud call for it. `kind` preselects that page's tab.
 */
import { View, Text } from '@tarojs/components'
import type { SearchKind } from '../core/actions/search'
import { navigate } from '../hooks/navigate'
import './SearchEntry.scss'

export function SearchEntry({ kind, placeholder = '搜索议题、活动、工作室、公告' }: { kind?: SearchKind; placeholder?: string }) {
  return (
    <View className='search-entry' role='search' aria-label='搜索' onClick={() => void navigate(`/search/index/index${kind ? `?kind=${kind}` : ''}`)}>
      <Text className='search-entry__icon'>⌕</Text>
      <Text className='search-entry__text'>{placeholder}</Text>
    </View>
  )
}

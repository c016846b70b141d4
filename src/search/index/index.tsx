/**
 * 搜索 (issue 12 item 8): one search over published topics, activities,
 * studios and announcements (`search.query`, literal, newest first, paged on
 * scroll). Opened from the search bar on 首页 and from the topic and activity
 * lists (`?kind=topic|activity` preselects the tab). No call until the
 * person searches; recent searches are kept on this device (../recent.ts).
 * States: loading, empty (没有找到与“…”相关的内容), error with 重试.
 */
import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { searchKindLabels, searchKinds, SEARCH_PAGE_DEFAULT, SEARCH_TEXT_MAX, type SearchKind } from '../../core/actions/search'
import { showDay } from '../../core/dates'
import { clampCharacters, cleanText } from '../../core/text'
import { PageShell, StateView, ListRow, LoadMoreFooter, Badge } from '../../components'
import { usePagedList, navigate } from '../../hooks'
import { clearRecent, readRecent, rememberSearch } from '../recent'
import './index.scss'

type Tab = SearchKind | 'all'
const TABS: Tab[] = ['all', ...searchKinds]

function isKind(value: string | undefined): value is SearchKind {
  return !!value && (searchKinds as readonly string[]).includes(value)
}

export default function Search() {
  const params = useRouter().params
  const [draft, setDraft] = useState('')
  /** The text searched (cleaned as the server cleans it); '' before the first search. */
  const [text, setText] = useState('')
  const [tab, setTab] = useState<Tab>(isKind(params.kind) ? params.kind : 'all')
  const [recent, setRecent] = useState<string[]>(() => readRecent())
  const list = usePagedList('search.query', { text, ...(tab === 'all' ? {} : { kind: tab }) }, { pageSize: SEARCH_PAGE_DEFAULT, reachBottom: true, enabled: text !== '' })

  const search = (value: string) => {
    const cleaned = cleanText(clampCharacters(value, SEARCH_TEXT_MAX))
    setDraft(cleaned)
    if (!cleaned) return
    setText(cleaned)
    setRecent(rememberSearch(cleaned))
  }

  return (
    <PageShell>
      <View className='search__bar'>
        <View className='search__field' role='search'>
          <Text className='search__icon'>⌕</Text>
          <Input
            className='search__input'
            value={draft}
            placeholder='搜索议题、活动、工作室、公告'
            confirmType='search'
            maxlength={SEARCH_TEXT_MAX}
            focus
            aria-label='搜索词'
            onInput={(e) => setDraft(clampCharacters(e.detail.value, SEARCH_TEXT_MAX))}
            onConfirm={(e) => search(e.detail.value)}
          />
          {draft ? (
            <View className='search__clear' role='button' aria-label='清空搜索词' onClick={() => setDraft('')}>
              <Text>×</Text>
            </View>
          ) : null}
          <View className='search__go' role='button' onClick={() => search(draft)}>
            <Text>搜索</Text>
          </View>
        </View>
      </View>

      <View className='search__tabs' role='tablist'>
        {TABS.map((k) => (
          <View key={k} role='tab' aria-selected={k === tab} className={`search__tab${k === tab ? ' search__tab--active' : ''}`} onClick={() => setTab(k)}>
            <Text>{k === 'all' ? '全部' : searchKindLabels[k]}</Text>
          </View>
        ))}
      </View>

      {text === '' ? (
        <View className='search__recent'>
          {recent.length > 0 ? (
            <>
              <View className='search__recent-head'>
                <Text className='search__recent-title'>最近搜索</Text>
                <View
                  className='search__recent-clear'
                  role='button'
                  onClick={() => {
                    clearRecent()
                    setRecent([])
                  }}
                >
                  <Text>清除</Text>
                </View>
              </View>
              <View className='search__chips'>
                {recent.map((r) => (
                  <View key={r} className='search__chip' role='button' onClick={() => search(r)}>
                    <Text>{r}</Text>
                  </View>
                ))}
              </View>
            </>
          ) : (
            <Text className='search__hint'>输入词语查找议题、活动、委员工作室和公告</Text>
          )}
        </View>
      ) : (
        <View className='search__list'>
          <StateView
            loading={list.loading}
            loadingText='正在搜索…'
            error={list.error}
            empty={list.empty}
            onRetry={() => void list.retry()}
            emptyText={`没有找到与“${text}”相关的${tab === 'all' ? '内容' : searchKindLabels[tab]}`}
            emptyHint='换个词试试，或少输入几个字'
          >
            {list.items.map((h) => (
              <ListRow
                key={`${h.kind}:${h.id}`}
                title={h.title}
                subtitle={
                  <View className='search__hit'>
                    {h.snippet ? <Text className='search__snippet'>{h.snippet}</Text> : null}
                    <Text className='search__date'>{showDay(h.date)}</Text>
                  </View>
                }
                note={<Badge>{searchKindLabels[h.kind]}</Badge>}
                onClick={() => void navigate(`${h.route}?id=${encodeURIComponent(h.id)}`)}
              />
            ))}
            <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
          </StateView>
        </View>
      )}
    </PageShell>
  )
}

/**
 * 《社情民意》专刊 (staff): every issue, newest first, optionally one year;
 * each downloads as .docx (logged).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { beijing } from '../../core/time'
import { PageShell, StateView, ListRow, LoadMoreFooter, Button } from '../../components'
import { useMutation, usePagedList, navigate } from '../../hooks'
import { openBulletin } from './open'
import './index.scss'

export default function BulletinList() {
  const thisYear = beijing().year()
  const [year, setYear] = useState<number | undefined>(thisYear)
  const list = usePagedList('bulletin.list', year ? { year } : {}, { pullDownRefresh: true, reachBottom: true })
  const download = useMutation('bulletin.download')
  const years = [thisYear, thisYear - 1, thisYear - 2]
  return (
    <PageShell back title='《社情民意》专刊'>
      <View className='blist__bar'>
        {[...years, undefined].map((y) => (
          <View key={y ?? 'all'} role='radio' aria-checked={year === y} className={`blist__chip${year === y ? ' blist__chip--on' : ''}`} onClick={() => setYear(y)}>
            <Text>{y ? `${y}年` : '全部'}</Text>
          </View>
        ))}
        <Button size='small' type='primary' className='blist__new' onClick={() => void navigate('/staff/bulletin-compile/index')}>
          编辑新一期
        </Button>
      </View>
      {download.error ? (
        <View className='blist__error' role='alert'>
          <Text>{download.error.message}</Text>
        </View>
      ) : null}
      <StateView loading={list.loading} error={list.error} onRetry={() => void list.retry()} empty={list.empty} emptyText='这一年还没有专刊'>
        <View className='blist__list'>
          {list.items.map((b) => (
            <ListRow key={b.id} title={b.title} subtitle={`${b.date} · ${b.itemCount} 条 · 编辑 ${b.editor} · 签发 ${b.approver}`} note='下载' onClick={() => void openBulletin(download, b.id)} />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

/**
 * The records behind one figure of the year (year.records, issue 10): a
 * page of 20 at a time, with loading, empty and error states. Rows carry
 * names only (phones masked by the server, never an OPENID); records staff
 * entered by hand say so and by whom. URL: ?year=2026&figure=<figure id>.
 */
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageShell, StateView, ListRow, LoadMoreFooter } from '../../components'
import { usePagedList } from '../../hooks'
import { figureById, pendingSources } from '../../core/figures'
import { formatBeijing } from '../../core/time'
import type { FigureRecord } from '../../core/actions/year'
import { recordYears } from '../years'
import './index.scss'

function subtitle(r: FigureRecord): string {
  return [r.date ? formatBeijing(r.date, 'YYYY年M月D日') : '', r.place, r.who, r.detail].filter(Boolean).join(' · ')
}

export default function FigureDrill() {
  const params = useRouter().params
  const figure = figureById(params.figure ?? '')
  const parsed = Number(params.year)
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : recordYears()[0]
  const list = usePagedList('year.records', { year, figure: figure?.id ?? '' }, { pullDownRefresh: true, reachBottom: true, enabled: Boolean(figure) })

  if (!figure) {
    return (
      <PageShell back title='统计明细'>
        <StateView empty emptyText='没有找到这项统计' emptyHint='请返回年度工作数据重新选择' />
      </PageShell>
    )
  }
  const pending = pendingSources[figure.source.from]
  return (
    <PageShell back title={figure.name}>
      <View className='drill__head'>
        <Text className='drill__title'>
          {year}年 · {figure.records}
        </Text>
        <Text className='drill__how'>{figure.howCounted}</Text>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.retry()}
        empty={list.empty}
        emptyText={`${year}年没有计入“${figure.name}”的记录`}
        emptyHint={pending ?? '记录登记或活动归档后会出现在这里'}
      >
        <View className='drill__list'>
          {list.items.map((r) => (
            <ListRow
              key={r.id}
              title={r.title}
              subtitle={
                <View className='drill__meta'>
                  <Text>{subtitle(r)}</Text>
                  {r.manual ? <Text className='drill__manual'>{`${r.manual.by}于${formatBeijing(r.manual.at, 'YYYY年M月D日')}补录`}</Text> : null}
                </View>
              }
              note={`${r.value}${figure.unit === '%' ? '' : figure.unit}`}
              arrow={false}
            />
          ))}
        </View>
        <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.retry()} count={list.items.length} />
      </StateView>
    </PageShell>
  )
}

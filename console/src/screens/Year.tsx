/**
 * 年度工作数据 at the desk (issue 10; staff and leaders): the chosen Beijing
 * year's figures grouped as the work review groups them (src/core/figures.ts),
 * each with the year before and the change; an echarts chart per group
 * (this year beside the year before), member participations by month and
 * 社情民意 upward records by level; a figure's records in a side panel
 * (year.records, paged; names only, phones masked by the server); both
 * exports saved as `<year>年度工作数据.xlsx` / `.docx`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Drawer from 'antd/es/drawer'
import Select from 'antd/es/select'
import Space from 'antd/es/space'
import Spin from 'antd/es/spin'
import Table from 'antd/es/table'
import Tag from 'antd/es/tag'
import Typography from 'antd/es/typography'
import type { FigureRecord, FigureValue, YearFigures } from '../../../src/core/actions/year'
import { formatFigure } from '../../../src/core/figures'
import { formatBeijing } from '../../../src/core/time'
import { call } from '../../../src/services'
import { changeText, chartableFigures, recordYears } from '../../../src/year/years'
import { saveExport } from '../download'
import { EChart, type EChartOption } from '../EChart'
import { LoadError, LoadMore, usePaged } from '../paged'

const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
const red = '#b8202a'
const orange = '#f0a35e'

/** This year beside the year before for a group's chartable figures (the phone's rule), as horizontal bars. */
function groupOption(f: YearFigures, figures: FigureValue[]): EChartOption | undefined {
  const shown = chartableFigures(figures)
  if (!shown.length) return undefined
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: shown.map((x) => x.name) },
    series: [
      { name: `${f.year}年`, type: 'bar', data: shown.map((x) => x.value), itemStyle: { color: red } },
      { name: `${f.previousYear}年`, type: 'bar', data: shown.map((x) => x.previous ?? 0), itemStyle: { color: orange } }
    ]
  }
}

function monthsOption(f: YearFigures): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: '人次' },
    series: [{ name: '委员参与协商', type: 'line', data: f.participationsByMonth, itemStyle: { color: red } }]
  }
}

function upwardOption(f: YearFigures): EChartOption {
  const levels = [f.upward.city, f.upward.province]
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ['市政协', '省政协'] },
    yAxis: { type: 'value', name: '篇' },
    series: [
      { name: '报送', type: 'bar', data: levels.map((l) => l.reported), itemStyle: { color: '#5b8ff9' } },
      { name: '采用', type: 'bar', data: levels.map((l) => l.adopted), itemStyle: { color: red } },
      { name: '获批示', type: 'bar', data: levels.map((l) => l.instruction), itemStyle: { color: orange } }
    ]
  }
}

/** The records behind one figure, in the side panel. */
function Records({ year, figure }: { year: number; figure: FigureValue }) {
  const fetchPage = useCallback((more?: string) => call('year.records', { year, figure: figure.id, limit: 20, ...(more ? { cursor: more } : {}) }), [year, figure.id])
  const { rows, cursor, loading, error, load, loadMore } = usePaged<FigureRecord>(fetchPage)
  return (
    <div>
      <Typography.Paragraph type='secondary'>
        {year}年 · {figure.records}。{figure.howCounted}
      </Typography.Paragraph>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<FigureRecord>
        rowKey='id'
        size='small'
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: figure.pending ?? `${year}年没有计入“${figure.name}”的记录` }}
        columns={[
          {
            title: '记录',
            dataIndex: 'title',
            render: (_: string, r: FigureRecord) => (
              <div>
                <div>{r.title}</div>
                <Typography.Text type='secondary' style={{ fontSize: 12 }}>
                  {[r.place, r.who, r.detail].filter(Boolean).join(' · ')}
                </Typography.Text>
                {r.manual ? <Tag style={{ marginLeft: 8 }}>{`${r.manual.by}于${formatBeijing(r.manual.at, 'YYYY年M月D日')}补录`}</Tag> : null}
              </div>
            )
          },
          { title: '日期', dataIndex: 'date', width: 120, render: (d?: string) => (d ? formatBeijing(d, 'YYYY-MM-DD') : '') },
          { title: '计入', dataIndex: 'value', width: 80, align: 'right' as const, render: (v: number) => `${v}${figure.unit === '%' ? '' : figure.unit}` }
        ]}
      />
      <LoadMore cursor={cursor} loading={loading} onMore={loadMore} />
    </div>
  )
}

export default function Year() {
  const { message } = App.useApp()
  const years = useMemo(() => recordYears(), [])
  const [year, setYear] = useState(years[0])
  const [data, setData] = useState<YearFigures | undefined>()
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [open, setOpen] = useState<FigureValue | undefined>()
  const [exporting, setExporting] = useState<'xlsx' | 'docx' | undefined>()

  const load = useCallback(async () => {
    setLoading(true)
    setError(undefined)
    try {
      setData(await call('year.figures', { year }))
    } catch (e) {
      setData(undefined)
      setError((e as Error).message)
    } finally {
      setLoading(false)
    }
  }, [year])
  useEffect(() => void load(), [load])

  const exportAs = async (format: 'xlsx' | 'docx') => {
    setExporting(format)
    try {
      const out = await call('year.export', { year, format })
      await saveExport(out.url, `${year}年度工作数据`, format)
      void message.success(`已导出 ${year} 年 ${out.figures} 项数据`)
    } catch (e) {
      void message.error((e as Error).message)
    } finally {
      setExporting(undefined)
    }
  }

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年度工作数据
        </Typography.Title>
        <Space>
          <Select aria-label='年度' style={{ width: 120 }} value={year} onChange={(y: number) => setYear(y)} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
          <Button type='primary' loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')}>
            导出 Excel
          </Button>
          <Button loading={exporting === 'docx'} onClick={() => void exportAs('docx')}>
            导出 Word
          </Button>
        </Space>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Spin spinning={loading}>
        {data ? (
          <Space direction='vertical' size={16} style={{ width: '100%' }}>
            <Typography.Text type='secondary'>
              {data.year}年（北京时间）各项数据与{data.previousYear}年对比；点击一项在右侧查看背后的记录。
            </Typography.Text>
            {data.groups.map((g) => {
              const option = groupOption(data, g.figures)
              return (
                <Card key={g.group} title={g.label} size='small'>
                  <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Table<FigureValue>
                        rowKey='id'
                        size='small'
                        pagination={false}
                        dataSource={g.figures}
                        onRow={(x) => ({ onClick: () => setOpen(x), style: { cursor: 'pointer' } })}
                        columns={[
                          { title: '统计项', dataIndex: 'name', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
                          { title: `${data.year}年`, dataIndex: 'value', width: 110, align: 'right' as const, render: (v: number | null, x: FigureValue) => (v === null ? <Typography.Text type='secondary'>{x.pending ?? '—'}</Typography.Text> : <b>{formatFigure(v, x.unit)}</b>) },
                          { title: `${data.previousYear}年`, dataIndex: 'previous', width: 100, align: 'right' as const, render: (v: number | null, x: FigureValue) => formatFigure(v, x.unit) },
                          { title: '变化', key: 'change', width: 150, render: (_: unknown, x: FigureValue) => changeText(x.value, x.previous, x.unit) }
                        ]}
                      />
                    </div>
                    <div style={{ width: 420, flexShrink: 0 }}>
                      {option ? <EChart option={option} height={48 + chartableFigures(g.figures).length * 36} label={`${g.label}：${data.year}年与${data.previousYear}年`} /> : null}
                      {g.group === 'consult' ? <EChart option={monthsOption(data)} height={200} label={`${data.year}年委员参与协商人次（按月）`} /> : null}
                      {g.group === 'opinion' ? <EChart option={upwardOption(data)} height={200} label={`${data.year}年社情民意向上报送与采用`} /> : null}
                    </div>
                  </div>
                </Card>
              )
            })}
          </Space>
        ) : (
          <div style={{ height: 200 }} />
        )}
      </Spin>
      <Drawer width={640} open={Boolean(open)} onClose={() => setOpen(undefined)} title={open ? `${open.name}（${formatFigure(open.value, open.unit)}）` : ''} destroyOnHidden>
        {open ? <Records year={year} figure={open} /> : null}
      </Drawer>
    </div>
  )
}

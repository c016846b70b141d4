/**
 * 年度工作数据 (issue 10; staff and leaders): every figure of the work
 * review for the chosen Beijing year, grouped as the review groups them
 * (src/core/figures.ts), each with the year before and the change; one F2
 * chart per group (this year beside the year before), plus member
 * participations by month and 社情民意 upward records by level; a tap on a
 * figure opens the records behind it (drill/index); both exports (.xlsx,
 * .docx 年度工作数据). Data: year.figures (about 30 DB operations).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PageShell, StateView, Section, Button } from '../../components'
import { F2Chart, type ChartDatum } from '../../components/F2Chart'
import { useAction, useMe, useMutation, navigate } from '../../hooks'
import type { FigureValue, YearFigures } from '../../core/actions/year'
import { formatFigure } from '../../core/figures'
import { changeText, chartableFigures, recordYears } from '../years'
import { openExport } from '../export'
import './index.scss'

/** This year beside the year before for a group's chartable figures ({@link chartableFigures}). */
export function groupChartData(f: YearFigures, figures: FigureValue[]): ChartDatum[] {
  return chartableFigures(figures).flatMap((x) => {
    const label = shortName(x.name)
    return [
      { label, value: x.value as number, series: `${f.year}年` },
      { label, value: x.previous ?? 0, series: `${f.previousYear}年` }
    ]
  })
}

/** A figure's name short enough for a chart axis (≤ 8 characters, no quotes). */
export function shortName(name: string): string {
  const plain = name.replace(/（[^）]*）/g, '').replace(/[“”"]/g, '')
  return plain.length > 8 ? `${plain.slice(0, 7)}…` : plain
}

function FigureRow({ year, figure }: { year: number; figure: FigureValue }) {
  const change = changeText(figure.value, figure.previous, figure.unit)
  return (
    <View
      className='year-figure'
      role='link'
      aria-label={`${figure.name} ${formatFigure(figure.value, figure.unit)}`}
      onClick={() => void navigate(`/year/drill/index?year=${year}&figure=${encodeURIComponent(figure.id)}`)}
    >
      <View className='year-figure__main'>
        <Text className='year-figure__name'>{figure.name}</Text>
        <Text className='year-figure__how'>{figure.value === null ? figure.pending ?? '暂无数据' : figure.howCounted}</Text>
      </View>
      <View className='year-figure__numbers'>
        <Text className='year-figure__value'>{formatFigure(figure.value, figure.unit)}</Text>
        <Text className='year-figure__previous'>上年 {formatFigure(figure.previous, figure.unit)}</Text>
        {change ? <Text className={`year-figure__change${change.includes('减少') ? ' year-figure__change--down' : ''}`}>{change}</Text> : null}
      </View>
      <Text className='year-figure__arrow'>›</Text>
    </View>
  )
}

const months = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']

export default function YearPage() {
  const me = useMe()
  const allowed = me.isStaff || me.roles.includes('leader')
  const years = recordYears()
  const [year, setYear] = useState(years[0])
  const figures = useAction('year.figures', { year }, { pullDownRefresh: true, enabled: allowed })
  const xlsx = useMutation('year.export')
  const docx = useMutation('year.export')
  const [exportError, setExportError] = useState('')
  const f = figures.data

  const exportAs = async (format: 'xlsx' | 'docx') => {
    setExportError('')
    const state = format === 'xlsx' ? xlsx : docx
    try {
      const out = await state.run({ year, format })
      await openExport(out.url, year, format)
    } catch (e) {
      if (!state.error) setExportError((e as Error).message || '文件打开失败，请重试')
    }
  }

  if (!me.loading && me.data && !allowed) {
    return (
      <PageShell back title='年度工作数据'>
        <StateView empty emptyText='年度工作数据仅供政协办公室和领导查看' />
      </PageShell>
    )
  }

  return (
    <PageShell back title='年度工作数据'>
      <View className='year__years' role='radiogroup' aria-label='年度'>
        {years.map((y) => (
          <View key={y} role='radio' aria-checked={y === year} className={`year__chip${y === year ? ' year__chip--on' : ''}`} onClick={() => setYear(y)}>
            <Text>{y}年</Text>
          </View>
        ))}
      </View>
      <StateView loading={me.loading || figures.loading} error={me.error ?? figures.error} onRetry={() => void (me.error ? me.reload() : figures.reload())} loadingText='正在统计…'>
        {f ? (
          <>
            <Text className='year__note'>
              {f.year}年（北京时间）各项数据，括号内为{f.previousYear}年。点击一项查看背后的记录。
            </Text>
            {f.groups.map((g) => {
              const data = groupChartData(f, g.figures)
              return (
                <Section key={g.group} title={g.label}>
                  {data.length ? <F2Chart id={`year-chart-${g.group}`} kind='hbar' height={56 + data.length * 18} data={data} title={`${g.label}：${f.year}年与${f.previousYear}年`} /> : null}
                  {g.group === 'consult' ? (
                    <F2Chart
                      id='year-chart-months'
                      kind='line'
                      height={160}
                      title={`${f.year}年委员参与协商人次（按月）`}
                      data={f.participationsByMonth.map((value, i) => ({ label: months[i], value }))}
                    />
                  ) : null}
                  {g.group === 'opinion' ? (
                    <F2Chart
                      id='year-chart-upward'
                      kind='stack'
                      height={160}
                      title={`${f.year}年社情民意向上报送与采用`}
                      data={[
                        { label: '市政协', value: f.upward.city.reported, series: '报送' },
                        { label: '市政协', value: f.upward.city.adopted, series: '采用' },
                        { label: '市政协', value: f.upward.city.instruction, series: '批示' },
                        { label: '省政协', value: f.upward.province.reported, series: '报送' },
                        { label: '省政协', value: f.upward.province.adopted, series: '采用' },
                        { label: '省政协', value: f.upward.province.instruction, series: '批示' }
                      ]}
                    />
                  ) : null}
                  {g.figures.map((x) => (
                    <FigureRow key={x.id} year={f.year} figure={x} />
                  ))}
                </Section>
              )
            })}
            <Section title='导出'>
              <View className='year__export'>
                <Text className='year__note'>Excel 每项一行（名称、本年、上年、统计口径）；Word 为“年度工作数据”，可直接粘贴进工作报告。导出会记入审计日志。</Text>
                {xlsx.error || docx.error || exportError ? (
                  <View role='alert'>
                    <Text className='year__error'>{xlsx.error?.message ?? docx.error?.message ?? exportError}</Text>
                  </View>
                ) : null}
                <Button block type='primary' className='year__button' loading={xlsx.pending} disabled={xlsx.pending} onClick={() => void exportAs('xlsx')}>
                  导出 Excel
                </Button>
                <Button block type='primary' fill='outline' className='year__button' loading={docx.pending} disabled={docx.pending} onClick={() => void exportAs('docx')}>
                  导出 Word
                </Button>
              </View>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

/**
 * 社情民意统计 (staff): for a chosen Beijing year, the figures the county's
 * work report states — items received, adopted, bulletin issues, upward
 * adoptions by level — computed from the records; and the year's export
 * (.xlsx, written to the audit log).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { beijing } from '../../core/time'
import { PageShell, StateView, Section, Button, ListRow } from '../../components'
import { useAction, useMutation, navigate } from '../../hooks'
import './index.scss'

function Figure({ label, value, unit }: { label: string; value: number; unit: string }) {
  return (
    <View className='stats__figure' aria-label={`${label} ${value} ${unit}`}>
      <Text className='stats__value'>{value}</Text>
      <Text className='stats__label'>
        {label}（{unit}）
      </Text>
    </View>
  )
}

export default function OpinionStatsPage() {
  const thisYear = beijing().year()
  const [year, setYear] = useState(thisYear)
  const stats = useAction('opinion.stats', { year }, { pullDownRefresh: true })
  const exporter = useMutation('opinion.export')
  const s = stats.data

  const exportYear = async () => {
    try {
      const out = await exporter.run({ year })
      if (process.env.TARO_ENV === 'weapp') {
        const file = await Taro.downloadFile({ url: out.url })
        await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true })
      } else if (typeof window !== 'undefined') {
        window.open(out.url, '_blank')
      }
    } catch {
      /* shown inline */
    }
  }

  return (
    <PageShell back title='社情民意统计'>
      <View className='stats__years' role='radiogroup' aria-label='年份'>
        {[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => (
          <View key={y} role='radio' aria-checked={y === year} className={`stats__chip${y === year ? ' stats__chip--on' : ''}`} onClick={() => setYear(y)}>
            <Text>{y}年</Text>
          </View>
        ))}
      </View>
      <Section title='专刊与类别'>
        <ListRow title='历期《社情民意》专刊' subtitle='按年份查看、下载 Word 文件' onClick={() => void navigate('/staff/bulletin-list/index')} />
        <ListRow title='信息类别' subtitle='群众提交时选择的类别，可新增或停用' onClick={() => void navigate('/staff/opinion-categories/index')} />
      </Section>
      <StateView loading={stats.loading} error={stats.error} onRetry={() => void stats.reload()}>
        {s ? (
          <>
            <Section title={`${s.year}年（北京时间）`}>
              <View className='stats__grid'>
                <Figure label='收集信息' value={s.received} unit='条' />
                <Figure label='采用信息' value={s.adopted} unit='条' />
                <Figure label='编报专刊' value={s.bulletins} unit='期' />
                <Figure label='被省政协采用' value={s.upward.province.adopted} unit='篇' />
                <Figure label='被市政协采用' value={s.upward.city.adopted} unit='篇' />
                <Figure label='获领导批示' value={s.upward.city.instruction + s.upward.province.instruction} unit='篇' />
              </View>
              <Text className='stats__note'>
                报送市政协 {s.upward.city.reported} 篇、省政协 {s.upward.province.reported} 篇；批示：市 {s.upward.city.instruction}、省 {s.upward.province.instruction}。
              </Text>
            </Section>
            <Section title='导出'>
              <View className='stats__export'>
                <Text className='stats__note'>导出该年全部信息（含实名提交人的联系电话，匿名信息不含身份）。导出操作会记入审计日志。</Text>
                {exporter.error ? <Text className='stats__error'>{exporter.error.message}</Text> : null}
                {exporter.data ? <Text className='stats__note'>已导出 {exporter.data.count} 条。</Text> : null}
                <Button block type='primary' className='stats__button' loading={exporter.pending} onClick={() => void exportYear()}>
                  导出 Excel
                </Button>
              </View>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

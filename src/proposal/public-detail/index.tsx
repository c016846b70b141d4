/**
 * A public proposal (anyone): number, 案由, proposer and co-signers, the
 * text, the units, and the released public replies. A bound member may
 * 附议 (second) it; twice is once.
 */
import { useState } from 'react'
import { Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageShell, StateView, Section, Button, Banner } from '../../components'
import { useAction, useMe, useMutation } from '../../hooks'
import { formatInstant } from '../parts'

export default function PublicProposalDetail() {
  const id = useRouter().params.id ?? ''
  const me = useMe()
  const detail = useAction('proposal.publicGet', { id }, { enabled: Boolean(id) })
  const second = useMutation('proposal.second')
  const [count, setCount] = useState<number | undefined>()
  const d = detail.data
  const seconded = Boolean(second.data?.secondedByMe ?? d?.secondedByMe)
  return (
    <PageShell back title='提案详情'>
      <StateView loading={detail.loading || !id} error={detail.error} onRetry={() => void detail.reload()}>
        {d ? (
          <>
            <Section title={d.title}>
              <Text className='pp-text'>
                {`提案号：${d.numberLabel}\n类别：${d.categoryLabel} · ${d.stateLabel}\n提案人：${d.proposerName}${d.cosignerNames.length ? `\n联名人：${d.cosignerNames.join('、')}` : ''}${d.units.length ? `\n承办单位：${d.units.map((u) => `${u.name}（${u.roleLabel}）`).join('、')}` : ''}\n立案时间：${formatInstant(d.filedAt, false)}\n附议：${count ?? d.seconderCount} 人`}
              </Text>
            </Section>
            <Section title='情况分析'>
              <Text className='pp-text'>{d.analysis}</Text>
            </Section>
            <Section title='具体建议'>
              <Text className='pp-text'>{d.suggestions}</Text>
            </Section>
            <Section title='办理答复'>
              {d.replies.length ? (
                d.replies.map((r, i) => <Text key={i} className='pp-text'>{`${r.unitName} · ${formatInstant(r.at, false)}\n办理结果：${r.gradeLabel}\n\n${r.content}`}</Text>)
              ) : (
                <Text className='pp-text pp-hint'>承办单位正在办理，答复后在此公开</Text>
              )}
            </Section>
            {me.isMember ? (
              <>
                <Banner tone='error' text={second.error?.message} />
                <Button block type='primary' fill={seconded ? 'outline' : 'solid'} disabled={seconded || second.pending} onClick={() => void second.run({ id }).then((o) => setCount(o.seconderCount)).catch(() => undefined)}>
                  {seconded ? '已附议' : '附议'}
                </Button>
              </>
            ) : null}
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

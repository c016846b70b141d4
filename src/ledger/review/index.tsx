/**
 * 履职异议与申报 (staff, issue 11 items 2 and 5): members' objections of the
 * year (open first) to accept — the line is corrected to the points staff
 * enter (0 strikes it) — or refuse with a reason, and members' claims of
 * offline work to approve or refuse with a reason. Every answer is audited
 * by the server; a retried tap returns the first answer (useMutation).
 */
import { useState } from 'react'
import { View, Text, Textarea, Input } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, Button } from '../../components'
import { useAction, useMutation } from '../../hooks'
import type { ClaimView, ObjectionView } from '../../core/actions/ledger'
import { toast } from '../../pages/consultation/ui'
import { YearChips, ledgerYears, lineDay, pointsWords } from '../parts'

function ObjectionCard(props: { item: ObjectionView; onDone: () => void }) {
  const o = props.item
  const [answer, setAnswer] = useState('')
  const [points, setPoints] = useState('0')
  const send = useMutation('ledger.answer')
  const submit = async (accept: boolean) => {
    try {
      const value = Number(points)
      await send.run({ id: o.id, accept, answer, ...(accept ? { points: Number.isFinite(value) ? Math.trunc(value) : 0 } : {}) })
      toast(accept ? '已采纳' : '已答复', 'success')
      props.onDone()
    } catch {
      /* shown below */
    }
  }
  return (
    <View className='lg-line' role='listitem' aria-label={`${o.memberName}的异议`}>
      <View className='lg-line__head'>
        <Text className='lg-line__kind'>{`${o.memberName} · ${o.kindLabel}`}</Text>
        <Text className='lg-line__points'>{o.stateLabel}</Text>
      </View>
      <Text className='lg-line__meta'>{`${o.lineDate ? lineDay(o.lineDate) : ''} · 提出于 ${lineDay(o.submittedAt)}`}</Text>
      <Text className='lg-line__meta'>{`异议理由：${o.reason}`}</Text>
      {o.state !== 'open' ? (
        <Text className='lg-line__meta'>{`答复：${o.answer ?? ''}${o.state === 'accepted' ? `（更正为 ${pointsWords(o.linePoints)}）` : ''}`}</Text>
      ) : (
        <View className='lg-form'>
          <Text className='lg-label'>答复</Text>
          <Textarea className='lg-textarea' value={answer} maxlength={300} placeholder='采纳时说明更正情况；不采纳时写明理由' onInput={(e) => setAnswer(e.detail.value)} />
          <Text className='lg-label'>采纳时更正为（分，0 为不计）</Text>
          <Input className='lg-picker lg-points' type='number' value={points} aria-label='更正后的分值' onInput={(e) => setPoints(e.detail.value)} />
          {send.error ? (
            <View role='alert'>
              <Text className='lg-error'>{send.error.message}</Text>
            </View>
          ) : null}
          <View className='lg-line__actions'>
            <Button type='primary' loading={send.pending} disabled={send.pending} onClick={() => void submit(true)}>
              采纳并更正
            </Button>
            <Button fill='outline' disabled={send.pending} onClick={() => void submit(false)}>
              不采纳
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

function ClaimCard(props: { item: ClaimView; onDone: () => void }) {
  const c = props.item
  const [reason, setReason] = useState('')
  const send = useMutation('ledger.decideClaim')
  const submit = async (approve: boolean) => {
    try {
      await send.run({ id: c.id, approve, ...(reason.trim() ? { reason } : {}) })
      toast(approve ? '已通过' : '已退回', 'success')
      props.onDone()
    } catch {
      /* shown below */
    }
  }
  return (
    <View className='lg-line' role='listitem' aria-label={`${c.memberName}的申报`}>
      <View className='lg-line__head'>
        <Text className='lg-line__kind'>{`${c.memberName} · ${c.kindLabel}`}</Text>
        <Text className='lg-line__points'>{c.stateLabel}</Text>
      </View>
      <Text className='lg-line__meta'>{lineDay(c.date)}</Text>
      <Text className='lg-line__meta'>{c.note}</Text>
      {c.fileID ? <Text className='lg-line__meta'>附有证明照片</Text> : null}
      {c.state !== 'pending' ? (
        c.reason ? <Text className='lg-line__meta'>{`理由：${c.reason}`}</Text> : null
      ) : (
        <View className='lg-form'>
          <Text className='lg-label'>理由（不通过时必填）</Text>
          <Textarea className='lg-textarea' value={reason} maxlength={200} placeholder='例如缺少证明材料' onInput={(e) => setReason(e.detail.value)} />
          {send.error ? (
            <View role='alert'>
              <Text className='lg-error'>{send.error.message}</Text>
            </View>
          ) : null}
          <View className='lg-line__actions'>
            <Button type='primary' loading={send.pending} disabled={send.pending} onClick={() => void submit(true)}>
              通过
            </Button>
            <Button fill='outline' disabled={send.pending} onClick={() => void submit(false)}>
              不通过
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

export default function LedgerReview() {
  const years = ledgerYears()
  const [year, setYear] = useState(years[0])
  const objections = useAction('ledger.objections', { year }, { pullDownRefresh: true })
  const claims = useAction('ledger.claims', { year, state: 'pending' }, { pullDownRefresh: true })
  return (
    <PageShell back title='履职异议与申报'>
      <View className='lg-page'>
        <YearChips years={years} value={year} onChange={setYear} />
        <Section title='委员异议'>
          <StateView loading={objections.loading} error={objections.error} onRetry={() => void objections.reload()} empty={objections.data?.items.length === 0} emptyText='没有委员提出异议'>
            <View role='list' aria-label='委员异议'>
              {(objections.data?.items ?? []).map((o) => (
                <ObjectionCard key={o.id} item={o} onDone={() => void objections.reload()} />
              ))}
            </View>
          </StateView>
        </Section>
        <Section title='待审核的线下履职申报'>
          <StateView loading={claims.loading} error={claims.error} onRetry={() => void claims.reload()} empty={claims.data?.items.length === 0} emptyText='没有待审核的申报'>
            <View role='list' aria-label='待审核的申报'>
              {(claims.data?.items ?? []).map((c) => (
                <ClaimCard key={c.id} item={c} onDone={() => void claims.reload()} />
              ))}
            </View>
          </StateView>
        </Section>
        {claims.data && claims.data.items.length === 0 ? <ListRow title='审核过的申报' subtitle='已通过的申报计入委员的履职档案' arrow={false} /> : null}
      </View>
    </PageShell>
  )
}

/**
 * 办理议题 (staff): the next step for one topic, by its state —
 * proposed: 立题 with a studio or committee / 不予立题 with a reason / 合并;
 * selected: 征求意见 (question, deadline) or 安排协商 (an activity of type
 * consultation through the activity engine); scheduled: 纪要、共识和建议
 * (each to a department); consulted / following up: 办结 once every
 * recommendation is answered; closed: 重新办理 (once). Errors from the
 * server (e.g. open recommendations) are shown as they come.
 */
import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { topicResults, type TopicDetail } from '../../core/actions/topic'
import { topicStateLabels } from '../../core/states'
import { beijing } from '../../core/time'
import { PageShell, StateView, Section, ListRow, Badge, Button, Input, askFirst } from '../../components'
import { useAction, useMutation, navigate } from '../../hooks'
import { Chips, ErrorLine, Field, toast, topicResultLabels } from '../../pages/consultation/ui'
import '../../pages/consultation/ui.scss'
import { clampCharacters } from '../../core/text'

export default function StaffTopic() {
  const id = useRouter().params.id ?? ''
  const topic = useAction('topic.get', { id }, { enabled: !!id })
  const t = topic.data
  return (
    <PageShell back title='办理议题'>
      {!id ? (
        <StateView empty emptyText='没有指定议题' emptyHint='请从议题详情进入' />
      ) : (
        <StateView loading={topic.loading} error={topic.error} onRetry={() => void topic.reload()}>
          {t ? (
            <View>
              <View className='cx-card'>
                <View className='cx-row'>
                  <Text className='cx-title'>{t.title}</Text>
                  <Badge>{topicStateLabels[t.state]}</Badge>
                </View>
                <Text className='cx-sub'>
                  {t.supportCount} 人附议 · {t.commentCount} 条评论{t.organiser ? ` · ${t.organiser}` : ''}
                </Text>
              </View>
              <Steps t={t} reload={topic.reload} />
            </View>
          ) : null}
        </StateView>
      )}
    </PageShell>
  )
}

function Steps({ t, reload }: { t: TopicDetail; reload: () => Promise<void> }) {
  const done = async (message: string) => {
    toast(message, 'success')
    await reload()
  }
  switch (t.state) {
    case 'proposed':
      return (
        <>
          <SelectForm t={t} done={done} />
          <DeclineForm t={t} done={done} />
          <MergeForm t={t} done={done} />
        </>
      )
    case 'selected':
      return (
        <>
          <OpenInputForm t={t} done={done} />
          <ScheduleForm t={t} done={done} />
        </>
      )
    case 'open_for_input':
      return <ScheduleForm t={t} done={done} />
    case 'scheduled':
      return <OutcomeForm t={t} done={done} />
    case 'consulted':
    case 'following_up':
      return <CloseForm t={t} done={done} />
    case 'closed':
      return t.reopenCount === 0 ? <ReopenForm t={t} done={done} /> : <Section title='已办结'><Text className='cx-hint'>该议题已重新办理过一次，不能再重新办理。</Text></Section>
    default:
      return (
        <Section title={topicStateLabels[t.state]}>
          <Text className='cx-hint'>该议题没有待办事项。</Text>
        </Section>
      )
  }
}

type FormProps = { t: TopicDetail; done: (message: string) => Promise<void> }

function SelectForm({ t, done }: FormProps) {
  const options = useAction('topic.options', {})
  const [type, setType] = useState<'studio' | 'committee'>('studio')
  const [organiserId, setOrganiserId] = useState<string>()
  const select = useMutation('topic.select')
  const list = type === 'studio' ? options.data?.studios ?? [] : options.data?.committees ?? []
  return (
    <Section title='立题'>
      <Chips label='组织单位类型' options={[{ value: 'studio', label: '委员工作室' }, { value: 'committee', label: '专门委员会' }]} value={type} onChange={(v) => { setType(v as 'studio' | 'committee'); setOrganiserId(undefined) }} />
      <StateView loading={options.loading} error={options.error} onRetry={() => void options.reload()}>
        <Chips label='组织单位' options={list.map((o) => ({ value: o.id, label: o.name }))} value={organiserId} onChange={setOrganiserId} />
      </StateView>
      <ErrorLine error={select.error} />
      <Button className='cx-button' type='primary' block loading={select.pending} disabled={select.pending || !organiserId} onClick={() => void select.run({ id: t.id, organiserType: type, organiserId: organiserId! }).then(() => done('已立题'), () => undefined)}>
        立题
      </Button>
    </Section>
  )
}

function DeclineForm({ t, done }: FormProps) {
  const [reason, setReason] = useState('')
  const decline = useMutation('topic.decline')
  return (
    <Section title='不予立题'>
      <Textarea className='cx-textarea' value={reason} maxlength={-1} placeholder='请写明不予立题的理由（提出人和附议人会看到）' onInput={(e) => setReason(clampCharacters(e.detail.value, 200))} aria-label='不予立题的理由' />
      <ErrorLine error={decline.error} />
      <Button className='cx-button' block fill='outline' loading={decline.pending} disabled={decline.pending} onClick={() => void askFirst({ question: '确定不予立题？', confirm: '不予立题', detail: '提出人和附议人会看到理由，议题就此结束。' }).then((yes) => (yes ? decline.run({ id: t.id, reason }).then(() => done('已作出不予立题决定'), () => undefined) : undefined))}>
        不予立题
      </Button>
    </Section>
  )
}

function MergeForm({ t, done }: FormProps) {
  const [keyword, setKeyword] = useState('')
  const [target, setTarget] = useState<string>()
  const found = useAction('topic.list', keyword ? { keyword } : {}, { enabled: true })
  const merge = useMutation('topic.merge')
  const candidates = (found.data?.items ?? []).filter((x) => x.id !== t.id && ['proposed', 'selected', 'open_for_input', 'scheduled'].includes(x.state))
  return (
    <Section title='合并到其他议题'>
      <Input placeholder='输入关键词查找议题' value={keyword} onChange={(v: string) => setKeyword(clampCharacters(v, 30))} />
      <StateView loading={found.loading} error={found.error} empty={candidates.length === 0} emptyText='没有可合并的议题' onRetry={() => void found.reload()}>
        <Chips label='合并目标' options={candidates.map((c) => ({ value: c.id, label: `${c.title}（${topicStateLabels[c.state]}）` }))} value={target} onChange={setTarget} />
      </StateView>
      <ErrorLine error={merge.error} />
      <Button className='cx-button' block fill='outline' loading={merge.pending} disabled={merge.pending || !target} onClick={() => void merge.run({ id: t.id, intoId: target! }).then(() => done('已合并'), () => undefined)}>
        合并（附议和评论一并转入）
      </Button>
    </Section>
  )
}

function OpenInputForm({ t, done }: FormProps) {
  const [question, setQuestion] = useState('')
  const [background, setBackground] = useState('')
  const [deadline, setDeadline] = useState(beijing().add(7, 'day').format('YYYY-MM-DD 18:00'))
  const open = useMutation('topic.openInput')
  return (
    <Section title='发布征求意见'>
      <Field label='征求意见的问题'>
        <Textarea className='cx-textarea' value={question} maxlength={-1} onInput={(e) => setQuestion(clampCharacters(e.detail.value, 200))} aria-label='征求意见的问题' />
      </Field>
      <Field label='背景材料（选填）'>
        <Textarea className='cx-textarea' value={background} maxlength={-1} onInput={(e) => setBackground(clampCharacters(e.detail.value, 2000))} aria-label='背景材料' />
      </Field>
      <Field label='截止时间' hint='年-月-日 时:分，如 2026-03-10 18:00'>
        <Input value={deadline} maxLength={16} onChange={(v: string) => setDeadline(v)} />
      </Field>
      <ErrorLine error={open.error} />
      <Button className='cx-button' type='primary' block loading={open.pending} disabled={open.pending} onClick={() => void open.run({ id: t.id, question, background, deadline }).then(() => done('已发布征求意见'), () => undefined)}>
        发布征求意见
      </Button>
    </Section>
  )
}

function ScheduleForm({ t, done }: FormProps) {
  const start = beijing().add(3, 'day').hour(9).minute(0)
  const [startAt, setStartAt] = useState(start.format('YYYY-MM-DD HH:mm'))
  const [endAt, setEndAt] = useState(start.add(150, 'minute').format('YYYY-MM-DD HH:mm'))
  const [place, setPlace] = useState('')
  const [capacity, setCapacity] = useState('40')
  const schedule = useMutation('topic.schedule')
  return (
    <Section title='安排协商活动'>
      <Text className='cx-hint'>协商活动会作为“协商议事”活动发布，委员、部门代表和群众在活动页报名、扫码签到。</Text>
      <Field label='开始时间' hint='年-月-日 时:分，如 2026-03-10 09:00'>
        <Input value={startAt} maxLength={16} onChange={(v: string) => setStartAt(v)} />
      </Field>
      <Field label='结束时间'>
        <Input value={endAt} maxLength={16} onChange={(v: string) => setEndAt(v)} />
      </Field>
      <Field label='地点'>
        <Input placeholder='例如：县政协三楼会议室' value={place} onChange={(v: string) => setPlace(clampCharacters(v, 60))} />
      </Field>
      <Field label='名额'>
        <Input type='number' value={capacity} maxLength={3} onChange={(v: string) => setCapacity(v)} />
      </Field>
      <ErrorLine error={schedule.error} />
      <Button className='cx-button' type='primary' block loading={schedule.pending} disabled={schedule.pending} onClick={() => void schedule.run({ id: t.id, startAt, endAt, place, capacity: Number(capacity) }).then(() => done('已安排协商活动'), () => undefined)}>
        发布协商活动
      </Button>
    </Section>
  )
}

function OutcomeForm({ t, done }: FormProps) {
  const options = useAction('topic.options', {})
  const [minutes, setMinutes] = useState('')
  const [consensus, setConsensus] = useState('')
  const [recs, setRecs] = useState<{ departmentId?: string; text: string }[]>([{ text: '' }])
  const record = useMutation('topic.recordOutcome')
  const setRec = (i: number, patch: Partial<{ departmentId: string; text: string }>) => setRecs((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <Section title='录入协商纪要'>
      {t.session ? (
        <ListRow title='协商活动（签到与出席）' subtitle='出席情况以活动签到为准' onClick={() => void navigate(`/pages/activity/detail/index?id=${t.session!.activityId}`)} />
      ) : null}
      <Field label='协商纪要'>
        <Textarea className='cx-textarea' value={minutes} maxlength={-1} onInput={(e) => setMinutes(clampCharacters(e.detail.value, 5000))} aria-label='协商纪要' />
      </Field>
      <Field label='协商共识'>
        <Textarea className='cx-textarea' value={consensus} maxlength={-1} onInput={(e) => setConsensus(clampCharacters(e.detail.value, 2000))} aria-label='协商共识' />
      </Field>
      {recs.map((r, i) => (
        <View key={i} className='cx-comment'>
          <Text className='cx-label'>建议 {i + 1} · 承办单位</Text>
          <Chips label={`建议 ${i + 1} 承办单位`} options={(options.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))} value={r.departmentId} onChange={(v) => setRec(i, { departmentId: v })} />
          <Textarea className='cx-textarea' value={r.text} maxlength={-1} placeholder='建议内容' onInput={(e) => setRec(i, { text: clampCharacters(e.detail.value, 500) })} aria-label={`建议 ${i + 1} 内容`} />
          {recs.length > 1 ? (
            <View className='cx-link' role='button' onClick={() => setRecs((rs) => rs.filter((_, j) => j !== i))}>
              <Text>删除这条建议</Text>
            </View>
          ) : null}
        </View>
      ))}
      <View className='cx-link' role='button' onClick={() => setRecs((rs) => [...rs, { text: '' }])}>
        <Text>＋ 再加一条建议</Text>
      </View>
      <ErrorLine error={record.error} />
      <Button
        className='cx-button'
        type='primary'
        block
        loading={record.pending}
        disabled={record.pending}
        onClick={() =>
          void record.run({ id: t.id, minutes, consensus, recommendations: recs.map((r) => ({ departmentId: r.departmentId ?? '', text: r.text })) }).then(() => done('纪要已保存，建议已交承办单位'), () => undefined)
        }
      >
        保存纪要并交办建议
      </Button>
    </Section>
  )
}

function CloseForm({ t, done }: FormProps) {
  const [result, setResult] = useState<(typeof topicResults)[number]>()
  const [note, setNote] = useState('')
  const close = useMutation('topic.close')
  const open = t.recommendations.filter((r) => r.status === 'open')
  return (
    <Section title='办结议题'>
      {t.recommendations.map((r) => (
        <ListRow key={r.id} title={r.departmentName} subtitle={r.text} note={r.result ? topicResultLabels[r.result] : '办理中'} arrow={false} />
      ))}
      {open.length > 0 ? <Text className='cx-hint'>还有 {open.length} 条建议未答复办理结果。</Text> : null}
      <Chips label='办结结果' options={topicResults.map((r) => ({ value: r, label: topicResultLabels[r] }))} value={result} onChange={setResult} />
      <Textarea className='cx-textarea' value={note} maxlength={-1} placeholder='办结说明（选填）' onInput={(e) => setNote(clampCharacters(e.detail.value, 500))} aria-label='办结说明' />
      <ErrorLine error={close.error} />
      <Button className='cx-button' type='primary' block loading={close.pending} disabled={close.pending || !result} onClick={() => void close.run({ id: t.id, result: result!, note }).then(() => done('议题已办结'), () => undefined)}>
        办结
      </Button>
    </Section>
  )
}

function ReopenForm({ t, done }: FormProps) {
  const [reason, setReason] = useState('')
  const reopen = useMutation('topic.reopen')
  return (
    <Section title='重新办理（仅一次）'>
      <Textarea className='cx-textarea' value={reason} maxlength={-1} placeholder='重新办理的理由' onInput={(e) => setReason(clampCharacters(e.detail.value, 200))} aria-label='重新办理的理由' />
      <ErrorLine error={reopen.error} />
      <Button className='cx-button' block fill='outline' loading={reopen.pending} disabled={reopen.pending} onClick={() => void reopen.run({ id: t.id, reason }).then(() => done('已重新交办'), () => undefined)}>
        重新办理
      </Button>
    </Section>
  )
}

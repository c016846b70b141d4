/**
 * 我的履职 (issue 11 item 4): the member's own year — score and grade (with
 * 未公示 / 公示中 / 已定档 in words), every line with its kind in Chinese,
 * its Beijing date, what it was worth and a link to its source page; during
 * the 公示 window an 异议 per line (reason required, once per line; then the
 * line shows 已提异议 and staff's answer); and claims of offline work (kind,
 * date picker, note, evidence photo) with their state. ledger.mine is one
 * read for the server (2 DB operations).
 */
import { useState } from 'react'
import { View, Text, Textarea, Picker } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, Button } from '../../components'
import { useAction, useMe, useMutation, navigate } from '../../hooks'
import { ledgerKindLabels, manualKinds, objectionStateLabels, type LedgerLineView, type MemberLedgerView } from '../../core/actions/ledger'
import { ImagePicker, toast } from '../../pages/consultation/ui'
import { beijing } from '../../core/time'
import { YearChips, evaluationWords, ledgerYears, lineDay, dayWords, pointsWords, sourceRoute } from '../parts'

/** One line: kind, date, points (counted after the cap when less), source link, objection. */
function Line(props: { line: LedgerLineView; year: number; canObject: boolean; onChanged: () => void }) {
  const { line } = props
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const send = useMutation('ledger.object')
  const route = sourceRoute(line.source)
  const submit = async () => {
    try {
      await send.run({ year: props.year, lineId: line.id, reason })
      setOpen(false)
      toast('异议已提交', 'success')
      props.onChanged()
    } catch {
      /* shown below */
    }
  }
  return (
    <View className='lg-line' role='listitem' aria-label={`${line.kindLabel} ${lineDay(line.date)}`}>
      <View className='lg-line__head'>
        <Text className='lg-line__kind'>{line.kindLabel}</Text>
        <Text className='lg-line__points'>{pointsWords(line.points)}</Text>
      </View>
      <Text className='lg-line__meta'>
        {lineDay(line.date)}
        {line.counted !== line.points ? ` · 已达本类年度上限，计 ${line.counted} 分` : ''}
      </Text>
      {route ? (
        <View className='lg-line__link' role='link' onClick={() => void navigate(route)}>
          <Text>{`${line.source.title} ›`}</Text>
        </View>
      ) : line.source.title ? (
        <Text className='lg-line__meta'>{line.source.title}</Text>
      ) : null}
      {line.corrected ? <Text className='lg-line__meta'>{`已更正为 ${line.corrected.points} 分：${line.corrected.reason}`}</Text> : null}
      {line.objection ? (
        <View className='lg-line__objection'>
          <Text>{`已提异议（${objectionStateLabels[line.objection.state]}）：${line.objection.reason}`}</Text>
          {line.objection.answer ? <Text>{`答复：${line.objection.answer}`}</Text> : null}
        </View>
      ) : props.canObject && !open ? (
        <View className='lg-line__actions'>
          <Button size='small' fill='outline' onClick={() => setOpen(true)}>
            提出异议
          </Button>
        </View>
      ) : null}
      {open && !line.objection ? (
        <View className='lg-form'>
          <Text className='lg-label'>异议理由</Text>
          <Textarea className='lg-textarea' value={reason} maxlength={300} placeholder='请写明哪里不对，例如实际参加了、分值有误' onInput={(e) => setReason(e.detail.value)} />
          {send.error ? (
            <View role='alert'>
              <Text className='lg-error'>{send.error.message}</Text>
            </View>
          ) : null}
          <View className='lg-line__actions'>
            <Button type='primary' loading={send.pending} disabled={send.pending} onClick={() => void submit()}>
              提交异议
            </Button>
            <Button fill='outline' onClick={() => setOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** The year's score card with its state in words. */
function ScoreCard({ data }: { data: MemberLedgerView }) {
  const state = evaluationWords(data)
  const showGrade = data.locked || data.windowOpen || state.label === '公示已结束'
  return (
    <View className='lg-score' aria-label='年度得分'>
      <Text className='lg-hint'>{`${data.year}年度履职得分`}</Text>
      <Text className='lg-score__number'>{`${data.score}分`}</Text>
      <Text className='lg-score__grade'>{showGrade ? `${data.locked ? '考评等次' : '公示等次'}：${data.gradeLabel}` : `考评等次：${state.label}`}</Text>
      <Text className='lg-score__state'>{`${state.label} · ${state.detail}`}</Text>
    </View>
  )
}

/** 申报线下履职: kind, Beijing date (not in the future), note, one evidence photo. */
function ClaimForm(props: { openid?: string; onDone: () => void }) {
  const today = beijing().format('YYYY-MM-DD')
  const [kind, setKind] = useState<(typeof manualKinds)[number] | undefined>()
  const [date, setDate] = useState(today)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const send = useMutation('ledger.claim')
  const [missing, setMissing] = useState<string>()
  const submit = async () => {
    if (!kind) return setMissing('请选择履职类别')
    setMissing(undefined)
    try {
      await send.run({ kind, date, note, ...(photos[0] ? { fileID: photos[0] } : {}) })
      setNote('')
      setPhotos([])
      setKind(undefined)
      toast('已提交审核', 'success')
      props.onDone()
    } catch {
      /* shown below */
    }
  }
  return (
    <View className='lg-form'>
      <Text className='lg-hint'>系统没有记录的线下履职，可在此申报，经政协办公室审核通过后计入档案</Text>
      <Text className='lg-label'>履职类别</Text>
      <View className='lg-years' role='radiogroup' aria-label='履职类别'>
        {manualKinds.map((k) => (
          <View key={k} role='radio' aria-checked={kind === k} className={`lg-pick${kind === k ? ' lg-pick--on' : ''}`} onClick={() => setKind(k)}>
            <Text>{ledgerKindLabels[k]}</Text>
          </View>
        ))}
      </View>
      <Text className='lg-label'>履职日期</Text>
      <Picker mode='date' value={date} end={today} onChange={(e) => setDate(String(e.detail.value))}>
        <View className='lg-picker' aria-label='选择履职日期'>
          <Text>{dayWords(date)}</Text>
        </View>
      </Picker>
      <Text className='lg-label'>履职情况</Text>
      <Textarea className='lg-textarea' value={note} maxlength={500} placeholder='时间、地点、做了什么' onInput={(e) => setNote(e.detail.value)} />
      <Text className='lg-label'>证明材料（照片，可不传）</Text>
      <ImagePicker openid={props.openid} folder='ledger' value={photos} onChange={setPhotos} max={1} label='上传照片' />
      {missing ?? send.error ? (
        <View role='alert'>
          <Text className='lg-error'>{missing ?? send.error?.message}</Text>
        </View>
      ) : null}
      <Button block type='primary' loading={send.pending} disabled={send.pending} onClick={() => void submit()}>
        提交申报
      </Button>
    </View>
  )
}

export default function MyLedger() {
  const years = ledgerYears()
  const [year, setYear] = useState(years[0])
  const me = useMe()
  const ledger = useAction('ledger.mine', { year }, { pullDownRefresh: true })
  const claims = useAction('ledger.myClaims', { year }, { pullDownRefresh: true })
  const [claiming, setClaiming] = useState(false)
  const data = ledger.data
  const canObject = Boolean(data?.windowOpen && !data.locked)
  return (
    <PageShell back title='我的履职'>
      <View className='lg-page'>
        <YearChips years={years} value={year} onChange={setYear} />
        <StateView loading={ledger.loading} error={ledger.error} onRetry={() => void ledger.reload()} loadingText='正在读取履职档案…'>
          {data ? (
            <>
              <ScoreCard data={data} />
              <Section title='履职记录'>
                {data.lines.length === 0 ? (
                  <ListRow title='本年度还没有履职记录' subtitle='参加会议、活动，提交提案和社情民意后会自动记入' arrow={false} />
                ) : (
                  <View role='list' aria-label='履职记录'>
                    {data.lines.map((line) => (
                      <Line key={line.id} line={line} year={year} canObject={canObject} onChanged={() => void ledger.reload()} />
                    ))}
                  </View>
                )}
              </Section>
            </>
          ) : null}
        </StateView>
        <Section title='申报线下履职'>
          {data?.locked ? (
            <ListRow title='本年度考评已定档' subtitle='不再接受申报' arrow={false} />
          ) : claiming ? (
            <ClaimForm
              openid={me.data?.openid}
              onDone={() => {
                setClaiming(false)
                void claims.reload()
              }}
            />
          ) : (
            <View className='lg-form'>
              <Button block fill='outline' onClick={() => setClaiming(true)}>
                申报一项线下履职
              </Button>
            </View>
          )}
          {(claims.data?.items ?? []).map((c) => (
            <ListRow key={c.id} title={`${c.kindLabel} · ${lineDay(c.date)}`} subtitle={`${c.note}${c.reason ? `（${c.reason}）` : ''}`} note={c.stateLabel} arrow={false} />
          ))}
          {claims.error ? <ListRow title='申报记录读取失败' subtitle={claims.error.message} onClick={() => void claims.reload()} /> : null}
        </Section>
      </View>
    </PageShell>
  )
}

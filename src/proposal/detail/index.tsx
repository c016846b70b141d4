/**
 * One proposal with its timeline (every step's Beijing date, people by
 * name) and what the caller may do now:
 * - the proposer: 修改, 提交, 撤案, and rating each reply (满意 / 基本满意 /
 *   不满意 with a comment; 不满意 sends the first reply back once);
 * - an invited member: 同意联名 / 谢绝联名;
 * - a handling unit (its own parts only): 签收, 申退 with a reason,
 *   协办意见, 答复 (the reply page);
 * - staff: 立案 (the number it got is shown), 退回修改, 不予立案 and 并案
 *   with a reason, 交办 (the assignment page), 催办 of late units,
 *   坚持交办 after a 申退, 放行 of held replies.
 * Irreversible steps ask first, naming the step. The server checks every
 * step again; its Chinese message is shown when it refuses.
 */
import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PROPOSAL_LIMITS, ratings, ratingLabels, type ProposalDetail, type ProposalSummary, type Rating } from '../../core/actions/proposal'
import { PageShell, StateView, Section, ListRow, Button, Banner } from '../../components'
import { useAction, useMe, go } from '../../hooks'
import { AppError, call, toAppError } from '../../services'
import { StateChip, Timeline, Choice, UnitLine, askFirst, askNotify, formatInstant } from '../parts'

type Panel = { kind: 'return' | 'notFile' | 'askReturn' | 'insist' | 'opinion'; departmentId?: string } | { kind: 'merge' } | null

const panelText: Record<'return' | 'notFile' | 'askReturn' | 'insist' | 'opinion', { label: string; action: string; placeholder: string; ask?: string }> = {
  return: { label: '退回理由', action: '退回修改', placeholder: '请写明需要修改的地方' },
  notFile: { label: '不予立案理由', action: '不予立案', placeholder: '请写明不予立案的理由', ask: '不予立案' },
  askReturn: { label: '申退理由', action: '申请退回', placeholder: '请写明不属于本单位职责的理由', ask: '申请退回' },
  insist: { label: '说明', action: '坚持交办', placeholder: '请说明由该单位办理的理由' },
  opinion: { label: '协办意见', action: '提交协办意见', placeholder: '本单位对该提案的办理意见，将送主办单位' }
}

export default function ProposalDetailPage() {
  const id = useRouter().params.id ?? ''
  const me = useMe()
  const detail = useAction('proposal.get', { id }, { enabled: Boolean(id) })
  const [latest, setLatest] = useState<ProposalDetail | undefined>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const [panel, setPanel] = useState<Panel>(null)
  const [reason, setReason] = useState('')
  const [mergeTargets, setMergeTargets] = useState<ProposalSummary[] | undefined>()
  const [mergeInto, setMergeInto] = useState<string | undefined>()
  const [rating, setRating] = useState<Record<string, Rating | undefined>>({})
  const [comment, setComment] = useState<Record<string, string>>({})
  const [convert, setConvert] = useState(false)
  const [opinionCategory, setOpinionCategory] = useState<string | undefined>()
  const opinionCategories = useAction('opinion.categories', {}, { enabled: panel?.kind === 'notFile' && convert })
  const d = latest ?? detail.data
  const myUnits = new Set(me.data?.departmentIds ?? [])
  const isUnit = me.roles.includes('department')

  const act = async (run: () => Promise<ProposalDetail>, message: (out: ProposalDetail) => string) => {
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    try {
      const out = await run()
      setLatest(out)
      setPanel(null)
      setReason('')
      setDone(message(out))
    } catch (e) {
      setError(toAppError(e))
    } finally {
      setBusy(false)
    }
  }

  if (!d) {
    return (
      <PageShell back title='提案详情'>
        <StateView loading={detail.loading || !id} error={detail.error} onRetry={() => void detail.reload()} />
      </PageShell>
    )
  }

  const openPanel = (p: Panel) => {
    setPanel(p)
    setReason('')
    setError(undefined)
    if (p?.kind === 'merge' && !mergeTargets) {
      void Promise.all([call('proposal.reviewList', { limit: 20 }), call('proposal.reviewList', { limit: 20, state: 'filed' }), call('proposal.reviewList', { limit: 20, state: 'assigned' })])
        .then((pages) => setMergeTargets(pages.flatMap((pg) => pg.items).filter((x) => x.id !== d.id && x.termId === d.termId && x.sessionNumber === d.sessionNumber)))
        .catch((e) => setError(toAppError(e)))
    }
  }

  const confirmPanel = async () => {
    if (!panel) return
    if (panel.kind === 'merge') {
      const target = mergeTargets?.find((t) => t.id === mergeInto)
      if (!target) {
        setError(new AppError('COMMON.INVALID_INPUT', '请选择要并入的提案'))
        return
      }
      if (!(await askFirst('并案', `将本提案并入“${target.title}”，并案后不能撤销。`))) return
      await act(() => call('proposal.merge', { id: d.id, intoId: target.id }), () => `已并入“${target.title}”`)
      return
    }
    const text = panelText[panel.kind]
    const extra = panel.kind === 'notFile' && convert ? '；并转为社情民意信息' : ''
    if (text.ask && !(await askFirst(text.ask, reason ? `理由：${reason}${extra}` : undefined))) return
    const dep = panel.departmentId
    const runs = {
      return: () => call('proposal.return', { id: d.id, reason }),
      notFile: () => call('proposal.notFile', { id: d.id, reason, ...(convert ? { convertToOpinion: true, ...(opinionCategory ? { opinionCategoryId: opinionCategory } : {}) } : {}) }),
      askReturn: () => call('proposal.askReturn', { id: d.id, reason, ...(dep ? { departmentId: dep } : {}) }),
      insist: () => call('proposal.insist', { id: d.id, departmentId: dep ?? '', note: reason }),
      opinion: () => call('proposal.assistOpinion', { id: d.id, content: reason, ...(dep ? { departmentId: dep } : {}) })
    }
    await act(runs[panel.kind], () => `已${text.action}`)
  }

  const staff = me.isStaff
  const mine = d.assignments.filter((u) => isUnit && myUnits.has(u.departmentId))

  return (
    <PageShell back title='提案详情'>
      <Banner tone='error' text={error?.message} />
      <Banner tone='success' text={done} />
      <Section title={d.title || '（未填写案由）'}>
        <View className='pp-text'>
          <View className='pp-meta'>
            <StateChip state={d.state} label={d.stateLabel} />
            {d.key ? <Text className='pp-chip pp-chip--warn'>重点提案</Text> : null}
            <Text>{d.categoryLabel}</Text>
          </View>
          {d.numberLabel ? <Text className='pp-number'>{`提案号：${d.numberLabel}`}</Text> : <Text>{`${d.termName}${d.sessionName}`}</Text>}
          <Text>{`\n提案人：${d.proposerName}${d.collective ? '（集体提案）' : ''}`}</Text>
          {d.cosigners.length ? <Text>{`\n联名人：${d.cosigners.map((c) => (c.status === 'confirmed' ? c.name : `${c.name}（${c.statusLabel}）`)).join('、')}`}</Text> : null}
          {d.leaders.length ? <Text>{`\n领导${d.leaders.map((l) => `${l.modeLabel}：${l.name}`).join('；')}`}</Text> : null}
          {d.mergedInto ? <Text>{`\n已并入：${d.mergedInto.title}${d.mergedInto.numberLabel ? `（${d.mergedInto.numberLabel}）` : ''}`}</Text> : null}
          {d.mergedFrom.length ? <Text>{`\n并入的提案：${d.mergedFrom.map((m) => `${m.title}（${m.proposerName}）`).join('；')}`}</Text> : null}
          {d.returnReason ? <Text>{`\n退回理由：${d.returnReason}`}</Text> : null}
          {d.notFiledReason ? <Text>{`\n不予立案理由：${d.notFiledReason}`}</Text> : null}
        </View>
      </Section>

      <Section title='情况分析'>
        <Text className='pp-text'>{d.analysis}</Text>
      </Section>
      <Section title='具体建议'>
        <Text className='pp-text'>{d.suggestions}</Text>
      </Section>
      {d.suggestedUnits.length ? (
        <Section title='建议承办单位'>
          <Text className='pp-text'>{d.suggestedUnits.map((u) => u.name).join('、')}</Text>
        </Section>
      ) : null}
      {d.attachments.length ? (
        <Section title='附件'>
          {d.attachments.map((a, i) => (
            <ListRow key={a.fileID} title={a.name || `附件 ${i + 1}`} note={`${Math.max(1, Math.round(a.bytes / 1024))} KB`} arrow={false} />
          ))}
        </Section>
      ) : null}

      {d.assignments.length ? (
        <Section title='承办单位'>
          {d.assignments.map((u) => (
            <View key={u.departmentId} className='pp-item'>
              <ListRow title={<UnitLine unit={u} />} subtitle={u.returnReason ? `申退理由：${u.returnReason}` : u.opinion ? `协办意见：${u.opinion.content}` : u.reminders ? `已催办 ${u.reminders} 次` : undefined} arrow={false} />
              <View className='pp-row-actions'>
                {mine.includes(u) && u.status === 'pending' ? (
                  <>
                    <Button size='small' type='primary' disabled={busy} onClick={() => void (async () => { if (await askFirst('签收', `由${u.name}${u.roleLabel}该提案。`)) await act(() => call('proposal.signFor', { id: d.id, departmentId: u.departmentId }), () => '已签收，请在办理期限内答复') })()}>
                      签收
                    </Button>
                    <Button size='small' fill='outline' disabled={busy} onClick={() => openPanel({ kind: 'askReturn', departmentId: u.departmentId })}>
                      申退
                    </Button>
                  </>
                ) : null}
                {mine.includes(u) && (u.status === 'signed' || u.status === 'rehandling') && u.role !== 'assist' ? (
                  <Button size='small' type='primary' onClick={go(`/proposal/reply/index?id=${encodeURIComponent(d.id)}&unit=${encodeURIComponent(u.departmentId)}`)}>
                    答复
                  </Button>
                ) : null}
                {mine.includes(u) && u.status === 'signed' && u.role === 'assist' ? (
                  <Button size='small' type='primary' onClick={() => openPanel({ kind: 'opinion', departmentId: u.departmentId })}>
                    提交协办意见
                  </Button>
                ) : null}
                {staff && u.status === 'return_requested' ? (
                  <>
                    <Button size='small' type='primary' onClick={go(`/proposal/assign/index?id=${encodeURIComponent(d.id)}&from=${encodeURIComponent(u.departmentId)}`)}>
                      改交其他单位
                    </Button>
                    <Button size='small' fill='outline' onClick={() => openPanel({ kind: 'insist', departmentId: u.departmentId })}>
                      坚持交办
                    </Button>
                  </>
                ) : null}
                {staff && u.overdue ? (
                  <Button size='small' type='primary' disabled={busy} onClick={() => void act(() => call('proposal.remind', { id: d.id, departmentId: u.departmentId }), () => `已向${u.name}催办`)}>
                    催办
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </Section>
      ) : null}

      {d.replies.length ? (
        <Section title='办理答复'>
          {d.replies.map((r) => (
            <View key={`${r.departmentId}-${r.round}`} className='pp-item'>
              <Text className='pp-text'>
                {`${r.unitName}${r.round > 1 ? '（再办理）' : ''} · ${formatInstant(r.at)}\n办理结果：${r.gradeLabel}\n沟通方式：${r.contactLabel} · ${r.public ? '答复公开' : '答复不公开'}${r.held ? ' · 待工作人员复核' : ''}\n\n${r.content}`}
                {r.letterName ? `\n答复函：${r.letterName}` : ''}
                {r.rating ? `\n\n评价：${r.rating.label}${r.rating.comment ? `（${r.rating.comment}）` : ''}` : ''}
              </Text>
              {staff && r.held ? (
                <View className='pp-row-actions'>
                  <Button size='small' type='primary' disabled={busy} onClick={() => void act(() => call('proposal.releaseReply', { id: d.id, departmentId: r.departmentId }), () => '已放行该答复')}>
                    复核通过
                  </Button>
                </View>
              ) : null}
              {d.can.rate.includes(r.departmentId) && !r.rating ? (
                <View className='pp-form pp-rate'>
                  <Text className='pp-label'>您对{r.unitName}的答复是否满意</Text>
                  <Choice label='满意度' options={ratings} labels={ratingLabels} value={rating[r.departmentId]} onChange={(v) => setRating((s) => ({ ...s, [r.departmentId]: v }))} />
                  {rating[r.departmentId] === 'unsatisfied' && r.round === 1 ? <Text className='pp-hint'>选择不满意，答复将退回{r.unitName}重新办理一次</Text> : null}
                  <Textarea className='pp-textarea' placeholder='评价意见（选填）' value={comment[r.departmentId] ?? ''} maxlength={-1} onInput={(e) => setComment((s) => ({ ...s, [r.departmentId]: e.detail.value }))} />
                  <Button
                    className='pp-rate-submit'
                    type='primary'
                    disabled={busy}
                    onClick={() =>
                      void (async () => {
                        const value = rating[r.departmentId]
                        if (!value) {
                          setError(new AppError('COMMON.INVALID_INPUT', '请选择满意、基本满意或不满意'))
                          return
                        }
                        if (!(await askFirst('提交评价', `评价为“${ratingLabels[value]}”，提交后不能修改。`))) return
                        const text = (comment[r.departmentId] ?? '').trim()
                        await act(
                          () => call('proposal.rate', { id: d.id, departmentId: r.departmentId, rating: value, ...(text ? { comment: text } : {}) }),
                          (out) => (out.state === 'rehandling' ? '已评价，答复已退回承办单位重新办理' : '已评价，感谢您的反馈')
                        )
                      })()
                    }
                  >
                    提交评价
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      {panel ? (
        <Section title={panel.kind === 'merge' ? '并案' : panelText[panel.kind].label}>
          <View className='pp-form'>
            {panel.kind === 'merge' ? (
              <StateView loading={!mergeTargets && !error} empty={mergeTargets?.length === 0} emptyText='本次会议没有可并入的提案'>
                {(mergeTargets ?? []).map((t) => (
                  <View key={t.id} role='radio' aria-checked={mergeInto === t.id} className={`pp-chip-pick${mergeInto === t.id ? ' pp-chip-pick--on' : ''}`} onClick={() => setMergeInto(t.id)}>
                    <Text>
                      {t.title}（{t.proposerName}
                      {t.numberLabel ? ` · ${t.numberLabel}` : ''}）
                    </Text>
                  </View>
                ))}
              </StateView>
            ) : (
              <Textarea className='pp-textarea pp-reason' placeholder={panelText[panel.kind].placeholder} value={reason} maxlength={-1} onInput={(e) => setReason(e.detail.value)} />
            )}
            {panel.kind === 'notFile' ? (
              <>
                <View role='switch' aria-checked={convert} aria-label='转为社情民意' className={`pp-chip-pick${convert ? ' pp-chip-pick--on' : ''}`} onClick={() => setConvert(!convert)}>
                  <Text>同时转为社情民意信息办理：{convert ? '是' : '否'}</Text>
                </View>
                {convert ? (
                  <StateView loading={opinionCategories.loading} error={opinionCategories.error} onRetry={() => void opinionCategories.reload()} loadingText='正在加载类别…'>
                    <View className='pp-chips' role='radiogroup' aria-label='社情民意类别'>
                      {(opinionCategories.data?.items ?? []).map((c) => (
                        <View key={c.id} role='radio' aria-checked={opinionCategory === c.id} className={`pp-chip-pick${opinionCategory === c.id ? ' pp-chip-pick--on' : ''}`} onClick={() => setOpinionCategory(c.id)}>
                          <Text>{c.name}</Text>
                        </View>
                      ))}
                    </View>
                  </StateView>
                ) : null}
              </>
            ) : null}
            {panel.kind !== 'merge' ? <Text className='pp-hint'>最多 {panel.kind === 'opinion' ? PROPOSAL_LIMITS.replyMax : PROPOSAL_LIMITS.reasonMax} 字</Text> : null}
            <View className='pp-actions'>
              <Button className='pp-panel-confirm' type='primary' disabled={busy} onClick={() => void confirmPanel()}>
                {panel.kind === 'merge' ? '并案' : panelText[panel.kind].action}
              </Button>
              <Button fill='outline' onClick={() => setPanel(null)}>
                取消
              </Button>
            </View>
          </View>
        </Section>
      ) : null}

      <View className='pp-actions'>
        {d.can.edit ? (
          <Button type='primary' fill='outline' onClick={go(`/proposal/edit/index?id=${encodeURIComponent(d.id)}`)}>
            修改
          </Button>
        ) : null}
        {d.can.submit ? (
          <Button type='primary' disabled={busy} onClick={() => void act(() => call('proposal.submit', { id: d.id }), (out) => (out.state === 'cosigning' ? '已提交，等待联名委员确认' : '已提交，等待政协办公室审查'))}>
            提交提案
          </Button>
        ) : null}
        {d.can.submit && d.cosigners.some((c) => c.status === 'invited') ? (
          <Button
            fill='outline'
            disabled={busy}
            onClick={() =>
              void (async () => {
                if (await askFirst('直接提交', '尚未确认的联名邀请将取消，提案直接送政协办公室审查。')) await act(() => call('proposal.submit', { id: d.id, withoutPending: true }), () => '已提交，等待政协办公室审查')
              })()
            }
          >
            不等联名确认，直接提交
          </Button>
        ) : null}
        {d.can.answerInvitation ? (
          <>
            <Button type='primary' disabled={busy} onClick={() => void act(async () => call('proposal.answerInvitation', { id: d.id, accept: true, notify: await askNotify(true) }), () => '已确认联名')}>
              同意联名
            </Button>
            <Button fill='outline' disabled={busy} onClick={() => void (async () => { if (await askFirst('谢绝联名', `谢绝后不能再联名该提案。`)) await act(() => call('proposal.answerInvitation', { id: d.id, accept: false }), () => '已谢绝联名') })()}>
              谢绝联名
            </Button>
          </>
        ) : null}
        {d.can.withdraw ? (
          <Button fill='outline' disabled={busy} onClick={() => void (async () => { if (await askFirst('撤回提案', '撤案后该提案不再办理。')) await act(() => call('proposal.withdraw', { id: d.id }), () => '提案已撤回') })()}>
            撤回提案
          </Button>
        ) : null}
        {staff && d.state === 'submitted' ? (
          <>
            <Button
              className='pp-file'
              type='primary'
              disabled={busy}
              onClick={() => void (async () => { if (await askFirst('立案', `案由：${d.title}`)) await act(() => call('proposal.file', { id: d.id }), (out) => `已立案：${out.numberLabel ?? ''}`) })()}
            >
              立案
            </Button>
            <Button fill='outline' onClick={() => openPanel({ kind: 'return' })}>
              退回修改
            </Button>
            <Button fill='outline' onClick={() => openPanel({ kind: 'notFile' })}>
              不予立案
            </Button>
            <Button fill='outline' onClick={() => openPanel({ kind: 'merge' })}>
              并案
            </Button>
          </>
        ) : null}
        {staff && d.state === 'filed' ? (
          <Button type='primary' onClick={go(`/proposal/assign/index?id=${encodeURIComponent(d.id)}`)}>
            交办
          </Button>
        ) : null}
        {staff && ['filed', 'assigned', 'replied', 'rehandling'].includes(d.state) ? (
          <Button
            fill='outline'
            disabled={busy}
            onClick={() => void act(() => call('proposal.markKey', { id: d.id, key: !d.key }), (out) => (out.key ? '已标为重点提案' : '已取消重点提案'))}
          >
            {d.key ? '取消重点提案' : '标为重点提案'}
          </Button>
        ) : null}
      </View>

      <Section title='办理进度'>
        <Timeline entries={d.timeline} />
      </Section>
    </PageShell>
  )
}

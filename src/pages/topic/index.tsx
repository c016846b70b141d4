/**
 * 议题详情: one consultation topic (topic.get — the topic, the caller's
 * support and the first comment page in one request): background, state,
 * supporters with 附议 / 撤回附议, what happened so far (selection, input
 * question, session, minutes, recommendations and the departments' results,
 * the closing result and the proposer's rating), and the comments with
 * replies, reports and the comment box. Dates in Beijing time.
 */
import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { CommentView, TopicDetail } from '../../core/actions/topic'
import { topicStateLabels } from '../../core/states'
import { showDay, showDayTime, showRange } from '../../core/dates'
import { PageShell, StateView, Section, ListRow, Badge, Button, CharCount } from '../../components'
import { useAction, useMe, useMutation, navigate, go } from '../../hooks'
import { call, toAppError, type AppError } from '../../services'
import { askConsent, Chips, ErrorLine, Photos, toast, topicResultLabels } from '../consultation/ui'
import '../consultation/ui.scss'
import { clampCharacters } from '../../core/text'
import { shareCards, useShareCard } from '../../services/share'

const day = (iso: string) => showDay(iso)

export default function TopicPage() {
  const id = useRouter().params.id ?? ''
  const topic = useAction('topic.get', { id }, { enabled: !!id, pullDownRefresh: true })
  const t = topic.data
  useShareCard(t ? shareCards.topic(t) : null, shareCards.topic({ id, title: '议题详情' }))

  return (
    <PageShell back title='议题详情'>
      {!id ? (
        <StateView empty emptyText='没有指定议题' emptyHint='请从协商议题列表进入' />
      ) : (
        <StateView loading={topic.loading} error={topic.error} onRetry={() => void topic.reload()}>
          {t ? <TopicBody t={t} reload={topic.reload} /> : null}
        </StateView>
      )}
    </PageShell>
  )
}

function TopicBody({ t, reload }: { t: TopicDetail; reload: () => Promise<void> }) {
  const me = useMe()
  const isDepartment = me.roles.includes('department')
  return (
    <View>
      <View className='cx-card'>
        <View className='cx-row'>
          <Text className='cx-title'>{t.title}</Text>
          <Badge>{topicStateLabels[t.state]}</Badge>
        </View>
        <Text className='cx-sub'>
          {t.category}
          {t.place ? ` · ${t.place}` : ''} · {t.proposerName}提出于 {day(t.proposedAt)}
        </Text>
        {t.organiser ? <Text className='cx-sub'>组织单位：{t.organiser}</Text> : null}
        {t.heldReason ? (
          <Text className='cx-comment__status'>{t.heldReason}</Text>
        ) : (
          <SupportBar t={t} reload={reload} />
        )}
      </View>

      {t.state === 'declined' && t.declineReason ? (
        <Section title='未立题的理由'>
          <Text className='cx-text'>{t.declineReason}</Text>
        </Section>
      ) : null}
      {t.mergedInto ? (
        <Section title='已合并'>
          <ListRow title={`本议题已并入“${t.mergedInto.title}”`} subtitle='附议和评论已一并转入' onClick={() => void navigate(`/pages/topic/index?id=${t.mergedInto!.id}`, { replace: true })} />
        </Section>
      ) : null}

      <Section title='议题背景'>
        <Text className='cx-text'>{t.description}</Text>
        <Photos ids={t.images} urls={t.fileUrls} />
      </Section>

      {t.input ? (
        <Section title='征求意见'>
          <Text className='cx-text'>{t.input.question}</Text>
          {t.input.background ? <Text className='cx-sub'>{t.input.background}</Text> : null}
          <Text className='cx-sub'>截止时间：{showDayTime(t.input.deadline)}</Text>
        </Section>
      ) : null}

      {t.session ? (
        <Section title='协商活动'>
          <ListRow title={showRange(t.session.startAt, t.session.endAt)} subtitle={t.session.place} arrow={false} />
          {t.session.memberAttendance !== undefined ? <ListRow title='签到出席' note={`${t.session.attendance ?? 0} 人（委员 ${t.session.memberAttendance} 人）`} arrow={false} /> : null}
          {t.state === 'scheduled' ? <ListRow title='报名参加协商' subtitle='委员、部门代表和群众均可报名，现场扫码签到' onClick={go(`/pages/activity/detail/index?id=${t.session.activityId}`)} /> : null}
        </Section>
      ) : null}

      {t.minutes ? (
        <Section title='协商纪要'>
          <Text className='cx-text'>{t.minutes}</Text>
          {t.consensus ? (
            <>
              <Text className='cx-label'>协商共识</Text>
              <Text className='cx-text'>{t.consensus}</Text>
            </>
          ) : null}
        </Section>
      ) : null}

      {t.recommendations.length > 0 ? (
        <Section title='建议与办理'>
          {t.recommendations.map((r) => (
            <View key={r.id} className='cx-comment'>
              <View className='cx-row'>
                <Text className='cx-label'>{r.departmentName}</Text>
                <Badge tone={r.status === 'answered' ? 'success' : 'primary'}>
                  {r.result ? topicResultLabels[r.result] : '办理中'}
                </Badge>
              </View>
              <Text className='cx-text'>{r.text}</Text>
              {r.progress.map((p, i) => (
                <View key={i} className='cx-step'>
                  <Text className='cx-hint'>{showDayTime(p.at)} · {p.by}</Text>
                  <Text className='cx-text'>{p.text}</Text>
                </View>
              ))}
              {r.resultText ? (
                <View className='cx-step'>
                  <Text className='cx-hint'>办理结果{r.answeredAt ? ` · ${showDayTime(r.answeredAt)}` : ''}</Text>
                  <Text className='cx-text'>{r.resultText}</Text>
                </View>
              ) : null}
              <Photos ids={r.beforePhotos} label='整改前' urls={t.fileUrls} />
              <Photos ids={r.afterPhotos} label='整改后' urls={t.fileUrls} />
            </View>
          ))}
        </Section>
      ) : null}

      {t.state === 'closed' && t.result ? (
        <Section title='办结'>
          <ListRow title='办结结果' note={topicResultLabels[t.result]} arrow={false} />
          {t.closedAt ? <ListRow title='办结时间' note={showDayTime(t.closedAt)} arrow={false} /> : null}
          {t.closingNote ? <Text className='cx-text'>{t.closingNote}</Text> : null}
          <Rating t={t} reload={reload} />
        </Section>
      ) : null}

      {t.timeline.length > 0 ? (
        <Section title='进程'>
          {t.timeline.map((e, i) => (
            <View key={i} className='cx-step'>
              <Text className='cx-hint'>{showDayTime(e.at)}</Text>
              <Text className='cx-text'>
                {topicStateLabels[e.state]}
                {e.note ? `：${e.note}` : ''}
              </Text>
            </View>
          ))}
        </Section>
      ) : null}

      {me.isStaff ? (
        <Section title='机关工作'>
          <ListRow title='办理此议题' subtitle='立题、合并、征求意见、安排协商、纪要与建议、办结' onClick={go(`/staff/topic/index?id=${t.id}`)} />
        </Section>
      ) : null}
      {isDepartment && t.recommendations.length > 0 ? (
        <Section title='承办单位'>
          <ListRow title='答复本单位的建议' onClick={go('/department/tasks/index')} />
        </Section>
      ) : null}

      <Comments t={t} reload={reload} />
    </View>
  )
}

/** Supporters count and the 附议 / 撤回附议 button (consent asked in the same tap). */
function SupportBar({ t, reload }: { t: TopicDetail; reload: () => Promise<void> }) {
  const support = useMutation('topic.support')
  const withdraw = useMutation('topic.withdrawSupport')
  const onSupport = async () => {
    const subscribe = await askConsent()
    try {
      await support.run({ id: t.id, subscribe })
      toast('附议成功', 'success')
      await reload()
    } catch {
      /* shown below */
    }
  }
  const onWithdraw = async () => {
    try {
      await withdraw.run({ id: t.id })
      toast('已撤回附议')
      await reload()
    } catch {
      /* shown below */
    }
  }
  return (
    <View>
      <View className='cx-row'>
        <Text className='cx-sub' aria-label='附议人数'>
          {t.supportCount} 人附议 · {t.commentCount} 条评论
        </Text>
        {t.supported ? (
          <Button size='small' fill='outline' loading={withdraw.pending} disabled={withdraw.pending || t.state === 'closed' || t.state === 'merged'} onClick={() => void onWithdraw()}>
            已附议 · 撤回
          </Button>
        ) : t.canSupport ? (
          <Button size='small' type='primary' loading={support.pending} disabled={support.pending} onClick={() => void onSupport()}>
            附议
          </Button>
        ) : t.isProposer ? (
          <Text className='cx-hint'>我提出的议题</Text>
        ) : null}
      </View>
      <ErrorLine error={support.error ?? withdraw.error} />
    </View>
  )
}

/** The proposer rates a closed topic's result (1–5), once. */
function Rating({ t, reload }: { t: TopicDetail; reload: () => Promise<void> }) {
  const [score, setScore] = useState<string>()
  const [comment, setComment] = useState('')
  const rate = useMutation('topic.rate')
  if (t.rating) return <ListRow title='提出人评价' note={`${'★'.repeat(t.rating.score)}${t.rating.comment ? ` ${t.rating.comment}` : ''}`} arrow={false} />
  if (!t.isProposer) return null
  const submit = async () => {
    try {
      await rate.run({ id: t.id, score: Number(score ?? 0), comment })
      toast('感谢评价', 'success')
      await reload()
    } catch {
      /* shown below */
    }
  }
  return (
    <View>
      <Text className='cx-label'>请评价办理结果</Text>
      <Chips label='评分' options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} 分` }))} value={score} onChange={setScore} />
      <Textarea className='cx-textarea' value={comment} maxlength={-1} placeholder='评价（选填）' onInput={(e) => setComment(clampCharacters(e.detail.value, 200))} />
      <ErrorLine error={rate.error} />
      <Button className='cx-button' type='primary' block loading={rate.pending} disabled={rate.pending || !score} onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  )
}

function statusText(c: CommentView): string | undefined {
  if (c.status === 'held') return '待审核'
  if (c.status === 'hidden') return '已隐藏'
  if (c.status === 'removed') return '未公开'
  return undefined
}

/** Comments (newest first), replies, reports, and the comment box while input is open. */
function Comments({ t, reload }: { t: TopicDetail; reload: () => Promise<void> }) {
  const [more, setMore] = useState<CommentView[]>([])
  const [cursor, setCursor] = useState<string | undefined>(t.comments.nextCursor)
  const [moreError, setMoreError] = useState<AppError>()
  const [loadingMore, setLoadingMore] = useState(false)
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<CommentView>()
  const comment = useMutation('topic.comment')
  const [reportError, setReportError] = useState<AppError>()

  const items = [...t.comments.items, ...more.filter((m) => !t.comments.items.some((c) => c.id === m.id))]
  const nextCursor = more.length ? cursor : t.comments.nextCursor

  const loadMore = async () => {
    if (!nextCursor) return
    setLoadingMore(true)
    setMoreError(undefined)
    try {
      const page = await call('topic.comments', { id: t.id, cursor: nextCursor })
      setMore((m) => [...m, ...page.items])
      setCursor(page.nextCursor)
    } catch (e) {
      setMoreError(toAppError(e))
    } finally {
      setLoadingMore(false)
    }
  }

  const submit = async () => {
    try {
      const made = await comment.run({ id: t.id, text, ...(replyTo ? { replyTo: replyTo.id } : {}) })
      setText('')
      setReplyTo(undefined)
      toast(made.status === 'visible' ? '已发表' : '已提交，审核后公开')
      setMore([])
      await reload()
    } catch {
      /* shown below */
    }
  }

  const report = async (c: CommentView) => {
    setReportError(undefined)
    try {
      const res = await call('topic.report', { commentId: c.id })
      toast(res.hidden ? '已举报，该评论已隐藏待审核' : '已举报，我们会尽快处理')
      if (res.hidden) await reload()
    } catch (e) {
      setReportError(toAppError(e))
    }
  }

  return (
    <Section title={`评论（${t.commentCount}）`}>
      {t.canComment ? (
        <View>
          {replyTo ? (
            <View className='cx-row'>
              <Text className='cx-hint'>回复 {replyTo.authorName}</Text>
              <View className='cx-link' role='button' onClick={() => setReplyTo(undefined)}>
                <Text>取消回复</Text>
              </View>
            </View>
          ) : null}
          <Textarea
            className='cx-textarea'
            value={text}
            maxlength={-1}
            placeholder={t.input ? `围绕“${t.input.question}”发表意见` : '发表您的意见或建议'}
            onInput={(e) => setText(clampCharacters(e.detail.value, 500))}
            aria-label='评论内容'
          />
          <CharCount value={text} max={500} multiline />
          <ErrorLine error={comment.error} />
          <Button className='cx-button' type='primary' block loading={comment.pending} disabled={comment.pending} onClick={() => void submit()}>
            发表评论
          </Button>
        </View>
      ) : (
        <Text className='cx-hint'>{t.input ? '征求意见已截止' : '当前阶段不接受评论'}</Text>
      )}
      <ErrorLine error={reportError} />
      <StateView empty={items.length === 0} emptyText='还没有评论'>
        {items.map((c) => (
          <View key={c.id} className='cx-comment'>
            <View className='cx-comment__head'>
              <Text>
                {c.authorName}
                {c.replyTo ? ` 回复 ${c.replyTo.authorName}` : ''}
              </Text>
              <Text>{showDayTime(c.createdAt)}</Text>
            </View>
            <Text className='cx-text'>{c.text}</Text>
            {statusText(c) ? (
              <Text className='cx-comment__status'>
                {statusText(c)}
                {c.statusReason ? `：${c.statusReason}` : ''}
              </Text>
            ) : null}
            {c.status === 'visible' ? (
              <View className='cx-row'>
                {t.canComment ? (
                  <View className='cx-link' role='button' onClick={() => setReplyTo(c)}>
                    <Text>回复</Text>
                  </View>
                ) : null}
                {!c.mine ? (
                  <View className='cx-link' role='button' onClick={() => void report(c)}>
                    <Text>举报</Text>
                  </View>
                ) : null}
              </View>
            ) : null}
          </View>
        ))}
        {nextCursor ? (
          <Button className='cx-button' fill='outline' block loading={loadingMore} onClick={() => void loadMore()}>
            {moreError ? '加载失败，点击重试' : '更多评论'}
          </Button>
        ) : null}
      </StateView>
    </Section>
  )
}

/**
 * 活动详情 (activity.get): time (Beijing), place, seats, the caller's
 * registration, and one-tap actions: sign up (with the subscription consent
 * in the same tap), cancel, confirm or ask for leave (required activities),
 * scan the venue code to check in, show the pass; organisers get a link to
 * the organiser view.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, Badge, Banner, Button } from '../../../components'
import { useAction, useMutation, navigate } from '../../../hooks'
import { registrationStateLabels } from '../../../core/actions/activity'
import { showDayTime } from '../../../core/dates'
import { activityStateLabels, askConsent, audienceLabel, seatsText, timeRange, typeLabel, windowText } from '../format'
import { tokenFromScan } from '../checkin/token'
import './index.scss'
import { clampCharacters } from '../../../core/text'
import { requirePrivacy } from '../../../services/privacy'
import { shareCards, useShareCard } from '../../../services/share'

export default function ActivityDetail() {
  // `scene` is the activity id when opened from a poster's mini-program code (activity.shareCode).
  const params = useRouter().params
  const id = params.id ?? (params.scene ? decodeURIComponent(params.scene) : '')
  const detail = useAction('activity.get', { id }, { enabled: !!id, pullDownRefresh: true })
  const signup = useMutation('activity.signup')
  const cancel = useMutation('activity.cancelSignup')
  const confirm = useMutation('activity.confirm')
  const leave = useMutation('activity.requestLeave')
  const checkin = useMutation('activity.checkin')
  const [notice, setNotice] = useState<string>()
  const [leaveOpen, setLeaveOpen] = useState(false)
  const [reason, setReason] = useState('')
  const a = detail.data
  useShareCard(a ? shareCards.activity(a) : null, { ...shareCards.activity({ id, title: '', startAt: new Date() }), title: '政协活动' })
  const mine = a?.mine
  const error = signup.error ?? cancel.error ?? confirm.error ?? leave.error ?? checkin.error

  const after = async (text: string) => {
    setNotice(text)
    await detail.reload()
  }
  const doSignup = async () => {
    const consent = await askConsent()
    try {
      const r = await signup.run({ id, consent })
      if (r.already) await after(r.state === 'waitlisted' ? '您已在候补名单中' : '您已报名，无需重复报名')
      else await after(r.state === 'waitlisted' ? `名额已满，您已进入候补（第 ${r.waitlistPosition ?? 1} 位）` : r.state === 'confirmed' ? '已确认参加' : '报名成功')
    } catch {
      /* shown below */
    }
  }
  const doCancel = async () => {
    const waiting = mine?.state === 'waitlisted'
    const ok = await Taro.showModal(
      waiting
        ? { title: '取消候补', content: '确定取消候补吗？取消后需重新报名排队。', confirmText: '取消候补', cancelText: '再想想' }
        : { title: '取消报名', content: '确定取消报名吗？名额将让给候补人员。', confirmText: '取消报名', cancelText: '再想想' }
    ).then((r) => r.confirm, () => false)
    if (!ok) return
    try {
      await cancel.run({ id })
      await after(waiting ? '已取消候补' : '已取消报名')
    } catch {
      /* shown below */
    }
  }
  const doConfirm = async () => {
    const consent = await askConsent()
    try {
      await confirm.run({ id, consent })
      await after('已确认参加')
    } catch {
      /* shown below */
    }
  }
  const doLeave = async () => {
    try {
      await leave.run({ id, reason })
      setLeaveOpen(false)
      await after('请假申请已提交，等待审批')
    } catch {
      /* shown below */
    }
  }
  const typeCode = () => void navigate(`/pages/activity/checkin/index?id=${encodeURIComponent(id)}`)
  const doScan = async () => {
    // No camera (browser build), scanning cancelled or failed: type the code instead.
    // (The browser build has no Taro.scanCode at all: calling it throws.)
    if (!(await requirePrivacy())) return
    const res = await Promise.resolve()
      .then(() => Taro.scanCode({ onlyFromCamera: false }))
      .catch(() => null)
    const token = res ? tokenFromScan(res as unknown as Record<string, string>) : undefined
    if (!token) {
      typeCode()
      return
    }
    try {
      const r = await checkin.run({ token, id })
      await after(`${r.already ? '您已签到' : '签到成功'}：${r.title}，${showDayTime(r.checkedInAt)}`)
    } catch {
      /* shown below */
    }
  }

  // Sign-up runs until the deadline, which may fall inside the check-in window.
  const signupOpen = !!a && (a.state === 'published' || a.state === 'checkin_open') && Date.now() <= new Date(a.signupDeadline).getTime()
  const canSignup = a && !a.required && signupOpen && (!mine || mine.state === 'cancelled')
  /** Every place taken (capacity 0 means unlimited); with no waitlist nobody more can sign up. */
  const full = !!a && a.capacity > 0 && a.registeredCount >= a.capacity
  const canCancel = a && !a.required && signupOpen && mine && (mine.state === 'registered' || mine.state === 'waitlisted')
  const canAnswer = a && a.required && mine && ['notified', 'leave_denied', 'confirmed'].includes(mine.state) && !['ended', 'finalized', 'cancelled'].includes(a.state)
  const canScan = a && a.state === 'checkin_open' && mine && ['registered', 'confirmed', 'notified', 'leave_denied'].includes(mine.state)

  return (
    <PageShell back title='活动详情'>
      {!id ? (
        <StateView empty emptyText='没有指定活动' emptyHint='请从活动列表进入' />
      ) : (
        <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
          {a ? (
            <>
              <View className='activity__head'>
                <Text className='activity__title'>{a.title}</Text>
                <View className='activity__tags'>
                  <Badge>{activityStateLabels[a.state]}</Badge>
                  <Badge tone='muted'>{typeLabel(a)}</Badge>
                  {a.required ? <Badge tone='muted'>要求参加</Badge> : null}
                </View>
              </View>
              {a.cancelReason && a.state === 'cancelled' ? <View className='activity__alert' role='alert'><Text>活动已取消：{a.cancelReason}</Text></View> : null}
              {a.postponeReason && a.state === 'postponed' ? <View className='activity__alert' role='alert'><Text>活动延期：{a.postponeReason}</Text></View> : null}
              <Section title='活动信息'>
                <ListRow title='时间' subtitle={`${timeRange(a)}（北京时间）`} arrow={false} />
                <ListRow title='地点' subtitle={a.place} arrow={false} />
                <ListRow title='组织方' note={a.organiserName} arrow={false} />
                <ListRow title='报名范围' note={audienceLabel(a)} arrow={false} />
                <ListRow title='名额' note={full && !a.waitlist && !a.required ? `${seatsText(a)} · 名额已满` : seatsText(a)} arrow={false} />
                <ListRow title='报名截止' note={showDayTime(a.signupDeadline)} arrow={false} />
                <ListRow title='签到时间' subtitle={windowText(a)} arrow={false} />
              </Section>
              {a.state !== 'draft' && a.state !== 'cancelled' ? (
                <View className='activity__share'>
                  <Button block fill='outline' onClick={() => void navigate(`/pages/activity/poster/index?id=${encodeURIComponent(a.id)}`)}>
                    生成分享海报
                  </Button>
                </View>
              ) : null}
              {a.description ? (
                <Section title='活动介绍'>
                  <Text className='activity__desc'>{a.description}</Text>
                </Section>
              ) : null}
              <Section title='我的报名'>
                {mine && mine.state !== 'cancelled' ? (
                  <>
                    <ListRow
                      title='状态'
                      note={<Text className='activity__mine-state'>{registrationStateLabels[mine.state]}{mine.waitlistPosition ? `（第 ${mine.waitlistPosition} 位）` : ''}</Text>}
                      arrow={false}
                    />
                    {mine.leaveDecisionReason ? <ListRow title='审批意见' subtitle={mine.leaveDecisionReason} arrow={false} /> : null}
                    {mine.pass && mine.state !== 'waitlisted' ? (
                      <ListRow title='参会凭证' subtitle='签到时出示给工作人员扫码' onClick={() => void navigate(`/member/activity-pass/index?id=${encodeURIComponent(a.id)}`)} />
                    ) : null}
                  </>
                ) : (
                  <ListRow title='尚未报名' arrow={false} />
                )}
              </Section>
              <Banner tone='success' text={notice} />
              <Banner tone='error' text={error?.message} />
              <View className='activity__actions'>
                {canSignup && full && !a.waitlist ? (
                  <Button block type='primary' disabled>
                    名额已满
                  </Button>
                ) : canSignup ? (
                  <Button block type='primary' loading={signup.pending} disabled={signup.pending} onClick={() => void doSignup()}>
                    {full ? '报名候补' : '立即报名'}
                  </Button>
                ) : null}
                {canScan ? (
                  <Button block type='primary' loading={checkin.pending} onClick={() => void doScan()}>
                    扫码签到
                  </Button>
                ) : null}
                {canScan ? (
                  <Button block fill='outline' onClick={typeCode}>
                    输入签到码
                  </Button>
                ) : null}
                {canAnswer && mine?.state !== 'confirmed' ? (
                  <Button block type='primary' loading={confirm.pending} onClick={() => void doConfirm()}>
                    确认参加
                  </Button>
                ) : null}
                {canAnswer ? (
                  <Button block fill='outline' onClick={() => setLeaveOpen(!leaveOpen)}>
                    请假
                  </Button>
                ) : null}
                {leaveOpen ? (
                  <View className='activity__leave'>
                    <Textarea aria-label='请假事由' className='activity__textarea' placeholder='请填写请假事由' value={reason} maxlength={-1} onInput={(e) => setReason(clampCharacters(e.detail.value, 200))} />
                    <Button block type='primary' loading={leave.pending} onClick={() => void doLeave()}>
                      提交请假
                    </Button>
                  </View>
                ) : null}
                {canCancel ? (
                  <Button block fill='outline' loading={cancel.pending} onClick={() => void doCancel()}>
                    {mine?.state === 'waitlisted' ? '取消候补' : '取消报名'}
                  </Button>
                ) : null}
                {a.canManage ? (
                  <Button block fill='outline' onClick={() => void navigate(`/staff/activity-manage/index?id=${encodeURIComponent(a.id)}`)}>
                    组织管理
                  </Button>
                ) : null}
              </View>
            </>
          ) : null}
        </StateView>
      )}
    </PageShell>
  )
}

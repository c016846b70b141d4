/**
 * 活动组织管理 (organisers: staff, or the studio's admins): seats and
 * counts, the venue check-in code (rotating, refreshed every 50 s while
 * shown), scanning a member's pass, registrations / waitlist (in order) /
 * leave requests (approve or deny) / attendance (mark by hand), publish,
 * postpone, cancel, finalize and export to .xlsx.
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Image, Textarea } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Badge, Banner, Button, askFirst } from '../../components'
import { useAction, useMutation, usePagedList, navigate } from '../../hooks'
import { registrationStateLabels, type RegistrationView } from '../../core/actions/activity'
import { showTime } from '../../core/dates'
import { activityStateLabels, seatsText, timeRange, windowText } from '../../pages/activity/format'
import '../../pages/activity/list/index.scss'
import './index.scss'
import { clampCharacters } from '../../core/text'
import { requirePrivacy } from '../../services/privacy'

type Group = 'registered' | 'waitlisted' | 'leave' | 'attendance'
const groups: { key: Group; label: string }[] = [
  { key: 'registered', label: '报名' },
  { key: 'waitlisted', label: '候补' },
  { key: 'leave', label: '请假' },
  { key: 'attendance', label: '考勤' }
]
const REFRESH_MS = 50_000

export default function ActivityManage() {
  const id = useRouter().params.id ?? ''
  const detail = useAction('activity.get', { id }, { enabled: !!id, pullDownRefresh: true })
  const [group, setGroup] = useState<Group>('registered')
  const list = usePagedList('activity.registrations', { id, group }, { enabled: !!id, reachBottom: true })
  const code = useMutation('activity.checkinCode')
  const scan = useMutation('activity.scanPass')
  const mark = useMutation('activity.mark')
  const decide = useMutation('activity.decideLeave')
  const publish = useMutation('activity.publish')
  const cancel = useMutation('activity.cancel')
  const postpone = useMutation('activity.postpone')
  const finalize = useMutation('activity.finalize')
  const exporter = useMutation('activity.export')
  const [showCode, setShowCode] = useState(false)
  const [reason, setReason] = useState('')
  const [notice, setNotice] = useState<string>()
  const timer = useRef<ReturnType<typeof setInterval>>()
  const a = detail.data
  const error = code.error ?? scan.error ?? mark.error ?? decide.error ?? publish.error ?? cancel.error ?? postpone.error ?? finalize.error ?? exporter.error

  const refreshAll = async (text?: string) => {
    if (text) setNotice(text)
    await Promise.all([detail.reload(), list.refresh()])
  }

  useEffect(() => {
    if (!showCode) return undefined
    const load = () => void code.run({ id }).catch(() => setShowCode(false))
    load()
    timer.current = setInterval(load, REFRESH_MS)
    return () => clearInterval(timer.current)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showCode, id])

  const scanPass = async () => {
    try {
      if (!(await requirePrivacy())) return
      const res = (await Taro.scanCode({ onlyFromCamera: false })) as unknown as { result?: string }
      const r = await scan.run({ id, pass: (res.result ?? '').trim() })
      await refreshAll(r.already ? `${r.name} 已签到过` : `${r.name} 签到成功`)
    } catch {
      /* shown below */
    }
  }
  const act = async (p: Promise<unknown>, text: string) => {
    try {
      await p
      await refreshAll(text)
    } catch {
      /* shown below */
    }
  }
  const doExport = async () => {
    try {
      const out = await exporter.run({ id })
      setNotice(`已导出 ${out.rows} 条记录`)
      const cloud = (Taro as unknown as { cloud?: { downloadFile?: (o: { fileID: string }) => Promise<{ tempFilePath: string }> } }).cloud
      const file = await cloud?.downloadFile?.({ fileID: out.fileID }).catch(() => undefined)
      if (file?.tempFilePath) await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true } as never).catch(() => undefined)
    } catch {
      /* shown below */
    }
  }

  const rowActions = (r: RegistrationView) => {
    const open = a && a.state !== 'finalized' && a.state !== 'cancelled'
    if (!open) return null
    if (r.state === 'leave_requested') {
      return (
        <View className='manage__row-actions'>
          <Button size='small' type='primary' onClick={() => void act(decide.run({ id, personKey: r.personKey, approve: true }), `已批准 ${r.name} 请假`)}>
            批准
          </Button>
          <Button size='small' fill='outline' onClick={() => void act(decide.run({ id, personKey: r.personKey, approve: false, reason: reason || undefined }), `未批准 ${r.name} 请假`)}>
            不批准
          </Button>
        </View>
      )
    }
    if (r.state === 'checked_in') {
      return (
        <Button size='small' fill='outline' onClick={() => void act(mark.run({ id, personKey: r.personKey, present: false }), `已撤销 ${r.name} 的签到`)}>
          撤销签到
        </Button>
      )
    }
    if (['registered', 'confirmed', 'notified', 'leave_denied', 'leave_approved'].includes(r.state)) {
      return (
        <Button size='small' type='primary' fill='outline' onClick={() => void act(mark.run({ id, personKey: r.personKey, present: true }), `${r.name} 已签到`)}>
          手工签到
        </Button>
      )
    }
    return null
  }

  return (
    <PageShell back title='活动组织管理'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {a ? (
          <>
            <Section title={a.title}>
              <ListRow title='状态' note={activityStateLabels[a.state]} arrow={false} />
              <ListRow title='时间' subtitle={`${timeRange(a)}（北京时间）`} arrow={false} />
              <ListRow title='名额' note={seatsText(a)} arrow={false} />
              <ListRow title='签到时间' subtitle={windowText(a)} arrow={false} />
              {a.safetyNote ? <ListRow title='内容复核' subtitle={a.safetyNote} arrow={false} /> : null}
            </Section>
            <Banner tone='success' text={notice} />
            <Banner tone='error' text={error?.message} />
            {a.state === 'checkin_open' || showCode ? (
              <Section title='现场签到'>
                {showCode && code.data ? (
                  <View className='manage__code'>
                    <Image className='manage__qr' src={code.data.image} mode='aspectFit' aria-label='签到码' />
                    {code.data.code ? (
                      <Text className='manage__code-digits' aria-label='数字签到码'>
                        {code.data.code.slice(0, 3)} {code.data.code.slice(3)}
                      </Text>
                    ) : null}
                    <Text className='manage__code-hint'>请参会人员用微信扫码签到；无法扫码的，在活动详情点“输入签到码”，输入上面的 6 位数字。签到码每分钟更新，截图无效</Text>
                    <Button size='small' fill='outline' onClick={() => void code.run({ id, rotate: true }).catch(() => undefined)}>
                      换一个码
                    </Button>
                  </View>
                ) : null}
                <View className='manage__buttons'>
                  <Button block type='primary' onClick={() => setShowCode(!showCode)}>
                    {showCode ? '收起签到码' : '显示签到码'}
                  </Button>
                  <Button block fill='outline' loading={scan.pending} onClick={() => void scanPass()}>
                    扫描参会凭证
                  </Button>
                </View>
              </Section>
            ) : null}
            <View className='chips' role='tablist'>
              {groups.map((g) => (
                <View key={g.key} role='tab' aria-selected={group === g.key} className={`chip${group === g.key ? ' chip--on' : ''}`} onClick={() => setGroup(g.key)}>
                  <Text>{g.label}</Text>
                </View>
              ))}
            </View>
            <Section title={groups.find((g) => g.key === group)!.label + '名单'}>
              <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='暂无人员'>
                {list.items.map((r, i) => (
                  <View key={r.id} className='manage__row'>
                    <ListRow
                      title={
                        <View className='activity-row__title'>
                          <Text>{group === 'waitlisted' ? `${i + 1}. ` : ''}{r.name}</Text>
                          <Badge tone={r.state === 'checked_in' || r.state === 'attended' ? 'success' : 'muted'}>{registrationStateLabels[r.state]}</Badge>
                        </View>
                      }
                      subtitle={[r.phone, r.leaveReason ? `事由：${r.leaveReason}` : '', r.checkedInAt ? `签到 ${showTime(r.checkedInAt)}` : ''].filter(Boolean).join(' · ')}
                      arrow={false}
                    />
                    {rowActions(r)}
                  </View>
                ))}
                <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
              </StateView>
            </Section>
            <Section title='活动操作'>
              <View className='manage__buttons'>
                <Textarea aria-label='原因或意见' className='manage__textarea' placeholder='取消、延期的原因，或不批准请假的意见' value={reason} maxlength={-1} onInput={(e) => setReason(clampCharacters(e.detail.value, 200))} />
                {a.state === 'draft' || a.state === 'postponed' ? (
                  <Button block type='primary' loading={publish.pending} onClick={() => void act(publish.run({ id }), '已发布')}>
                    发布活动
                  </Button>
                ) : null}
                {a.state === 'draft' || a.state === 'postponed' || a.state === 'published' ? (
                  <Button block fill='outline' onClick={() => void navigate(`/staff/activity-edit/index?id=${encodeURIComponent(id)}`)}>
                    编辑活动
                  </Button>
                ) : null}
                {['published', 'registration_closed', 'checkin_open'].includes(a.state) ? (
                  <Button block fill='outline' loading={postpone.pending} onClick={() => void act(postpone.run({ id, reason }), '已延期并通知报名人员')}>
                    延期活动
                  </Button>
                ) : null}
                {!['ended', 'finalized', 'cancelled'].includes(a.state) ? (
                  <Button block fill='outline' loading={cancel.pending} onClick={() => void askFirst({ question: '确定取消这场活动？', confirm: '取消活动', detail: '报名人员会收到取消通知，取消后不能恢复。' }).then((yes) => (yes ? act(cancel.run({ id, reason }), '已取消并通知报名人员') : undefined))}>
                    取消活动
                  </Button>
                ) : null}
                {a.state === 'ended' ? (
                  <Button block type='primary' loading={finalize.pending} onClick={() => void act(finalize.run({ id }), '考勤已归档')}>
                    结束并归档考勤
                  </Button>
                ) : null}
                <Button block fill='outline' loading={exporter.pending} onClick={() => void doExport()}>
                  导出报名与考勤（Excel）
                </Button>
              </View>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

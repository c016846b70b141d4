/**
 * 发布活动 / 编辑活动 (activity.create, activity.update): organisers fill in
 * title, type, place, times (Beijing wall clock 年-月-日 时:分), capacity
 * (0 = no limit), sign-up deadline and audience. Studio admins create for
 * their studio (`studioId` from the page URL or their first studio).
 * Validation is the contract's schema; server rules (times in order,
 * capacity not below registrations) show their Chinese message.
 * Invitees are chosen by name from the roster (MemberPicker over
 * user.searchRoster), never typed as member numbers; on an edit, choosing
 * people replaces the invitee list and choosing nobody keeps it (decision 84).
 */
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { PageShell, Button, Input, MemberPicker, type MemberPick } from '../../components'
import { call } from '../../services'
import { useAction, useMe, useMutation, navigate } from '../../hooks'
import { activityTypes, activityTypeLabels, audiences, audienceLabels, type ActivityType, type Audience } from '../../core/actions/activity'
import { formatBeijing } from '../../core/time'
import '../../pages/activity/list/index.scss'
import './index.scss'
import { clampCharacters } from '../../core/text'

const later = (days: number, hour: number) => formatBeijing(new Date(Date.now() + days * 86400_000), `YYYY-MM-DD ${String(hour).padStart(2, '0')}:00`)

export default function ActivityEdit() {
  const params = useRouter().params
  const id = params.id
  const me = useMe()
  const existing = useAction('activity.get', { id: id ?? '' }, { enabled: !!id })
  const create = useMutation('activity.create')
  const update = useMutation('activity.update')
  const [form, setForm] = useState({
    title: '',
    place: '',
    startAt: later(7, 9),
    endAt: later(7, 11),
    signupDeadline: later(6, 18),
    capacity: '30',
    description: '',
    checkinStartAt: '',
    checkinEndAt: ''
  })
  const [invitees, setInvitees] = useState<MemberPick[]>([])
  const [required, setRequired] = useState(false)
  const [type, setType] = useState<ActivityType>('studio_activity')
  const [audience, setAudience] = useState<Audience>('public')

  useEffect(() => {
    const a = existing.data
    if (!a) return
    setForm({
      title: a.title,
      place: a.place,
      startAt: formatBeijing(a.startAt),
      endAt: formatBeijing(a.endAt),
      signupDeadline: formatBeijing(a.signupDeadline),
      capacity: String(a.capacity),
      description: a.description,
      checkinStartAt: formatBeijing(a.checkinStartAt),
      checkinEndAt: formatBeijing(a.checkinEndAt)
    })
    setRequired(a.required)
    setType(a.type)
    setAudience(a.audience)
  }, [existing.data])

  const field = (key: keyof typeof form, label: string, placeholder: string, max = 100) => (
    <View className='edit__field'>
      <Text className='edit__label'>{label}</Text>
      <Input aria-label={label} placeholder={placeholder} value={form[key]} onChange={(v: string) => setForm((f) => ({ ...f, [key]: clampCharacters(v, max) }))} />
    </View>
  )

  const studioId = params.studioId ?? (me.data && !me.data.roles.includes('staff') ? me.data.studioIds[0] : undefined)
  const error = create.error ?? update.error
  const inviteeIds = invitees.map((p) => p.memberId)
  const searchRoster = async (name: string) => (await call('user.searchRoster', { name })).items
  const submit = async () => {
    const fields = {
      title: form.title,
      place: form.place,
      startAt: form.startAt,
      endAt: form.endAt,
      signupDeadline: form.signupDeadline,
      capacity: Number(form.capacity),
      description: form.description,
      type,
      audience: required || inviteeIds.length ? ('invitees' as const) : audience,
      required,
      ...(form.checkinStartAt ? { checkinStartAt: form.checkinStartAt } : {}),
      ...(form.checkinEndAt ? { checkinEndAt: form.checkinEndAt } : {}),
      ...(inviteeIds.length ? { inviteeIds } : {})
    }
    try {
      const out = id ? await update.run({ id, ...fields }) : await create.run({ ...fields, ...(studioId ? { studioId } : {}), publish: true })
      void Taro.showToast({ title: id ? '已保存' : '已发布', icon: 'success' }).catch(() => undefined)
      void navigate(`/staff/activity-manage/index?id=${encodeURIComponent(out.id)}`, { replace: true })
    } catch {
      /* shown below */
    }
  }

  return (
    <PageShell back title={id ? '编辑活动' : '发布活动'}>
      <View className='edit'>
        {field('title', '活动名称', '例如：辽事好商量——学前教育', 60)}
        <Text className='edit__label'>活动类型</Text>
        <View className='chips'>
          {activityTypes.map((t) => (
            <View key={t} className={`chip${type === t ? ' chip--on' : ''}`} onClick={() => setType(t)}>
              <Text>{activityTypeLabels[t]}</Text>
            </View>
          ))}
        </View>
        {field('place', '活动地点', '详细地址')}
        {field('startAt', '开始时间', '2026-03-10 09:00')}
        {field('endAt', '结束时间', '2026-03-10 11:00')}
        {field('signupDeadline', '报名截止', '2026-03-09 18:00')}
        {field('capacity', '名额（0 为不限）', '30')}
        <Text className='edit__label'>报名范围</Text>
        <View className='chips'>
          {audiences.filter((x) => x !== 'invitees').map((x) => (
            <View key={x} className={`chip${audience === x ? ' chip--on' : ''}`} onClick={() => setAudience(x)}>
              <Text>{audienceLabels[x]}</Text>
            </View>
          ))}
        </View>
        <Text className='edit__label'>出席要求</Text>
        <View className='chips'>
          <View className={`chip${!required ? ' chip--on' : ''}`} onClick={() => setRequired(false)}>
            <Text>自愿报名</Text>
          </View>
          <View className={`chip${required ? ' chip--on' : ''}`} onClick={() => setRequired(true)}>
            <Text>要求参加（受邀委员确认或请假）</Text>
          </View>
        </View>
        <MemberPicker
          label='特邀委员'
          hint={id ? '选择后将替换原特邀名单；不选则保持原名单' : '不选则按报名范围；选择后仅受邀委员可报名'}
          search={searchRoster}
          value={invitees}
          onChange={setInvitees}
          max={1000}
          maxMessage='特邀人员过多'
        />
        {field('checkinStartAt', '签到开始（可不填：开始前 30 分钟）', '2026-03-10 08:30')}
        {field('checkinEndAt', '签到结束（可不填：活动结束时）', '2026-03-10 11:00')}
        <Text className='edit__label'>活动介绍</Text>
        <Textarea aria-label='活动介绍' className='edit__textarea' value={form.description} maxlength={-1} onInput={(e) => setForm((f) => ({ ...f, description: clampCharacters(e.detail.value, 2000) }))} />
        <Text className='edit__hint'>时间均为北京时间，格式：年-月-日 时:分</Text>
        {error ? (
          <View className='edit__error' role='alert'>
            <Text>{error.message}</Text>
          </View>
        ) : null}
        <Button block type='primary' loading={create.pending || update.pending} disabled={create.pending || update.pending} onClick={() => void submit()}>
          {id ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </PageShell>
  )
}

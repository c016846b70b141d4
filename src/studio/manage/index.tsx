/**
 * 工作室管理: the studio's admins (and staff) edit its profile, write
 * announcements and publish them (to staff review where the studio has it
 * on); without `id`, staff see the announcements waiting for review and
 * approve or return them with a reason.
 */
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { PageShell, StateView, Section, ListRow, Badge, Banner, Button, Input } from '../../components'
import { useAction, useMe, useMutation, usePagedList } from '../../hooks'
import { announcementStateLabels, type AnnouncementView } from '../../core/actions/studio'
import { showDayTime } from '../../core/dates'
import './index.scss'
import { clampCharacters } from '../../core/text'

function ReviewQueue() {
  const queue = usePagedList('studio.manageAnnouncements', {}, { pullDownRefresh: true, reachBottom: true })
  const review = useMutation('studio.reviewAnnouncement')
  const [reason, setReason] = useState('')
  const decide = async (a: AnnouncementView, approve: boolean) => {
    try {
      await review.run({ id: a.id, approve, ...(approve ? {} : { reason }) })
      await queue.refresh()
    } catch {
      /* shown below */
    }
  }
  return (
    <Section title='待审核的工作室公告'>
      <Textarea aria-label='退回理由' className='manage__textarea' placeholder='退回时请填写理由' value={reason} maxlength={-1} onInput={(e) => setReason(clampCharacters(e.detail.value, 200))} />
      {review.error ? (
        <View className='manage__error' role='alert'>
          <Text>{review.error.message}</Text>
        </View>
      ) : null}
      <StateView loading={queue.loading} error={queue.error} empty={queue.empty} onRetry={() => void queue.retry()} emptyText='没有待审核的公告'>
        {queue.items.map((a) => (
          <View key={a.id} className='manage__item'>
            <ListRow title={a.title} subtitle={`${a.studioName} · ${a.safetyNote ? `${a.safetyNote} · ` : ''}${a.body.slice(0, 60)}`} arrow={false} />
            <View className='manage__row-actions'>
              <Button size='small' type='primary' onClick={() => void decide(a, true)}>
                通过并发布
              </Button>
              <Button size='small' fill='outline' onClick={() => void decide(a, false)}>
                退回
              </Button>
            </View>
          </View>
        ))}
      </StateView>
    </Section>
  )
}

export default function StudioManage() {
  const id = useRouter().params.id ?? ''
  const studio = useAction('studio.get', { id }, { enabled: !!id })
  const me = useMe()
  const update = useMutation('studio.update')
  const save = useMutation('studio.saveAnnouncement')
  const publish = useMutation('studio.publishAnnouncement')
  const mine = usePagedList('studio.manageAnnouncements', { studioId: id }, { enabled: !!id, reachBottom: true })
  const [profile, setProfile] = useState({ address: '', openingHours: '', contactName: '', contactPhone: '', intro: '' })
  const [draft, setDraft] = useState({ title: '', body: '' })
  const [notice, setNotice] = useState<string>()
  const s = studio.data

  useEffect(() => {
    if (s) setProfile({ address: s.address, openingHours: s.openingHours, contactName: s.contactName, contactPhone: s.contactPhone, intro: s.intro })
  }, [s])

  if (!id) {
    return (
      <PageShell back title='公告审核'>
        <ReviewQueue />
      </PageShell>
    )
  }
  const error = update.error ?? save.error ?? publish.error
  const saveProfile = async () => {
    try {
      const saved = await update.run({ id, ...profile })
      setNotice(saved.heldChanges && Object.keys(saved.heldChanges).length ? '资料已提交，部分内容待机关工作人员复核后公开' : '资料已保存')
      await studio.reload()
    } catch {
      /* shown below */
    }
  }
  const releaseHeld = async () => {
    try {
      await update.run({ id, releaseHeld: true })
      setNotice('待复核的资料已公开')
      await studio.reload()
    } catch {
      /* shown below */
    }
  }
  const writeAnnouncement = async () => {
    try {
      const a = await save.run({ studioId: id, ...draft })
      const p = await publish.run({ id: a.id })
      setDraft({ title: '', body: '' })
      setNotice(p.state === 'published' ? '公告已发布' : '公告已提交，等待机关审核')
      await mine.refresh()
    } catch {
      /* shown below */
    }
  }
  const profileField = (key: keyof typeof profile, label: string) => (
    <View className='manage__field'>
      <Text className='manage__label'>{label}</Text>
      <Input aria-label={label} value={profile[key]} onChange={(v: string) => setProfile((p) => ({ ...p, [key]: v }))} />
    </View>
  )

  return (
    <PageShell back title='工作室管理'>
      <StateView loading={studio.loading} error={studio.error} onRetry={() => void studio.reload()}>
        {s ? (
          <>
            <Banner tone='success' text={notice} />
            <Banner tone='error' text={error?.message} />
            <Section title={`${s.name}资料`}>
              <View className='manage__form'>
                {s.safetyNote ? (
                  <View className='manage__field'>
                    <Text className='manage__label'>{s.safetyNote}</Text>
                    {me.isStaff ? (
                      <Button size='small' type='primary' loading={update.pending} onClick={() => void releaseHeld()}>
                        复核通过，公开资料
                      </Button>
                    ) : null}
                  </View>
                ) : null}
                {profileField('address', '地址')}
                {profileField('openingHours', '开放时间')}
                {profileField('contactName', '联系人')}
                {profileField('contactPhone', '联系电话')}
                <Text className='manage__label'>简介</Text>
                <Textarea aria-label='简介' className='manage__textarea' value={profile.intro} maxlength={-1} onInput={(e) => setProfile((p) => ({ ...p, intro: clampCharacters(e.detail.value, 1000) }))} />
                <Button block type='primary' loading={update.pending} onClick={() => void saveProfile()}>
                  保存资料
                </Button>
              </View>
            </Section>
            <Section title={s.reviewAnnouncements ? '发布公告（需机关审核）' : '发布公告'}>
              <View className='manage__form'>
                <Text className='manage__label'>标题</Text>
                <Input aria-label='公告标题' value={draft.title} onChange={(v: string) => setDraft((d) => ({ ...d, title: v }))} />
                <Text className='manage__label'>正文</Text>
                <Textarea aria-label='公告正文' className='manage__textarea' value={draft.body} maxlength={-1} onInput={(e) => setDraft((d) => ({ ...d, body: clampCharacters(e.detail.value, 5000) }))} />
                <Button block type='primary' loading={save.pending || publish.pending} onClick={() => void writeAnnouncement()}>
                  {s.reviewAnnouncements ? '提交审核' : '发布'}
                </Button>
              </View>
            </Section>
            <Section title='本工作室公告'>
              <StateView loading={mine.loading} error={mine.error} empty={mine.empty} onRetry={() => void mine.retry()} emptyText='还没有公告'>
                {mine.items.map((a) => (
                  <ListRow
                    key={a.id}
                    title={
                      <View className='manage__title'>
                        <Text>{a.title}</Text>
                        <Badge tone={a.state === 'published' ? 'success' : 'muted'}>{announcementStateLabels[a.state]}</Badge>
                      </View>
                    }
                    subtitle={a.returnReason ? `退回理由：${a.returnReason}` : a.safetyNote ? `${a.safetyNote}（${showDayTime(a.updatedAt)}）` : showDayTime(a.updatedAt)}
                    arrow={false}
                  />
                ))}
              </StateView>
            </Section>
          </>
        ) : null}
      </StateView>
    </PageShell>
  )
}

/**
 * 我的: identity and roles (from user.me, decided by the server), member
 * binding, the registered name for people who are not bound members (staff
 * find them by it to grant a role: user.setName; no OPENID is shown), studio
 * tools for studio admins, staff tools only for staff; 我的消息 with its
 * unread badge (user.unreadCount, one count).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell, StateView, Section, ListRow, RoleTags, Button, Input, Badge } from '../../components'
import { useAction, useCareMode, useMe, useMutation, go } from '../../hooks'
import { CONSOLE_ROLES } from '../../core/actions/console'
import './index.scss'
import { CPPCC_NAME } from '../../core/county'
import { clampCharacters } from '../../core/text'

/** 登记姓名: the name the office will find this person by (not for bound members: they go by the roster). */
function NameForm(props: { current?: string; onSaved: () => void }) {
  const save = useMutation('user.setName')
  const [name, setName] = useState(props.current ?? '')
  const [editing, setEditing] = useState(!props.current)
  if (!editing) {
    const shown = save.data?.name ?? props.current
    return <ListRow title='登记的姓名' subtitle='政协办公室授予信息员等角色时按此姓名查找您' note={<Text onClick={() => setEditing(true)}>{`${shown ?? ''} · 修改`}</Text>} arrow={false} />
  }
  const submit = async () => {
    try {
      await save.run({ name })
      setEditing(false)
      void Taro.showToast({ title: '已登记', icon: 'success' }).catch(() => undefined)
      props.onSaved()
    } catch {
      /* shown below from save.error */
    }
  }
  return (
    <View className='mine__name-form'>
      <Text className='mine__sub'>登记您的姓名，政协办公室授予信息员、工作室管理员等角色时按姓名查找您</Text>
      <Input placeholder='您的姓名' value={name} onChange={(v: string) => setName(clampCharacters(v, 20))} />
      {save.error ? (
        <View role='alert'>
          <Text className='mine__error'>{save.error.message}</Text>
        </View>
      ) : null}
      <Button block type='primary' loading={save.pending} disabled={save.pending} onClick={() => void submit()}>
        登记姓名
      </Button>
    </View>
  )
}

/**
 * 长辈模式 switch (issue 12 item 6): remembered on this device; until the
 * person chooses, it follows WeChat's font size (hooks/useCareMode.ts).
 */
function CareModeSwitch() {
  const { care, choice, largeText, setCare } = useCareMode()
  const hint = choice === null && largeText ? '已按微信字体大小自动开启' : '字更大、按钮更大、颜色更深'
  return (
    <View className='mine__switch' role='switch' aria-checked={care} aria-label='长辈模式' onClick={() => setCare(!care)}>
      <View className='mine__switch-main'>
        <Text className='mine__switch-title'>长辈模式</Text>
        <Text className='mine__switch-hint'>{hint}</Text>
      </View>
      <View className={`mine__switch-knob${care ? ' mine__switch-knob--on' : ''}`}>
        <Text>{care ? '已开启' : '已关闭'}</Text>
      </View>
    </View>
  )
}

export default function Mine() {
  const me = useMe({ pullDownRefresh: true })
  const data = me.data
  // Studio names for a studio admin's list (the county has 12: one page).
  const studios = useAction('studio.list', { limit: 20 }, { enabled: Boolean(me.isStudioAdmin) })
  // The badge on 我的消息: one count; coming back from the list (where 已读 is a
  // `user` mutation) reloads it through the change bus, so no extra call on open.
  const unread = useAction('user.unreadCount', {}, { pullDownRefresh: true })
  const unreadCount = unread.data?.unread ?? 0
  const studioNames = new Map((studios.data?.items ?? []).map((s) => [s.id, s.name]))

  return (
    <PageShell>
      <View className='mine__card'>
        <StateView loading={me.loading} error={me.error} onRetry={() => void me.reload()} loadingText='正在识别身份…'>
          <Text className='mine__name'>{data?.member ? data.member.name : data?.displayName ?? '微信用户'}</Text>
          {data?.member ? <Text className='mine__sub'>{data.member.sector} · {CPPCC_NAME}委员</Text> : null}
          <RoleTags roles={me.roles} />
        </StateView>
      </View>

      {data ? (
        <>
          {!data.member ? (
            <Section title='我的姓名'>
              <NameForm current={data.displayName} onSaved={() => void me.reload()} />
            </Section>
          ) : null}
          <Section title='消息'>
            <ListRow
              title='我的消息'
              subtitle='活动、议题、社情民意和提案的每一条通知'
              note={unreadCount > 0 ? <Badge>{unreadCount > 99 ? '99+' : `${unreadCount} 条未读`}</Badge> : undefined}
              onClick={go('/member/messages/index')}
            />
          </Section>
          <Section title='委员服务'>
            {me.isMember ? (
              <ListRow title='委员身份' note={`已绑定：${data.member?.name ?? ''}`} arrow={false} />
            ) : (
              <ListRow title='绑定委员身份' subtitle='输入姓名和政协办公室发放的 6 位绑定码' onClick={go('/member/bind/index')} />
            )}
            <ListRow title='委员工作室' subtitle='全县委员工作室及开放时间' onClick={go('/studio/list/index')} />
            <ListRow title='我的活动' subtitle='报名的活动、参会凭证和签到' onClick={go('/member/activity-mine/index')} />
            <ListRow title='我的反映' subtitle='已提交社情民意的办理进度' onClick={go('/pages/opinion/mine/index')} />
            {me.isMember || me.isStaff ? <ListRow title='我的提案' subtitle='写提案、联名邀请、办理进度和满意度评价' onClick={go('/proposal/mine/index')} /> : null}
            {me.isMember ? <ListRow title='我的履职' subtitle='年度履职得分、每一项记录，公示期可提出异议' onClick={go('/ledger/mine/index')} /> : null}
            <ListRow title='提案公开' subtitle='已立案公开的提案及办理答复' onClick={go('/proposal/public/index')} />
          </Section>

          {me.isStudioAdmin ? (
            <Section title='工作室管理'>
              {data.studioIds.length === 0 ? (
                <ListRow title='尚未分配工作室' subtitle='请联系政协办公室' arrow={false} />
              ) : (
                data.studioIds.map((id) => (
                  <ListRow key={id} title={studioNames.get(id) ?? '我管理的工作室'} subtitle='查看和编辑工作室资料、公告和活动' onClick={go(`/studio/detail/index?id=${encodeURIComponent(id)}`)} />
                ))
              )}
            </Section>
          ) : null}

          {me.isStaff ? (
            <Section title='机关工作'>
              <ListRow title='委员名册' subtitle='查看委员、生成绑定码' onClick={go('/staff/members/index')} />
              <ListRow title='活动组织' subtitle='发布活动，查看报名、候补、请假和考勤' onClick={go('/pages/activity/list/index')} />
              <ListRow title='发布活动' subtitle='培训、视察、四送三联系等活动' onClick={go('/staff/activity-edit/index')} />
              <ListRow title='工作室公告审核' subtitle='需审核的工作室公告' onClick={go('/studio/manage/index')} />
              <ListRow title='授权管理' subtitle='授予或撤销信息员、工作室管理员等角色' onClick={go('/staff/grants/index')} />
              <ListRow title='社情民意审核' subtitle='受理、退回、合并、采用、不采用' onClick={go('/staff/opinion-review/index')} />
              <ListRow title='编辑《社情民意》专刊' subtitle='选取已采用信息，生成本期 Word 文件' onClick={go('/staff/bulletin-compile/index')} />
              <ListRow title='专刊与统计' subtitle='历期专刊下载、年度信息统计、信息类别' onClick={go('/staff/opinion-stats/index')} />
              <ListRow title='议题评论审核' subtitle='待审核和被举报的协商议题评论' onClick={go('/staff/topic-moderation/index')} />
              <ListRow title='提案审查' subtitle='立案、退回、不予立案、并案、交办、重点提案' onClick={go('/proposal/review/index')} />
              <ListRow title='超期提案' subtitle='超过办理期限未答复的提案，催办' onClick={go('/proposal/overdue/index')} />
              <ListRow title='履职异议与申报' subtitle='答复委员对履职档案的异议，审核线下履职申报' onClick={go('/ledger/review/index')} />
            </Section>
          ) : null}

          {me.isStaff || me.roles.includes('leader') ? (
            <Section title='年度工作'>
              <ListRow title='年度工作数据' subtitle='工作报告所需各项数据、与上年对比、导出 Excel 和 Word' onClick={go('/year/index/index')} />
            </Section>
          ) : null}

          {me.roles.some((r) => CONSOLE_ROLES.includes(r)) ? (
            <Section title='电脑端'>
              <ListRow title='已登录的电脑' subtitle='查看在电脑上登录的办公平台，可随时退出' onClick={go('/desk/sessions/index')} />
            </Section>
          ) : null}

          {me.roles.includes('department') || me.isStaff ? (
            <Section title='承办单位'>
              <ListRow title='协商建议办理' subtitle='答复交给本单位的协商建议' onClick={go('/department/tasks/index')} />
              {me.roles.includes('department') ? <ListRow title='提案办理' subtitle='签收、申退、答复交给本单位的提案' onClick={go('/proposal/tasks/index')} /> : null}
            </Section>
          ) : null}
        </>
      ) : null}

      <Section title='设置与说明'>
        <CareModeSwitch />
        <ListRow title='隐私保护指引' subtitle='我们收集哪些信息、为什么收集' onClick={go('/pages/privacy/index')} />
      </Section>
    </PageShell>
  )
}

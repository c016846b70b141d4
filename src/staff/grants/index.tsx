/**
 * 授权管理 (staff): every role grant by person name (user.listGrants); grant
 * a role to a person found by name (user.searchPeople → user.grantRole,
 * studios and departments chosen by name from topic.options); revoke one
 * (user.revokeRole). People are shown by name and role, never by OPENID
 * (issue 13 item 2). The server writes each change to the audit log and
 * refuses to revoke the last staff grant (ROLE.LAST_STAFF).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PersonView } from '../../core/actions/user'
import { roleLabels } from '../../core/roles'
import { showDayTime } from '../../core/dates'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Button, Input } from '../../components'
import { useAction, useMutation, usePagedList } from '../../hooks'
import './index.scss'
import { clampCharacters } from '../../core/text'

type GrantableRole = 'informant' | 'studio_admin' | 'staff' | 'department'
const GRANTABLE: GrantableRole[] = ['informant', 'studio_admin', 'department', 'staff']

/** Chips to pick one or more of `options` by name. */
function Choices(props: { options: { id: string; name: string }[]; selected: string[]; onChange: (ids: string[]) => void; label: string }) {
  return (
    <View className='grants__roles' role='group' aria-label={props.label}>
      {props.options.map((o) => {
        const on = props.selected.includes(o.id)
        return (
          <View
            key={o.id}
            role='checkbox'
            aria-checked={on}
            className={`grants__role${on ? ' grants__role--active' : ''}`}
            onClick={() => props.onChange(on ? props.selected.filter((id) => id !== o.id) : [...props.selected, o.id])}
          >
            <Text>{o.name}</Text>
          </View>
        )
      })}
    </View>
  )
}

export default function Grants() {
  const list = usePagedList('user.listGrants', {}, { pullDownRefresh: true, reachBottom: true })
  const options = useAction('topic.options', {})
  const search = useMutation('user.searchPeople')
  const grant = useMutation('user.grantRole')
  const revoke = useMutation('user.revokeRole')
  const [keyword, setKeyword] = useState('')
  const [person, setPerson] = useState<PersonView | undefined>()
  const [role, setRole] = useState<GrantableRole>('informant')
  const [scope, setScope] = useState<string[]>([])

  const find = async () => {
    setPerson(undefined)
    await search.run({ keyword }).catch(() => undefined)
  }

  const submit = async () => {
    if (!person) return
    try {
      await grant.run({
        personKey: person.key,
        role,
        ...(role === 'studio_admin' ? { studioIds: scope } : {}),
        ...(role === 'department' ? { departmentIds: scope } : {})
      })
      setPerson(undefined)
      setScope([])
      search.reset()
      void Taro.showToast({ title: '已授权', icon: 'success' }).catch(() => undefined)
      await list.refresh()
    } catch {
      /* shown inline from grant.error */
    }
  }

  const confirmRevoke = async (target: { key: string; name: string }, r: GrantableRole) => {
    const answer = await Taro.showModal({ title: '撤销授权', content: `撤销 ${target.name} 的“${roleLabels[r]}”角色？`, confirmText: '撤销' })
    if (!answer.confirm) return
    try {
      await revoke.run({ personKey: target.key, role: r })
      void Taro.showToast({ title: '已撤销', icon: 'success' }).catch(() => undefined)
      await list.refresh()
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' }).catch(() => undefined)
    }
  }

  const found = search.data?.items
  return (
    <PageShell back title='授权管理'>
      <Section title='授予角色'>
        <View className='grants__form'>
          <Text className='grants__label'>按姓名查找人员（已绑定的委员，或在“我的”页面登记过姓名的用户）</Text>
          <Input placeholder='输入姓名' value={keyword} onChange={(v: string) => setKeyword(clampCharacters(v, 20))} />
          <Button block className='grants__submit' loading={search.pending} disabled={search.pending} onClick={() => void find()}>
            查找
          </Button>
          {search.error ? (
            <View className='grants__error' role='alert'>
              <Text>{search.error.message}</Text>
            </View>
          ) : null}
          {found && found.length === 0 ? <Text className='grants__label'>没有找到这个姓名的人员；请对方先在“我的”页面登记姓名</Text> : null}
          {found && found.length > 0 ? (
            <View className='grants__roles' role='radiogroup' aria-label='查找结果'>
              {found.map((p) => (
                <View key={p.key} role='radio' aria-checked={person?.key === p.key} className={`grants__role${person?.key === p.key ? ' grants__role--active' : ''}`} onClick={() => setPerson(p)}>
                  <Text>
                    {p.name}
                    {p.member ? `（委员 · ${p.member.sector}）` : ''}
                    {p.roles.filter((r) => r !== 'public' && r !== 'member').length ? ` · ${p.roles.filter((r) => r !== 'public' && r !== 'member').map((r) => roleLabels[r]).join('、')}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          {person ? (
            <>
              <Text className='grants__label'>授予 {person.name} 的角色</Text>
              <View className='grants__roles' role='radiogroup' aria-label='角色'>
                {GRANTABLE.map((r) => (
                  <View
                    key={r}
                    role='radio'
                    aria-checked={r === role}
                    className={`grants__role${r === role ? ' grants__role--active' : ''}`}
                    onClick={() => {
                      setRole(r)
                      setScope([])
                    }}
                  >
                    <Text>{roleLabels[r]}</Text>
                  </View>
                ))}
              </View>
              {role === 'studio_admin' ? (
                <>
                  <Text className='grants__label'>管理的工作室</Text>
                  <Choices label='管理的工作室' options={options.data?.studios ?? []} selected={scope} onChange={setScope} />
                </>
              ) : null}
              {role === 'department' ? (
                <>
                  <Text className='grants__label'>承办单位</Text>
                  <Choices label='承办单位' options={options.data?.departments ?? []} selected={scope} onChange={setScope} />
                </>
              ) : null}
              {grant.error ? (
                <View className='grants__error' role='alert'>
                  <Text>{grant.error.message}</Text>
                </View>
              ) : null}
              <Button block type='primary' className='grants__submit' loading={grant.pending} disabled={grant.pending} onClick={() => void submit()}>
                授权
              </Button>
            </>
          ) : null}
        </View>
      </Section>

      <Section title='已授予的角色'>
        <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='还没有授予任何角色'>
          {list.items.map((g) => (
            <ListRow
              key={`${g.person.key}-${g.role}`}
              title={`${g.person.name} · ${roleLabels[g.role]}`}
              subtitle={`${g.studioIds.length ? `工作室 ${(g.studioNames ?? []).join('、')} · ` : ''}${g.departmentIds.length ? `单位 ${(g.departmentNames ?? []).join('、')} · ` : ''}${showDayTime(g.grantedAt)} ${g.grantedByName === '系统初始化' ? '系统初始化' : `由 ${g.grantedByName} 授予`}`}
              note={
                g.role !== 'public' && g.role !== 'member' ? (
                  <View className='grants__revoke' role='button' onClick={() => void confirmRevoke(g.person, g.role as GrantableRole)}>
                    <Text>撤销</Text>
                  </View>
                ) : undefined
              }
              arrow={false}
            />
          ))}
          <LoadMoreFooter hasMore={list.hasMore} loadingMore={list.loadingMore} error={list.loadMoreError} onLoadMore={() => void list.loadMore()} count={list.items.length} />
        </StateView>
      </Section>
    </PageShell>
  )
}

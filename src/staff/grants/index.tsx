/**
 * 授权管理 (staff): every role grant (user.listGrants), grant a role with a
 * studio or department scope (user.grantRole), revoke one (user.revokeRole).
 * The server writes each change to the audit log and refuses to revoke the
 * last staff grant (ROLE.LAST_STAFF).
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { roleLabels } from '../../core/roles'
import { formatBeijing } from '../../core/time'
import { PageShell, StateView, Section, ListRow, LoadMoreFooter, Button, Input } from '../../components'
import { useMutation, usePagedList } from '../../hooks'
import './index.scss'

type GrantableRole = 'informant' | 'studio_admin' | 'staff' | 'department'
const GRANTABLE: GrantableRole[] = ['informant', 'studio_admin', 'department', 'staff']

/** "a, b，c" -> ['a','b','c'] (Chinese or ASCII commas, blanks dropped). */
function splitIds(text: string): string[] {
  return text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export default function Grants() {
  const list = usePagedList('user.listGrants', {}, { pullDownRefresh: true, reachBottom: true })
  const grant = useMutation('user.grantRole')
  const revoke = useMutation('user.revokeRole')
  const [openid, setOpenid] = useState('')
  const [role, setRole] = useState<GrantableRole>('informant')
  const [scope, setScope] = useState('')

  const submit = async () => {
    const ids = splitIds(scope)
    try {
      await grant.run({
        openid: openid.trim(),
        role,
        ...(role === 'studio_admin' ? { studioIds: ids } : {}),
        ...(role === 'department' ? { departmentIds: ids } : {})
      })
      setOpenid('')
      setScope('')
      void Taro.showToast({ title: '已授权', icon: 'success' }).catch(() => undefined)
      await list.refresh()
    } catch {
      /* shown inline from grant.error */
    }
  }

  const confirmRevoke = async (target: string, r: GrantableRole) => {
    const answer = await Taro.showModal({ title: '撤销授权', content: `撤销 ${target} 的“${roleLabels[r]}”角色？`, confirmText: '撤销' })
    if (!answer.confirm) return
    try {
      await revoke.run({ openid: target, role: r })
      void Taro.showToast({ title: '已撤销', icon: 'success' }).catch(() => undefined)
      await list.refresh()
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' }).catch(() => undefined)
    }
  }

  return (
    <PageShell back title='授权管理'>
      <Section title='授予角色'>
        <View className='grants__form'>
          <Text className='grants__label'>用户编号（用户在“我的”页面可看到并复制）</Text>
          <Input placeholder='如 oAbc…' value={openid} maxLength={64} onChange={(v: string) => setOpenid(v)} />
          <Text className='grants__label'>角色</Text>
          <View className='grants__roles' role='radiogroup'>
            {GRANTABLE.map((r) => (
              <View key={r} role='radio' aria-checked={r === role} className={`grants__role${r === role ? ' grants__role--active' : ''}`} onClick={() => setRole(r)}>
                <Text>{roleLabels[r]}</Text>
              </View>
            ))}
          </View>
          {role === 'studio_admin' || role === 'department' ? (
            <>
              <Text className='grants__label'>{role === 'studio_admin' ? '管理的工作室编号（多个用逗号分隔）' : '承办单位编号（多个用逗号分隔）'}</Text>
              <Input placeholder='编号' value={scope} maxLength={500} onChange={(v: string) => setScope(v)} />
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
        </View>
      </Section>

      <Section title='已授予的角色'>
        <StateView loading={list.loading} error={list.error} empty={list.empty} onRetry={() => void list.retry()} emptyText='还没有授予任何角色'>
          {list.items.map((g) => (
            <ListRow
              key={`${g.openid}-${g.role}`}
              title={`${roleLabels[g.role]} · ${g.openid}`}
              subtitle={`${g.studioIds.length ? `工作室 ${(g.studioNames ?? g.studioIds).join('、')} · ` : ''}${g.departmentIds.length ? `单位 ${(g.departmentNames ?? g.departmentIds).join('、')} · ` : ''}${formatBeijing(g.grantedAt)} ${g.grantedBy === 'deploy' ? '系统初始化' : `由 ${g.grantedBy.slice(-6)} 授予`}`}
              note={
                g.role !== 'public' && g.role !== 'member' ? (
                  <View className='grants__revoke' role='button' onClick={() => void confirmRevoke(g.openid, g.role as GrantableRole)}>
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

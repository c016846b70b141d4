/**
 * The desk after signing in: a menu of the screens the person's roles allow
 * (each screen also checked on the server), the person's name and 退出登录.
 * Screens load lazily; the current one is kept in the URL hash so the
 * browser's back button works.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import Button from 'antd/es/button'
import Layout from 'antd/es/layout'
import Menu from 'antd/es/menu'
import Spin from 'antd/es/spin'
import Typography from 'antd/es/typography'
import type { ConsoleUser } from '../../src/core/actions/console'
import { roleLabels } from '../../src/core/roles'
import { call } from '../../src/services'
import { session } from './session'

const screens = [
  { key: 'opinions', label: '社情民意审核', roles: ['staff'], load: lazy(() => import('./screens/OpinionReview')) },
  { key: 'bulletins', label: '社情民意专刊', roles: ['staff'], load: lazy(() => import('./screens/Bulletins')) },
  { key: 'proposals', label: '提案', roles: ['staff'], load: lazy(() => import('./screens/Proposals')) },
  // studio admins: their studios' activities only (the screen scopes itself; the server checks each action)
  { key: 'activities', label: '活动', roles: ['staff', 'studio_admin'], load: lazy(() => import('./screens/Activities')) },
  { key: 'topics', label: '协商议题', roles: ['staff'], load: lazy(() => import('./screens/Topics')) },
  { key: 'studios', label: '委员工作室', roles: ['staff'], load: lazy(() => import('./screens/Studios')) },
  { key: 'members', label: '委员名册', roles: ['staff'], load: lazy(() => import('./screens/Members')) },
  { key: 'roles', label: '角色授权', roles: ['staff'], load: lazy(() => import('./screens/RoleGrants')) },
  { key: 'audit', label: '操作日志', roles: ['staff'], load: lazy(() => import('./screens/AuditLog')) },
  { key: 'roster-import', label: '名册导入', roles: ['staff'], load: lazy(() => import('./screens/RosterImport')) },
  { key: 'year', label: '年度数据', roles: ['staff', 'leader'], load: lazy(() => import('./screens/Year')) },
  { key: 'ledger', label: '履职档案', roles: ['staff'], load: lazy(() => import('./screens/Ledger')) }
] as const

/** “林晓梅（机关工作人员）”, or just the role when the person has no roster name. */
function whoLabel(user: ConsoleUser): string {
  const labels = user.roles.filter((r) => r !== 'public' && r !== 'member').map((r) => roleLabels[r])
  return labels.includes(user.name) || !user.name ? labels.join('、') : `${user.name}（${labels.join('、')}）`
}

function hashKey(): string {
  return decodeURIComponent(window.location.hash.replace(/^#\/?/, ''))
}

export default function Desk({ user }: { user: ConsoleUser }) {
  const allowed = useMemo(() => screens.filter((s) => s.roles.some((r) => user.roles.includes(r as never))), [user])
  const [key, setKey] = useState(hashKey() || allowed[0]?.key || '')
  useEffect(() => {
    const onHash = () => setKey(hashKey() || allowed[0]?.key || '')
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [allowed])
  const screen = allowed.find((s) => s.key === key) ?? allowed[0]
  const Screen = screen?.load

  const signOut = async () => {
    try {
      await call('console.signOut', {})
    } finally {
      session.end()
    }
  }

  return (
    <Layout style={{ minHeight: '100vh', minWidth: 1024 }}>
      <Layout.Sider width={200} theme='light' style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '20px 16px', fontWeight: 600, fontSize: 16, color: '#b8202a' }}>县政协办公平台</div>
        <Menu mode='inline' selectedKeys={screen ? [screen.key] : []} items={allowed.map((s) => ({ key: s.key, label: s.label }))} onClick={(e) => (window.location.hash = `#/${e.key}`)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, borderBottom: '1px solid #eee' }}>
          <Typography.Text>{whoLabel(user)}</Typography.Text>
          <Button onClick={() => void signOut()}>退出登录</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {Screen ? (
            <Suspense fallback={<Spin tip='正在加载…'><div style={{ height: 200 }} /></Spin>}>
              <Screen />
            </Suspense>
          ) : (
            <Typography.Paragraph>您的角色在电脑端暂时没有可办理的工作，请使用小程序。</Typography.Paragraph>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}

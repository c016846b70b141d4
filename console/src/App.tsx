/**
 * The console: the sign-in page until a session exists, then the desk
 * (lazy, so the sign-in page never loads the table screens).
 */
import { lazy, Suspense, useEffect, useState } from 'react'
import Spin from 'antd/es/spin'
import { session, type StoredSession } from './session'
import { SignIn } from './SignIn'

const Desk = lazy(() => import('./Desk'))

const REASONS: Record<string, string> = {
  'AUTH.SESSION_EXPIRED': '登录已过期，请重新扫码登录',
  'AUTH.SESSION_REVOKED': '您已退出登录或权限已变更，请重新扫码登录',
  'AUTH.SESSION_REQUIRED': '请扫码登录'
}

export function App() {
  const [current, setCurrent] = useState<StoredSession | undefined>(session.current())
  const [notice, setNotice] = useState<string | undefined>()
  useEffect(
    () =>
      session.subscribe((s, reason) => {
        setCurrent(s)
        setNotice(reason ? REASONS[reason] : undefined)
      }),
    []
  )
  if (!current) return <SignIn notice={notice} />
  return (
    <Suspense fallback={<Spin fullscreen tip='正在打开办公平台…' />}>
      <Desk user={current.user} />
    </Suspense>
  )
}

/**
 * 扫码登录 (issue 14 item 1): shows the mini-program code of a fresh login
 * ticket, polls every 2 s, renews the code when it expires (2 minutes), and
 * signs in once the person confirmed on their phone.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Alert from 'antd/es/alert'
import Button from 'antd/es/button'
import Card from 'antd/es/card'
import Result from 'antd/es/result'
import Spin from 'antd/es/spin'
import Typography from 'antd/es/typography'
import { call } from '../../src/services'
import type { LoginTicketOutput } from '../../src/core/actions/console'
import { session } from './session'

const POLL_MS = 2000

/** Where this machine's H5 mini-program is, when `npm start` serves the console (never in production). */
function localMiniProgram(): string | undefined {
  return (window as { __CLOUD_CONFIG__?: { h5Url?: string } }).__CLOUD_CONFIG__?.h5Url
}

type View = { kind: 'loading' } | { kind: 'code'; ticket: LoginTicketOutput } | { kind: 'declined' } | { kind: 'error'; message: string }

export function SignIn({ notice }: { notice?: string }) {
  const [view, setView] = useState<View>({ kind: 'loading' })
  const timer = useRef<ReturnType<typeof setTimeout>>()

  const fresh = useCallback(async () => {
    clearTimeout(timer.current)
    setView({ kind: 'loading' })
    try {
      setView({ kind: 'code', ticket: await call('console.createTicket', {}) })
    } catch (e) {
      setView({ kind: 'error', message: (e as Error).message || '登录码获取失败' })
    }
  }, [])

  useEffect(() => {
    void fresh()
    return () => clearTimeout(timer.current)
  }, [fresh])

  useEffect(() => {
    if (view.kind !== 'code') return
    const { ticket, pollSecret, expiresAt } = view.ticket
    let stopped = false
    const poll = async () => {
      if (stopped) return
      try {
        const out = await call('console.pollTicket', { ticket, pollSecret })
        if (out.session) return session.start(out.session)
        if (out.state === 'declined') return setView({ kind: 'declined' })
        if (out.state === 'expired' || out.state === 'used' || Date.now() >= new Date(expiresAt).getTime()) return void fresh()
      } catch {
        // A failed poll is tried again on the next tick.
      }
      timer.current = setTimeout(() => void poll(), POLL_MS)
    }
    timer.current = setTimeout(() => void poll(), POLL_MS)
    return () => {
      stopped = true
      clearTimeout(timer.current)
    }
  }, [view, fresh])

  return (
    <div className='signin' style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }} title='县政协办公平台'>
        {notice ? <Alert type='warning' showIcon message={notice} style={{ marginBottom: 16 }} /> : null}
        {view.kind === 'loading' ? (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin tip='正在获取登录码…'>
              <div style={{ height: 40 }} />
            </Spin>
          </div>
        ) : view.kind === 'code' ? (
          <div style={{ textAlign: 'center' }}>
            <img src={view.ticket.image} alt='登录码' width={220} height={220} />
            <Typography.Paragraph style={{ marginTop: 16, fontSize: 16 }}>请用微信扫码，在小程序中确认登录</Typography.Paragraph>
            <Typography.Paragraph type='secondary'>登录码 2 分钟内有效，过期后自动更新。只有政协办公室、领导、工作室管理员和承办单位可以登录。</Typography.Paragraph>
            {localMiniProgram() ? (
              <Typography.Paragraph>
                <a href={`${localMiniProgram()}/#/desk/login/index?scene=${encodeURIComponent(view.ticket.ticket)}`} target='_blank' rel='noreferrer'>
                  本机演示：在小程序（H5）中打开确认页
                </a>
              </Typography.Paragraph>
            ) : null}
          </div>
        ) : view.kind === 'declined' ? (
          <Result status='warning' title='已在手机上取消登录' extra={<Button type='primary' onClick={() => void fresh()}>重新获取登录码</Button>} />
        ) : (
          <Result status='error' title='登录码获取失败' subTitle={view.message} extra={<Button type='primary' onClick={() => void fresh()}>重试</Button>} />
        )}
      </Card>
    </div>
  )
}

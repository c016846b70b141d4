/**
 * Wraps every page: applies care mode (class `app-care`, see
 * hooks/useCareMode.ts and app.scss) and the text scale from the WeChat font
 * setting, shows the privacy agreement prompt when WeChat asks for it,
 * draws the H5 back bar on non-tab pages (the mini-program has its native
 * one), and in development H5 builds only, the persona switcher.
 */
import type { CSSProperties, ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCareMode } from '../hooks/useCareMode'
import { navigate } from '../hooks/navigate'
import { PrivacyPrompt } from './PrivacyPrompt'
import './PageShell.scss'

// Compiled away unless this is a development H5 build (the condition is two
// build-time literals), so production bundles carry no persona data.
const PersonaSwitcher: (() => JSX.Element) | null =
  process.env.TARO_ENV === 'h5' && process.env.NODE_ENV === 'development'
    ? // eslint-disable-next-line @typescript-eslint/no-var-requires
      (require('../dev/PersonaSwitcher') as typeof import('../dev/PersonaSwitcher')).PersonaSwitcher
    : null

/** Goes back one page, or to 首页 when this page was opened directly (H5 deep link). */
export function goBack(): void {
  const pages = Taro.getCurrentPages?.() ?? []
  if (pages.length > 1) void Taro.navigateBack()
  else void navigate('/pages/index/index')
}

export interface PageShellProps {
  /** Non-tab pages: show a back control in H5 (WeChat shows its own). */
  back?: boolean
  /** Page title for the H5 back bar. */
  title?: string
  children?: ReactNode
}

export function PageShell({ back = false, title, children }: PageShellProps) {
  const { care, scale } = useCareMode()
  return (
    <View className={`page-shell${care ? ' app-care' : ''}`} style={{ '--app-font-scale': String(scale) } as CSSProperties}>
      {PersonaSwitcher ? <PersonaSwitcher /> : null}
      {process.env.TARO_ENV === 'h5' && back ? (
        <View className='page-shell__bar'>
          <View className='page-shell__back' onClick={goBack} aria-label='返回' role='button'>
            <Text>‹ 返回</Text>
          </View>
          {title ? <Text className='page-shell__title'>{title}</Text> : null}
        </View>
      ) : null}
      <View className='page-shell__body'>{children}</View>
      <PrivacyPrompt />
    </View>
  )
}

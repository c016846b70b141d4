/**
 * Development H5 builds only: a strip at the top of every page to act as one
 * of the demo personas (in the page's flow, so it covers no content). Choosing one stores it (localStorage, see persona-store.ts) and
 * reloads the app, so every screen refetches and the local cloud puts that
 * OPENID into the WX context. PageShell requires this file only when
 * `process.env.NODE_ENV === 'development'` and TARO_ENV is h5.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { personas } from './personas'
import { choosePersona, currentPersona } from './persona-store'
import './PersonaSwitcher.scss'

export function PersonaSwitcher() {
  const [open, setOpen] = useState(false)
  const current = currentPersona()
  return (
    <View className='persona-switcher' data-testid='persona-switcher'>
      <View className='persona-switcher__toggle' role='button' aria-expanded={open} onClick={() => setOpen(!open)}>
        <Text>身份：{current.label}</Text>
        <Text className='persona-switcher__hint'>{open ? '收起 ▴' : '切换演示身份 ▾'}</Text>
      </View>
      {open ? (
        <View className='persona-switcher__panel' role='menu' aria-label='切换演示身份'>
          <Text className='persona-switcher__heading'>切换演示身份（仅开发版）</Text>
          {personas.map((p) => (
            <View
              key={p.key}
              role='menuitem'
              className={`persona-switcher__item${p.key === current.key ? ' persona-switcher__item--current' : ''}`}
              onClick={() => {
                choosePersona(p.key)
                setOpen(false)
                window.location.reload()
              }}
            >
              <Text className='persona-switcher__label'>{p.label}</Text>
              <Text className='persona-switcher__desc'>{p.description}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

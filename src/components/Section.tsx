import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './Section.scss'

/** A titled card on a page, with an optional link on the right (≥ 44 px tap target). */
export function Section(props: { title: string; extra?: string; onExtra?: () => void; className?: string; children?: ReactNode }) {
  return (
    <View className={props.className ? `section ${props.className}` : 'section'}>
      <View className='section__head'>
        <Text className='section__title'>{props.title}</Text>
        {props.extra ? (
          <View className='section__extra' role='link' onClick={props.onExtra}>
            <Text>{props.extra}</Text>
          </View>
        ) : null}
      </View>
      <View className='section__body'>{props.children}</View>
    </View>
  )
}

/** A tappable row: title, optional subtitle and right-hand note. */
export function ListRow(props: { title: ReactNode; subtitle?: ReactNode; note?: ReactNode; onClick?: () => void; arrow?: boolean }) {
  return (
    <View className={`list-row${props.onClick ? ' list-row--link' : ''}`} onClick={props.onClick} role={props.onClick ? 'link' : undefined}>
      <View className='list-row__main'>
        <View className='list-row__title'>{props.title}</View>
        {props.subtitle ? <View className='list-row__subtitle'>{props.subtitle}</View> : null}
      </View>
      {props.note ? <View className='list-row__note'>{props.note}</View> : null}
      {props.arrow ?? !!props.onClick ? <Text className='list-row__arrow'>›</Text> : null}
    </View>
  )
}

import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import './Badge.scss'

/** A small label (state, role, binding status). `tone`: primary (政协红), muted (grey), success (green). */
export function Badge({ tone = 'primary', children }: { tone?: 'primary' | 'muted' | 'success'; children?: ReactNode }) {
  return <Text className={`badge badge--${tone}`}>{children}</Text>
}

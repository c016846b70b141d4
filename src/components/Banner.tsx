/**
 * The outcome of an action, shown above the page content: `success` (a
 * status, e.g. "已发布") or `error` (an alert with the server's Chinese
 * message). Renders nothing without text.
 */
import { View, Text } from '@tarojs/components'
import './Banner.scss'

export function Banner({ tone, text }: { tone: 'success' | 'error'; text?: string | null }) {
  if (!text) return null
  return (
    <View className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Text>{text}</Text>
    </View>
  )
}

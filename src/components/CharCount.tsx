/**
 * The counter under an input with a limit (issue 12 item 4): `12/200`,
 * counting characters as a person sees them and as the server counts them
 * (`typedCharacters` in src/core/text.ts). Pair it with `clampCharacters` in
 * the input's change handler so the text never exceeds `max` nor loses half
 * a character.
 */
import { Text } from '@tarojs/components'
import { typedCharacters } from '../core/text'
import './CharCount.scss'

export function CharCount(props: { value: string; max: number; multiline?: boolean }) {
  const n = typedCharacters(props.value, { multiline: props.multiline })
  return (
    <Text className={`char-count${n >= props.max ? ' char-count--full' : ''}`} aria-label={`已输入 ${n} 个字，最多 ${props.max} 个字`}>
      {n}/{props.max}
    </Text>
  )
}

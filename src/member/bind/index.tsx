/**
 * 绑定委员身份: the member enters their name and the 6-digit code the office
 * issued (user.bindMember). Validation is the contract's zod schema, shown
 * inline; server errors (wrong code, expired, locked, already bound) show
 * their Chinese message.
 */
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell, Button, Input } from '../../components'
import { useMutation, navigate } from '../../hooks'
import './index.scss'
import { clampCharacters } from '../../core/text'

export default function BindMember() {
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const bind = useMutation('user.bindMember')

  const submit = async () => {
    try {
      await bind.run({ name, code })
      void Taro.showToast({ title: '绑定成功', icon: 'success' }).catch(() => undefined)
    } catch {
      /* shown inline from bind.error */
    }
  }

  if (bind.data) {
    return (
      <PageShell back title='绑定委员身份'>
        <View className='bind__done' role='status'>
          <Text className='bind__done-title'>绑定成功</Text>
          <Text className='bind__done-text'>{bind.data.name}委员，您的微信已与委员名册绑定。</Text>
          <Button block type='primary' className='bind__submit' onClick={() => void navigate('/pages/mine/index')}>
            返回我的
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell back title='绑定委员身份'>
      <View className='bind__form'>
        <Text className='bind__intro'>请输入您在委员名册中的姓名，以及政协办公室发给您的 6 位绑定码（7 天内有效，连续输错 5 次将锁定）。</Text>
        <View className='bind__field'>
          <Text className='bind__label'>姓名</Text>
          <Input placeholder='请输入姓名' value={name} onChange={(v: string) => setName(clampCharacters(v, 20))} />
        </View>
        <View className='bind__field'>
          <Text className='bind__label'>绑定码</Text>
          <Input placeholder='6 位数字' type='number' value={code} maxLength={6} onChange={(v: string) => setCode(v)} />
        </View>
        {bind.error ? (
          <View className='bind__error' role='alert'>
            <Text>{bind.error.message}</Text>
          </View>
        ) : null}
        <Button block type='primary' className='bind__submit' loading={bind.pending} disabled={bind.pending} onClick={() => void submit()}>
          绑定
        </Button>
      </View>
    </PageShell>
  )
}

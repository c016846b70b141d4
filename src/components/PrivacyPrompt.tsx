/**
 * The privacy agreement popup (隐私保护指引, issue 12 item 7): shown when
 * WeChat asks (services/privacy.ts), before the first photo pick, scan,
 * album save or subscription request. 同意 must be WeChat's
 * agreePrivacyAuthorization button; 查看《隐私保护指引》 opens our page
 * that explains what is collected and why.
 */
import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PRIVACY_AGREE_BUTTON_ID, agreePrivacy, declinePrivacy, onPrivacyPrompt, privacyPromptOpen, privacyPromptShown } from '../services/privacy'
import './PrivacyPrompt.scss'

export function PrivacyPrompt() {
  const [open, setOpen] = useState(privacyPromptOpen)
  useEffect(() => onPrivacyPrompt(setOpen), [])
  useEffect(() => {
    if (open) privacyPromptShown()
  }, [open])
  if (!open) return null
  return (
    <View className='privacy-prompt' role='dialog' aria-modal='true' aria-label='隐私保护提示'>
      <View className='privacy-prompt__panel'>
        <Text className='privacy-prompt__title'>隐私保护提示</Text>
        <Text className='privacy-prompt__text'>
          在您选择照片、扫码签到、保存海报或接收办理进度提醒之前，请阅读并同意我们的隐私保护指引。我们只为办理您提交的事项使用这些信息。
        </Text>
        <View className='privacy-prompt__link' role='link' onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
          <Text>查看《隐私保护指引》</Text>
        </View>
        <View className='privacy-prompt__actions'>
          <Button className='privacy-prompt__no' onClick={declinePrivacy}>
            不同意
          </Button>
          <Button className='privacy-prompt__yes' id={PRIVACY_AGREE_BUTTON_ID} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agreePrivacy}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}

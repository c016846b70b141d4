/**
 * 反映 (社情民意): submission arrives in the next release. Until then this tab
 * says so plainly (a labelled empty state), tells people what they will be
 * able to do, and points to what works today.
 */
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell, Section, ListRow } from '../../components'
import './index.scss'

export default function Opinion() {
  return (
    <PageShell>
      <View className='opinion__notice' role='status'>
        <Text className='opinion__badge'>下一版本开放</Text>
        <Text className='opinion__title'>社情民意信息报送即将上线</Text>
        <Text className='opinion__text'>
          届时您可以在这里反映身边的问题和建议：填写标题、类别和内容，可附最多 9 张图片，可选择匿名提交。提交后可随时查看办理进度：已收到、审核中、采用、编入《社情民意》专刊、报送市省政协。
        </Text>
      </View>
      <Section title='现在可以'>
        <ListRow title='参与协商议题' subtitle='查看“辽事好商量”议题和办理进展' onClick={() => void Taro.switchTab({ url: '/pages/consult/index' })} />
        <ListRow title='到委员工作室反映' subtitle='各乡镇委员工作室开放时间和地址' onClick={() => void Taro.navigateTo({ url: '/studio/list/index' })} />
      </Section>
    </PageShell>
  )
}

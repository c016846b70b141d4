/**
 * 隐私保护指引: what the app collects and why, linked from the privacy
 * popup and from 我的 (issue 12 item 7). Static text (content.ts); 查看微信
 * 隐私保护指引 opens WeChat's own view of the filed guide where available.
 */
import { View, Text } from '@tarojs/components'
import { PageShell, Section, ListRow } from '../../components'
import { openPrivacyContract } from '../../services/privacy'
import { privacyItems, privacyPromises } from './content'
import './index.scss'

export default function PrivacyGuide() {
  const hasContract = process.env.TARO_ENV === 'weapp'
  return (
    <PageShell back title='隐私保护指引'>
      <View className='privacy__intro'>
        <Text>本小程序由县政协办公室提供，用于委员履职、协商议事和群众反映社情民意。以下说明我们收集哪些信息、为什么收集。</Text>
      </View>
      <Section title='我们收集的信息'>
        {privacyItems.map((item) => (
          <ListRow key={item.what} title={item.what} subtitle={item.why} arrow={false} />
        ))}
      </Section>
      <Section title='我们的承诺'>
        {privacyPromises.map((p) => (
          <Text key={p} className='privacy__promise'>
            {p}
          </Text>
        ))}
      </Section>
      {hasContract ? (
        <Section title='微信隐私保护指引'>
          <ListRow title='查看在微信登记的隐私保护指引' onClick={() => void openPrivacyContract()} />
        </Section>
      ) : null}
    </PageShell>
  )
}

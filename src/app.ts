import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { installPrivacyListener } from './services/privacy'
import './app.scss'

// A link to a page that no longer exists (old share, typo) lands on the home tab.
Taro.onPageNotFound?.(() => {
  void Taro.switchTab({ url: '/pages/index/index' })
})

// WeChat's privacy agreement: the popup in PageShell answers WeChat's request.
installPrivacyListener()

/** The app shell: pages render as children; page chrome lives in components/PageShell. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

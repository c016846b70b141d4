/** Entry of the desk console: antd in Simplified Chinese, dayjs in Beijing time. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import ConfigProvider from 'antd/es/config-provider'
import AntApp from 'antd/es/app'
import zhCN from 'antd/locale/zh_CN'
import 'dayjs/locale/zh-cn'
import { dayjs } from '../../src/core/time'
import { App } from './App'
import { installConsoleTransport } from './transport'

dayjs.locale('zh-cn')
installConsoleTransport()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b8202a', fontSize: 15 } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>
)

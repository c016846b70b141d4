import type { PropsWithChildren } from 'react'
import './app.scss'

/** The app shell: pages render as children; page chrome lives in components/PageShell. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import { refreshSettings } from '@/hooks/useSettings'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // weapp: Taro.cloud.init once; h5: nothing (the emulator's gateway needs no setup).
    initCloud()
    // the deployment's settings, early: a tap that asks for subscribe messages must find them loaded
    refreshSettings().catch(() => undefined)
  })
  return children
}

export default App

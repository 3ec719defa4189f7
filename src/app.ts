import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from '@/api/transport'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // weapp: Taro.cloud.init once; h5: nothing (the emulator's gateway needs no setup).
    initCloud()
  })
  return children
}

export default App

import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import './index.scss'

export interface NavTarget {
  longitude: number
  latitude: number
  name: string
  address?: string
}

const WEAPP = process.env.TARO_ENV === 'weapp'

/** A web map that takes GCJ-02 (our datum) and opens the native map app on a phone when there is one. */
export const webMapUrl = (t: NavTarget) =>
  `https://uri.amap.com/marker?position=${t.longitude},${t.latitude}&name=${encodeURIComponent(t.name)}&src=xiaoge-station&coordinate=gaode&callnative=1`

/** Calls a number: WeChat's dialog on weapp, a `tel:` link in the browser. */
export function callPhone(phoneNumber: string) {
  if (WEAPP) return void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  window.location.href = `tel:${phoneNumber.replace(/[^\d+]/g, '')}`
}

/**
 * 「导航过去」 everywhere: WeChat's map (openLocation) on weapp; in the browser, which has no such
 * API, a sheet with the address, a copy button and a link to a web map.
 */
export function useNavigate(): { navigate: (t: NavTarget) => void; sheet: ReactNode } {
  const [target, setTarget] = useState<NavTarget | null>(null)
  const navigate = (t: NavTarget) => {
    if (WEAPP) return void Taro.openLocation({ longitude: t.longitude, latitude: t.latitude, name: t.name, address: t.address ?? '', scale: 17 }).catch(() => undefined)
    setTarget(t)
  }
  const copy = (t: NavTarget) =>
    void Taro.setClipboardData({ data: `${t.name} ${t.address ?? ''}`.trim() })
      .then(() => Taro.showToast({ title: '地址已复制', icon: 'none' }))
      .catch(() => Taro.showToast({ title: '复制失败，请长按地址复制', icon: 'none' }))
  const sheet = target ? (
    <View className='nav-sheet' role='dialog' aria-label='导航过去'>
      <View className='nav-sheet__mask' onClick={() => setTarget(null)} />
      <View className='nav-sheet__panel'>
        <View className='nav-sheet__name'>{target.name}</View>
        {target.address ? <View className='nav-sheet__address'>{target.address}</View> : null}
        <View className='nav-sheet__btn nav-sheet__btn--primary' role='button' onClick={() => void window.open(webMapUrl(target), '_blank')}>
          在网页地图中打开
        </View>
        <View className='nav-sheet__btn' role='button' onClick={() => copy(target)}>
          复制地址
        </View>
        <View className='nav-sheet__btn nav-sheet__btn--plain' role='button' onClick={() => setTarget(null)}>
          关闭
        </View>
      </View>
    </View>
  ) : null
  return { navigate, sheet }
}

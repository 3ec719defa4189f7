import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from './coords'

export interface Fix {
  longitude: number
  latitude: number
  accuracy: number
}

/**
 * How long a high-accuracy fix may take. WeChat: "该值 3000ms 以上高精度定位才有效果" — without it
 * (or below 3000) isHighAccuracy does nothing.
 * https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getLocation.html
 */
export const HIGH_ACCURACY_MS = 3500

/**
 * The phone's position in GCJ-02 (the datum of WeChat's map and of our place data). weapp asks
 * for GCJ-02 directly; Taro's h5 getLocation only offers the browser's WGS-84, converted here.
 * Rejects when the user refuses or there is no location service.
 */
export async function getLocationGcj02(highAccuracy = false): Promise<Fix> {
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.getLocation({ type: 'gcj02', ...(highAccuracy ? { isHighAccuracy: true, highAccuracyExpireTime: HIGH_ACCURACY_MS } : {}) })
    return { longitude: r.longitude, latitude: r.latitude, accuracy: typeof r.accuracy === 'number' ? r.accuracy : 50 }
  }
  const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: highAccuracy })
  const g = wgs84ToGcj02(r.longitude, r.latitude)
  return { ...g, accuracy: typeof r.accuracy === 'number' ? r.accuracy : 50 }
}

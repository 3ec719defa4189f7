import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from './coords'

export interface Fix {
  longitude: number
  latitude: number
  accuracy: number
}

/**
 * The phone's position in GCJ-02 (the datum of WeChat's map and of our place data). weapp asks
 * for GCJ-02 directly; Taro's h5 getLocation only offers the browser's WGS-84, converted here.
 * Rejects when the user refuses or there is no location service.
 */
export async function getLocationGcj02(highAccuracy = false): Promise<Fix> {
  if (process.env.TARO_ENV === 'weapp') {
    const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: highAccuracy })
    return { longitude: r.longitude, latitude: r.latitude, accuracy: typeof r.accuracy === 'number' ? r.accuracy : 50 }
  }
  const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: highAccuracy })
  const g = wgs84ToGcj02(r.longitude, r.latitude)
  return { ...g, accuracy: typeof r.accuracy === 'number' ? r.accuracy : 50 }
}

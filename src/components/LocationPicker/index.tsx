import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import type { MapPlace } from '@domain/user/settings'
import { offsetMeters, type LngLat } from '@domain/geo'
import ChoiceChips, { Chip } from '@/components/ChoiceChips'
import { useSettings } from '@/hooks/useSettings'
import { getLocationGcj02 } from '@/utils/location'
import './index.scss'
/** the h5 pick area is a square this many metres across */
export const PICK_SPAN_M = 2000
const M_PER_DEG_LAT = 111_320

/** The point at fraction (fx, fy) ∈ [0,1]² of a PICK_SPAN_M square around `centre` (north up). */
export function pointAt(centre: LngLat, fx: number, fy: number, span = PICK_SPAN_M): LngLat {
  const east = (fx - 0.5) * span
  const north = (0.5 - fy) * span
  const latitude = centre.latitude + north / M_PER_DEG_LAT
  const longitude = centre.longitude + east / (M_PER_DEG_LAT * Math.cos((centre.latitude * Math.PI) / 180))
  return { longitude: Math.round(longitude * 1e6) / 1e6, latitude: Math.round(latitude * 1e6) / 1e6 }
}

interface Props {
  longitude: string
  latitude: string
  onChange: (v: { longitude: string; latitude: string; address?: string }) => void
  /** also offer the phone's current position (asked with consent) */
  here?: boolean
  /** show the coordinates as inputs to type into (else only as the chosen point) */
  typed?: boolean
}

/**
 * Location of a place. weapp: WeChat's map picker (Taro.chooseLocation). h5 (no map SDK offline):
 * tap inside a 2 km square around one of the district's communities (user.settings) — a
 * schematic, not a street map — or type the coordinates; both ways always show the numbers that
 * will be saved.
 */
export default function LocationPicker({ longitude, latitude, onChange, here = false, typed = true }: Props) {
  const { settings } = useSettings()
  const [picked, setPicked] = useState<MapPlace | null>(null)
  const lng = Number(longitude)
  const lat = Number(latitude)
  const has = longitude.trim() !== '' && latitude.trim() !== '' && Number.isFinite(lng) && Number.isFinite(lat)
  const presets = settings?.map.presets ?? []
  // a chosen community, else the point already set, else the district's default
  const centre: MapPlace | null = picked ?? (has ? { longitude: lng, latitude: lat, label: '当前选点' } : (settings?.map.centre ?? null))
  const o = has && centre ? offsetMeters(centre, { longitude: lng, latitude: lat }) : null
  const inside = !!o && Math.abs(o.x) <= PICK_SPAN_M / 2 && Math.abs(o.y) <= PICK_SPAN_M / 2

  const choose = async () => {
    try {
      const r = await Taro.chooseLocation(has ? { longitude: lng, latitude: lat } : {})
      onChange({ longitude: String(r.longitude), latitude: String(r.latitude), address: r.address || undefined })
    } catch {
      // cancelled or refused: keep what was there
    }
  }

  const takeHere = async () => {
    const fix = await getLocationGcj02().catch(() => null)
    if (!fix) return void Taro.showToast({ title: '没有获得定位，请在地图上选点', icon: 'none' })
    onChange({ longitude: fix.longitude.toFixed(6), latitude: fix.latitude.toFixed(6) })
  }

  const tap = (e: unknown) => {
    const ev = e as { currentTarget?: Element; target?: Element; clientX?: number; clientY?: number; nativeEvent?: { clientX: number; clientY: number }; detail?: { x?: number; y?: number } }
    const el = (ev.currentTarget ?? ev.target) as Element | undefined
    const rect = el?.getBoundingClientRect?.()
    const x = ev.clientX ?? ev.nativeEvent?.clientX ?? ev.detail?.x
    const y = ev.clientY ?? ev.nativeEvent?.clientY ?? ev.detail?.y
    if (!centre || !rect || x === undefined || y === undefined || !rect.width) return
    const p = pointAt(centre, (x - rect.left) / rect.width, (y - rect.top) / rect.height)
    onChange({ longitude: String(p.longitude), latitude: String(p.latitude) })
  }

  return (
    <View className='location-picker'>
      {here ? (
        <Chip onClick={() => void takeHere()} className='location-picker__here'>
          使用我当前的位置
        </Chip>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <Chip tone='primary' onClick={() => void choose()}>
          {has ? '在地图上重新选点' : '在地图上选点'}
        </Chip>
      ) : (
        <>
          {presets.length ? <ChoiceChips options={presets.map((p) => ({ value: p, label: p.label }))} value={picked} onChange={setPicked} /> : null}
          {centre ? (
            <View className='location-picker__area' role='button' aria-label='点击选取位置' onClick={tap}>
              <View className='location-picker__grid' />
              <View className='location-picker__cross' />
              <View className='location-picker__centre'>{centre.label}</View>
              {inside ? (
                <View
                  className='location-picker__pin'
                  style={{ left: `${50 + (o!.x / PICK_SPAN_M) * 100}%`, top: `${50 - (o!.y / PICK_SPAN_M) * 100}%` }}
                />
              ) : null}
              <View className='location-picker__note'>示意选点：以「{centre.label}」为中心、边长 2 公里，上为北；点一下取该处坐标</View>
            </View>
          ) : null}
        </>
      )}
      {!typed ? (
        <View className='location-picker__chosen' aria-live='polite'>
          {has ? `已选位置：经度 ${lng.toFixed(5)}，纬度 ${lat.toFixed(5)}` : '还没有选择位置'}
        </View>
      ) : (
      <View className='location-picker__coords'>
        <View className='location-picker__coord'>
          经度
          <Input className='form-input' type='digit' value={longitude} placeholder='经度' onInput={(e) => onChange({ longitude: e.detail.value, latitude })} />
        </View>
        <View className='location-picker__coord'>
          纬度
          <Input className='form-input' type='digit' value={latitude} placeholder='纬度' onInput={(e) => onChange({ longitude, latitude: e.detail.value })} />
        </View>
      </View>
      )}
    </View>
  )
}

import { Map } from '@tarojs/components'
import type { PlaceListItem } from '@domain/places/model'
import type { LngLat } from '@domain/geo'
import SchematicMap from './SchematicMap'

/**
 * weapp: WeChat's native Map with a marker and callout per place. h5 (and tests): the app's own
 * schematic map — Taro's h5 Map needs Baidu's SDK from the internet and renders blank offline.
 */
export default function PlacesMap(props: { centre: LngLat; items: PlaceListItem[]; onPick?: (id: string) => void }) {
  if (process.env.TARO_ENV !== 'weapp') return <SchematicMap {...props} />
  const markers = props.items.map((p, i) => ({
    id: i,
    longitude: p.location[0],
    latitude: p.location[1],
    title: p.name,
    // per-kind pins drawn by scripts/make-marker-icons.ts, copied to dist/assets/markers (config/index.ts)
    width: 32,
    height: 40,
    iconPath: `/assets/markers/${p.kind}${p.openNow ? '' : '-closed'}.png`,
    callout: { content: `${p.name}\n${p.hoursLabel}`, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, fontSize: 12, color: '#1f2329', bgColor: '#ffffff', textAlign: 'left' as const, anchorX: 0, anchorY: 0, borderWidth: 0, borderColor: '#ffffff' },
  }))
  return (
    <Map
      className='places-map'
      longitude={props.centre.longitude}
      latitude={props.centre.latitude}
      scale={15}
      showLocation
      markers={markers as never}
      onCalloutTap={(e) => { const p = props.items[Number((e.detail as { markerId: number }).markerId)]; if (p) props.onPick?.(p.id) }}
      onMarkerTap={(e) => { const p = props.items[Number((e.detail as { markerId: number }).markerId)]; if (p) props.onPick?.(p.id) }}
      onError={() => undefined}
    />
  )
}

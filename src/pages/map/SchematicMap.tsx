import { View } from '@tarojs/components'
import { PLACE_KIND_LABELS, type PlaceListItem } from '@domain/entities/place'
import { formatDistance, offsetMeters, type LngLat } from '@domain/geo'

const KIND_GLYPH: Record<PlaceListItem['kind'], string> = {
  station: '驿',
  canteen: '食',
  water: '水',
  parking: 'P',
  merchant: '商',
  toilet: '厕',
  charging: '电',
}

/**
 * The app's own map: "me" in the centre, distance rings, a marker per place at its true relative
 * position. Needs no map SDK (h5 has no internet for Baidu's), so the box is never empty.
 */
export default function SchematicMap({ centre, items, onPick }: { centre: LngLat; items: PlaceListItem[]; onPick?: (id: string) => void }) {
  const far = Math.max(300, ...items.map((i) => i.distance))
  // round the outer ring up to a readable distance
  const steps = [300, 500, 1000, 2000, 3000, 5000, 10000, 20000]
  const outer = steps.find((s) => s >= far) ?? far
  const rings = [outer / 3, (outer * 2) / 3, outer]
  return (
    <View className='schematic-map' aria-label='附近地点示意图'>
      {rings.map((r) => (
        <View key={r} className='schematic-map__ring' style={{ width: `${(r / outer) * 92}%`, height: `${(r / outer) * 92}%` }}>
          <View className='schematic-map__ring-label'>{formatDistance(r)}</View>
        </View>
      ))}
      <View className='schematic-map__me' style={{ left: '50%', top: '50%' }}>
        我
      </View>
      {items.map((p) => {
        const o = offsetMeters(centre, { longitude: p.location[0], latitude: p.location[1] })
        const left = 50 + (o.x / outer) * 46
        const top = 50 - (o.y / outer) * 46
        return (
          <View
            key={p.id}
            className={`schematic-map__marker schematic-map__marker--${p.kind}${p.openNow ? '' : ' schematic-map__marker--closed'}`}
            style={{ left: `${left}%`, top: `${top}%` }}
            onClick={() => onPick?.(p.id)}
            aria-label={`${PLACE_KIND_LABELS[p.kind]} ${p.name} ${formatDistance(p.distance)}`}
          >
            {KIND_GLYPH[p.kind]}
          </View>
        )
      })}
      <View className='schematic-map__note'>示意图：按实际方位和距离绘制</View>
    </View>
  )
}

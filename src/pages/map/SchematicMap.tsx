import { useState } from 'react'
import { View } from '@tarojs/components'
import { PLACE_KIND_LABELS, type PlaceKind, type PlaceListItem } from '@domain/places/model'
import { formatDistance, type LngLat } from '@domain/geo'
import { clusters, outerDistance, radiusPct, ringDistances } from './schematic'

export const KIND_GLYPH: Record<PlaceKind, string> = {
  station: '驿',
  canteen: '食',
  water: '水',
  parking: 'P',
  merchant: '商',
  toilet: '厕',
  charging: '电',
}

/**
 * The app's own map (h5): "me" in the centre, distance rings, a marker per place in its true
 * direction (distances on a square-root scale). Tapping a marker shows its name; tapping that opens
 * the place. Places too close to tap apart share one marker with their count; tapping it lists them.
 * Every marker is a 44 px tap target. Needs no map SDK (h5 has no internet for Baidu's), so the box
 * is never empty.
 */
export default function SchematicMap({ centre, items, onPick }: { centre: LngLat; items: PlaceListItem[]; onPick?: (id: string) => void }) {
  const [selected, setSelected] = useState<string | null>(null)
  const outer = outerDistance(items.map((i) => i.distance))
  const rings = ringDistances(outer)
  const byId = new Map(items.map((i) => [i.id, i]))
  const markers = clusters(centre, items, outer).map((c) => ({ ...c, places: c.ids.map((id) => byId.get(id)!) }))
  const current = markers.find((m) => m.ids[0] === selected) ?? null
  const kinds = [...new Set(items.map((i) => i.kind))]
  return (
    <View className='schematic'>
      <View className='schematic-map' aria-label='附近地点示意图' onClick={() => setSelected(null)}>
        {rings.map((r) => {
          const size = radiusPct(r, outer) * 2
          return (
            <View key={r} className='schematic-map__ring' style={{ width: `${size}%`, height: `${size}%` }}>
              <View className='schematic-map__ring-label'>{formatDistance(r)}</View>
            </View>
          )
        })}
        <View className='schematic-map__axis'>北 ↑</View>
        {markers.map((m) => {
          const [p] = m.places
          const many = m.places.length > 1
          return (
            <View
              key={m.ids[0]}
              className={`schematic-map__marker${selected === m.ids[0] ? ' schematic-map__marker--on' : ''}`}
              style={{ left: `${m.left}%`, top: `${m.top}%` }}
              data-count={m.places.length}
              onClick={(e) => {
                e.stopPropagation()
                setSelected(m.ids[0])
              }}
              role='button'
              aria-label={many ? `${m.places.length} 个地点：${m.places.map((x) => x.name).join('、')}` : `${PLACE_KIND_LABELS[p.kind]} ${p.name} ${formatDistance(p.distance)}`}
            >
              <View className={`schematic-map__dot${many ? ' schematic-map__dot--many' : ` schematic-map__marker--${p.kind}`}${!many && !p.openNow ? ' schematic-map__marker--closed' : ''}`}>
                {many ? m.places.length : KIND_GLYPH[p.kind]}
              </View>
            </View>
          )
        })}
        <View className='schematic-map__me'>我</View>
        {current && current.places.length > 1 ? (
          <View className='schematic-map__callout schematic-map__callout--list' onClick={(e) => e.stopPropagation()}>
            {current.places.map((x) => (
              <View key={x.id} className='schematic-map__pick' role='button' onClick={() => onPick?.(x.id)}>
                <View className={`schematic-legend__dot schematic-map__marker--${x.kind}`}>{KIND_GLYPH[x.kind]}</View>
                <View className='schematic-map__pick-name'>{x.name}</View>
                <View className='schematic-map__callout-meta'>{formatDistance(x.distance)} ›</View>
              </View>
            ))}
          </View>
        ) : current ? (
          <View
            className='schematic-map__callout'
            role='button'
            onClick={(e) => {
              e.stopPropagation()
              onPick?.(current.ids[0])
            }}
          >
            <View className='schematic-map__callout-name'>{current.places[0].name}</View>
            <View className='schematic-map__callout-meta'>
              {formatDistance(current.places[0].distance)} · {current.places[0].hoursLabel} · 查看详情 ›
            </View>
          </View>
        ) : (
          <View className='schematic-map__note'>示意图：方位准确，距离按比例压缩；点标记看名称，数字是几个相近的地点</View>
        )}
      </View>
      {kinds.length ? (
        <View className='schematic-legend'>
          {kinds.map((k) => (
            <View key={k} className='schematic-legend__item'>
              <View className={`schematic-legend__dot schematic-map__marker--${k}`}>{KIND_GLYPH[k]}</View>
              {PLACE_KIND_LABELS[k]}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

import { useState } from 'react'
import { View } from '@tarojs/components'
import { PLACE_KIND_LABELS, type PlaceKind, type PlaceListItem } from '@domain/places/model'
import { formatDistance, type LngLat } from '@domain/geo'
import { layout, outerDistance, radiusPct, ringDistances } from './schematic'

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
 * the place. Needs no map SDK (h5 has no internet for Baidu's), so the box is never empty.
 */
export default function SchematicMap({ centre, items, onPick }: { centre: LngLat; items: PlaceListItem[]; onPick?: (id: string) => void }) {
  const [selected, setSelected] = useState<string | null>(null)
  const outer = outerDistance(items.map((i) => i.distance))
  const rings = ringDistances(outer)
  const pos = new Map(layout(centre, items, outer).map((p) => [p.id, p]))
  const current = items.find((i) => i.id === selected) ?? null
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
        {items.map((p) => {
          const at = pos.get(p.id)!
          return (
            <View
              key={p.id}
              className={`schematic-map__marker schematic-map__marker--${p.kind}${p.openNow ? '' : ' schematic-map__marker--closed'}${selected === p.id ? ' schematic-map__marker--on' : ''}`}
              style={{ left: `${at.left}%`, top: `${at.top}%` }}
              onClick={(e) => {
                e.stopPropagation()
                setSelected(p.id)
              }}
              role='button'
              aria-label={`${PLACE_KIND_LABELS[p.kind]} ${p.name} ${formatDistance(p.distance)}`}
            >
              {KIND_GLYPH[p.kind]}
            </View>
          )
        })}
        <View className='schematic-map__me'>我</View>
        {current ? (
          <View
            className='schematic-map__callout'
            role='button'
            onClick={(e) => {
              e.stopPropagation()
              onPick?.(current.id)
            }}
          >
            <View className='schematic-map__callout-name'>{current.name}</View>
            <View className='schematic-map__callout-meta'>
              {formatDistance(current.distance)} · {current.hoursLabel} · 查看详情 ›
            </View>
          </View>
        ) : (
          <View className='schematic-map__note'>示意图：方位准确，距离按比例压缩；点标记看名称</View>
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

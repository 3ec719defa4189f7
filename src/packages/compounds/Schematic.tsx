import { View } from '@tarojs/components'
import type { CompoundView, RouteView } from '@domain/compounds/model'
import { dotsAlong, frameOf, place } from './schematic'

/**
 * The compound drawn by the app, offline and without a map SDK: absolutely positioned Views (they
 * render the same in WeChat and the browser, and WeChat's compilers take them), north up. The walk
 * from the gate to the building is a line of dots; the building asked for is highlighted.
 */
export default function Schematic({ v, route, highlight }: { v: CompoundView; route?: RouteView | null; highlight?: string | null }) {
  const f = frameOf(v)
  const dots = route ? dotsAlong(route.points, Math.max(6, Math.max(f.w, f.h) / 40)) : []
  return (
    <View className='schematic' style={{ paddingBottom: `${Math.round((f.h / f.w) * 1000) / 10}%` }} aria-label={`${v.name}示意图`}>
      <View className='schematic__north'>北 ↑</View>
      {dots.map((d, i) => (
        <View key={`d${i}`} className='schematic__dot' style={place(f, d)} />
      ))}
      {v.buildings.map((b) => (
        <View
          key={b.id}
          className={`schematic__building${b.id === highlight ? ' schematic__building--on' : ''}${b.flaggedWrong ? ' schematic__building--flagged' : ''}`}
          style={place(f, b.at)}
        >
          {b.no}
        </View>
      ))}
      {v.parking.map((p) => (
        <View key={p.id} className={`schematic__parking${route?.parkingId === p.id ? ' schematic__parking--on' : ''}`} style={place(f, p.at)}>
          P
        </View>
      ))}
      {v.lockers.map((k) => (
        <View key={k.id} className='schematic__locker' style={place(f, k.at)}>
          柜
        </View>
      ))}
      {v.hazards.map((h) => (
        <View key={h.id} className='schematic__hazard' style={place(f, h.at)}>
          !
        </View>
      ))}
      {v.gates.map((g) => (
        <View
          key={g.id}
          className={`schematic__gate${g.usable ? '' : ' schematic__gate--shut'}${route?.gateId === g.id ? ' schematic__gate--on' : ''}`}
          style={place(f, g.at)}
        >
          {g.name.replace(/（.*）/, '')}
        </View>
      ))}
    </View>
  )
}

export function Legend() {
  return (
    <View className='schematic-legend'>
      <View className='schematic-legend__item'>
        <View className='schematic__gate schematic__gate--static'>门</View>可进
      </View>
      <View className='schematic-legend__item'>
        <View className='schematic__gate schematic__gate--shut schematic__gate--static'>门</View>现在不能进
      </View>
      <View className='schematic-legend__item'>
        <View className='schematic__parking schematic__gate--static'>P</View>骑手泊位
      </View>
      <View className='schematic-legend__item'>
        <View className='schematic__hazard schematic__gate--static'>!</View>注意
      </View>
    </View>
  )
}

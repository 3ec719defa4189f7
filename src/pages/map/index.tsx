import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { usePullToRefresh } from '@/hooks/usePullToRefresh'
import { View } from '@tarojs/components'
import { AMENITY_LABELS, PLACE_KIND_LABELS, REPORT_KIND_LABELS, STATION_LEVEL_LABELS, STATION_LEVELS, type PlaceListItem } from '@domain/places/model'
import { formatDistance } from '@domain/geo'
import { useCall } from '@/hooks/useCall'
import { call } from '@/api'
import PageShell from '@/components/PageShell'
import Tag from '@/components/Tag'
import ChoiceChips, { Chip } from '@/components/ChoiceChips'
import { EmptyView, Loaded } from '@/components/StatusViews'
import { COMPOUND_GUIDE, PLACE_DETAIL } from '@/routes'
import { useSettings } from '@/hooks/useSettings'
import { useRenderLater } from '@/hooks/useRenderLater'
import { getLocationGcj02 } from '@/utils/location'
import type { MapPlace } from '@domain/user/settings'
import type { LngLat } from '@domain/geo'
import PlacesMap from './PlacesMap'
import {
  activeCount,
  AMENITY_CHIPS,
  byLevel,
  CACHE_KEY,
  cacheKeyOf,
  describeAge,
  KIND_CHIPS,
  nearbyInput,
  nearestOpenStation,
  NO_FILTERS,
  readCache,
  toggleAmenity,
  toggleKind,
  toggleLevel,
  toggleOpenNow,
  type Filters,
} from './logic'
import './index.scss'

type Centre = MapPlace
/** rows of the list in the commit that brings it (the rest follow at once, see useRenderLater) */
const FIRST_ROWS = 3

/**
 * 小区通行指引: the way in to a building, and the compounds near here with their 小哥友好 mark. The
 * compounds are one line of chips of a fixed height, there from the first paint: their answer
 * comes after the places' and must not push the map down (layout shift).
 */
function CompoundsCard({ centre, settled }: { centre: LngLat | null; settled: boolean }) {
  const input = { longitude: centre?.longitude ?? 0, latitude: centre?.latitude ?? 0 }
  const { data, error } = useCall('compounds', 'nearby', input, { auto: !!centre })
  const go = (q?: string) => void Taro.navigateTo({ url: `${COMPOUND_GUIDE}${q ? `?q=${encodeURIComponent(q)}` : ''}` })
  return (
    <View className='card map-compounds'>
      <View className='map-compounds__search' role='button' onClick={() => go()}>
        🏘️ 找楼找门：输入小区和楼号，看走哪个门、车停哪
      </View>
      <View className='map-compounds__list' aria-label='附近小区'>
        {data?.length ? (
          data.slice(0, 5).map((c) => (
            <Chip key={c.id} className='map-compounds__row' onClick={() => go(c.name)}>
              {c.name}
              {c.friendly ? <Tag tone='success'>小哥友好</Tag> : null}
              <View className='map-compounds__meta'>{formatDistance(c.distance)}</View>
            </Chip>
          ))
        ) : (
          <View className='map-compounds__hint'>
            {data ? '附近还没有收录的小区，可直接搜索' : error ? '暂时查不到附近的小区，可直接搜索' : !centre && settled ? '选定位置后列出附近的小区' : '正在查找附近的小区…'}
          </View>
        )}
      </View>
    </View>
  )
}

export function PlaceRow({ p, onOpen, title }: { p: PlaceListItem; onOpen: (id: string) => void; title?: string }) {
  return (
    <View className={`place-row card${title ? ' place-row--nearest' : ''}`} onClick={() => onOpen(p.id)} role='button' aria-label={p.name}>
      {title ? <View className='place-row__kicker'>{title}</View> : null}
      <View className='place-row__head'>
        <View className='place-row__name'>{p.name}</View>
        <View className='place-row__distance'>{formatDistance(p.distance)}</View>
      </View>
      <View className='place-row__tags'>
        <Tag tone='primary'>{p.level ? STATION_LEVEL_LABELS[p.level] : PLACE_KIND_LABELS[p.kind]}</Tag>
        <Tag tone={p.openNow ? 'success' : 'default'}>{p.openNow ? '营业中' : '未营业'}</Tag>
        {p.alert ? <Tag tone='danger'>有骑手反馈：{REPORT_KIND_LABELS[p.alert]}</Tag> : null}
      </View>
      <View className='place-row__hours'>{p.hoursLabel}</View>
      <View className='place-row__address'>{p.address}</View>
      {p.amenities.length ? <View className='place-row__amenities'>{p.amenities.map((a) => AMENITY_LABELS[a]).join(' · ')}</View> : null}
      {p.discount ? <View className='place-row__discount'>骑手优惠：{p.discount}</View> : null}
    </View>
  )
}

export default function MapPage() {
  // where to look without the rider's location, and the quick picks: the district's communities
  const { settings } = useSettings()
  const [chosen, setCentre] = useState<Centre | null>(null)
  const districtCentre = settings?.map.centre
  const presetOptions = (settings?.map.presets ?? []).map((p) => ({ value: p, label: p.label }))
  const [located, setLocated] = useState(false)
  const [locating, setLocating] = useState(false)
  const [locateFailed, setLocateFailed] = useState(false)
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [more, setMore] = useState<PlaceListItem[]>([])
  const [moreCursor, setMoreCursor] = useState<{ distance: number; ids: string[] } | null | undefined>(undefined)

  // until the rider picks a place: around the district's home, which the server knows — the list
  // does not wait for the settings (and the app has asked it at launch)
  const input = useMemo(() => nearbyInput(chosen, filters), [chosen, filters])
  const key = cacheKeyOf(input)
  const { data, error, loading, refresh } = useCall('places', 'nearby', input)

  // remember the last good answer for weak networks
  useEffect(() => {
    if (!data) return
    setMore([])
    setMoreCursor(undefined)
    try {
      Taro.setStorageSync(CACHE_KEY, { key, savedAt: Date.now(), result: data })
    } catch {
      // storage full or unavailable: nothing to cache
    }
  }, [data, key])
  const cached = useMemo(() => (error && !data ? readCache(safeStorage(), key) : null), [error, data, key])

  usePullToRefresh(() => refresh())

  const locate = async () => {
    setLocating(true)
    try {
      const loc = await getLocationGcj02()
      setCentre({ longitude: loc.longitude, latitude: loc.latitude, label: '我的位置' })
      setLocated(true)
      setLocateFailed(false)
    } catch {
      // refused, or no location service: keep browsing around the chosen centre
      setLocateFailed(true)
    } finally {
      setLocating(false)
    }
  }

  const pickOnMap = async () => {
    try {
      const r = await Taro.chooseLocation({})
      setCentre({ longitude: r.longitude, latitude: r.latitude, label: r.name || r.address || '手动选择的位置' })
    } catch {
      setLocateFailed(true)
    }
  }

  const open = (id: string) => void Taro.navigateTo({ url: `${PLACE_DETAIL}?id=${encodeURIComponent(id)}` })

  const loadMore = async () => {
    const cursor = moreCursor === undefined ? data?.next : moreCursor
    if (!cursor) return
    const page = await call('places', 'nearby', { ...input, after: cursor })
    setMore((m) => [...m, ...page.items])
    setMoreCursor(page.next)
  }

  const result = data ?? cached?.result
  const home = result?.centre ?? districtCentre
  const centre: LngLat | null = chosen ?? home ?? null
  const centreLabel = chosen?.label ?? (districtCentre ? `${districtCentre.label}（默认位置）` : home ? '默认位置' : '还没有选定位置')
  const items = result ? byLevel([...result.items, ...more], filters) : []
  const nearest = nearestOpenStation(items)
  const rest = nearest ? items.filter((p) => p !== nearest) : items
  // the list sits below the nearest station, the compounds and the map: off the first screen
  const shown = useRenderLater(rest.length, FIRST_ROWS)
  const filterCount = activeCount(filters)
  const hasMore = moreCursor === undefined ? !!result?.next : !!moreCursor

  return (
    <PageShell className='map-page'>
      <View className='map-where card'>
        <View className='map-where__top'>
          <View className='map-where__label'>
            {located ? '📍 ' : ''}
            {centreLabel}
          </View>
          <Chip tone='primary' onClick={() => void locate()}>
            {locating ? '定位中…' : located ? '重新定位' : '使用我的位置'}
          </Chip>
        </View>
        {!located ? <View className='map-where__why'>定位只用于本次查找最近的驿站，不记录轨迹</View> : null}
        {locateFailed || !located ? (
          // one row of chips reserved until the settings bring the district's communities
          <View className={`map-where__presets${settings && !presetOptions.length ? '' : ' map-where__presets--row'}`}>
            {locateFailed ? <View className='map-where__hint'>未获得定位，可选择一个区域浏览：</View> : null}
            <ChoiceChips options={presetOptions} value={chosen} onChange={setCentre} />
          </View>
        ) : null}
        {process.env.TARO_ENV === 'weapp' ? <Chip onClick={() => void pickOnMap()}>在地图上选点</Chip> : null}
      </View>

      <View className='map-filter-bar'>
        <Chip on={filtersOpen || filterCount > 0} onClick={() => setFiltersOpen(!filtersOpen)}>
          {`筛选${filterCount ? `（${filterCount}）` : ''} ${filtersOpen ? '▲' : '▼'}`}
        </Chip>
        <Chip on={filters.openNow} onClick={() => setFilters(toggleOpenNow)}>
          只看营业中
        </Chip>
        {filterCount ? (
          <Chip onClick={() => setFilters(NO_FILTERS)}>清除</Chip>
        ) : null}
      </View>
      {filtersOpen ? (
        <View className='map-filters card' role='group' aria-label='筛选'>
          <View className='map-filters__group'>驿站等级</View>
          <View className='map-filters__chips'>
            {STATION_LEVELS.map((l) => (
              <Chip key={l} on={filters.levels.includes(l)} onClick={() => setFilters((f) => toggleLevel(f, l))}>
                {`${l} 级`}
              </Chip>
            ))}
          </View>
          <View className='map-filters__group'>类型</View>
          <View className='map-filters__chips'>
            {KIND_CHIPS.map((k) => (
              <Chip key={k} on={filters.kind === k} onClick={() => setFilters((f) => toggleKind(f, k))}>
                {PLACE_KIND_LABELS[k]}
              </Chip>
            ))}
          </View>
          <View className='map-filters__group'>设施</View>
          <View className='map-filters__chips'>
            {AMENITY_CHIPS.map((a) => (
              <Chip key={a} on={filters.amenities.includes(a)} onClick={() => setFilters((f) => toggleAmenity(f, a))}>
                {AMENITY_LABELS[a]}
              </Chip>
            ))}
          </View>
        </View>
      ) : null}

      {/* the answer to "where do I go" comes first (issue 19: on the first screen), then the compounds, then the map */}
      {nearest ? (
        <PlaceRow p={nearest} onOpen={open} title='离你最近的营业中驿站' />
      ) : !result && !error ? (
        // its box from the first paint: the answer fills it instead of pushing the page down
        <View className='place-row card place-row--nearest' aria-busy>
          <View className='place-row__kicker'>离你最近的营业中驿站</View>
          <View className='place-row__hours'>正在查找…</View>
        </View>
      ) : null}

      {/* until the places answer, the centre may still come from the server */}
      <CompoundsCard centre={centre ?? null} settled={!!result || !!error} />

      {result && centre ? <PlacesMap centre={centre} items={items} onPick={open} /> : null}

      {cached ? <View className='map-offline'>网络不太好，显示的是{describeAge(cached.savedAt)}的结果</View> : null}

      {result && !centre ? (
        <EmptyView title='开启定位，或在地图上选点' description='选定位置后为你列出附近的驿站、饮水点和充电点' />
      ) : (
        <Loaded state={{ data: result, error, loading }} loadingText='正在查找附近的地点…' onRetry={() => void refresh()}>
          {() =>
            items.length === 0 ? (
              <EmptyView title='附近 5 公里内没有符合条件的地点' description='试试减少筛选条件，或换个位置' />
            ) : (
              <View className='place-list'>
                {rest.slice(0, shown).map((p) => (
                  <PlaceRow key={p.id} p={p} onOpen={open} />
                ))}
                {hasMore ? (
                  <Chip className='place-list__more' onClick={() => void loadMore()}>
                    加载更远的地点
                  </Chip>
                ) : null}
              </View>
            )
          }
        </Loaded>
      )}
    </PageShell>
  )
}

function safeStorage(): unknown {
  try {
    return Taro.getStorageSync(CACHE_KEY)
  } catch {
    return null
  }
}

import { Profiler } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { NearbyResult, PlaceListItem } from '@domain/places/model'
import { call } from '@/api'
import type { AppSettings } from '@domain/user/settings'
import { resetSettingsForTests } from '@/hooks/useSettings'
import { activeCount, AMENITY_CHIPS, byLevel, cacheKeyOf, nearbyInput, nearestOpenStation, NO_FILTERS, readCache, toggleAmenity, toggleKind, toggleLevel, toggleOpenNow } from '../logic'
import SchematicMap from '../SchematicMap'
import MapPage, { PlaceRow } from '../index'

jest.mock('@/api', () => ({ call: jest.fn() }))
const callMock = call as unknown as jest.Mock

/** The district's default centre, as user.settings answers it */
const CENTRE = { longitude: 120.16962, latitude: 30.27489, label: '新和平社区' }
const settings = (over: Partial<AppSettings['map']> = {}): AppSettings => ({
  communities: [],
  map: { centre: CENTRE, presets: [CENTRE, { longitude: 120.14262, latitude: 30.27095, label: '金祝社区' }], ...over },
  subscriptions: {},
})
/** answers user.settings with `s` and places.nearby with `r` */
const answer = (s: AppSettings, r: () => NearbyResult) => callMock.mockImplementation(async (fn: string) => (fn === 'user' ? s : r()))
beforeEach(() => {
  resetSettingsForTests()
  callMock.mockReset()
})

const item = (over: Partial<PlaceListItem> = {}): PlaceListItem => ({
  id: 'p-1',
  name: '武林广场暖新驿站',
  kind: 'station',
  level: 'A',
  address: '武林广场 C 口',
  location: [120.1697, 30.2749],
  distance: 120,
  amenities: ['water', 'microwave'],
  openNow: true,
  hoursLabel: '24 小时营业',
  discount: null,
  alert: null,
  ...over,
})
const result = (items: PlaceListItem[], centre: NearbyResult['centre'] = { longitude: CENTRE.longitude, latitude: CENTRE.latitude }): NearbyResult => ({ items, next: null, centre, at: new Date().toISOString() })

describe('map filters → nearby input', () => {
  it('toggles chips and builds a strict input', () => {
    let f = toggleKind(NO_FILTERS, 'water')
    f = toggleAmenity(f, 'water')
    f = toggleOpenNow(f)
    expect(nearbyInput(CENTRE, f)).toEqual({ longitude: 120.16962, latitude: 30.27489, radius: 5000, kinds: ['water'], amenities: ['water'], openNow: true })
    expect(toggleKind(f, 'water').kind).toBeNull()
    expect(toggleAmenity(f, 'water').amenities).toEqual([])
    expect(nearbyInput(CENTRE, NO_FILTERS)).toEqual({ longitude: 120.16962, latitude: 30.27489, radius: 5000 })
    expect(AMENITY_CHIPS).toEqual(expect.arrayContaining(['water', 'ebikeCharging', 'microwave', 'toilet']))
  })

  it('uses a cached result only for the same query', () => {
    const c = { key: 'k', savedAt: 1, result: result([item()]) }
    expect(readCache(c, 'k')).toBe(c)
    expect(readCache(c, 'other')).toBeNull()
    expect(readCache(null, 'k')).toBeNull()
    expect(readCache({ key: 'k', result: {} }, 'k')).toBeNull()
  })
})

describe('map components', () => {
  it('shows distance, open badge, alerts and discount in a row', () => {
    render(<PlaceRow p={item({ alert: 'closed', discount: '立减 5 元', openNow: false })} onOpen={() => undefined} />)
    expect(screen.getByText('120 米')).toBeTruthy()
    expect(screen.getByText('未营业')).toBeTruthy()
    expect(screen.getByText(/到了却关门/)).toBeTruthy()
    expect(screen.getByText(/立减 5 元/)).toBeTruthy()
  })

  it('draws a marker per place around "me" (never an empty box)', () => {
    const { container } = render(
      <SchematicMap centre={CENTRE} items={[item(), item({ id: 'p-2', kind: 'water', name: '饮水点', location: [120.175, 30.28], distance: 800 })]} />,
    )
    expect(container.querySelectorAll('.schematic-map__marker')).toHaveLength(2)
    expect(screen.getByText('我')).toBeTruthy()
    expect(screen.getByText('1.0 公里')).toBeTruthy()
  })

  it('places too close to tap apart share a marker with their count; tapping it lists them, tapping one opens it', () => {
    const opened: string[] = []
    const near = [item(), item({ id: 'p-2', name: '隔壁饮水点', kind: 'water', location: [120.1697, 30.2751] as [number, number], distance: 130 })]
    const { container } = render(<SchematicMap centre={CENTRE} items={near} onPick={(id) => opened.push(id)} />)
    const markers = container.querySelectorAll('.schematic-map__marker')
    expect(markers).toHaveLength(1)
    expect(markers[0].textContent).toBe('2')
    fireEvent.click(markers[0])
    fireEvent.click(screen.getByText('隔壁饮水点'))
    expect(opened).toEqual(['p-2'])
  })

  it("loads the nearest places around the district's home (the server's), lists them and refetches with a filter", async () => {
    let places = [item(), item({ id: 'p-2', name: '饮水点', kind: 'water', distance: 300 })]
    answer(settings(), () => result(places))
    render(<MapPage />)
    await waitFor(() => expect(Array.from(document.querySelectorAll('.place-row__name'), (e) => e.textContent)).toContain('饮水点'))
    expect(callMock).toHaveBeenCalledWith('user', 'settings', {})
    expect(callMock).toHaveBeenCalledWith('places', 'nearby', { radius: 5000 })
    await waitFor(() => expect(screen.getByText('新和平社区（默认位置）')).toBeTruthy())
    // the nearest open station is singled out above the map
    expect(screen.getByText('离你最近的营业中驿站')).toBeTruthy()
    places = [item({ id: 'p-2', name: '饮水点', kind: 'water', distance: 300 })]
    // the filters are folded behind one control, in labelled groups
    expect(screen.queryByText('设施')).toBeNull()
    fireEvent.click(screen.getByText(/^筛选/))
    expect(screen.getByText('驿站等级')).toBeTruthy()
    fireEvent.click(screen.getAllByText('饮水')[0])
    await waitFor(() => expect(callMock).toHaveBeenLastCalledWith('places', 'nearby', expect.objectContaining({ amenities: ['water'] })))
    expect(cacheKeyOf({})).toBe('{}')
  })

  it('a station level filters the answer to stations of that level', () => {
    const f = toggleLevel(NO_FILTERS, 'A')
    expect(f.kind).toBe('station')
    expect(nearbyInput(CENTRE, f)).toMatchObject({ kinds: ['station'] })
    const list = [item({ id: 'a', level: 'A' }), item({ id: 'b', level: 'B' })]
    expect(byLevel(list, f).map((p) => p.id)).toEqual(['a'])
    expect(nearestOpenStation([item({ id: 'c', openNow: false }), ...list])?.id).toBe('a')
    expect(activeCount(f)).toBe(1)
  })

  it("offers the district's communities as quick picks and looks around the one picked", async () => {
    answer(settings(), () => result([item()]))
    render(<MapPage />)
    await waitFor(() => expect(screen.getByText('金祝社区')).toBeTruthy())
    fireEvent.click(screen.getByText('金祝社区'))
    await waitFor(() => expect(callMock).toHaveBeenLastCalledWith('places', 'nearby', expect.objectContaining({ longitude: 120.14262, latitude: 30.27095 })))
  })

  it('lists the places before user.settings has answered (a first visit does not wait for it)', async () => {
    let answerSettings: (s: AppSettings) => void = () => undefined
    callMock.mockImplementation((fn: string) => (fn === 'user' ? new Promise((r) => (answerSettings = r)) : Promise.resolve(result([item()]))))
    render(<MapPage />)
    await waitFor(() => expect(screen.getByText('离你最近的营业中驿站')).toBeTruthy())
    expect(screen.getByText('默认位置')).toBeTruthy()
    answerSettings(settings())
    await waitFor(() => expect(screen.getByText('新和平社区（默认位置）')).toBeTruthy())
    expect(callMock.mock.calls.filter(([fn]) => fn === 'places')).toHaveLength(1)
  })

  it('without a district home it asks for a location', async () => {
    answer(settings({ centre: null, presets: [] }), () => result([], null))
    render(<MapPage />)
    await waitFor(() => expect(screen.getByText('开启定位，或在地图上选点')).toBeTruthy())
  })

  it('the commit that brings the list paints the first screen only; the rows below it follow in a later commit', async () => {
    const places = Array.from({ length: 12 }, (_, i) => item({ id: `p-${i}`, name: `地点${i}`, kind: i ? 'water' : 'station', distance: 100 + i * 50 }))
    answer(settings(), () => result(places))
    // rows in the document at each commit of the page (Profiler callbacks run in the commit)
    const rowsPerCommit: number[] = []
    const container = document.body.appendChild(document.createElement('div'))
    render(
      <Profiler id='map' onRender={() => rowsPerCommit.push(container.querySelectorAll('.place-row:not([aria-busy])').length)}>
        <MapPage />
      </Profiler>,
      { container },
    )
    await waitFor(() => expect(container.querySelectorAll('.place-row')).toHaveLength(12))
    const first = rowsPerCommit.find((n) => n > 0)
    // the nearest station and 3 rows, not the 12
    expect(first).toBe(4)
    expect(rowsPerCommit[rowsPerCommit.length - 1]).toBe(12)
  })

  it('reserves the nearest station\'s box and the compounds line before the answers come', async () => {
    callMock.mockImplementation(() => new Promise(() => undefined))
    const { container } = render(<MapPage />)
    expect(container.querySelector('.place-row--nearest[aria-busy]')?.textContent).toContain('离你最近的营业中驿站')
    expect(container.querySelector('.map-compounds__list')?.textContent).toBe('正在查找附近的小区…')
    expect(container.querySelector('.map-where__presets--row')).not.toBeNull()
  })
})


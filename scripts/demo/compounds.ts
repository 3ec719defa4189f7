/**
 * Demo compounds (小区通行指引) around the demo places: 金祝新村 (金祝社区, its 12 幢 holds the
 * 金祝社区暖蜂驿站 and its 3 号门 the 充电棚), 新和平小区 (新和平社区, the 专停泊位 inside its 2 号门)
 * and 文晖新村 (新和平社区). Buildings stand in rows as in the area's 1980s–90s 新村; positions are
 * metres from each compound's anchor (its south-west corner), anchors GCJ-02 like the places.
 * `generateCompounds` makes the bench's thousands of compounds the same way.
 */
import type { Building, CompoundDoc, FriendlyItem, Gate, Hazard, Locker, Offset, ParkingSpot } from '../../domain/compounds/model'
import { derivedFields, toLngLat } from '../../domain/compounds/rules'
import { offsetMeters } from '../../domain/geo'
import { daily, type OpeningHours } from '../../domain/places/opening-hours'
import { demoPlaces } from './places'
import { rng } from './generate-places'

const ALWAYS: OpeningHours = { always: true }
const at = (x: number, y: number): Offset => ({ x, y })
const created = new Date('2026-10-01T09:00:00+08:00')

interface Layout {
  cols: number
  rows: number
  /** west-most column and south-most row centres, and spacing (metres) */
  x0: number
  y0: number
  dx: number
  dy: number
  /** numbers to leave out (many 新村 have no 4 or 13) */
  skip?: string[]
  /** building → its gate, by position */
  gateOf: (b: Offset) => string
  floors?: (i: number) => number
}

/** Buildings numbered row by row from the south-west, each with an L-shaped walk from its gate. */
function buildingsOf(l: Layout, gates: Gate[]): Building[] {
  const out: Building[] = []
  let n = 0
  for (let r = 0; r < l.rows; r++) {
    for (let c = 0; c < l.cols; c++) {
      n++
      const no = String(n)
      if (l.skip?.includes(no)) continue
      const p = at(l.x0 + c * l.dx, l.y0 + r * l.dy)
      const gateId = l.gateOf(p)
      const g = gates.find((x) => x.id === gateId)!
      // along the gate's road, then up the lane between the rows
      const corner = Math.abs(g.at.y - p.y) > Math.abs(g.at.x - p.x) ? at(g.at.x, p.y - l.dy / 2) : at(p.x, g.at.y)
      const floors = l.floors ? l.floors(out.length) : 6
      out.push({ id: `b${no.toLowerCase()}`, no, units: 2 + (n % 3), at: p, gateId, path: [corner], lift: floors > 7, floors })
    }
  }
  return out
}

function compound(
  _id: string,
  f: {
    name: string
    aliases: string[]
    communityId: string
    communityName: string
    address: string
    anchor: { longitude: number; latitude: number }
    outline: Offset[]
    gates: Gate[]
    buildings: Building[]
    parking: ParkingSpot[]
    lockers?: Locker[]
    hazards?: Hazard[]
    friendly?: FriendlyItem[]
  },
): CompoundDoc {
  return {
    _id,
    name: f.name,
    aliases: f.aliases,
    ...derivedFields(f),
    communityId: f.communityId,
    communityName: f.communityName,
    address: f.address,
    anchor: f.anchor,
    outline: f.outline,
    gates: f.gates,
    buildings: f.buildings,
    parking: f.parking,
    lockers: f.lockers ?? [],
    hazards: f.hazards ?? [],
    friendly: f.friendly ? { items: f.friendly } : null,
    recentFlags: [],
    status: 'active',
    createdAt: created,
    updatedAt: created,
    updatedBy: 'demo-worker-chen',
  }
}

const place = (id: string) => {
  const p = demoPlaces.find((x) => x._id === id)
  if (!p) throw new Error(`demo place ${id} is missing`)
  return { longitude: p.location.coordinates[0], latitude: p.location.coordinates[1] }
}
const round = (v: number) => Math.round(v)
/** An anchor such that `target` lies at offset `o`. */
const anchorFor = (target: { longitude: number; latitude: number }, o: Offset) => toLngLat(target, at(-o.x, -o.y))

// ---- 金祝新村: 25 buildings in 5 rows of 5; 12 幢 = the station, 3 号门 = the charging shed ----
const JZ_B12 = at(75, 137)
const jzAnchor = anchorFor(place('p-bs-001'), JZ_B12)
const jzShed = offsetMeters(jzAnchor, place('p-bs-008'))
const jzGates: Gate[] = [
  { id: 'g1', name: '1 号门（东门）', at: at(240, 100), riderAllowed: true, hours: ALWAYS, entry: 'scanPass', note: '门岗 24 小时有人，扫小哥码抬杆' },
  { id: 'g2', name: '2 号门（北门）', at: at(120, 270), riderAllowed: true, hours: daily('06:00', '22:00'), entry: 'register', note: '22:00 后关门，请走东门' },
  { id: 'g3', name: '3 号门（南门）', at: at(round(jzShed.x), round(jzShed.y)), riderAllowed: false, hours: ALWAYS, entry: 'noEntry', note: '地库车行出入口，电动车不能进' },
  { id: 'g4', name: '4 号门（西门）', at: at(0, 160), riderAllowed: true, hours: ALWAYS, entry: 'intercom', note: '人行小门，按门禁呼叫住户' },
]
const jz = compound('cp-jinzhu-xincun', {
  name: '金祝新村',
  aliases: ['金祝', '金祝小区'],
  communityId: 'c-jinzhu',
  communityName: '金祝社区',
  address: '西湖区北山街道金祝新村（保俶北路东侧）',
  anchor: jzAnchor,
  outline: [at(0, 0), at(240, 0), at(240, 270), at(0, 270)],
  gates: jzGates,
  buildings: buildingsOf({ cols: 5, rows: 5, x0: 30, y0: 25, dx: 45, dy: 56, gateOf: (p) => (p.y > 200 ? 'g2' : p.x > 120 ? 'g1' : 'g4'), floors: (i) => (i >= 20 ? 11 : 6) }, jzGates),
  parking: [
    { id: 'p1', name: '东门内骑手专停区', at: at(228, 90), capacity: 30, note: '靠东门左手边，有顶棚' },
    { id: 'p2', name: '北门外临时泊位', at: at(130, 282), capacity: 12, note: null },
    { id: 'p3', name: '3 号门充电棚', at: at(round(jzShed.x), 8), capacity: 20, note: '可充电，扫码付费' },
  ],
  lockers: [{ id: 'k1', name: '丰巢快递柜', at: at(222, 112) }, { id: 'k2', name: '外卖取餐柜', at: at(108, 258) }],
  hazards: [{ id: 'h1', text: '地库坡道，雨天湿滑', at: at(round(jzShed.x) + 10, 12) }],
  friendly: ['passage', 'parking', 'route', 'rest'],
})

// ---- 新和平小区: 24 buildings in 4 rows of 6; the 专停泊位 inside its 2 号门 ----
const XHP_PARKING = at(255, 72)
const xhpAnchor = anchorFor(place('p-wl-020'), XHP_PARKING)
const xhpGates: Gate[] = [
  { id: 'g1', name: '1 号门（南门）', at: at(130, 0), riderAllowed: true, hours: ALWAYS, entry: 'scanPass', note: '主入口，扫小哥码' },
  { id: 'g2', name: '2 号门（东门）', at: at(270, 80), riderAllowed: true, hours: daily('06:00', '23:00'), entry: 'register', note: '23:00 后关门' },
  { id: 'g3', name: '3 号门（北门）', at: at(140, 175), riderAllowed: true, hours: daily('07:00', '20:00'), entry: 'intercom', note: null },
]
const xhp = compound('cp-xinheping', {
  name: '新和平小区',
  aliases: ['新和平'],
  communityId: 'c-xinheping',
  communityName: '新和平社区',
  address: '拱墅区文晖街道新和平小区（文晖路北）',
  anchor: xhpAnchor,
  outline: [at(0, 0), at(270, 0), at(270, 175), at(0, 175)],
  gates: xhpGates,
  buildings: buildingsOf({ cols: 6, rows: 4, x0: 25, y0: 28, dx: 44, dy: 40, gateOf: (p) => (p.y > 120 ? 'g3' : p.x > 180 ? 'g2' : 'g1'), floors: (i) => (i % 5 === 0 ? 11 : 6) }, xhpGates),
  parking: [
    { id: 'p1', name: '2 号门内专停泊位', at: XHP_PARKING, capacity: 25, note: '有外卖柜' },
    { id: 'p2', name: '南门外临时泊位', at: at(110, -8), capacity: 15, note: '限停 30 分钟' },
  ],
  lockers: [{ id: 'k1', name: '2 号门外卖柜', at: at(258, 64) }],
  hazards: [{ id: 'h1', text: '8 幢前施工围挡', at: at(95, 60) }],
  friendly: ['passage', 'parking', 'route'],
})

// ---- 文晖新村: 22 buildings, two gates, no rider mark yet ----
const whAnchor = toLngLat(xhpAnchor, at(420, -60))
const whGates: Gate[] = [
  { id: 'g1', name: '1 号门（西门）', at: at(0, 70), riderAllowed: true, hours: ALWAYS, entry: 'register', note: '登记平台和楼号' },
  { id: 'g2', name: '2 号门（北门）', at: at(150, 160), riderAllowed: true, hours: daily('06:30', '21:30'), entry: 'scanPass', note: null },
]
const wh = compound('cp-wenhui-xincun', {
  name: '文晖新村',
  aliases: ['文晖'],
  communityId: 'c-xinheping',
  communityName: '新和平社区',
  address: '拱墅区文晖路 140 号',
  anchor: whAnchor,
  outline: [at(0, 0), at(300, 0), at(300, 160), at(0, 160)],
  gates: whGates,
  buildings: buildingsOf({ cols: 6, rows: 4, x0: 30, y0: 22, dx: 46, dy: 38, skip: ['4', '13'], gateOf: (p) => (p.y > 90 ? 'g2' : 'g1') }, whGates),
  parking: [{ id: 'p1', name: '西门外路边泊位', at: at(-10, 60), capacity: 10, note: null }],
})

export const demoCompounds: CompoundDoc[] = [jz, xhp, wh]

const NAME_PARTS = ['金', '祝', '新', '和', '平', '文', '晖', '德', '胜', '朝', '阳', '西', '溪', '翠', '苑', '嘉', '绿', '古', '荡', '花', '园', '东', '南', '北', '城']
const SUFFIXES = ['新村', '小区', '花园', '苑', '家园', '公寓']

/**
 * `n` compounds of `buildingsEach` buildings each, spread over Hangzhou's centre (for the bench),
 * with random 2–3 character names so the search keys collide as real ones do.
 */
export function generateCompounds(n: number, buildingsEach: number, seed = 16): CompoundDoc[] {
  const rand = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const cols = Math.ceil(Math.sqrt(buildingsEach * 1.6))
  const rows = Math.ceil(buildingsEach / cols)
  return Array.from({ length: n }, (_, i) => {
    const gates: Gate[] = [
      { id: 'g1', name: '1 号门（南门）', at: at(cols * 20, 0), riderAllowed: true, hours: ALWAYS, entry: 'scanPass', note: null },
      { id: 'g2', name: '2 号门（北门）', at: at(cols * 20, rows * 40), riderAllowed: true, hours: daily('06:00', '22:00'), entry: 'register', note: null },
    ]
    const buildings = buildingsOf({ cols, rows, x0: 20, y0: 20, dx: 40, dy: 40, gateOf: (p) => (p.y > rows * 20 ? 'g2' : 'g1') }, gates).slice(0, buildingsEach)
    const name = `${pick(NAME_PARTS)}${pick(NAME_PARTS)}${rand() < 0.5 ? pick(NAME_PARTS) : ''}${pick(SUFFIXES)}`
    return compound(`cp-gen-${i}`, {
      name,
      aliases: [],
      communityId: 'c-xinheping',
      communityName: '新和平社区',
      address: `杭州市某路 ${i} 号`,
      anchor: { longitude: 120.05 + rand() * 0.2, latitude: 30.2 + rand() * 0.15 },
      outline: [at(0, 0), at(cols * 40, 0), at(cols * 40, rows * 40), at(0, rows * 40)],
      gates,
      buildings,
      parking: [{ id: 'p1', name: '南门外泊位', at: at(cols * 20 + 10, -8), capacity: 20, note: null }],
    })
  })
}

/**
 * Rules of 小区通行指引: reading an address as a rider types it, the keys a compound is found by,
 * the gate to use now, where to park, the walk, and how rider flags change what riders are told.
 * Pure: the function and the page share them.
 */
import { hoursState } from '../places/opening-hours'
import { initialsOf } from './pinyin'
import {
  ENTRY_METHOD_LABELS,
  FLAG_LIVE_MS,
  FRIENDLY_ITEM_LABELS,
  type Building,
  type BuildingView,
  type CompoundDoc,
  type CompoundView,
  type FlagKind,
  type FlagTarget,
  type Gate,
  type GateView,
  type Hazard,
  type HazardView,
  type Locker,
  type LockerView,
  type Offset,
  type ParkingSpot,
  type ParkingView,
  type RecentFlag,
  type RouteView,
} from './model'

// ---- reading an address ----

export interface ParsedAddress {
  /** the compound words, normalised (no spaces, lower case): 「金祝新村」「jz」 */
  compound: string
  /** the building number as posted, upper case: 「12」「3A」 */
  building: string | null
  unit: number | null
}

const FULL_WIDTH = /[\uff01-\uff5e]/g
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 「十二」→ 12, 「二十」→ 20, 「三」→ 3 (up to 九十九). */
function chineseNumber(s: string): number | null {
  if (!s) return null
  const ten = s.indexOf('十')
  if (ten < 0) return s.length === 1 && s in CN_DIGITS ? CN_DIGITS[s] : null
  const tens = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)]
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS[s.slice(ten + 1)]
  return tens === undefined || ones === undefined || s.length > 3 ? null : tens * 10 + ones
}

/** Full-width to half-width, lower case, one space between words. */
export const normalise = (text: string): string =>
  text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

/** A compound's words as keys compare them: no spaces or punctuation. */
export const compact = (text: string): string => normalise(text).replace(/[\s·.,，、()（）\-_]/g, '')

const BUILDING_WORD = '(?:幢|栋|号楼|号|座|楼|#)'
const CN_NUM = '[零〇一二两三四五六七八九十]{1,3}'

/**
 * Reads 「金祝新村 12幢2单元」「金祝 12-2」「jzxc12栋」「金祝新村十二幢二单元301」: the compound words, the
 * building and the unit; a room number after them is ignored. Tolerant of 幢/栋/号楼/号/座, a missing
 * unit, full-width digits and spaces anywhere.
 */
export function parseAddress(text: string): ParsedAddress {
  let s = normalise(text)
  // Chinese numerals only where they are a building or a unit (「朝晖九区」 keeps its 九)
  s = s.replace(new RegExp(`(${CN_NUM})(?=\\s*(?:幢|栋|号楼|号|座|单元))`, 'g'), (m) => {
    const n = chineseNumber(m)
    return n === null ? m : String(n)
  })
  const m = new RegExp(`^(.*?)\\s*(\\d{1,4}[a-z]?)\\s*${BUILDING_WORD}?\\s*(?:[-#/]\\s*|\\s+)?(?:(\\d{1,2})(?!\\d)\\s*(?:单元)?)?(?:\\s*[-#/]?\\s*\\d{1,5}\\s*(?:室|号)?)?\\s*$`).exec(s)
  if (!m) return { compound: compact(s), building: null, unit: null }
  const unit = m[3] === undefined ? null : Number(m[3])
  return { compound: compact(m[1]), building: m[2].toUpperCase(), unit: unit && unit > 0 ? unit : null }
}

// ---- search keys ----

/** The shortest key a rider's words are looked up by (one Han character, or two initials). */
const MIN_INITIALS = 2
const MAX_KEY_CHARS = 12

/**
 * What `compounds.searchKeys` holds, written with the compound: the first character and every
 * substring of two characters or more of its name and aliases (「金」「金祝」「祝新」「新村」「金祝新村」 — so
 * 「和平小区」 finds 新和平小区 with no alias), and the prefixes of their pinyin initials from two
 * letters (「jz」「jzx」「jzxc」). A rider's words are then one equality on an indexed array field.
 * A name of 12 characters gives 67 keys; 9 such names (name + 8 aliases) stay under 10 KB.
 */
export function searchKeysOf(name: string, aliases: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const words of [name, ...aliases]) {
    const c = compact(words)
    const chars = Array.from(c).slice(0, MAX_KEY_CHARS)
    if (chars.length) keys.add(chars[0])
    for (let i = 0; i < chars.length; i++) for (let j = i + 2; j <= chars.length; j++) keys.add(chars.slice(i, j).join(''))
    const ini = initialsOf(c).slice(0, MAX_KEY_CHARS)
    for (let i = MIN_INITIALS; i <= ini.length; i++) keys.add(ini.slice(0, i))
  }
  return [...keys]
}

/**
 * The fields a compound's name, aliases and anchor decide, recomputed on every write of them (the
 * compounds function and the demo seed).
 */
export const derivedFields = (c: Pick<CompoundDoc, 'name' | 'aliases' | 'anchor'>): Pick<CompoundDoc, 'searchKeys' | 'nameLength' | 'location'> => ({
  searchKeys: searchKeysOf(c.name, c.aliases),
  nameLength: Math.min(...[c.name, ...c.aliases].map((n) => Array.from(compact(n)).length)),
  location: { type: 'Point', coordinates: [c.anchor.longitude, c.anchor.latitude] },
})

/** The key a rider's compound words are looked up by (the words themselves, cut like the keys). */
export const lookupKey = (compound: string): string => Array.from(compact(compound)).slice(0, MAX_KEY_CHARS).join('')

/**
 * How well a compound answers the words: exact name 3, exact alias 2, a prefix 1 + how much of it
 * (up to 1.9), a substring inside a name 0.5 + how much of it (up to 0.9): 「和平」 puts 和平新苑 before
 * 新和平小区, and 新和平小区 still answers 「和平小区」.
 */
export function matchScore(c: Pick<CompoundDoc, 'name' | 'aliases'>, words: string): number {
  const w = compact(words)
  const names = [c.name, ...c.aliases].map(compact)
  if (names[0] === w) return 3
  if (names.slice(1).includes(w)) return 2
  let prefix = 0
  let inside = 0
  for (const n of names) {
    for (const form of [n, initialsOf(n)]) if (form.startsWith(w)) prefix = Math.max(prefix, w.length / form.length)
    if (n.length > w.length && n.includes(w)) inside = Math.max(inside, w.length / n.length)
  }
  if (prefix > 0) return 1 + prefix * 0.9
  return inside > 0 ? 0.5 + inside * 0.4 : 0
}

// ---- buildings ----

const sameNo = (a: string, b: string) => a.toUpperCase() === b.toUpperCase()

export const findBuilding = (buildings: readonly Building[], no: string): Building | undefined => buildings.find((b) => sameNo(b.no, no))

/** Up to `n` building numbers closest to the one asked for (numerically, then by text). */
export function nearestNumbers(buildings: readonly Pick<Building, 'no'>[], asked: string, n = 3): string[] {
  const num = parseInt(asked, 10)
  const score = (no: string) => {
    const k = parseInt(no, 10)
    const numeric = Number.isNaN(k) || Number.isNaN(num) ? 1000 : Math.abs(k - num)
    return numeric + (no.startsWith(asked) || asked.startsWith(no) ? 0 : 0.5)
  }
  return [...buildings]
    .sort((a, b) => score(a.no) - score(b.no) || a.no.localeCompare(b.no))
    .slice(0, n)
    .map((b) => b.no)
}

export const buildingLabel = (no: string, unit?: number | null): string => `${no} 幢${unit ? ` ${unit} 单元` : ''}`

// ---- live flags ----

/** Whether a recent rider flag, not yet handled, says this about that target. */
export const isFlagged = (flags: readonly RecentFlag[], target: FlagTarget, targetId: string, kind: FlagKind, now: Date): boolean =>
  flags.some((f) => f.target === target && f.targetId === targetId && f.kind === kind && now.getTime() - new Date(f.at).getTime() < FLAG_LIVE_MS)

/** The recent flags left once a worker has handled (fixed or dismissed) the ones on these targets. */
export const withoutFlagsOn = (flags: readonly RecentFlag[], targets: readonly { target: FlagTarget; targetId: string }[]): RecentFlag[] =>
  flags.filter((f) => !targets.some((t) => t.target === f.target && t.targetId === f.targetId))

// ---- gates, parking, route ----

export const distance = (a: Offset, b: Offset): number => Math.hypot(a.x - b.x, a.y - b.y)

export const pathLength = (points: readonly Offset[]): number => points.slice(1).reduce((sum, p, i) => sum + distance(points[i], p), 0)

/** Gate hours as riders read them: 「24 小时」「开放至 22:00」「明天 06:00 开门」. */
function gateHoursLabel(gate: Gate, now: Date): { open: boolean; label: string } {
  const s = hoursState(gate.hours, now)
  return { open: s.open, label: s.label.replace('24 小时营业', '24 小时开放').replace('营业至', '开放至').replace('暂不营业', '暂不开放') }
}

export function gateView(gate: Gate, flags: readonly RecentFlag[], now: Date): GateView {
  const hours = gateHoursLabel(gate, now)
  const flaggedClosed = isFlagged(flags, 'gate', gate.id, 'gateClosed', now)
  return {
    ...gate,
    entryLabel: ENTRY_METHOD_LABELS[gate.entry],
    openNow: hours.open,
    hoursLabel: hours.label,
    flaggedClosed,
    usable: hours.open && gate.riderAllowed && gate.entry !== 'noEntry' && !flaggedClosed,
  }
}

export function compoundView(doc: CompoundDoc, communityName: string, now: Date): CompoundView {
  const flags = doc.recentFlags ?? []
  return {
    id: doc._id,
    name: doc.name,
    aliases: doc.aliases,
    communityId: doc.communityId,
    communityName,
    address: doc.address,
    anchor: doc.anchor,
    outline: doc.outline,
    gates: doc.gates.map((g) => gateView(g, flags, now)),
    buildings: doc.buildings.map((b): BuildingView => ({ ...b, flaggedWrong: isFlagged(flags, 'building', b.id, 'wrongNumber', now) })),
    parking: doc.parking.map((p): ParkingView => ({ ...p, flaggedFull: isFlagged(flags, 'parking', p.id, 'cannotPark', now) })),
    lockers: doc.lockers.map((k): LockerView => ({ ...k, flaggedUnusable: isFlagged(flags, 'locker', k.id, 'lockerUnusable', now) })),
    hazards: doc.hazards.map((h): HazardView => ({ ...h, flaggedNow: isFlagged(flags, 'hazard', h.id, 'hazardNow', now) })),
    friendly: doc.friendly ? { items: doc.friendly.items, labels: doc.friendly.items.map((i) => FRIENDLY_ITEM_LABELS[i]) } : null,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  }
}

/** The gate to use now: the building's own gate when it can be used, else the usable gate nearest the building. */
export function gateFor(view: Pick<CompoundView, 'gates'>, building: Building): GateView | null {
  const usable = view.gates.filter((g) => g.usable)
  const own = usable.find((g) => g.id === building.gateId)
  if (own) return own
  return usable.sort((a, b) => distance(a.at, building.at) - distance(b.at, building.at))[0] ?? null
}

/** When riders can next get in: the rider gate that opens soonest. */
export function nextOpening(view: Pick<CompoundView, 'gates'>): string {
  const riders = view.gates.filter((g) => g.riderAllowed && g.entry !== 'noEntry' && !g.flaggedClosed)
  if (!riders.length) return '这个小区没有对骑手开放的门，请联系收件人到门口取件'
  const g = riders.find((x) => !x.openNow) ?? riders[0]
  return `现在没有可进的门：${g.name} ${g.hoursLabel}`
}

/** Where to park: the spot nearest the gate that no rider flagged full lately (a flagged one only if there is no other). */
export function parkingFor(view: Pick<CompoundView, 'parking'>, gate: Offset): ParkingView | null {
  const byDistance = [...view.parking].sort((a, b) => distance(a.at, gate) - distance(b.at, gate))
  return byDistance.find((p) => !p.flaggedFull) ?? byDistance[0] ?? null
}

/** Offset → GCJ-02 near the anchor (flat approximation over a compound's few hundred metres). */
export function toLngLat(anchor: { longitude: number; latitude: number }, at: Offset): { longitude: number; latitude: number } {
  const R = 6378100
  const rad = Math.PI / 180
  const latitude = anchor.latitude + at.y / R / rad
  const longitude = anchor.longitude + at.x / (R * Math.cos(anchor.latitude * rad)) / rad
  return { longitude: Math.round(longitude * 1e6) / 1e6, latitude: Math.round(latitude * 1e6) / 1e6 }
}

export function routeTo(view: CompoundView, building: Building, unit: number | null): { route: RouteView | null; noGateNow: string | null } {
  const gate = gateFor(view, building)
  if (!gate) return { route: null, noGateNow: nextOpening(view) }
  const points = [gate.at, ...(gate.id === building.gateId ? building.path : []), building.at]
  const metres = Math.round(pathLength(points))
  const spot = parkingFor(view, gate.at)
  const parts = [`从${gate.name}进，${gate.entryLabel}`]
  if (spot) parts.push(`车停${spot.name}${spot.flaggedFull ? '（有骑手反馈停不了）' : ''}`)
  parts.push(`步行约 ${Math.max(10, Math.round(metres / 10) * 10)} 米到 ${buildingLabel(building.no, unit)}`)
  return {
    route: {
      gateId: gate.id,
      parkingId: spot?.id ?? null,
      buildingId: building.id,
      points,
      metres,
      gateLocation: toLngLat(view.anchor, gate.at),
      summary: parts.join('；'),
    },
    noGateNow: null,
  }
}

export interface EditableParts {
  gates: Gate[]
  buildings: Building[]
  parking: ParkingSpot[]
  lockers: Locker[]
  hazards: Hazard[]
}

/** A view's parts as a worker edits and sends them back (the live fields left out). */
export function editableParts(v: Pick<CompoundView, 'gates' | 'buildings' | 'parking' | 'lockers' | 'hazards'>): EditableParts {
  return {
    gates: v.gates.map(({ id, name, at, riderAllowed, hours, entry, note }) => ({ id, name, at, riderAllowed, hours, entry, note })),
    buildings: v.buildings.map(({ id, no, units, at, gateId, path, lift, floors }) => ({ id, no, units, at, gateId, path, lift, floors })),
    parking: v.parking.map(({ id, name, at, capacity, note }) => ({ id, name, at, capacity, note })),
    lockers: v.lockers.map(({ id, name, at }) => ({ id, name, at })),
    hazards: v.hazards.map(({ id, text, at }) => ({ id, text, at })),
  }
}

/** What riders call the target of a flag: 「1 号门（东门）」「12 幢」「东门外专停泊位」「3 号门快递柜」「地库坡道」; undefined if the compound has none with that id. */
export function targetLabel(c: Pick<CompoundDoc, 'gates' | 'buildings' | 'parking' | 'lockers' | 'hazards'>, target: FlagTarget, id: string): string | undefined {
  switch (target) {
    case 'gate':
      return c.gates.find((g) => g.id === id)?.name
    case 'building': {
      const b = c.buildings.find((x) => x.id === id)
      return b && buildingLabel(b.no)
    }
    case 'parking':
      return c.parking.find((p) => p.id === id)?.name
    case 'locker':
      return c.lockers.find((k) => k.id === id)?.name
    case 'hazard':
      return c.hazards.find((h) => h.id === id)?.text
  }
}

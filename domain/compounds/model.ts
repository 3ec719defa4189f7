/**
 * 小区通行指引: a residential compound's gates, buildings, rider parking, lockers and hazards, drawn
 * on the compound's own schematic. Every position is an offset in metres (x east, y north) from the
 * compound's anchor, a GCJ-02 point (the coordinate system WeChat's map and openLocation use), so a
 * worker can enter it by pacing or by tapping on the schematic, and the app draws it without a map.
 */
import type { OpeningHours, WeekInterval } from '../places/opening-hours'
import type { GeoPointDoc } from '../places/model'

/** Metres east (x) and north (y) of the compound's anchor. */
export interface Offset {
  x: number
  y: number
}

/** How a rider gets through a gate. */
export const ENTRY_METHODS = ['scanPass', 'register', 'intercom', 'noEntry'] as const
export type EntryMethod = (typeof ENTRY_METHODS)[number]

export const ENTRY_METHOD_LABELS: Record<EntryMethod, string> = {
  scanPass: '扫小哥码',
  register: '登记',
  intercom: '门禁呼叫',
  noEntry: '不可进入',
}

/** What the guard is shown for each rule on the pass-check page. */
export const ENTRY_METHOD_GUIDE: Record<EntryMethod, string> = {
  scanPass: '核验小哥码有效即可放行',
  register: '核验小哥码后请骑手登记平台与楼号',
  intercom: '请骑手按门禁呼叫住户开门',
  noEntry: '此门不对骑手开放，请引导至其他门',
}

/** 西湖区's 「小哥友好」 compounds: 五专 — dedicated passage, lift, parking, route, and rest spot. */
export const FRIENDLY_ITEMS = ['passage', 'lift', 'parking', 'route', 'rest'] as const
export type FriendlyItem = (typeof FRIENDLY_ITEMS)[number]

export const FRIENDLY_ITEM_LABELS: Record<FriendlyItem, string> = {
  passage: '专用通道',
  lift: '专用电梯',
  parking: '专用停车',
  route: '专送路线',
  rest: '专属歇脚点',
}

export interface Gate {
  /** stable within the compound: g1, g2 … */
  id: string
  /** 「1 号门（东门）」 */
  name: string
  at: Offset
  riderAllowed: boolean
  hours: OpeningHours
  entry: EntryMethod
  note: string | null
}

export interface Building {
  /** stable within the compound: b1, b2 … */
  id: string
  /** the number as posted: 「12」「3A」 */
  no: string
  units: number
  at: Offset
  /** the gate nearest by the compound's paths */
  gateId: string
  /** waypoints from that gate to the building, when the straight line would cross buildings */
  path: Offset[]
  lift: boolean
  floors: number
}

export interface ParkingSpot {
  id: string
  name: string
  at: Offset
  /** e-bike places, when known */
  capacity: number | null
  note: string | null
}

export interface Locker {
  id: string
  name: string
  at: Offset
}

export interface Hazard {
  id: string
  /** 「地库坡道，雨天湿滑」 */
  text: string
  at: Offset
}

/** Rider flags on a gate, a building, a parking spot, a locker or a hazard. */
export const FLAG_TARGETS = ['gate', 'building', 'parking', 'locker', 'hazard'] as const
export type FlagTarget = (typeof FLAG_TARGETS)[number]

export const FLAG_KINDS = ['gateClosed', 'wrongNumber', 'cannotPark', 'lockerUnusable', 'hazardNow'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]

export const FLAG_KIND_LABELS: Record<FlagKind, string> = {
  gateClosed: '这个门关了',
  wrongNumber: '楼号不对',
  cannotPark: '车停不了',
  lockerUnusable: '柜子满了/坏了',
  hazardNow: '坡道积水/施工',
}

/** Which flag goes with which target. */
export const FLAG_KIND_OF: Record<FlagTarget, FlagKind> = { gate: 'gateClosed', building: 'wrongNumber', parking: 'cannotPark', locker: 'lockerUnusable', hazard: 'hazardNow' }

export const FLAG_STATUSES = ['open', 'fixed', 'dismissed'] as const
export type FlagStatus = (typeof FLAG_STATUSES)[number]
export const FLAG_STATUS_LABELS: Record<FlagStatus, string> = { open: '待处理', fixed: '已修正', dismissed: '不需修改' }

/** How long a rider's flag changes what riders are told (unless a worker handles it sooner). */
export const FLAG_LIVE_MS = 6 * 60 * 60 * 1000
/** A rider may flag one target at most once per this window. */
export const FLAG_INTERVAL_MS = 30 * 60 * 1000
/** Flags kept on the compound document as its live summary. */
export const RECENT_FLAGS_KEPT = 10

export interface RecentFlag {
  target: FlagTarget
  targetId: string
  kind: FlagKind
  at: Date
}

/** The `compounds` document. Written only by the compounds function (and the demo seed). */
export interface CompoundDoc {
  _id: string
  name: string
  aliases: string[]
  /** what rider search matches: normalised names, aliases, their pinyin initials and prefixes (written with the document) */
  searchKeys: string[]
  /**
   * characters of its shortest name (name or alias, normalised): search reads the candidates of a
   * key shortest first, so a common substring (「花园」) still reaches the closest names
   */
  nameLength: number
  communityId: string
  /** the community's name when the compound was written (answers need no second read) */
  communityName: string
  address: string
  /** GCJ-02 anchor of the schematic (its 0, 0) */
  anchor: { longitude: number; latitude: number }
  /** the anchor as GeoJSON, for the map's nearby query */
  location: GeoPointDoc
  /** polygon of offsets */
  outline: Offset[]
  gates: Gate[]
  buildings: Building[]
  parking: ParkingSpot[]
  lockers: Locker[]
  hazards: Hazard[]
  friendly: { items: FriendlyItem[] } | null
  recentFlags: RecentFlag[]
  status: 'active' | 'retired'
  createdAt: Date
  updatedAt: Date
  updatedBy: string
}

/** The `compoundFlags` document: one rider flag, in its community worker's queue. */
export interface CompoundFlagDoc {
  _id?: string
  compoundId: string
  compoundName: string
  communityId: string
  target: FlagTarget
  targetId: string
  /** 「1 号门（东门）」「12 幢」「东门外专停泊位」 at the time of the flag */
  targetLabel: string
  kind: FlagKind
  note: string | null
  status: FlagStatus
  userId: string
  at: Date
  handledAt: Date | null
  handledBy: string | null
  /** user|compound|target|30-minute window: unique, so double taps count once */
  rateKey: string
}

/** The `gateEntries` document: entries a guard recorded at one gate on one Shanghai day. Nobody's identity. */
export interface GateEntryDoc {
  /** compoundId|gateId|YYYY-MM-DD */
  _id: string
  compoundId: string
  gateId: string
  communityId: string
  day: string
  count: number
  updatedAt: Date
}

// ---- views ----

export interface GateView extends Gate {
  entryLabel: string
  /** open now by its hours */
  openNow: boolean
  /** 「24 小时」「开放至 22:00」「明天 06:00 开门」 */
  hoursLabel: string
  /** a recent rider flag says it is closed */
  flaggedClosed: boolean
  /** open now, riders allowed, not flagged closed */
  usable: boolean
}

export interface ParkingView extends ParkingSpot {
  flaggedFull: boolean
}

export interface BuildingView extends Building {
  flaggedWrong: boolean
}

export interface LockerView extends Locker {
  /** a recent rider flag says it is full or broken */
  flaggedUnusable: boolean
}

export interface HazardView extends Hazard {
  /** a recent rider flag says it is bad right now (water on the ramp, works) */
  flaggedNow: boolean
}

export interface CompoundView {
  id: string
  name: string
  aliases: string[]
  communityId: string
  communityName: string
  address: string
  anchor: { longitude: number; latitude: number }
  outline: Offset[]
  gates: GateView[]
  buildings: BuildingView[]
  parking: ParkingView[]
  lockers: LockerView[]
  hazards: HazardView[]
  friendly: { items: FriendlyItem[]; labels: string[] } | null
  updatedAt: string
}

/** The way in to one building: gate now, parking, and the walk drawn on the schematic. */
export interface RouteView {
  gateId: string
  parkingId: string | null
  buildingId: string
  /** gate → waypoints → building, offsets */
  points: Offset[]
  /** metres along the points */
  metres: number
  /** the gate's GCJ-02 position, for openLocation */
  gateLocation: { longitude: number; latitude: number }
  /** 「从 2 号门（北门）进，扫小哥码；车停东门外专停泊位；步行约 120 米到 12 幢 2 单元」 */
  summary: string
}

export interface CompoundCandidate {
  id: string
  name: string
  communityName: string
}

export interface SearchResult {
  /** what was understood: 「金祝新村 12 幢 2 单元」 */
  understood: { compound: string; building: string | null; unit: number | null }
  compound: CompoundView | null
  building: BuildingView | null
  unit: number | null
  /** 「没找到 12 幢」 etc. (null when the building was found or none was asked for) */
  problem: string | null
  /** building numbers near the one asked for */
  guesses: string[]
  route: RouteView | null
  /** no gate can be used now: when one opens next */
  noGateNow: string | null
  /** other compounds matching the words */
  others: CompoundCandidate[]
}

export interface NearbyCompound {
  id: string
  name: string
  location: { longitude: number; latitude: number }
  distance: number
  friendly: boolean
  friendlyLabels: string[]
  gatesOpenNow: number
}

export interface FlagView {
  id: string
  compoundId: string
  compoundName: string
  communityId: string
  target: FlagTarget
  targetId: string
  targetLabel: string
  kind: FlagKind
  label: string
  note: string | null
  status: FlagStatus
  at: string
}

export interface ManagedCompound {
  id: string
  name: string
  communityId: string
  buildings: number
  gates: { id: string; name: string; entry: EntryMethod; entryLabel: string; guide: string; riderAllowed: boolean }[]
  openFlags: number
}

export interface EntryResult {
  compoundId: string
  gateId: string
  day: string
  count: number
}

export type { WeekInterval }

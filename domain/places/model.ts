/**
 * Places: stations (驿站), discount canteens, water points, rider parking, friendly merchants,
 * toilets and charging points — one collection, a `kind` field, a GeoJSON location.
 */
import type { OpeningHours, WeekInterval } from './opening-hours'
import type { LngLat } from '../geo'

export const PLACE_KINDS = ['station', 'canteen', 'water', 'parking', 'merchant', 'toilet', 'charging'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]

export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  station: '驿站',
  canteen: '优惠食堂',
  water: '饮水点',
  parking: '专停泊位',
  merchant: '爱心商家',
  toilet: '公厕',
  charging: '充电点',
}

/** A (shopping streets: water, fridge, microwave), B (community centres: meals, nap, toilet, e-bike charging), C (small points). */
export const STATION_LEVELS = ['A', 'B', 'C'] as const
export type StationLevel = (typeof STATION_LEVELS)[number]

export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  A: 'A 级驿站',
  B: 'B 级驿站',
  C: 'C 级驿站',
}

export const AMENITIES = [
  'water',
  'microwave',
  'phoneCharging',
  'ebikeCharging',
  'toilet',
  'seats',
  'airCon',
  'umbrella',
  'firstAid',
  'lockers',
  'wifi',
] as const
export type Amenity = (typeof AMENITIES)[number]

export const AMENITY_LABELS: Record<Amenity, string> = {
  water: '饮水',
  microwave: '热饭/微波炉',
  phoneCharging: '手机充电',
  ebikeCharging: '电动车充电',
  toilet: '厕所',
  seats: '座椅休息',
  airCon: '空调',
  umbrella: '爱心雨伞',
  firstAid: '急救药箱',
  lockers: '存放柜',
  wifi: 'Wi-Fi',
}

/** Short glyphs for the list and detail (text, so they need no image assets). */
export const AMENITY_ICONS: Record<Amenity, string> = {
  water: '💧',
  microwave: '🍱',
  phoneCharging: '🔋',
  ebikeCharging: '⚡',
  toilet: '🚻',
  seats: '🪑',
  airCon: '❄️',
  umbrella: '☂️',
  firstAid: '⛑️',
  lockers: '🗄️',
  wifi: '📶',
}

/** One-tap live status reports. */
export const REPORT_KINDS = ['closed', 'chargerBroken', 'full', 'other'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  closed: '到了却关门',
  chargerBroken: '充电桩坏了',
  full: '已满/没位置',
  other: '其他问题',
}

/** Reports that make a place sink in results for a while. */
export const NEGATIVE_REPORTS: readonly ReportKind[] = ['closed', 'chargerBroken', 'full']
/** How long a negative report keeps a place low in results (and flagged). */
export const REPORT_SINK_MS = 3 * 60 * 60 * 1000
/** How many recent reports the place document keeps as its summary. */
export const RECENT_REPORTS_KEPT = 5
/** A rider may report on one place at most once per this window. */
export const REPORT_INTERVAL_MS = 30 * 60 * 1000

export const PLACE_STATUSES = ['active', 'retired'] as const
export type PlaceStatus = (typeof PLACE_STATUSES)[number]

export interface GeoPointDoc {
  type: 'Point'
  coordinates: [number, number]
}

export interface PlaceContact {
  phone?: string
  person?: string
}

export interface RecentReport {
  kind: ReportKind
  at: Date
  note?: string
}

export interface RecentReportsSummary {
  items: RecentReport[]
  lastNegativeAt: Date | null
  lastNegativeKind: ReportKind | null
}

/** The `places` document. Written only by the places function (and the demo seed). */
export interface PlaceDoc {
  _id: string
  kind: PlaceKind
  name: string
  address: string
  communityId: string
  location: GeoPointDoc
  /** stations only */
  level: StationLevel | null
  amenities: Amenity[]
  hours: OpeningHours
  /** `hours` as merged week-minute intervals (Monday 00:00 Asia/Shanghai = 0): what "open now" queries use */
  openWeekly: WeekInterval[]
  contact: PlaceContact
  /** cloud fileIDs */
  photos: string[]
  /** rider discount (canteens, merchants) */
  discount: string | null
  description: string | null
  status: PlaceStatus
  /** temporarily closed until this instant (null: not closed) */
  closedUntil: Date | null
  closedReason: string | null
  recentReports: RecentReportsSummary
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** The `checkins` document: one per rider, place and Asia/Shanghai day (unique index). */
export interface CheckinDoc {
  _id?: string
  userId: string
  placeId: string
  communityId: string
  /** YYYY-MM-DD in Asia/Shanghai */
  day: string
  at: Date
  /** the place's coordinates (the rider's own fix is not stored) */
  placeLocation: GeoPointDoc
  /** metres between the rider's fix and the place, and the fix's accuracy; null once expired (COORDINATE_RETENTION_DAYS) */
  distance: number | null
  accuracy: number | null
  /** no points ledger yet: what would have been awarded is recorded here */
  pointsAwarded: number
  pendingPoints: number
}

/** The `placeReports` document. */
export interface PlaceReportDoc {
  _id?: string
  placeId: string
  communityId: string
  userId: string
  kind: ReportKind
  note: string | null
  at: Date
  /** user|place|30-minute window: unique, so concurrent double taps count once */
  rateKey: string
}

/** Points a check-in would earn, by kind (recorded as pending until the points ledger exists). */
export const CHECKIN_POINTS: Record<PlaceKind, number> = {
  station: 5,
  canteen: 2,
  water: 1,
  parking: 1,
  merchant: 2,
  toilet: 1,
  charging: 2,
}

export const CHECKIN_MAX_DISTANCE_M = 200
export const CHECKIN_MAX_ACCURACY_M = 100
export const CHECKIN_MAX_FIX_AGE_MS = 2 * 60 * 1000
/** tolerated clock difference between phone and server for "not in the future" */
export const CHECKIN_CLOCK_SKEW_MS = 5 * 1000
export const CHECKIN_MAX_SPEED_KMH = 120

// ---- views (what the functions answer) ----

/** What names and locates a place: the head of both the list row and the detail. */
export interface PlaceHead {
  id: string
  name: string
  kind: PlaceKind
  level: StationLevel | null
  address: string
  /** [longitude, latitude] */
  location: [number, number]
}

/** One row of the nearby list: list fields only, so 20 rows stay far under 10 KB. */
export interface PlaceListItem extends PlaceHead {
  /** metres, rounded */
  distance: number
  amenities: Amenity[]
  openNow: boolean
  /** e.g. 「24 小时」「营业至 22:00」「明天 07:00 开门」「暂停营业至 10月8日」 */
  hoursLabel: string
  discount: string | null
  /** latest negative live report within REPORT_SINK_MS (the place sinks in the list) */
  alert: ReportKind | null
}

export interface NearbyCursor {
  /** metres: the next page starts at this distance */
  distance: number
  /** ids already shown at the boundary */
  ids: string[]
}

export interface NearbyResult {
  items: PlaceListItem[]
  next: NearbyCursor | null
  /** where the distances are measured from: the position asked, else the district's home (none set up: null, no items) */
  centre: LngLat | null
  /** server time the answer was computed at (ISO) */
  at: string
}

export interface RecentReportView {
  kind: ReportKind
  label: string
  at: string
  note?: string
}

export interface PlaceDetail extends PlaceHead {
  communityId: string
  amenities: Amenity[]
  hours: OpeningHours
  openNow: boolean
  hoursLabel: string
  contact: PlaceContact
  photos: string[]
  /** temporary https URLs of `photos`, same order ('' where the file is missing); filled by `detail` only */
  photoUrls: string[]
  discount: string | null
  description: string | null
  status: PlaceStatus
  closedUntil: string | null
  closedReason: string | null
  recentReports: RecentReportView[]
  alert: ReportKind | null
  pendingPoints: number
}

export interface CheckInResult {
  id: string
  placeId: string
  day: string
  distance: number
  pointsAwarded: number
  pendingPoints: number
  message: string
}

export interface ReportResult {
  recentReports: RecentReportView[]
}

export interface ManagedPlaceItem {
  id: string
  name: string
  kind: PlaceKind
  level: StationLevel | null
  communityId: string
  address: string
  status: PlaceStatus
  openNow: boolean
  hoursLabel: string
  closedUntil: string | null
  closedReason: string | null
  checkins7d: number
  checkins30d: number
  recentReports: RecentReportView[]
}

export interface CommunityOption {
  id: string
  name: string
}

export interface ManagedPlacesResult {
  items: ManagedPlaceItem[]
  /** the communities the caller manages (all of them for admins), for the create form */
  communities: CommunityOption[]
  totals: { places: number; checkins7d: number; checkins30d: number; alerts: number }
}

export interface StaffReportView {
  id: string
  kind: ReportKind
  label: string
  note: string | null
  at: string
}

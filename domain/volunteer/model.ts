/**
 * Volunteer activities (平安骑士巡逻, 助老专送, 文明宣传, 应急, 骑士学院课程) and riders' sign-ups.
 *
 * Capacity is kept in counters on the activity document itself (`seq`, `signedUp`, `waitlisted`),
 * read and updated in the same transaction that inserts a sign-up, so concurrent sign-ups serialize
 * on that one document and `count()` is never needed. A sign-up's `_id` is `<activityId>_<openid>`
 * (and `signups` has a unique index on activityId + userId): one rider, one sign-up per activity.
 */

export const ACTIVITY_TYPES = ['patrol', 'elderly', 'civic', 'emergency', 'course'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  patrol: '巡逻',
  elderly: '助老',
  civic: '文明宣传',
  emergency: '应急',
  course: '课程',
}

export const ACTIVITY_STATUSES = ['open', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

export const SIGNUP_STATUSES = ['signedUp', 'waitlisted', 'cancelled', 'noShow', 'activityCancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  signedUp: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  noShow: '缺席',
  activityCancelled: '活动已取消',
}

/** Statuses that hold the rider's time (used by the overlap check). */
export const ACTIVE_SIGNUP_STATUSES: readonly SignupStatus[] = ['signedUp', 'waitlisted']

export interface GeoPoint {
  type: 'Point'
  coordinates: [number, number]
}

/** The `activities` document. Written only by the volunteer function. */
export interface ActivityDoc {
  _id: string
  type: ActivityType
  title: string
  description: string
  communityId: string
  /** a place of the map (its name, address and coordinates are copied here) or a free address */
  placeId: string | null
  placeName: string
  address: string
  location: GeoPoint
  startAt: Date
  endAt: Date
  capacity: number
  signupDeadline: Date
  cancelDeadline: Date
  verifiedOnly: boolean
  /** points per counted hour (absent on activities created before it existed: the earn rule's rate) */
  pointsPerHour?: number
  status: ActivityStatus
  cancelReason: string | null
  // ---- counters, changed only inside transactions ----
  /** arrival counter: every sign-up takes the next number (waitlist order) */
  seq: number
  /** sign-ups holding a place (signed up, incl. checked in / out / no-show) */
  signedUp: number
  /** sign-ups on the waitlist */
  waitlisted: number
  // ----
  /** the day-before reminder went out */
  remindedAt: Date | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** The `signups` document, `_id` = `<activityId>_<openid>`. */
export interface SignupDoc {
  _id: string
  activityId: string
  userId: string
  /** the rider's nickname when they signed up (roster, CSV) */
  nickname: string
  /** copied from the activity: what the overlap check and the rider's record query */
  communityId: string
  type: ActivityType
  title: string
  startAt: Date
  endAt: Date
  status: SignupStatus
  /** arrival number on the activity (waitlist order) */
  seq: number
  signedUpAt: Date
  /** moved from the waitlist to a place */
  promotedAt: Date | null
  cancelledAt: Date | null
  /** cancelled after the activity's cancellation deadline */
  lateCancel: boolean
  checkedInAt: Date | null
  checkedOutAt: Date | null
  /** minutes inside the activity's time between check-in and check-out */
  attendedMinutes: number
  /** attended ≥ 60% of the activity: hours count */
  counted: boolean
  /** service minutes credited (attendedMinutes when counted, else 0) */
  serviceMinutes: number
  /** points credited through the ledger on check-out (null: not yet) */
  pointsAwarded: number | null
  updatedAt: Date
}

// ---- views ----

export type MySignupState = SignupStatus | null

export interface ActivityListItem {
  id: string
  type: ActivityType
  title: string
  communityId: string
  placeName: string
  startAt: string
  endAt: string
  /** YYYY-MM-DD (Asia/Shanghai) of the start, for grouping by date */
  day: string
  capacity: number
  placesLeft: number
  waitlisted: number
  verifiedOnly: boolean
  /** sign-up still open (before the deadline, not cancelled) */
  signupOpen: boolean
  status: ActivityStatus
  /** the caller's own sign-up state on this activity */
  mine: MySignupState
}

export interface ActivityListResult {
  items: ActivityListItem[]
  at: string
}

export interface ActivityDetail extends ActivityListItem {
  description: string
  address: string
  location: [number, number]
  signupDeadline: string
  cancelDeadline: string
  cancelReason: string | null
  /** what check-out earns, in words */
  pointsRule: string
  /** points per counted hour (courses earn a fixed amount instead) */
  pointsPerHour: number
  my: MySignupView | null
}

export interface MySignupView {
  id: string
  status: SignupStatus
  /** 1-based, waitlisted only */
  waitlistPosition: number | null
  lateCancel: boolean
  checkedInAt: string | null
  checkedOutAt: string | null
  hours: number
  counted: boolean
  pointsAwarded: number | null
}

export interface SignUpResult {
  id: string
  status: 'signedUp' | 'waitlisted'
  /** 1-based place in the waitlist (waitlisted only) */
  waitlistPosition: number | null
  placesLeft: number
  message: string
}

export interface CancelSignupResult {
  status: 'cancelled'
  lateCancel: boolean
  /** the rider moved from the waitlist to the freed place, if any */
  promoted: boolean
  message: string
}

export interface CheckInOutResult {
  status: 'checkedIn' | 'checkedOut'
  at: string
  /** check-out only */
  attendedMinutes?: number
  hours?: number
  counted?: boolean
  pointsAwarded?: number | null
  message: string
}

export interface RosterRow {
  signupId: string
  nickname: string
  status: SignupStatus
  seq: number
  signedUpAt: string
  promotedAt: string | null
  lateCancel: boolean
  checkedInAt: string | null
  checkedOutAt: string | null
  hours: number
  counted: boolean
  pointsAwarded: number | null
}

export interface RosterResult {
  activity: ActivityDetail
  rows: RosterRow[]
  totals: { signedUp: number; waitlisted: number; checkedIn: number; checkedOut: number; noShow: number; cancelled: number; hours: number }
}

export interface RosterCsv {
  filename: string
  /** UTF-8 with BOM so spreadsheet programs show the Chinese right */
  csv: string
}

export interface CheckinCodeView {
  activityId: string
  code: string
  /** what the QR code encodes */
  qr: string
  /** the code stops being accepted at (ISO); show the next one before */
  validUntil: string
  /** when to fetch the next code (ISO) */
  refreshAt: string
}

export interface RecordItem {
  activityId: string
  type: ActivityType
  title: string
  startAt: string
  status: SignupStatus
  hours: number
  counted: boolean
  pointsAwarded: number | null
}

export interface ServiceRecord {
  nickname: string
  totalHours: number
  /** activities whose hours counted */
  activities: number
  lateCancels: number
  noShows: number
  points: number
  items: RecordItem[]
}

export interface CertificateData {
  name: string
  totalHours: number
  activities: { title: string; type: ActivityType; day: string; hours: number }[]
  issuer: string
  issuedOn: string
  /** serial for the paper/image copy: derived from the user and the issue day */
  serial: string
}

export interface ManagedActivitiesResult {
  items: ActivityListItem[]
}

export interface CancelActivityResult {
  id: string
  status: 'cancelled'
  notified: number
}

export interface NoShowResult {
  marked: number
}

export interface ReminderRunResult {
  at: string
  activities: number
  sent: number
  failed: number
}

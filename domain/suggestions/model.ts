/**
 * 微事我言: riders' suggestions and hazard reports, answered by community workers in a closed loop
 * (12345: 受理 → 办理 → 回复 → 办结 → 回访 → 评价; FixMyStreet / Open311 states). One `suggestions`
 * document per report, with its whole timeline, so a detail is one read.
 */

export const SUGGESTION_CATEGORIES = ['safety', 'traffic', 'sanitation', 'parking', 'facility', 'access', 'policy', 'other'] as const
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number]

export const SUGGESTION_CATEGORY_LABELS: Record<SuggestionCategory, string> = {
  safety: '安全隐患',
  traffic: '交通秩序',
  sanitation: '环境卫生',
  parking: '停车充电',
  facility: '设施损坏',
  access: '小区通行',
  policy: '政策建议',
  other: '其他',
}

export const SUGGESTION_STATUSES = ['submitted', 'accepted', 'inProgress', 'resolved', 'notResponsible', 'duplicate', 'closed'] as const
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number]

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  inProgress: '办理中',
  resolved: '已办结',
  notResponsible: '非本社区职责',
  duplicate: '重复反映',
  closed: '已评价',
}

/** States in which the community still owes an answer (deadline runs, overdue is possible). */
export const OPEN_STATUSES: readonly SuggestionStatus[] = ['submitted', 'accepted', 'inProgress']
/** States shown on the public board (anonymised). */
export const BOARD_STATUSES: readonly SuggestionStatus[] = ['accepted', 'inProgress', 'resolved', 'closed']

/** Limits. */
export const MAX_TEXT = 500
export const MAX_PHOTOS = 6
export const DAILY_LIMIT = 10
export const SIMILAR_RADIUS_M = 50
export const REOPEN_WINDOW_DAYS = 7
export const MAX_JOINERS = 200
/** Where a community is derived from: the community of the nearest place within this distance. */
export const DERIVE_RADIUS_M = 3000

export type EventType =
  | 'submitted'
  | 'accepted'
  | 'started'
  | 'transferred'
  | 'replied'
  | 'resolved'
  | 'notResponsible'
  | 'duplicate'
  | 'reopened'
  | 'confirmed'
  | 'released'

/** One step of the timeline. `held` texts passed msgSecCheck with `review`: staff and the author only. */
export interface SuggestionEvent {
  id: string
  type: EventType
  at: Date
  /** who acted */
  by: 'reporter' | 'staff'
  actorId: string
  /** staff display name (riders are never named to others) */
  actorName: string | null
  note: string | null
  held: boolean
  photos: string[]
  from: SuggestionStatus | null
  to: SuggestionStatus | null
  /** transfers */
  fromCommunityId?: string
  toCommunityId?: string
  /** duplicate */
  duplicateOf?: string
  rating?: number
}

/** The `suggestions` document. */
export interface SuggestionDoc {
  _id: string
  category: SuggestionCategory
  text: string
  /** msgSecCheck said `review`: hidden from everybody but the reporter and staff until a worker accepts it */
  textHeld: boolean
  /** private cloud fileIDs; public only once a worker has reviewed them (accepted the report) */
  photos: string[]
  photosReviewed: boolean
  location: { type: 'Point'; coordinates: [number, number] }
  address: string | null
  /** the location was rounded to about 1 km after COORDINATE_RETENTION_DAYS (settled reports) */
  locationCoarse?: boolean
  communityId: string
  /** the community derived from the location (nearest place); null when none was near */
  derivedCommunityId: string | null
  reporterId: string
  /** the reporter's nickname when reporting, for staff only */
  reporterName: string | null
  /** anonymous to the public by default; staff always know who reported */
  anonymous: boolean
  status: SuggestionStatus
  joiners: string[]
  joinCount: number
  createdAt: Date
  updatedAt: Date
  /** when the community must have answered (resolved / not responsible / duplicate) */
  dueAt: Date
  acceptedAt: Date | null
  firstResponseAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  duplicateOf: string | null
  rating: number | null
  reopenCount: number
  /** Asia/Shanghai day of submission and the rider's quota slot `${reporterId}|${day}|${n}` (unique) */
  day: string
  quotaKey: string
  points: { awarded: number; at: Date } | null
  timeline: SuggestionEvent[]
}

// ---- views ----

export interface TimelineView {
  id: string
  type: EventType
  at: string
  by: 'reporter' | 'staff'
  actorName: string | null
  note: string | null
  /** only the author and staff see held texts; they see this flag */
  held: boolean
  photoUrls: string[]
  from: SuggestionStatus | null
  to: SuggestionStatus | null
  toCommunityName?: string
  duplicateOf?: string
  rating?: number
}

export type Viewer = 'reporter' | 'joiner' | 'staff' | 'public'

export interface SuggestionView {
  id: string
  category: SuggestionCategory
  categoryLabel: string
  /** null when held for review and the viewer is neither the reporter nor staff */
  text: string | null
  textHeld: boolean
  photoUrls: string[]
  location: [number, number]
  address: string | null
  communityId: string
  communityName: string
  status: SuggestionStatus
  statusLabel: string
  joinCount: number
  createdAt: string
  dueAt: string
  overdue: boolean
  resolvedAt: string | null
  duplicateOf: string | null
  rating: number | null
  timeline: TimelineView[]
  viewer: Viewer
  /** the reporter: confirm/rate or reopen now possible */
  canConfirm: boolean
  canReopen: boolean
  reopenUntil: string | null
  canMeToo: boolean
  /** staff only: who reported (nickname) and whether the report is anonymous to the public */
  reporterName?: string | null
  anonymous?: boolean
  pendingPoints?: number
  pointsAwarded?: number | null
}

export interface SuggestionListItem {
  id: string
  category: SuggestionCategory
  categoryLabel: string
  excerpt: string | null
  status: SuggestionStatus
  statusLabel: string
  location: [number, number]
  communityId: string
  communityName: string
  joinCount: number
  createdAt: string
  dueAt: string
  overdue: boolean
  /** mine: reported or joined */
  relation?: 'reported' | 'joined'
  textHeld?: boolean
}

export interface SimilarItem extends SuggestionListItem {
  distance: number
  joined: boolean
  mine: boolean
}

export interface CommunityRef {
  id: string
  name: string
}

export interface SimilarResult {
  items: SimilarItem[]
  /** the community derived from the location, if any place is near (the app lists the others from user.settings) */
  derived: CommunityRef | null
}

export interface MeTooResult {
  joinCount: number
}

export interface ListResult {
  items: SuggestionListItem[]
}

/** The public board of one community (the app switches boards with the communities of user.settings). */
export type BoardResult = ListResult

export interface SuggestionStats {
  communityIds: string[]
  total: number
  byStatus: Record<SuggestionStatus, number>
  byCategory: Record<SuggestionCategory, number>
  overdue: number
  /** hours; null without data */
  medianFirstResponseHours: number | null
  medianResolutionHours: number | null
  satisfaction: { count: number; average: number | null; satisfiedShare: number | null }
}

import type { LngLat } from '../geo'
import type { PassResult } from './pass'
import type { Platform, RiderRole, Role, VerificationStatus } from '../user/model'

/** A community of the district (`communities` collection). */
export interface CommunityDoc {
  _id: string
  name: string
  street: string
  district: string
  /**
   * A point the map can centre on for this community (its service centre, a square; GCJ-02). The
   * oldest community's is where the map opens when a rider shares no location.
   */
  centre?: LngLat | null
  createdAt?: Date
  createdBy?: string
  /** the last edit by an admin (admin.updateCommunity) */
  updatedAt?: Date
}

export interface CommunityView {
  id: string
  name: string
  street: string
  district: string
  centre: LngLat | null
}

/** `identity.myStatus`: the rider's own verification (their own data, so unmasked but the phone). */
export interface MyVerificationView {
  status: VerificationStatus
  realName: string | null
  platform: Platform | null
  riderRole: RiderRole | null
  station: string | null
  platformRiderId: string | null
  communityId: string | null
  communityName: string | null
  phoneMasked: string | null
  hasBadgePhoto: boolean
  submittedAt: string | null
  reviewedAt: string | null
  rejectReason: string | null
  /** may send an application now (unverified or rejected) */
  canApply: boolean
  /** where the app uploads the badge photo (`badges/<openid>`; the function refuses photos elsewhere) */
  uploadDir: string
}

/** One application in a worker's queue: masked, photo only through `badgeUrl`. */
export interface QueueItem {
  riderId: string
  realNameMasked: string
  phoneMasked: string
  platform: Platform
  riderRole: RiderRole
  station: string
  platformRiderId: string | null
  communityId: string
  communityName: string
  hasBadgePhoto: boolean
  submittedAt: string
  /** a re-application after a rejection */
  previouslyRejected: boolean
}

export interface ReviewResult {
  riderId: string
  status: VerificationStatus
  /** whether the subscribe message reached WeChat (the rider may not have subscribed) */
  notified: boolean
}

/** `identity.issuePass` */
export interface PassView {
  token: string
  /** ISO time after which the pass is refused */
  expiresAt: string
  /** server time when issued, so the app can correct its clock for the countdown */
  issuedAt: string
  refreshAfterMs: number
  realNameMasked: string
  platform: Platform
  riderRole: RiderRole
  communityName: string | null
}

/** `identity.verifyPass`: the outcome and, for a known rider, who it is (masked). */
export interface VerifyPassView {
  result: PassResult
  /** a person-readable explanation */
  message: string
  realNameMasked: string | null
  platform: Platform | null
  riderRole: RiderRole | null
  communityName: string | null
  /** when a signed pass expires/expired */
  expiresAt: string | null
  checkedAt: string
  /**
   * The rider's id, only for staff of the rider's community (workers there, admins): what they act
   * on when the rider asks in person, e.g. 代为申请注销 (`user.requestDeletionFor`). Null for others.
   */
  staffRiderId: string | null
}

/** `passChecks`: every verification of a pass, whatever its outcome. */
export interface PassCheckDoc {
  _id?: string
  at: Date
  /** openid of whoever scanned */
  checker: string
  checkerRoles: Role[]
  /** from the token, when it parsed */
  riderId: string | null
  result: PassResult
  requestId: string
}

/** What staff did with personal data (`auditLog`): every view or decision, append-only. */
export const AUDIT_ACTIONS = [
  'identity.queue',
  'identity.badgeUrl',
  'identity.approve',
  'identity.reject',
  'identity.revoke',
  'admin.grantRole',
  'admin.revokeRole',
  'admin.redeemInvite',
  'admin.updateCommunity',
  'user.requestDeletionFor',
  'compounds.create',
  'compounds.update',
  'compounds.dismissFlag',
  'merchant.suspend',
  'merchant.reinstate',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditLogEntry {
  _id?: string
  at: Date
  /** openid of the staff member */
  actor: string
  actorRoles: Role[]
  action: AuditAction
  /** openid of the person whose data was viewed or changed (null for a list view: see subjects) */
  subject: string | null
  /** a list view (identity.queue): the openids of everyone on the page, one entry per page */
  subjects?: string[]
  /** the rider id shown to staff, when there is one */
  riderId?: string | null
  /** a list view: the rider ids shown, in the order of subjects */
  riderIds?: (string | null)[]
  communityId?: string | null
  /** which personal fields were shown (e.g. phoneMasked, realNameMasked, badgePhoto) */
  fields: string[]
  detail?: string | null
  requestId: string
}

/** The roles an admin can grant. */
export const GRANTABLE_ROLES = ['worker', 'admin'] as const
export type GrantableRole = (typeof GRANTABLE_ROLES)[number]

/** `invites`: a one-time code that grants a role to whoever redeems it. `_id` = code. */
export interface InviteDoc {
  _id: string
  code: string
  kind: GrantableRole
  communityIds: string[]
  note: string | null
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
}

export interface InviteView {
  code: string
  kind: GrantableRole
  communityIds: string[]
  note: string | null
  expiresAt: string
  used: boolean
}

export interface StaffView {
  /** openid: admins grant and revoke by it */
  userId: string
  nickname: string
  roles: Role[]
  workerCommunityIds: string[]
  communityNames: string[]
}

export interface RedeemResult {
  roles: Role[]
  workerCommunityIds: string[]
}

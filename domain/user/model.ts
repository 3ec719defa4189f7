export const ROLES = ['rider', 'worker', 'merchant', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  rider: '骑手',
  worker: '社区工作者',
  merchant: '爱心商家',
  admin: '管理员',
}

export type VerificationStatus = 'unverified' | 'pending' | 'verified' | 'rejected'

export const VERIFICATION_LABELS: Record<VerificationStatus, string> = {
  unverified: '未认证',
  pending: '审核中',
  verified: '已认证',
  rejected: '已驳回',
}

/** Delivery platforms a rider can name (the seeds: 小哥码 connects 美团, 饿了么 and four more). */
export const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', '闪送', 'UU跑腿', '达达', '其他'] as const
export type Platform = (typeof PLATFORMS)[number]

/** What kind of work a rider does (their "role" on the form; not an app Role). */
export const RIDER_ROLES = ['外卖', '快递', '跑腿', '网约车'] as const
export type RiderRole = (typeof RIDER_ROLES)[number]

/**
 * A rider's verification, kept on their users document. Minimal on purpose: no ID-card number, no
 * face; the phone only masked (the full number, from the getPhoneNumber code flow, is never stored);
 * the badge photo private in storage, shown to staff only through short-lived temp URLs.
 */
export interface Verification {
  status: VerificationStatus
  /** opaque, random id of the rider used in passes and by staff (never the openid); set on first apply */
  riderId?: string
  realName?: string
  platform?: Platform
  riderRole?: RiderRole
  /** station or company name */
  station?: string
  /** the rider's id on the platform (optional) */
  platformRiderId?: string | null
  communityId?: string
  /** private cloud fileID of the work badge / app profile screenshot; null once deleted */
  badgePhoto?: string | null
  /** 138****1234: all the app keeps of the phone number */
  phoneMasked?: string
  submittedAt?: Date
  reviewedAt?: Date | null
  /** openid of the staff member who decided */
  reviewedBy?: string | null
  rejectReason?: string | null
  /**
   * Bumped whenever the verification stops being valid (revoked, identity fields changed): a pass
   * carries the version it was issued under, so older passes fail as "revoked".
   */
  passVersion?: number
}

/** The `users` document, keyed by openid (`_id` = openid). Written only by cloud functions. */
export interface UserDoc {
  _id: string
  nickname: string
  roles: Role[]
  /** communities a worker serves (the scope of their role) */
  workerCommunityIds: string[]
  verification: Verification
  createdAt: Date
  updatedAt: Date
}

/** The caller's own verification as 我的 shows it (masked where staff would see it masked too). */
export interface MeVerification {
  status: VerificationStatus
  platform?: Platform
  riderRole?: RiderRole
  communityId?: string
  communityName?: string
  phoneMasked?: string
  /** *小明 */
  realNameMasked?: string
  rejectReason?: string | null
}

/** What `user.me` answers: the caller's own profile, never another user's. */
export interface MeView {
  nickname: string
  roles: Role[]
  workerCommunityIds: string[]
  verification: MeVerification
  /** true the first time this user called any function */
  isNew: boolean
  createdAt: string
}

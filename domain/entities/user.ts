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

/** The `users` document, keyed by openid (`_id` = openid). Written only by cloud functions. */
export interface UserDoc {
  _id: string
  nickname: string
  roles: Role[]
  /** communities a worker serves (the scope of their role) */
  workerCommunityIds: string[]
  verification: { status: VerificationStatus }
  createdAt: Date
  updatedAt: Date
}

/** What `user.me` answers: the caller's own profile, never another user's. */
export interface MeView {
  nickname: string
  roles: Role[]
  workerCommunityIds: string[]
  verification: { status: VerificationStatus }
  /** true the first time this user called any function */
  isNew: boolean
  createdAt: string
}

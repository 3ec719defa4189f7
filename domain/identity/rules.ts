import type { Verification, VerificationStatus } from '../user/model'

/**
 * The verification life cycle:
 *   unverified ─apply→ pending ─approve→ verified
 *                        └──reject→ rejected ─apply→ pending
 *   verified ─revoke / identity fields changed→ rejected / pending
 * A second application while one is pending is refused.
 */
export const TRANSITIONS: Record<VerificationStatus, readonly VerificationStatus[]> = {
  unverified: ['pending'],
  pending: ['verified', 'rejected'],
  verified: ['pending', 'rejected'],
  rejected: ['pending'],
}

export const canTransition = (from: VerificationStatus, to: VerificationStatus): boolean => TRANSITIONS[from].includes(to)

/** Whether the rider may send (again) a verification application. */
export const canApply = (status: VerificationStatus): boolean => canTransition(status, 'pending') && status !== 'verified'

/**
 * Fields that identify the rider: changing any of them on a verified (or pending) profile sends it
 * back to review. `station` and `nickname` are not among them.
 */
export const IDENTITY_FIELDS = ['realName', 'platform', 'riderRole', 'platformRiderId', 'communityId', 'badgePhoto'] as const
export type IdentityField = (typeof IDENTITY_FIELDS)[number]

/** The identity fields of `patch` whose value differs from the current verification. */
export function changedIdentityFields(current: Verification, patch: Partial<Record<IdentityField, unknown>>): IdentityField[] {
  return IDENTITY_FIELDS.filter((f) => f in patch && patch[f] !== undefined && (patch[f] ?? null) !== (current[f] ?? null))
}

/** Badge photos are deleted this long after the review decision (security item 5). */
export const BADGE_RETENTION_DAYS = 30

/** Invite codes: unambiguous letters and digits; valid for a week, used once. */
export const INVITE_CODE_RE = /^[A-HJ-NP-Z2-9]{8}$/
export const INVITE_TTL_DAYS = 7

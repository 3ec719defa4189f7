import type { CommunityDoc } from '../../../../domain/entities/identity'
import type { MeVerification, MeView, UserDoc } from '../../../../domain/entities/user'
import { maskName } from '../../../../domain/privacy'
import { defineAction } from '../../../../server/router'
import { loadOrCreateCaller } from '../../../../server/caller'
import { findById } from '../../../../server/db'
import { COMMUNITIES } from '../../../../server/collections'

/** What 我的 shows of the verification: status, platform, community, the phone and name masked. */
export function toMeVerification(v: UserDoc['verification'], communityName: string | null): MeVerification {
  const out: MeVerification = { status: v.status }
  if (v.platform) out.platform = v.platform
  if (v.riderRole) out.riderRole = v.riderRole
  if (v.communityId) out.communityId = v.communityId
  if (communityName) out.communityName = communityName
  if (v.phoneMasked) out.phoneMasked = v.phoneMasked
  if (v.realName) out.realNameMasked = maskName(v.realName)
  if (v.status === 'rejected') out.rejectReason = v.rejectReason ?? null
  return out
}

export const toMeView = (doc: UserDoc, isNew: boolean, communityName: string | null = null): MeView => ({
  nickname: doc.nickname,
  roles: doc.roles,
  workerCommunityIds: doc.workerCommunityIds,
  verification: toMeVerification(doc.verification, communityName),
  isNew,
  createdAt: new Date(doc.createdAt).toISOString(),
})

/** Returns the caller's profile, creating the users document on the caller's first call to any function. */
export const me = defineAction('user', 'me', {
  access: 'any',
  async handler(_input, ctx) {
    const { user, created } = await loadOrCreateCaller(ctx)
    const cid = user.verification.communityId
    const community = cid ? await findById<CommunityDoc>(ctx.db, COMMUNITIES, cid) : null
    return toMeView(user, created, community?.name ?? null)
  },
})

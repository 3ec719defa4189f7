import type { CommunityDoc } from '../../../../domain/entities/identity'
import type { MeVerification, MeView, UserDoc } from '../../../../domain/entities/user'
import { maskName } from '../../../../domain/privacy'
import { defineAction } from '../../../../server/router'
import type { ActionContext } from '../../../../server/context'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { findById } from '../../../../server/db'

/** A stable, non-identifying default name until the rider sets their own. */
export const defaultNickname = (openid: string) => `小哥${openid.replace(/[^A-Za-z0-9]/g, '').slice(-4).toUpperCase()}`

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

const findUser = (ctx: ActionContext) => findById<UserDoc>(ctx.db, 'users', ctx.openid)

/**
 * Returns the caller's profile, creating the users document on the first call. Two first calls
 * racing both try to insert under the same `_id`; the loser reads the winner's document.
 */
export const me = defineAction('user', 'me', {
  access: 'any',
  async handler(_input, ctx) {
    const existing = await findUser(ctx)
    if (existing) {
      const cid = existing.verification.communityId
      const community = cid ? await findById<CommunityDoc>(ctx.db, 'communities', cid) : null
      return toMeView(existing, false, community?.name ?? null)
    }

    const now = ctx.now()
    const doc: UserDoc = {
      _id: ctx.openid,
      nickname: defaultNickname(ctx.openid),
      roles: ['rider'],
      workerCommunityIds: [],
      verification: { status: 'unverified' },
      createdAt: now,
      updatedAt: now,
    }
    try {
      await ctx.db.collection('users').add({ data: doc })
      return toMeView(doc, true)
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      const winner = await findUser(ctx)
      if (!winner) throw err
      return toMeView(winner, false)
    }
  },
})

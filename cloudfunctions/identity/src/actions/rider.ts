import type { Verification } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { changedIdentityFields } from '../../../../domain/identity/rules'
import { callerInTx } from '../../../../server/caller'
import { defineAction } from '../../../../server/router'
import type { ActionContext } from '../../../../server/context'
import { runTx } from '../../../../server/tx'
import { mirrorVerifiedInTx } from '../../../../server/ledger'
import {
  communityById,
  deleteFiles,
  maskedPhoneFromCode,
  newRiderId,
  requireOwnBadge,
  toMyView,
} from '../store'
import { USERS } from '../../../../server/collections'

function refuseApplication(status: Verification['status']): never {
  if (status === 'pending') throw new AppError('CONFLICT', '你的认证申请正在审核中，请耐心等待，无需重复提交')
  throw new AppError('CONFLICT', '你已通过认证；如需修改资料，请在「身份认证」页编辑')
}

async function requireCommunity(ctx: ActionContext, id: string) {
  const c = await communityById(ctx.db, id)
  if (!c) throw new AppError('VALIDATION', '找不到这个社区，请重新选择', { field: 'communityId' })
  return c
}

/**
 * A rider sends the verification form: unverified or rejected → pending. The phone comes only from
 * the getPhoneNumber code (kept masked); the photo must be in the caller's own upload folder. The
 * status is checked again inside the transaction, so two quick taps make one application.
 */
export const apply = defineAction('identity', 'apply', {
  access: 'rider',
  async handler(input, ctx) {
    const status = ctx.user!.verification.status
    if (status === 'pending' || status === 'verified') refuseApplication(status)
    await requireOwnBadge(ctx.openid, input.badgePhoto)
    const community = await requireCommunity(ctx, input.communityId)
    const phoneMasked = await maskedPhoneFromCode(input.phoneCode)
    const now = ctx.now()
    const _ = ctx.db.command
    const { before, after } = await runTx(ctx.db, async (t) => {
      const u = await callerInTx(t, ctx.openid)
      const prev = u.verification
      if (prev.status === 'pending' || prev.status === 'verified') refuseApplication(prev.status)
      const verification: Verification = {
        status: 'pending',
        riderId: prev.riderId ?? newRiderId(),
        realName: input.realName,
        platform: input.platform,
        riderRole: input.riderRole,
        station: input.station,
        platformRiderId: input.platformRiderId,
        communityId: input.communityId,
        badgePhoto: input.badgePhoto,
        phoneMasked,
        submittedAt: now,
        reviewedAt: null,
        reviewedBy: null,
        // kept while pending so the reviewer sees this is a re-application
        rejectReason: prev.status === 'rejected' ? (prev.rejectReason ?? null) : null,
        passVersion: prev.passVersion ?? 0,
      }
      await t.collection(USERS).doc(u._id).update({ data: { verification: _.set(verification), updatedAt: now } })
      return { before: u, after: { ...u, verification } }
    })
    if (before.verification.badgePhoto && before.verification.badgePhoto !== input.badgePhoto) await deleteFiles([before.verification.badgePhoto])
    return toMyView(after, community)
  },
})

export const myStatus = defineAction('identity', 'myStatus', {
  access: 'rider',
  async handler(_input, ctx) {
    const u = ctx.user!
    return toMyView(u, await communityById(ctx.db, u.verification.communityId))
  },
})

/**
 * Edits the profile. Nickname and station change in place. Any identity field that really changes
 * (or a new phone) sends the verification back to review: a verified rider becomes pending and their
 * pass version moves on, so passes already shown stop working.
 */
export const updateProfile = defineAction('identity', 'updateProfile', {
  access: 'rider',
  async handler(input, ctx) {
    const { nickname, phoneCode, ...fields } = input
    const hasVerificationFields = Object.values(fields).some((v) => v !== undefined) || phoneCode !== undefined
    if (hasVerificationFields && ctx.user!.verification.status === 'unverified') {
      throw new AppError('CONFLICT', '请先提交身份认证申请')
    }
    if (fields.communityId !== undefined) await requireCommunity(ctx, fields.communityId)
    if (fields.badgePhoto !== undefined) await requireOwnBadge(ctx.openid, fields.badgePhoto)
    const phoneMasked = phoneCode !== undefined ? await maskedPhoneFromCode(phoneCode) : undefined
    const now = ctx.now()
    const _ = ctx.db.command
    const { before, after } = await runTx(ctx.db, async (t) => {
      const u = await callerInTx(t, ctx.openid)
      const prev = u.verification
      const changed = changedIdentityFields(prev, fields)
      const phoneChanged = phoneMasked !== undefined && phoneMasked !== prev.phoneMasked
      const next: Verification = { ...prev }
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v
      if (phoneMasked !== undefined) next.phoneMasked = phoneMasked
      if ((changed.length || phoneChanged) && prev.status !== 'unverified') {
        if (prev.status === 'verified') next.passVersion = (prev.passVersion ?? 0) + 1
        if (prev.status !== 'pending') {
          next.status = 'pending'
          next.submittedAt = now
          next.reviewedAt = null
          next.reviewedBy = null
        }
      }
      const data: Record<string, unknown> = { updatedAt: now }
      if (nickname !== undefined) data.nickname = nickname
      if (hasVerificationFields) data.verification = _.set(next)
      await t.collection(USERS).doc(u._id).update({ data })
      if (prev.status === 'verified' && next.status !== 'verified') await mirrorVerifiedInTx(t, u._id, false, now)
      return { before: u, after: { ...u, nickname: nickname ?? u.nickname, verification: next } }
    })
    const oldPhoto = before.verification.badgePhoto
    if (oldPhoto && oldPhoto !== after.verification.badgePhoto) await deleteFiles([oldPhoto])
    return toMyView(after, await communityById(ctx.db, after.verification.communityId))
  },
})

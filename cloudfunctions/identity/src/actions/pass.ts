import type { PassCheckDoc, VerifyPassView } from '../../../../domain/identity/model'
import type { UserDoc } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { PASS_REFRESH_MS, PASS_RESULT_LABELS, type PassResult } from '../../../../domain/identity/pass'
import { maskName } from '../../../../domain/privacy'
import { checkPass, signPass } from '../pass'
import { defineAction } from '../../../../server/router'
import { communityById, findByRiderId } from '../store'
import { PASS_CHECKS } from '../../../../server/collections'
import { isStaffOf } from '../../../../server/scope'

/** A fresh 小哥码 for a verified rider: signed, valid 60 s; the app asks again every 30 s. */
export const issuePass = defineAction('identity', 'issuePass', {
  access: 'rider',
  async handler(_input, ctx) {
    const v = ctx.user!.verification
    if (v.status !== 'verified' || !v.riderId) throw new AppError('FORBIDDEN', '通过身份认证后才能使用小哥码')
    const now = ctx.now()
    const { token, expiresAt } = signPass({ riderId: v.riderId, passVersion: v.passVersion ?? 0 }, now)
    const community = await communityById(ctx.db, v.communityId)
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      issuedAt: now.toISOString(),
      refreshAfterMs: PASS_REFRESH_MS,
      realNameMasked: maskName(v.realName ?? ''),
      platform: v.platform!,
      riderRole: v.riderRole!,
      communityName: community?.name ?? null,
    }
  },
})

/**
 * Checks a scanned or pasted pass: signature (forged), the rider's current pass version (revoked),
 * expiry, and that the rider is verified now. Every check is logged in `passChecks`.
 */
export const verifyPass = defineAction('identity', 'verifyPass', {
  access: ['worker', 'merchant', 'admin'],
  async handler(input, ctx) {
    const now = ctx.now()
    const check = checkPass(input.token, now)
    let result: PassResult
    let rider: UserDoc | null = null
    let riderId: string | null = null
    let expiresAt: Date | null = null
    if (!check.ok && check.reason === 'forged') {
      result = 'forged'
    } else {
      riderId = check.claims.riderId
      expiresAt = new Date(check.claims.exp)
      rider = await findByRiderId(ctx.db, riderId)
      const v = rider?.verification
      if (!rider || !v) result = 'not_verified'
      else if (check.claims.passVersion < (v.passVersion ?? 0)) result = 'revoked'
      else if (!check.ok) result = 'expired'
      else if (v.status !== 'verified') result = 'not_verified'
      else result = 'valid'
    }
    const log: PassCheckDoc = { at: now, checker: ctx.openid, checkerRoles: ctx.user?.roles ?? [], riderId, result, requestId: ctx.requestId }
    await ctx.db.collection(PASS_CHECKS).add({ data: log })
    const v = rider?.verification
    const known = !!v?.realName
    const community = known ? await communityById(ctx.db, v!.communityId) : null
    const view: VerifyPassView = {
      result,
      message: PASS_RESULT_LABELS[result].detail,
      realNameMasked: known ? maskName(v!.realName!) : null,
      platform: known ? (v!.platform ?? null) : null,
      riderRole: known ? (v!.riderRole ?? null) : null,
      communityName: community?.name ?? null,
      expiresAt: expiresAt ? expiresAt.toISOString() : null,
      checkedAt: now.toISOString(),
      staffRiderId: riderId && v?.communityId && isStaffOf(ctx.user, v.communityId) ? riderId : null,
    }
    return view
  },
})

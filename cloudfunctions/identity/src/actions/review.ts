import type { QueueItem, ReviewResult } from '../../../../domain/identity/model'
import type { UserDoc, Verification, VerificationStatus } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { maskName } from '../../../../domain/privacy'
import { writeAudit } from '../../../../server/audit'
import { tempUrls } from '../../../../server/files'
import type { ActionContext } from '../../../../server/context'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS, requireCommunityStaff, staffListFilter } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { mirrorVerifiedInTx } from '../../../../server/ledger'
import { allCommunities } from '../../../../server/communities'
import { reviewNotice, requireRider } from '../store'
import { deliver, queueInTx } from '../../../../server/outbox'
import { USERS } from '../../../../server/collections'

const QUEUE_FIELDS = ['realNameMasked', 'phoneMasked', 'platform', 'riderRole', 'station', 'platformRiderId']
const BADGE_URL_SECONDS = 300

/**
 * Pending applications of the caller's communities (all of them for admins), oldest first. Staff see
 * the name and phone masked and the photo only through `badgeUrl`; the page shown is written to the
 * audit log (one entry naming every applicant on it) before the answer leaves.
 */
export const queue = defineAction('identity', 'queue', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const scope = staffListFilter(ctx, input.communityId, 'verification.communityId')
    if (!scope) return []
    const where: Record<string, unknown> = { 'verification.status': 'pending', ...scope }
    const res = (await ctx.db.collection(USERS).where(where).orderBy('verification.submittedAt', 'asc').limit(100).get()) as unknown as {
      data: UserDoc[]
    }
    const names = new Map((await allCommunities(ctx.db)).map((c) => [c._id, c.name]))
    const items: QueueItem[] = res.data.map((u) => {
      const v = u.verification
      return {
        riderId: v.riderId!,
        realNameMasked: maskName(v.realName ?? ''),
        phoneMasked: v.phoneMasked ?? '',
        platform: v.platform!,
        riderRole: v.riderRole!,
        station: v.station ?? '',
        platformRiderId: v.platformRiderId ?? null,
        communityId: v.communityId!,
        communityName: names.get(v.communityId!) ?? v.communityId!,
        hasBadgePhoto: !!v.badgePhoto,
        submittedAt: new Date(v.submittedAt!).toISOString(),
        previouslyRejected: !!v.rejectReason,
      }
    })
    // one entry for the page (naming everyone shown), not one per applicant: a view is one write
    if (res.data.length)
      await writeAudit(ctx, [
        {
          action: 'identity.queue' as const,
          subject: null,
          subjects: res.data.map((u) => u._id),
          riderIds: res.data.map((u) => u.verification.riderId ?? null),
          communityId: input.communityId ?? null,
          fields: QUEUE_FIELDS,
        },
      ])
    return items
  },
})

/** The rider's application, if the caller is staff of its community (and it is not their own). */
async function riderInScope(ctx: ActionContext, riderId: string): Promise<UserDoc> {
  const u = await requireRider(ctx.db, riderId)
  requireCommunityStaff(ctx, u.verification.communityId ?? '')
  if (u._id === ctx.openid) throw new AppError('FORBIDDEN', '不能审核自己的认证申请')
  return u
}

/** A 5-minute URL of the private badge photo, for staff of the rider's community; audited first. */
export const badgeUrl = defineAction('identity', 'badgeUrl', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const u = await riderInScope(ctx, input.riderId)
    const fileID = u.verification.badgePhoto
    if (!fileID) throw new AppError('NOT_FOUND', '照片已按保存期限删除')
    await writeAudit(ctx, [
      { action: 'identity.badgeUrl', subject: u._id, riderId: input.riderId, communityId: u.verification.communityId ?? null, fields: ['badgePhoto'] },
    ])
    const url = (await tempUrls([fileID], BADGE_URL_SECONDS)).get(fileID)
    if (!url) throw new AppError('NOT_FOUND', '照片不存在或已删除')
    return { url, expiresInSeconds: BADGE_URL_SECONDS }
  },
})

type Decision = {
  from: VerificationStatus
  to: VerificationStatus
  audit: 'identity.approve' | 'identity.reject' | 'identity.revoke'
  outcome: '已通过' | '未通过' | '已撤销'
}

const DECISIONS: Record<'approve' | 'reject' | 'revoke', Decision> = {
  approve: { from: 'pending', to: 'verified', audit: 'identity.approve', outcome: '已通过' },
  reject: { from: 'pending', to: 'rejected', audit: 'identity.reject', outcome: '未通过' },
  revoke: { from: 'verified', to: 'rejected', audit: 'identity.revoke', outcome: '已撤销' },
}

const STATUS_WORDS: Record<VerificationStatus, string> = { unverified: '未认证', pending: '审核中', verified: '已认证', rejected: '已驳回' }

/**
 * One decision in a transaction over the rider's users document (two workers at once, or a double
 * tap, decide once), with its audit entry and the rider's notice queued in it; the notice is sent
 * after the commit (or by the outbox timer when this call dies first).
 */
async function decide(ctx: ActionContext, riderId: string, kind: keyof typeof DECISIONS, reason: string | null): Promise<ReviewResult> {
  const d = DECISIONS[kind]
  const target = await riderInScope(ctx, riderId)
  const now = ctx.now()
  const _ = ctx.db.command
  const note = kind === 'approve' ? '身份认证已通过，可以使用小哥码了' : (reason ?? '')
  const { after, queued } = await runTx(ctx.db, async (t) => {
    const u = await txGet<UserDoc>(t, USERS, target._id)
    if (!u || u.verification.riderId !== riderId) throw new AppError('NOT_FOUND', '找不到这位骑手的认证申请')
    if (u.verification.status !== d.from) {
      throw new AppError('CONFLICT', `这位骑手当前为「${STATUS_WORDS[u.verification.status]}」，无法${kind === 'approve' ? '通过' : kind === 'reject' ? '驳回' : '撤销'}`)
    }
    const next: Verification = {
      ...u.verification,
      status: d.to,
      reviewedAt: now,
      reviewedBy: ctx.openid,
      rejectReason: reason,
      // a revocation makes every pass issued before it fail
      passVersion: (u.verification.passVersion ?? 0) + (kind === 'revoke' ? 1 : 0),
    }
    await t.collection(USERS).doc(u._id).update({ data: { verification: _.set(next), updatedAt: now } })
    await mirrorVerifiedInTx(t, u._id, next.status === 'verified', now)
    await writeAudit(ctx, [{ action: d.audit, subject: u._id, riderId, communityId: next.communityId ?? null, fields: [], detail: reason }], t)
    return { after: next, queued: await queueInTx(t, [reviewNotice(u._id, d.outcome, note, now)], now) }
  })
  const notified = (await deliver(ctx.db, queued, now)) > 0
  return { riderId, status: after.status, notified }
}

export const approve = defineAction('identity', 'approve', {
  access: STAFF_ACCESS,
  handler: (input, ctx) => decide(ctx, input.riderId, 'approve', null),
})

export const reject = defineAction('identity', 'reject', {
  access: STAFF_ACCESS,
  handler: (input, ctx) => decide(ctx, input.riderId, 'reject', input.reason),
})

export const revoke = defineAction('identity', 'revoke', {
  access: STAFF_ACCESS,
  handler: (input, ctx) => decide(ctx, input.riderId, 'revoke', input.reason),
})

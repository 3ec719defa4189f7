import type { AuditLogEntry } from '../../../../domain/identity/model'
import type { AccessLogLine, DeletionDoc, ProcessingRecord, ProcessingRecords } from '../../../../domain/user/consent'
import { processingActivities } from '../../../../domain/personal-data'
import { PRIVACY_NOTICE } from '../../../../domain/privacy'
import { ROLE_LABELS, type UserDoc } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { writeAudit } from '../../../../server/audit'
import { AUDIT_LOG, DELETIONS, USERS } from '../../../../server/collections'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS, staffListFilter } from '../../../../server/scope'
import { fileRequest, toDeletionStatus, withdrawRequest } from '../deletion'

export const deletionStatus = defineAction('user', 'deletionStatus', {
  access: 'any',
  async handler(_input, ctx) {
    return toDeletionStatus(await findById<DeletionDoc>(ctx.db, DELETIONS, ctx.openid))
  },
})

/** 注销, step one: a request the daily job carries out after the cooling-off period. */
export const requestDeletion = defineAction('user', 'requestDeletion', {
  access: 'any',
  async handler(_input, ctx) {
    const user = await findById<UserDoc>(ctx.db, USERS, ctx.openid)
    return toDeletionStatus(await fileRequest(ctx.db, ctx.openid, 'self', user, ctx.now()))
  },
})

export const cancelDeletion = defineAction('user', 'cancelDeletion', {
  access: 'any',
  async handler(_input, ctx) {
    await withdrawRequest(ctx.db, ctx.openid)
    return toDeletionStatus(await findById<DeletionDoc>(ctx.db, DELETIONS, ctx.openid))
  },
})

const ACTION_TEXT: Record<string, string> = {
  'identity.queue': '在审核列表中查看了你的认证申请',
  'identity.badgeUrl': '查看了你的工牌照片',
  'identity.approve': '通过了你的认证',
  'identity.reject': '驳回了你的认证',
  'identity.revoke': '撤销了你的认证',
  'admin.grantRole': '为你授予了角色',
  'admin.revokeRole': '撤销了你的角色',
  'admin.redeemInvite': '你使用了邀请码',
  'user.requestDeletionFor': '代你提交了注销申请',
}

/** 谁查看了我的信息: staff views and decisions about the caller, newest first, by role only. */
export const accessLog = defineAction('user', 'accessLog', {
  access: 'any',
  async handler(_input, ctx): Promise<AccessLogLine[]> {
    const _ = ctx.db.command
    const [single, lists] = (await Promise.all([
      ctx.db.collection(AUDIT_LOG).where({ subject: ctx.openid }).orderBy('at', 'desc').limit(100).get(),
      ctx.db.collection(AUDIT_LOG).where({ subjects: _.eq(ctx.openid) }).orderBy('at', 'desc').limit(100).get(),
    ])) as unknown as { data: AuditLogEntry[] }[]
    return [...single.data, ...lists.data]
      .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
      .slice(0, 100)
      .map((e) => ({
        at: new Date(e.at).toISOString(),
        roles: e.actorRoles.filter((r) => r !== 'rider').map((r) => ROLE_LABELS[r] ?? r),
        action: e.action,
        what: ACTION_TEXT[e.action] ?? '查看了你的信息',
      }))
  },
})

/** A worker of the rider's community (or an admin) files the request for a rider who asked in person. Audited. */
export const requestDeletionFor = defineAction('user', 'requestDeletionFor', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const res = (await ctx.db.collection(USERS).where({ 'verification.riderId': input.riderId }).limit(1).get()) as unknown as { data: UserDoc[] }
    const rider = res.data[0]
    if (!rider) throw new AppError('NOT_FOUND', '找不到这位骑手')
    requireCommunityStaff(ctx, rider.verification.communityId ?? '')
    await writeAudit(ctx, [{ action: 'user.requestDeletionFor', subject: rider._id, riderId: input.riderId, communityId: rider.verification.communityId ?? null, fields: [] }])
    return toDeletionStatus(await fileRequest(ctx.db, rider._id, 'staff', rider, ctx.now()))
  },
})

/**
 * Admins: the record of processing activities (from the personal-data table), the retention
 * periods, and the district's 注销 requests and processing records; none names a person.
 */
export const processingRecords = defineAction('user', 'processingRecords', {
  access: 'admin',
  async handler(input, ctx): Promise<ProcessingRecords> {
    const where = staffListFilter(ctx, input.communityId)
    const res = where ? ((await ctx.db.collection(DELETIONS).where(where).orderBy('requestedAt', 'desc').limit(200).get()) as unknown as { data: DeletionDoc[] }) : { data: [] }
    const deletions = res.data.map((d): ProcessingRecord => ({
      // a waiting request is keyed by the person's openid: shown by its status only
      id: d.status === 'done' ? d._id : '（处理中）',
      status: d.status,
      requestedBy: d.requestedBy,
      communityId: d.communityId,
      requestedAt: new Date(d.requestedAt).toISOString(),
      dueAt: new Date(d.dueAt).toISOString(),
      doneAt: d.doneAt ? new Date(d.doneAt).toISOString() : null,
    }))
    return { generatedAt: ctx.now().toISOString(), noticeVersion: PRIVACY_NOTICE.version, collections: processingActivities(), periods: PRIVACY_NOTICE.periods, deletions }
  },
})

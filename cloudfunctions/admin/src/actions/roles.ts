import { randomInt } from 'node:crypto'
import type { InviteDoc, StaffView } from '../../../../domain/identity/model'
import type { UserDoc } from '../../../../domain/user/model'
import { AppError } from '../../../../domain/errors'
import { INVITE_TTL_DAYS } from '../../../../domain/identity/rules'
import { writeAudit } from '../../../../server/audit'
import type { ActionContext } from '../../../../server/context'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { callerInTx, loadOrCreateCaller } from '../../../../server/caller'
import { defineAction } from '../../../../server/router'
import { publicIdOf } from '../../../../server/public-id'
import { runTx, txGet } from '../../../../server/tx'
import { communityNames, requireCommunities, toInviteView, toStaffView, withGrant, withRevoke } from '../store'
import { INVITES, USERS } from '../../../../server/collections'

/** Applies a role change to one users document in a transaction; answers the document after it. */
async function changeRoles(
  ctx: ActionContext,
  userId: string,
  change: (u: UserDoc) => Pick<UserDoc, 'roles' | 'workerCommunityIds'>,
  audit: (u: UserDoc) => Parameters<typeof writeAudit>[1],
): Promise<UserDoc> {
  const now = ctx.now()
  return runTx(ctx.db, async (t) => {
    const u = await txGet<UserDoc>(t, USERS, userId)
    if (!u) throw new AppError('NOT_FOUND', '找不到这个用户：请对方先打开一次小程序', { field: 'userId' })
    const next = change(u)
    await t.collection(USERS).doc(userId).update({ data: { roles: next.roles, workerCommunityIds: next.workerCommunityIds, updatedAt: now } })
    // the audit entry with the change (a crash between them lost it)
    await writeAudit(ctx, audit(u), t)
    return { ...u, ...next }
  })
}

export const grantRole = defineAction('admin', 'grantRole', {
  access: 'admin',
  async handler(input, ctx) {
    const ids = input.kind === 'worker' ? (input.communityIds ?? []) : []
    const names = await requireCommunities(ctx.db, ids)
    const u = await changeRoles(
      ctx,
      input.userId,
      (doc) => withGrant(doc, input.kind, ids),
      (doc) => [{ action: 'admin.grantRole', subject: doc._id, fields: [], detail: `${input.kind}${ids.length ? `:${ids.join(',')}` : ''}` }],
    )
    return toStaffView(u, names)
  },
})

/** The staff members, as listStaff shows them. */
async function staffDocs(ctx: ActionContext): Promise<UserDoc[]> {
  const _ = ctx.db.command
  const res = (await ctx.db.collection(USERS).where({ roles: _.in(['worker', 'admin']) }).limit(1000).get()) as unknown as { data: UserDoc[] }
  return res.data
}

export const revokeRole = defineAction('admin', 'revokeRole', {
  access: 'admin',
  async handler(input, ctx) {
    // listStaff names people by opaque ids; an openid (as grantRole takes) is accepted too
    const openid = (await staffDocs(ctx)).find((u) => publicIdOf(u._id) === input.userId)?._id ?? input.userId
    input = { ...input, userId: openid }
    if (input.kind === 'admin' && input.userId === ctx.openid) throw new AppError('CONFLICT', '不能撤销自己的管理员角色，请由另一位管理员操作')
    const u = await changeRoles(
      ctx,
      input.userId,
      (doc) => withRevoke(doc, input.kind, input.communityIds),
      (doc) => [{ action: 'admin.revokeRole', subject: doc._id, fields: [], detail: `${input.kind}${input.communityIds?.length ? `:${input.communityIds.join(',')}` : ''}` }],
    )
    return toStaffView(u, await communityNames(ctx.db))
  },
})

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export const createInvite = defineAction('admin', 'createInvite', {
  access: 'admin',
  async handler(input, ctx) {
    const ids = input.kind === 'worker' ? (input.communityIds ?? []) : []
    await requireCommunities(ctx.db, ids)
    const now = ctx.now()
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode()
      const doc: InviteDoc = {
        _id: code,
        code,
        kind: input.kind,
        communityIds: ids,
        note: input.note ?? null,
        createdBy: ctx.openid,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000),
        usedBy: null,
        usedAt: null,
      }
      try {
        await ctx.db.collection(INVITES).add({ data: doc })
        return toInviteView(doc)
      } catch (err) {
        if (!isDuplicateWrite(err)) throw err
      }
    }
    throw new AppError('CONFLICT', '生成邀请码失败，请重试')
  },
})

export const listInvites = defineAction('admin', 'listInvites', {
  access: 'admin',
  async handler(_input, ctx) {
    const res = (await ctx.db.collection(INVITES).orderBy('createdAt', 'desc').limit(100).get()) as unknown as { data: InviteDoc[] }
    return res.data.map(toInviteView)
  },
})

export const listStaff = defineAction('admin', 'listStaff', {
  access: 'admin',
  async handler(_input, ctx) {
    const names = await communityNames(ctx.db)
    return (await staffDocs(ctx)).map((u) => toStaffView(u, names)).sort((a: StaffView, b: StaffView) => a.nickname.localeCompare(b.nickname, 'zh'))
  },
})

/**
 * Whoever was given a code redeems it once, before it expires: one transaction over the invite and
 * the users document, so two people racing for one code get it once.
 */
export const redeemInvite = defineAction('admin', 'redeemInvite', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    // someone given a code may not have opened any other page yet
    await loadOrCreateCaller(ctx)
    const u = await runTx(ctx.db, async (t) => {
      const invite = await txGet<InviteDoc>(t, INVITES, input.code)
      if (!invite) throw new AppError('NOT_FOUND', '邀请码不存在，请核对后再输入', { field: 'code' })
      if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已经被使用', { field: 'code' })
      if (new Date(invite.expiresAt).getTime() <= now.getTime()) throw new AppError('EXPIRED', '邀请码已过期，请联系管理员重新生成', { field: 'code' })
      const user = await callerInTx(t, ctx.openid)
      const next = withGrant(user, invite.kind, invite.communityIds)
      await t.collection(INVITES).doc(invite._id).update({ data: { usedBy: ctx.openid, usedAt: now } })
      await t.collection(USERS).doc(user._id).update({ data: { roles: next.roles, workerCommunityIds: next.workerCommunityIds, updatedAt: now } })
      return { ...user, ...next }
    })
    await writeAudit({ ...ctx, user: u }, [{ action: 'admin.redeemInvite', subject: u._id, fields: [], detail: input.code }])
    return { roles: u.roles, workerCommunityIds: u.workerCommunityIds }
  },
})

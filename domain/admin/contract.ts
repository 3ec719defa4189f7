import * as z from 'zod/mini'
import type { CommunityView, InviteView, RedeemResult, StaffView } from '../identity/model'
import { GRANTABLE_ROLES } from '../identity/model'
import { INVITE_CODE_RE } from '../identity/rules'
import { communityId, emptyInput, latitude, longitude, plainText } from '../schemas'
import { action } from '../action'

/** An openid as WeChat issues them (28 chars) or the emulator's demo ids. */
export const userId = z.string().check(z.regex(/^[A-Za-z0-9_-]{6,64}$/, { error: '微信用户标识格式不正确' }))
const kind = z.enum(GRANTABLE_ROLES, { error: '只能授予社区工作者或管理员角色' })
const communityIds = z.array(communityId).check(z.maxLength(50), z.refine((a) => new Set(a).size === a.length, { error: '社区不能重复' }))

/** worker grants name at least one community; admin grants none */
const scoped = <T extends { kind: 'worker' | 'admin'; communityIds?: string[] }>(v: T) => v.kind === 'admin' || (v.communityIds?.length ?? 0) > 0
const scopeError = { error: '授予社区工作者角色时请选择负责的社区', path: ['communityIds'] }

/** A new community, as the admin fills it in. */
export const communityInput = z.strictObject({
  name: plainText(2, 30).check(z.describe('社区名称')),
  street: plainText(2, 30).check(z.describe('所属街道')),
  district: plainText(2, 30).check(z.describe('所属区')),
  centre: z.optional(z.strictObject({ longitude, latitude })).check(z.describe('社区中心位置')),
})

/** An existing community as the admin edits it: the same fields; a centre left out stays as it was. */
export const communityUpdate = z.extend(communityInput, { communityId: communityId.check(z.describe('社区')) })

export const adminContract = {
  /** A community; its optional centre is where the map can centre on it (the first one's: the map's default). */
  createCommunity: action<CommunityView>()(communityInput),
  /** Renames a community or changes its street, district or centre (names stay unique; audited). */
  updateCommunity: action<CommunityView>()(communityUpdate),
  /** Grants a role by openid; a worker grant adds communities to the worker's scope. */
  grantRole: action<StaffView>()(z.strictObject({ userId, kind, communityIds: z.optional(communityIds) }).check(z.refine(scoped, scopeError))),
  /** Revokes a role; for workers, only the named communities (none named: the whole role). */
  revokeRole: action<StaffView>()(z.strictObject({ userId, kind, communityIds: z.optional(communityIds) })),
  /** A one-time code (valid 7 days) that grants the role to whoever redeems it. */
  createInvite: action<InviteView>()(
    z.strictObject({ kind, communityIds: z.optional(communityIds), note: z.optional(plainText(1, 40)).check(z.describe('备注')) }).check(z.refine(scoped, scopeError)),
  ),
  listInvites: action<InviteView[]>()(emptyInput),
  listStaff: action<StaffView[]>()(emptyInput),
  /** Any signed-in user redeems an invite code they were given. */
  redeemInvite: action<RedeemResult>()(
    z.strictObject({ code: z.string().check(z.trim(), z.toUpperCase(), z.regex(INVITE_CODE_RE, { error: '邀请码应为 8 位字母或数字' })) }),
  ),
}

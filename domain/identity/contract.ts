import * as z from 'zod/mini'
import type {
  MyVerificationView,
  PassView,
  QueueItem,
  ReviewResult,
  VerifyPassView,
} from './model'
import { PLATFORMS, RIDER_ROLES } from '../user/model'
import { PASS_TOKEN_MAX, RIDER_ID_RE } from './pass'
import { communityId, emptyInput, plainText } from '../schemas'
import { action } from '../action'

/** A private photo the app uploaded under `badges/` (weapp: Taro.cloud.uploadFile; h5: the gateway). */
export const badgePhoto = z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._-]{1,120}\/badges\/[A-Za-z0-9._-][A-Za-z0-9._\-/]{0,200}$/, { error: '请重新上传工牌或接单 App 截图' }))

/** The one-time code of `<Button openType="getPhoneNumber">`, exchanged by the function. */
export const phoneCode = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, { error: '手机号授权无效，请重新授权' }))

export const realName = plainText(2, 20).check(z.refine((s) => /^[\p{Script=Han}A-Za-z·•. ]+$/u.test(s), {
    error: '姓名只能包含汉字或字母',
  }), z.describe('真实姓名'))

export const platform = z.enum(PLATFORMS, { error: '请选择所在平台' })
export const riderRole = z.enum(RIDER_ROLES, { error: '请选择从事的工作' })
export const station = plainText(2, 40).check(z.describe('站点或公司'))
export const platformRiderId = plainText(1, 32).check(z.refine((s) => /^[A-Za-z0-9_-]+$/.test(s) && /[A-Za-z0-9]/.test(s) && !s.startsWith('-'), { error: '骑手编号只能包含字母、数字' }), z.describe('平台骑手编号'))
export const riderId = z.string().check(z.regex(RIDER_ID_RE, { error: '骑手编号格式不正确' }))

/** The verification form (身份认证). Never an ID-card number: every text field refuses one. */
export const verificationForm = z.strictObject({
  realName,
  platform,
  riderRole,
  station,
  platformRiderId: z._default(z.nullable(platformRiderId), null),
  communityId,
  badgePhoto,
  phoneCode,
})
export type VerificationForm = z.input<typeof verificationForm>

/**
 * Changes to the rider's profile. `nickname` and `station` change in place; any identity field
 * (name, platform, role, rider id, community, photo, phone) sends a verified profile back to review.
 */
export const profilePatch = z.partial(z.strictObject({
  nickname: plainText(1, 20).check(z.describe('昵称')),
  realName,
  platform,
  riderRole,
  station,
  platformRiderId: z.nullable(platformRiderId),
  communityId,
  badgePhoto,
  phoneCode,
})).check(z.refine((p) => Object.values(p).some((v) => v !== undefined), { error: '没有要修改的内容' }))

export const reviewReason = plainText(2, 100).check(z.describe('原因'))

export const identityContract = {
  // ---- riders ----
  /** Sends the verification form; refused while one is pending or once verified. */
  apply: action<MyVerificationView>()(verificationForm),
  /** The caller's own verification. */
  myStatus: action<MyVerificationView>()(emptyInput),
  updateProfile: action<MyVerificationView>()(profilePatch),
  /** A fresh signed 小哥码 (verified riders only). */
  issuePass: action<PassView>()(emptyInput),
  // ---- whoever checks a pass: workers, merchants, admins ----
  verifyPass: action<VerifyPassView>()(z.strictObject({ token: z.string().check(z.trim(), z.minLength(1, { error: '请扫描或粘贴小哥码' }), z.maxLength(PASS_TOKEN_MAX)) })),
  // ---- community workers (their communities) and admins ----
  /** Pending applications, oldest first, masked. Each application shown is written to the audit log. */
  queue: action<QueueItem[]>()(z.strictObject({ communityId: z.optional(communityId) })),
  /** A 5-minute temp URL of the badge photo, for staff of the rider's community; audited. */
  badgeUrl: action<{ url: string; expiresInSeconds: number }>()(z.strictObject({ riderId })),
  approve: action<ReviewResult>()(z.strictObject({ riderId })),
  reject: action<ReviewResult>()(z.strictObject({ riderId, reason: reviewReason })),
  /** Withdraws a verification: the rider's existing passes stop working at once. */
  revoke: action<ReviewResult>()(z.strictObject({ riderId, reason: reviewReason })),
}

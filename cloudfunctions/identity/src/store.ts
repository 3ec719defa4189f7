import { randomBytes } from 'node:crypto'
import type { CommunityDoc, MyVerificationView } from '../../../domain/identity/model'
import type { UserDoc } from '../../../domain/user/model'
import { AppError } from '../../../domain/errors'
import { canApply } from '../../../domain/identity/rules'
import { maskPhone } from '../../../domain/privacy'
import { getCloud, type Database } from '../../../server/cloud'
import { findById } from '../../../server/db'
import { requireOwnImage, uploadDirOf } from '../../../server/uploads'
import { notice, type Notice } from '../../../server/outbox'
import { COMMUNITIES, USERS } from '../../../server/collections'


const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null)

/** The rider's badge-photo folder (server/uploads.ts: named by an opaque id, not the openid). */
export const badgeDir = (openid: string) => uploadDirOf('badges', openid)

export const newRiderId = () => `r${randomBytes(9).toString('base64url')}`

export async function communityById(db: Database, id: string | undefined | null): Promise<CommunityDoc | null> {
  return id ? findById<CommunityDoc>(db, COMMUNITIES, id) : null
}


/** The user whose verification carries this rider id (staff address riders by it, never by openid). */
export async function findByRiderId(db: Database, riderId: string): Promise<UserDoc | null> {
  const res = (await db.collection(USERS).where({ 'verification.riderId': riderId }).limit(1).get()) as unknown as { data: UserDoc[] }
  return res.data[0] ?? null
}

export async function requireRider(db: Database, riderId: string): Promise<UserDoc> {
  const u = await findByRiderId(db, riderId)
  if (!u || u.verification.status === 'unverified') throw new AppError('NOT_FOUND', '找不到这位骑手的认证申请')
  return u
}

export function toMyView(u: UserDoc, community: CommunityDoc | null): MyVerificationView {
  const v = u.verification
  return {
    status: v.status,
    realName: v.realName ?? null,
    platform: v.platform ?? null,
    riderRole: v.riderRole ?? null,
    station: v.station ?? null,
    platformRiderId: v.platformRiderId ?? null,
    communityId: v.communityId ?? null,
    communityName: community?.name ?? null,
    phoneMasked: v.phoneMasked ?? null,
    hasBadgePhoto: !!v.badgePhoto,
    submittedAt: iso(v.submittedAt),
    reviewedAt: iso(v.reviewedAt),
    rejectReason: v.status === 'rejected' ? (v.rejectReason ?? null) : null,
    canApply: canApply(v.status),
    uploadDir: badgeDir(u._id),
  }
}

/**
 * Exchanges a getPhoneNumber code for the number and keeps only its masked form. An invalid or used
 * code (WeChat errcode 40029, thrown by the SDK) is the field's validation error.
 */
export async function maskedPhoneFromCode(code: string): Promise<string> {
  let res: { phoneInfo?: { purePhoneNumber?: string; phoneNumber?: string } }
  try {
    res = (await getCloud().openapi.phonenumber.getPhoneNumber({ code } as never)) as unknown as typeof res
  } catch (err) {
    const e = err as { errCode?: number; errMsg?: string }
    if (e?.errCode === 40029 || /40029|invalid code/i.test(String(e?.errMsg ?? (err as Error)?.message ?? ''))) {
      throw new AppError('VALIDATION', '手机号授权已失效，请重新点击「授权手机号」', { field: 'phoneCode' })
    }
    throw err
  }
  const pure = res?.phoneInfo?.purePhoneNumber || res?.phoneInfo?.phoneNumber
  if (!pure) throw new AppError('VALIDATION', '没有取得手机号，请重新授权', { field: 'phoneCode' })
  return maskPhone(pure)
}

/** The badge photo must be an image the caller uploaded into their own folder (server/uploads.ts). */
export const requireOwnBadge = (openid: string, fileID: string): Promise<void> => requireOwnImage(fileID, 'badges', openid, 'badgePhoto', '请上传你自己的工牌或接单 App 截图')

/** Best effort: deletes a private photo no longer needed (a replaced badge photo). */
export async function deleteFiles(fileIDs: (string | null | undefined)[]): Promise<void> {
  const list = fileIDs.filter((f): f is string => !!f)
  if (!list.length) return
  try {
    await getCloud().deleteFile({ fileList: list })
  } catch (err) {
    console.warn(JSON.stringify({ level: 'warn', where: 'identity.deleteFiles', error: String((err as Error)?.message ?? err) }))
  }
}

/** The rider's notice of the review result, queued with the decision (server/outbox.ts). */
export const reviewNotice = (touser: string, outcome: '已通过' | '未通过' | '已撤销', note: string, at: Date): Notice =>
  notice('identityReview', touser, 'packages/rider/verify/index', { result: outcome, note: note || '点击查看认证详情', time: at })

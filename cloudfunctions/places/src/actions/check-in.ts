import {
  CHECKIN_CLOCK_SKEW_MS,
  CHECKIN_MAX_ACCURACY_M,
  CHECKIN_MAX_DISTANCE_M,
  CHECKIN_MAX_FIX_AGE_MS,
  CHECKIN_MAX_SPEED_KMH,
  CHECKIN_POINTS,
  type CheckinDoc,
} from '../../../../domain/places/model'
import { AppError } from '../../../../domain/errors'
import { distanceMeters, formatDistance, speedKmh } from '../../../../domain/geo'
import { isDuplicateWrite } from '../../../../server/db-errors'
import type { AwardResult } from '../../../../domain/points/model'
import { awardInTx, SelfAwardError } from '../../../../server/ledger'
import { findById } from '../../../../server/db'
import type { ActionContext } from '../../../../server/context'
import type { MerchantDoc } from '../../../../domain/merchant/model'
import { runTx } from '../../../../server/tx'
import { defineAction } from '../../../../server/router'
import { loadPlace } from '../place-store'
import { dayKey } from '../../../../domain/time'
import { CHECKINS, MERCHANTS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

const newCheckinId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

const alreadyToday = (name: string) => new AppError('CONFLICT', `今天已经在「${name}」打过卡了，明天再来吧`)

/**
 * A rider's check-in, validated on the server: a fresh and accurate location fix, within 200 m of
 * the place, a plausible speed since the rider's previous check-in, once per place per Asia/Shanghai
 * day (unique index on user + place + day, so two concurrent check-ins count once).
 *
 * Points: the check-in and the ledger's award (server/ledger.ts; idempotency key = the check-in id,
 * daily cap per the checkIn earn rule) are written in one transaction. The
 * check-in document keeps what it asked for (`pendingPoints`); the ledger entry whose sourceRef is
 * the check-in id is the record of what was credited. The rider's own coordinates are not
 * stored (only the distance and accuracy): a check-in keeps no precise location trail.
 *
 * DB: user (router) + place + last check-in = 3 reads; one transaction: balance read; check-in, ledger
 * entry, balance writes; commit.
 */
export const checkIn = defineAction('places', 'checkIn', {
  access: 'rider',
  async handler(input, ctx) {
    const now = ctx.now()
    if (input.fixedAt > now.getTime() + CHECKIN_CLOCK_SKEW_MS)
      throw new AppError('VALIDATION', '定位时间晚于当前时间，请检查手机时间后重新定位', { field: 'fixedAt' })
    if (now.getTime() - input.fixedAt > CHECKIN_MAX_FIX_AGE_MS)
      throw new AppError('VALIDATION', '定位已过期（超过 2 分钟），请重新定位后再打卡', { field: 'fixedAt' })
    if (input.accuracy > CHECKIN_MAX_ACCURACY_M)
      throw new AppError('VALIDATION', `定位不够准确（误差约 ${Math.round(input.accuracy)} 米），请到开阔处重新定位`, { field: 'accuracy' })

    const place = await loadPlace(ctx, input.placeId)
    const closedUntil = place.closedUntil ? new Date(place.closedUntil) : null
    if (closedUntil && closedUntil.getTime() > now.getTime()) throw new AppError('CONFLICT', `「${place.name}」暂停营业中，暂不能打卡`)
    const [lng, lat] = coordsOf(place.location)
    const distance = distanceMeters(input.longitude, input.latitude, lng, lat)
    if (distance > CHECKIN_MAX_DISTANCE_M)
      throw new AppError('VALIDATION', `你距离「${place.name}」约 ${formatDistance(distance)}，需要在 ${CHECKIN_MAX_DISTANCE_M} 米内才能打卡`, {
        field: 'longitude',
      })

    const day = dayKey(now)
    const lastRes = (await ctx.db.collection(CHECKINS).where({ userId: ctx.openid }).orderBy('at', 'desc').limit(1).get()) as unknown as {
      data: CheckinDoc[]
    }
    const last = lastRes.data[0]
    if (last) {
      if (last.placeId === place._id && last.day === day) throw alreadyToday(place.name)
      const [plng, plat] = coordsOf(last.placeLocation)
      // the previous fix was within 200 m of its place: allow for that much
      const moved = Math.max(0, distanceMeters(plng, plat, input.longitude, input.latitude) - CHECKIN_MAX_DISTANCE_M)
      const elapsed = now.getTime() - new Date(last.at).getTime()
      if (moved > 0 && speedKmh(moved, elapsed) > CHECKIN_MAX_SPEED_KMH)
        throw new AppError('VALIDATION', `距上次打卡才 ${Math.max(1, Math.round(elapsed / 60_000))} 分钟就移动了约 ${formatDistance(moved)}，速度不合常理，请稍后再试`, {
          field: 'longitude',
        })
    }

    const pendingPoints = CHECKIN_POINTS[place.kind]
    const doc: CheckinDoc = {
      userId: ctx.openid,
      placeId: place._id,
      communityId: place.communityId,
      day,
      at: now,
      placeLocation: ctx.db.Geo.Point(lng, lat) as unknown as CheckinDoc['placeLocation'],
      distance: Math.round(distance),
      accuracy: Math.round(input.accuracy),
      pointsAwarded: 0,
      pendingPoints,
    }
    // The check-in and its award are one transaction: a crash or timeout between them can no longer
    // leave a check-in without its points (issue 14). The id is chosen here, as `add` in a
    // transaction keeps it; a second check-in the same day fails on the unique user + place + day index.
    const id = newCheckinId()
    // At a merchant's own shop the shop would pay its owner: the grantor is the owner, and the
    // ledger refuses a self-grant (isSelfGrant) — the check-in stands, without points (issue 14).
    const grantedBy = ctx.user?.roles.includes('merchant') ? await ownShopOf(ctx, place._id) : null
    let awarded: AwardResult | null
    try {
      awarded = await runTx(ctx.db, async (t) => {
        await t.collection(CHECKINS).add({ data: { _id: id, ...doc } as unknown as Record<string, unknown> })
        try {
          return await awardInTx(t, { userId: ctx.openid, reason: 'checkIn', units: 1, pointsPerUnit: pendingPoints, sourceRef: id, key: id, note: place.name, grantedBy }, now)
        } catch (err) {
          if (err instanceof SelfAwardError) return null
          throw err
        }
      })
    } catch (err) {
      if (isDuplicateWrite(err)) throw alreadyToday(place.name)
      throw err
    }
    return {
      id,
      placeId: place._id,
      day,
      distance: Math.round(distance),
      pointsAwarded: awarded?.awarded ?? 0,
      pendingPoints: 0,
      message: !awarded ? '打卡成功！在自己的店打卡不计积分' : awarded.awarded > 0 ? `打卡成功！获得 ${awarded.awarded} 积分` : '打卡成功！今天的打卡积分已达上限',
    }
  },
})

/** The caller, when `placeId` is the shop of their merchant record (one read, merchants only). */
async function ownShopOf(ctx: ActionContext, placeId: string): Promise<string | null> {
  const m = await findById<MerchantDoc>(ctx.db, MERCHANTS, ctx.openid)
  return m?.placeId === placeId ? ctx.openid : null
}

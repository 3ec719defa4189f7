import type { ActivityDoc, SignupDoc } from '../../../../domain/entities/volunteer'
import { AppError } from '../../../../domain/errors'
import { distanceMeters, formatDistance } from '../../../../domain/geo'
import { attendance, awardFor, hourlyRate, CHECKIN_OPENS_BEFORE_MS, CHECKOUT_CLOSES_AFTER_MS, VOLUNTEER_MAX_ACCURACY_M, VOLUNTEER_MAX_DISTANCE_M, VOLUNTEER_MAX_FIX_AGE_MS } from '../../../../domain/volunteer/rules'
import { checkCode } from '../checkin-code'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { award } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { loadActivity, signupIdOf, toDate } from '../store'
import { formatClock, formatWithWeekday } from '../../../../domain/time'
import { SIGNUPS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

interface CheckInput {
  activityId: string
  code: string
  longitude: number
  latitude: number
  accuracy: number
  fixedAt: number
}

/**
 * What check-in and check-out share, in an order that writes nothing on any failure: the code
 * (HMAC, rotating; no DB needed), the location fix, the activity and its time window, the distance
 * to the place, the caller's sign-up.
 */
async function verify(input: CheckInput, ctx: ActionContext, phase: 'in' | 'out'): Promise<{ act: ActivityDoc; signup: SignupDoc; now: Date }> {
  const now = ctx.now()
  const code = checkCode(input.activityId, input.code, now)
  if (!code.ok && code.reason === 'expired') throw new AppError('EXPIRED', '签到码已过期，请扫描工作人员手机上最新的二维码', { field: 'code' })
  if (!code.ok) throw new AppError('VALIDATION', '签到码不正确，请扫描工作人员手机上的二维码或重新输入', { field: 'code' })
  if (input.fixedAt > now.getTime() + 5_000) throw new AppError('VALIDATION', '定位时间晚于当前时间，请检查手机时间后重新定位', { field: 'fixedAt' })
  if (now.getTime() - input.fixedAt > VOLUNTEER_MAX_FIX_AGE_MS) throw new AppError('VALIDATION', '定位已过期（超过 2 分钟），请重新定位', { field: 'fixedAt' })
  if (input.accuracy > VOLUNTEER_MAX_ACCURACY_M)
    throw new AppError('VALIDATION', `定位不够准确（误差约 ${Math.round(input.accuracy)} 米），请到开阔处重新定位`, { field: 'accuracy' })

  const act = await loadActivity(ctx, input.activityId)
  if (act.status !== 'open') throw new AppError('CONFLICT', '活动已取消')
  const t = now.getTime()
  if (phase === 'in' && (t < act.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS || t > act.endAt.getTime()))
    throw new AppError('CONFLICT', `签到时间为 ${formatWithWeekday(new Date(act.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS))} 至 ${formatClock(act.endAt)}`)
  if (phase === 'out' && (t < act.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS || t > act.endAt.getTime() + CHECKOUT_CLOSES_AFTER_MS))
    throw new AppError('CONFLICT', `签退时间已过（活动结束后 ${CHECKOUT_CLOSES_AFTER_MS / 3_600_000} 小时内可签退）`)
  const [lng, lat] = coordsOf(act.location)
  const d = distanceMeters(input.longitude, input.latitude, lng, lat)
  if (d > VOLUNTEER_MAX_DISTANCE_M)
    throw new AppError('VALIDATION', `你距离活动地点「${act.placeName}」约 ${formatDistance(d)}，需要在 ${VOLUNTEER_MAX_DISTANCE_M} 米内才能${phase === 'in' ? '签到' : '签退'}`, {
      field: 'longitude',
    })

  const signup = await findById<SignupDoc>(ctx.db, SIGNUPS, signupIdOf(act._id, ctx.openid))
  if (!signup || signup.status === 'cancelled') throw new AppError('CONFLICT', '你没有报名这个活动')
  if (signup.status === 'waitlisted') throw new AppError('CONFLICT', '你还在候补名单中，没有获得名额，暂不能签到')
  if (signup.status !== 'signedUp') throw new AppError('CONFLICT', '你的报名已失效，不能签到')
  return { act, signup, now }
}

/** Check-in by the activity's rotating code, in the time window, near the place. DB: user + activity + sign-up reads, 1 write. */
export const checkIn = defineAction('volunteer', 'checkIn', {
  access: 'rider',
  async handler(input, ctx) {
    const { signup, now } = await verify(input, ctx, 'in')
    if (signup.checkedInAt) throw new AppError('CONFLICT', `你已在 ${formatClock(toDate(signup.checkedInAt))} 签到过了`)
    const res = (await ctx.db
      .collection(SIGNUPS)
      .where({ _id: signup._id, status: 'signedUp', checkedInAt: null })
      .update({ data: { checkedInAt: now, updatedAt: now } })) as unknown as { stats: { updated: number } }
    if (!res.stats?.updated) throw new AppError('CONFLICT', '你已经签到过了')
    return { status: 'checkedIn' as const, at: now.toISOString(), message: '签到成功！活动结束时别忘了签退' }
  },
})

/**
 * Check-out: the hours rule (checked-in time inside the activity, counted only at ≥ 60% of it), then
 * points once through the ledger (idempotency key = the sign-up id; a repeated check-out after a
 * failed award retries the award and can never credit twice).
 */
export const checkOut = defineAction('volunteer', 'checkOut', {
  access: 'rider',
  async handler(input, ctx) {
    const { act, signup, now } = await verify(input, ctx, 'out')
    if (!signup.checkedInAt) throw new AppError('CONFLICT', '你还没有签到，请先签到')
    let s = signup
    if (!signup.checkedOutAt) {
      const att = attendance(act, toDate(signup.checkedInAt), now)
      const res = (await ctx.db
        .collection(SIGNUPS)
        .where({ _id: signup._id, status: 'signedUp', checkedOutAt: null })
        .update({ data: { checkedOutAt: now, attendedMinutes: att.attendedMinutes, counted: att.counted, serviceMinutes: att.serviceMinutes, updatedAt: now } })) as unknown as {
        stats: { updated: number }
      }
      if (!res.stats?.updated) throw new AppError('CONFLICT', '你已经签退过了')
      s = { ...signup, checkedOutAt: now, attendedMinutes: att.attendedMinutes, counted: att.counted, serviceMinutes: att.serviceMinutes }
    } else if (signup.pointsAwarded !== null) {
      throw new AppError('CONFLICT', `你已在 ${formatClock(toDate(signup.checkedOutAt))} 签退过了`)
    }

    const due = awardFor(act.type, s.serviceMinutes)
    let points = 0
    if (due) {
      const pointsPerUnit = due.reason === 'volunteerHours' ? hourlyRate(act) : undefined
      const r = await award(ctx.db, { userId: ctx.openid, reason: due.reason, units: due.units, pointsPerUnit, sourceRef: s._id, key: s._id, note: act.title }, now)
      points = r.awarded
    }
    await ctx.db.collection(SIGNUPS).doc(s._id).update({ data: { pointsAwarded: points } })
    const hours = Math.round((s.serviceMinutes / 60) * 10) / 10
    return {
      status: 'checkedOut' as const,
      at: toDate(s.checkedOutAt).toISOString(),
      attendedMinutes: s.attendedMinutes,
      hours,
      counted: s.counted,
      pointsAwarded: points,
      message: s.counted
        ? `签退成功！本次服务 ${hours} 小时${points ? `，获得 ${points} 积分` : ''}`
        : `已签退。本次到场 ${s.attendedMinutes} 分钟，不足活动时长的 60%，不计服务时长`,
    }
  },
})

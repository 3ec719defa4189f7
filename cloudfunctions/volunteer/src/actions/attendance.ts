import type { ActivityDoc, SignupDoc } from '../../../../domain/volunteer/model'
import { AppError } from '../../../../domain/errors'
import { distanceMeters, formatDistance } from '../../../../domain/geo'
import { attendance, awardFor, hourlyRate, signupIdOf, CHECKIN_OPENS_BEFORE_MS, CHECKOUT_CLOSES_AFTER_MS, VOLUNTEER_MAX_ACCURACY_M, VOLUNTEER_MAX_DISTANCE_M, VOLUNTEER_MAX_FIX_AGE_MS } from '../../../../domain/volunteer/rules'
import { checkCode } from '../checkin-code'
import type { ActionContext } from '../../../../server/context'
import { findById } from '../../../../server/db'
import { awardInTx, findEntryByKey, isDuplicateOf, SelfAwardError } from '../../../../server/ledger'
import { runTx, txGet } from '../../../../server/tx'
import { defineAction } from '../../../../server/router'
import { loadActivity, toDate } from '../store'
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
 * Check-out: the hours rule (checked-in time inside the activity, counted only at ≥ 60% of it), and
 * the points for it through the ledger, in ONE transaction with the sign-up's check-out (issue 14: a
 * crash between the two left hours without points). Idempotency key = the sign-up id, so points are
 * credited once. The activity's organiser is who grants them (their code checks volunteers in and
 * out): an organiser volunteering at their own activity gets the hours but no points (SelfAwardError).
 */
export const checkOut = defineAction('volunteer', 'checkOut', {
  access: 'rider',
  async handler(input, ctx) {
    const { act, signup, now } = await verify(input, ctx, 'out')
    if (!signup.checkedInAt) throw new AppError('CONFLICT', '你还没有签到，请先签到')
    const alreadyOut = (s: SignupDoc) => new AppError('CONFLICT', `你已在 ${formatClock(toDate(s.checkedOutAt!))} 签退过了`)
    if (signup.checkedOutAt && signup.pointsAwarded !== null) throw alreadyOut(signup)

    const write = (paid: number | null) =>
      runTx(ctx.db, async (t) => {
        const cur = await txGet<SignupDoc>(t, SIGNUPS, signup._id)
        if (!cur || cur.status !== 'signedUp' || !cur.checkedInAt) throw new AppError('CONFLICT', '你的报名已失效，不能签退')
        if (cur.checkedOutAt && cur.pointsAwarded !== null) throw alreadyOut(cur)
        const s: SignupDoc = cur.checkedOutAt ? cur : { ...cur, checkedOutAt: now, ...attendance(act, toDate(cur.checkedInAt), now) }
        const due = awardFor(act.type, s.serviceMinutes)
        let points = paid ?? 0
        let selfOrganised = false
        if (due && paid === null) {
          const pointsPerUnit = due.reason === 'volunteerHours' ? hourlyRate(act) : undefined
          try {
            points = (await awardInTx(t, { userId: ctx.openid, reason: due.reason, units: due.units, pointsPerUnit, sourceRef: s._id, key: s._id, note: act.title, grantedBy: act.createdBy }, now)).awarded
          } catch (err) {
            if (!(err instanceof SelfAwardError)) throw err
            selfOrganised = true
          }
        }
        const data = { checkedOutAt: s.checkedOutAt, attendedMinutes: s.attendedMinutes, counted: s.counted, serviceMinutes: s.serviceMinutes, pointsAwarded: points, updatedAt: now }
        await t.collection(SIGNUPS).doc(s._id).update({ data })
        return { s: { ...s, ...data }, points, selfOrganised }
      })
    let r: Awaited<ReturnType<typeof write>>
    try {
      r = await write(null)
    } catch (err) {
      // credited before check-out was transactional (the award went through, the sign-up's note of it did not)
      if (!isDuplicateOf(err, 'idempotencyKey')) throw err
      const due = awardFor(act.type, signup.serviceMinutes)
      const entry = due ? await findEntryByKey(ctx.db, `${due.reason}:${signup._id}`) : null
      if (!entry) throw err
      r = await write(entry.delta)
    }
    const { s, points, selfOrganised } = r
    const hours = Math.round((s.serviceMinutes / 60) * 10) / 10
    return {
      status: 'checkedOut' as const,
      at: toDate(s.checkedOutAt!).toISOString(),
      attendedMinutes: s.attendedMinutes,
      hours,
      counted: s.counted,
      pointsAwarded: points,
      message: s.counted
        ? `签退成功！本次服务 ${hours} 小时${points ? `，获得 ${points} 积分` : ''}${selfOrganised ? '（本人组织的活动不计积分）' : ''}`
        : `已签退。本次到场 ${s.attendedMinutes} 分钟，不足活动时长的 60%，不计服务时长`,
    }
  },
})

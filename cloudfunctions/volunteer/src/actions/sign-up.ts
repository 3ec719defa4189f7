import type { ActivityDoc, SignupDoc } from '../../../../domain/volunteer/model'
import { AppError } from '../../../../domain/errors'
import { admit, newSignup, overlaps, placesLeft, signupClosedReason, signupIdOf } from '../../../../domain/volunteer/rules'
import { loadOrCreateCaller } from '../../../../server/caller'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { runTx, txGet, withoutId } from '../../../../server/tx'
import { isActive, loadRiderForSignup, normaliseActivity } from '../store'
import { formatWithWeekday } from '../../../../domain/time'
import { ACTIVITIES, SIGNUPS } from '../../../../server/collections'

const already = (status: string) =>
  new AppError('CONFLICT', status === 'waitlisted' ? '你已在这个活动的候补名单中' : status === 'signedUp' ? '你已经报名了这个活动' : '你在这个活动中已有记录，不能再次报名')

/**
 * Signs the caller up: a place while there is one, else the waitlist (in arrival order).
 *
 * DB: 2 reads + 2 writes.
 * 1. One aggregate read: the caller's users document with their relevant sign-ups (role,
 *    verification, already signed up?, overlapping activities). Because it is this read and not the
 *    router's, access is 'any' and the rider role is checked here, with the router's messages; a
 *    caller without a document gets one here (+1 write, once), as the router would make it.
 * 2. One transaction of single-document operations: read the activity (its counters: `seq`,
 *    `signedUp`, `waitlisted`), insert the sign-up `<activityId>_<openid>` (a duplicate id makes a
 *    second concurrent sign-up of the same rider fail), update the counters. Every sign-up writes the
 *    activity, so two concurrent ones conflict (CloudBase: the second writer fails at once) and
 *    runTx runs the loser again on the new counters: places and arrival numbers are never handed
 *    out twice. No external calls inside.
 * A rider who cancelled earlier signs up again with a `set` of their old sign-up, after reading it in
 * the transaction (3 reads on that rare path).
 */
export const signUp = defineAction('volunteer', 'signUp', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    // a caller never seen before has no sign-ups: their document is made here, as the router would
    const rider = (await loadRiderForSignup(ctx.db, ctx.openid, input.activityId, now)) ?? { ...(await loadOrCreateCaller(ctx, null)).user, signups: [] }
    if (!rider.roles?.includes('rider')) throw new AppError('FORBIDDEN', '仅骑手可以使用此功能')
    const previous = rider.signups.find((s) => s.activityId === input.activityId)
    if (previous && previous.status !== 'cancelled') throw already(previous.status)
    const others = rider.signups.filter((s) => s.activityId !== input.activityId && isActive(s.status))
    const id = signupIdOf(input.activityId, ctx.openid)

    try {
      return await runTx(ctx.db, async (t) => {
        const raw = await txGet<ActivityDoc>(t, ACTIVITIES, input.activityId)
        if (!raw) throw new AppError('NOT_FOUND', '找不到这个活动，可能已被删除')
        const act = normaliseActivity(raw)
        const closed = signupClosedReason(act, now)
        if (closed) throw new AppError('CONFLICT', closed)
        if (act.verifiedOnly && rider.verification?.status !== 'verified')
          throw new AppError('FORBIDDEN', '这个活动仅限已认证的骑手报名，请先在「我的」完成骑手认证')
        const clash = others.find((s) => overlaps(s, act))
        if (clash) throw new AppError('CONFLICT', `与你已报名的「${clash.title}」（${formatWithWeekday(clash.startAt)} 开始）时间冲突`)

        const a = admit(act)
        const doc = newSignup(act, { userId: ctx.openid, nickname: rider.nickname }, a, now)
        if (previous) {
          const cur = await txGet<SignupDoc>(t, SIGNUPS, id)
          if (cur && cur.status !== 'cancelled') throw already(cur.status)
          await t.collection(SIGNUPS).doc(id).set({ data: withoutId(doc) as unknown as Record<string, unknown> })
        } else {
          await t.collection(SIGNUPS).add({ data: doc as unknown as Record<string, unknown> })
        }
        await t.collection(ACTIVITIES).doc(act._id).update({ data: { seq: a.next.seq, signedUp: a.next.signedUp, waitlisted: a.next.waitlisted } })
        return {
          id,
          status: a.status,
          waitlistPosition: a.waitlistPosition,
          placesLeft: placesLeft(a.next),
          message: a.status === 'signedUp' ? `报名成功！${formatWithWeekday(act.startAt)} 见` : `名额已满，你已进入候补第 ${a.waitlistPosition} 位；有人取消时按顺序递补并通知你`,
        }
      })
    } catch (err) {
      if (isDuplicateWrite(err)) throw already('signedUp')
      throw err
    }
  },
})

import type { ActivityDoc, SignupDoc } from '../../../../domain/volunteer/model'
import { AppError } from '../../../../domain/errors'
import { cancellationKind, promotable, release, signupIdOf } from '../../../../domain/volunteer/rules'
import { defineAction } from '../../../../server/router'
import { runTx, txGet } from '../../../../server/tx'
import { deliver, queueInTx } from '../../../../server/outbox'
import { promotedNotice, promoteInTx, withWaitlist } from '../../../../server/waitlist'
import { normaliseActivity } from '../store'
import { ACTIVITIES, SIGNUPS } from '../../../../server/collections'

/**
 * Cancels the caller's sign-up before the activity starts. A freed place goes at once to the first
 * waitlisted rider (notified); a cancellation after the cancellation deadline is still accepted but
 * recorded as late (`lateCancel`, shown on the roster and the rider's record). One transaction:
 * read the activity, the caller's sign-up and the waitlist candidates; update them and the counters.
 */
export const cancel = defineAction('volunteer', 'cancel', {
  access: 'rider',
  async handler(input, ctx) {
    const now = ctx.now()
    const id = signupIdOf(input.activityId, ctx.openid)
    const out = await withWaitlist(ctx.db, { _id: input.activityId }, 5, (candidates) =>
      runTx(ctx.db, async (t) => {
        const raw = await txGet<ActivityDoc>(t, ACTIVITIES, input.activityId)
        if (!raw) throw new AppError('NOT_FOUND', '找不到这个活动，可能已被删除')
        const act = normaliseActivity(raw)
        const mine = await txGet<SignupDoc>(t, SIGNUPS, id)
        if (!mine || (mine.status !== 'signedUp' && mine.status !== 'waitlisted')) throw new AppError('CONFLICT', '你没有报名这个活动，或已经取消了')
        if (act.status !== 'open') throw new AppError('CONFLICT', '活动已取消，无需再取消报名')
        const kind = cancellationKind(act, now)
        if (kind === 'started') throw new AppError('CONFLICT', '活动已经开始，不能取消报名；如有急事请联系社区工作者')
        const late = kind === 'late'
        let next = release(act, mine.status, false)
        const n = mine.status === 'signedUp' ? promotable(next) : 0
        const promoted = n > 0 ? await promoteInTx(t, candidates, n, id, now) : []
        next = { ...next, signedUp: next.signedUp + promoted.length, waitlisted: next.waitlisted - promoted.length }
        await t.collection(SIGNUPS).doc(id).update({ data: { status: 'cancelled', cancelledAt: now, lateCancel: late, updatedAt: now } })
        await t.collection(ACTIVITIES).doc(act._id).update({ data: { signedUp: next.signedUp, waitlisted: next.waitlisted } })
        const queued = await queueInTx(t, promoted.map((p) => promotedNotice(p.userId, act)), now)
        return { late, promoted, queued }
      }),
    )
    await deliver(ctx.db, out.queued)
    return {
      status: 'cancelled' as const,
      lateCancel: out.late,
      promoted: out.promoted.length > 0,
      message: out.late ? '已取消报名。已过取消截止时间，本次记为迟取消' : '已取消报名',
    }
  },
})

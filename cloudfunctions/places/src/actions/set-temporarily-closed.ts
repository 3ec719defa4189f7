import { AppError } from '../../../../domain/errors'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { loadPlace } from '../place-store'
import { toDetail } from '../views'
import { dayKey, shanghaiMidnight } from '../../../../domain/time'
import { PLACES } from '../../../../server/collections'

const MAX_CLOSURE_DAYS = 180

/**
 * Close a place temporarily (reason + last closed day, Asia/Shanghai) or reopen it. Reopening also
 * clears the "recently reported" flag: staff have confirmed the place works.
 */
export const setTemporarilyClosed = defineAction('places', 'setTemporarilyClosed', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const place = await loadPlace(ctx, input.id)
    requireCommunityStaff(ctx, place.communityId)
    const now = ctx.now()
    let data: Record<string, unknown>
    if (input.closed) {
      const today = dayKey(now)
      const until = input.until!
      const untilMidnight = shanghaiMidnight(until)
      if (dayKey(untilMidnight) !== until) throw new AppError('VALIDATION', '恢复日期不存在', { field: 'until' })
      if (until < today) throw new AppError('VALIDATION', '暂停截止日期不能早于今天', { field: 'until' })
      if (untilMidnight.getTime() - shanghaiMidnight(today).getTime() > MAX_CLOSURE_DAYS * 86_400_000)
        throw new AppError('VALIDATION', `暂停营业最长 ${MAX_CLOSURE_DAYS} 天`, { field: 'until' })
      // closed through the whole `until` day
      data = { closedUntil: new Date(untilMidnight.getTime() + 86_400_000), closedReason: input.reason!, updatedAt: now }
    } else {
      data = { closedUntil: null, closedReason: null, 'recentReports.lastNegativeAt': null, 'recentReports.lastNegativeKind': null, updatedAt: now }
    }
    await ctx.db.collection(PLACES).doc(place._id).update({ data })
    const next = {
      ...place,
      closedUntil: data.closedUntil as Date | null,
      closedReason: data.closedReason as string | null,
      recentReports: input.closed ? place.recentReports : { ...place.recentReports, lastNegativeAt: null, lastNegativeKind: null },
    }
    return toDetail(next, now)
  },
})

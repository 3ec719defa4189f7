import type { ActivityDoc, SignupDoc, SignupStatus } from '../../../../domain/volunteer/model'
import { MAX_DURATION_MS, signupIdOf } from '../../../../domain/volunteer/rules'
import { findById } from '../../../../server/db'
import { defineAction } from '../../../../server/router'
import { loadActivity, normaliseActivity, toDetail, toListItem, toMySignup, waitlistPosition } from '../store'
import { shanghaiAt } from '../../../../domain/time'
import { ACTIVITIES, SIGNUPS } from '../../../../server/collections'

/**
 * Upcoming activities (open, not yet ended), soonest first, with places left. Anyone may browse;
 * the caller's own sign-up state comes from a second read of their sign-ups on the listed activities.
 */
export const list = defineAction('volunteer', 'list', {
  access: 'any',
  async handler(input, ctx) {
    const now = ctx.now()
    const _ = ctx.db.command
    // Activities stay `open` after they end. One that has not ended started at most MAX_DURATION_MS
    // ago, so that bound on startAt lets the status_start index skip every past activity.
    const earliest = new Date(now.getTime() - MAX_DURATION_MS)
    const from = input.from ? shanghaiAt(input.from, '00:00') : earliest
    const where: Record<string, unknown> = { status: 'open', endAt: _.gt(now), startAt: _.gte(from > earliest ? from : earliest) }
    if (input.type) where.type = input.type
    if (input.communityId) where.communityId = input.communityId
    const res = (await ctx.db.collection(ACTIVITIES).where(where).orderBy('startAt', 'asc').limit(input.limit).get()) as unknown as { data: ActivityDoc[] }
    const acts = res.data.map(normaliseActivity)
    const mine = new Map<string, SignupStatus>()
    if (acts.length) {
      const sres = (await ctx.db
        .collection(SIGNUPS)
        .where({ userId: ctx.openid, activityId: _.in(acts.map((a) => a._id)) })
        .field({ activityId: true, status: true })
        .limit(acts.length)
        .get()) as unknown as { data: Pick<SignupDoc, 'activityId' | 'status'>[] }
      for (const s of sres.data) mine.set(s.activityId, s.status)
    }
    return { items: acts.map((a) => toListItem(a, now, mine.get(a._id) ?? null)), at: now.toISOString() }
  },
})

/** One activity with places left and the caller's own sign-up (and waitlist position). */
export const detail = defineAction('volunteer', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id)
    const s = await findById<SignupDoc>(ctx.db, SIGNUPS, signupIdOf(a._id, ctx.openid))
    const pos = s && s.status === 'waitlisted' ? await waitlistPosition(ctx.db, s) : null
    return toDetail(a, ctx.now(), s ? toMySignup(s, pos) : null)
  },
})

import type { ActivityDoc, SignupDoc } from '../../../../domain/volunteer/model'
import { AppError } from '../../../../domain/errors'
import { defaultDeadlines, NEW_ACTIVITY_STATE, promotable, scheduleProblem } from '../../../../domain/volunteer/rules'
import type { ActionContext } from '../../../../server/context'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS, staffListFilter } from '../../../../server/scope'
import { runTx, txGet } from '../../../../server/tx'
import { deliver, queueInTx, type OutboxDoc } from '../../../../server/outbox'
import { promotedNotice, promoteInTx, withWaitlist } from '../../../../server/waitlist'
import { loadManagedActivity, loadPlace, activityNotice, normaliseActivity, signupsOf, toDetail, toListItem } from '../store'
import { ACTIVITIES, SIGNUPS } from '../../../../server/collections'
import { coordsOf } from '../../../../server/geo'

type Where = { placeId: string } | { name: string; address: string; longitude: number; latitude: number }

async function resolveWhere(ctx: ActionContext, w: Where) {
  if ('placeId' in w) {
    const p = await loadPlace(ctx.db, w.placeId)
    const [lng, lat] = coordsOf(p.location)
    return { placeId: p._id, placeName: p.name, address: p.address, location: ctx.db.Geo.Point(lng, lat) as unknown as ActivityDoc['location'] }
  }
  return { placeId: null, placeName: w.name, address: w.address, location: ctx.db.Geo.Point(w.longitude, w.latitude) as unknown as ActivityDoc['location'] }
}

const newActivityId = () => `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

function check(s: { startAt: Date; endAt: Date; signupDeadline: Date; cancelDeadline: Date }, now: Date | null) {
  const p = scheduleProblem(s, now)
  if (p) throw new AppError('VALIDATION', p.message, { field: p.field })
}

/** A worker (in their communities) or an admin creates an activity. DB: user + place reads, 1 write. */
export const create = defineAction('volunteer', 'create', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    requireCommunityStaff(ctx, input.communityId)
    const now = ctx.now()
    const startAt = new Date(input.startAt)
    const defaults = defaultDeadlines(startAt)
    const schedule = {
      startAt,
      endAt: new Date(input.endAt),
      signupDeadline: input.signupDeadline !== undefined ? new Date(input.signupDeadline) : defaults.signupDeadline,
      cancelDeadline: input.cancelDeadline !== undefined ? new Date(input.cancelDeadline) : defaults.cancelDeadline,
    }
    check(schedule, now)
    const where = await resolveWhere(ctx, input.where)
    const doc: ActivityDoc = {
      _id: newActivityId(),
      type: input.type,
      title: input.title,
      description: input.description,
      communityId: input.communityId,
      ...where,
      ...schedule,
      capacity: input.capacity,
      verifiedOnly: input.verifiedOnly,
      pointsPerHour: input.pointsPerHour,
      ...NEW_ACTIVITY_STATE,
      createdBy: ctx.openid,
      createdAt: now,
      updatedAt: now,
    }
    await ctx.db.collection(ACTIVITIES).add({ data: doc as unknown as Record<string, unknown> })
    return toDetail(doc, now, null)
  },
})

/**
 * Edits an activity. Capacity and the counters change in one transaction; a bigger capacity moves
 * waitlisted riders up (notified); a smaller one may not drop below the places already taken.
 * Changed times or title are copied to the sign-ups (they carry them for the overlap check).
 */
export const update = defineAction('volunteer', 'update', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const before = await loadManagedActivity(ctx, input.id)
    if (before.status !== 'open') throw new AppError('CONFLICT', '活动已取消，不能再修改')
    if (before.endAt.getTime() <= now.getTime()) throw new AppError('CONFLICT', '活动已经结束，不能再修改')
    const p = input.patch
    const where = p.where ? await resolveWhere(ctx, p.where) : null
    const out = await withWaitlist(ctx.db, before, 50, (candidates) =>
      runTx(ctx.db, async (t) => {
        const raw = await txGet<ActivityDoc>(t, ACTIVITIES, before._id)
        if (!raw) throw new AppError('NOT_FOUND', '找不到这个活动，可能已被删除')
        const act = normaliseActivity(raw)
        const next: ActivityDoc = {
          ...act,
          ...(p.title !== undefined && { title: p.title }),
          ...(p.description !== undefined && { description: p.description }),
          ...(where ?? {}),
          ...(p.startAt !== undefined && { startAt: new Date(p.startAt) }),
          ...(p.endAt !== undefined && { endAt: new Date(p.endAt) }),
          ...(p.signupDeadline !== undefined && { signupDeadline: new Date(p.signupDeadline) }),
          ...(p.cancelDeadline !== undefined && { cancelDeadline: new Date(p.cancelDeadline) }),
          ...(p.capacity !== undefined && { capacity: p.capacity }),
          ...(p.verifiedOnly !== undefined && { verifiedOnly: p.verifiedOnly }),
          ...(p.pointsPerHour !== undefined && { pointsPerHour: p.pointsPerHour }),
          updatedAt: now,
        }
        const timesChanged = next.startAt.getTime() !== act.startAt.getTime() || next.endAt.getTime() !== act.endAt.getTime()
        check(next, timesChanged && act.startAt.getTime() > now.getTime() ? now : null)
        if (next.capacity < act.signedUp) throw new AppError('VALIDATION', `已有 ${act.signedUp} 人报名，名额不能少于 ${act.signedUp}`, { field: 'patch.capacity' })
        const n = promotable(next)
        const promoted = n > 0 ? await promoteInTx(t, candidates, n, null, now) : []
        next.signedUp += promoted.length
        next.waitlisted -= promoted.length
        // only the changed fields (a whole-document set would rewrite the stored geo point)
        const changes: Record<string, unknown> = { updatedAt: now, signedUp: next.signedUp, waitlisted: next.waitlisted }
        for (const k of ['title', 'description', 'placeId', 'placeName', 'address', 'location', 'startAt', 'endAt', 'signupDeadline', 'cancelDeadline', 'capacity', 'verifiedOnly', 'pointsPerHour'] as const)
          if (k === 'location' ? !!where : next[k] !== act[k]) changes[k] = next[k]
        await t.collection(ACTIVITIES).doc(act._id).update({ data: changes })
        const queued = await queueInTx(t, promoted.map((s) => promotedNotice(s.userId, next, '活动增加了名额，你已从候补转为正式报名')), now)
        return { next, queued }
      }),
    )
    // the sign-ups' copies of title and times, on every save (not only when they changed): a call
    // that died after the commit left them stale, and the retry — the same patch, so nothing
    // changes any more — brings them in line
    await ctx.db
      .collection(SIGNUPS)
      .where({ activityId: out.next._id })
      .update({ data: { title: out.next.title, startAt: out.next.startAt, endAt: out.next.endAt } })
    await deliver(ctx.db, out.queued)
    return toDetail(out.next, now, null)
  },
})

/**
 * Cancels the activity; every rider signed up or waiting is told (subscribe message). The activity's
 * status is one conditional update; then each sign-up is closed in its own transaction together with
 * its rider's pending message (server/outbox.ts), sent after it. A call that dies part-way is
 * completed by the retry (the activity is cancelled, sign-ups are still open: they are closed now)
 * and its messages by the outbox timer; only a retry that finds nothing left to do is a CONFLICT.
 */
export const cancelActivity = defineAction('volunteer', 'cancelActivity', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const act = await loadManagedActivity(ctx, input.id)
    if (act.endAt.getTime() <= now.getTime()) throw new AppError('CONFLICT', '活动已经结束，不能取消')
    let reason = act.cancelReason ?? input.reason
    if (act.status !== 'cancelled') {
      const res = (await ctx.db
        .collection(ACTIVITIES)
        .where({ _id: act._id, status: 'open' })
        .update({ data: { status: 'cancelled', cancelReason: input.reason, updatedAt: now } })) as unknown as { stats: { updated: number } }
      if (!res.stats?.updated) throw new AppError('CONFLICT', '活动已经取消了')
      reason = input.reason
    }
    const open = (await signupsOf(ctx.db, act._id)).filter((s) => s.status === 'signedUp' || s.status === 'waitlisted')
    if (act.status === 'cancelled' && !open.length) throw new AppError('CONFLICT', '活动已经取消了')
    const queued: OutboxDoc[] = []
    for (const s of open) {
      queued.push(
        ...(await runTx(ctx.db, async (t) => {
          const cur = await txGet<SignupDoc>(t, SIGNUPS, s._id)
          if (!cur || (cur.status !== 'signedUp' && cur.status !== 'waitlisted')) return []
          await t.collection(SIGNUPS).doc(s._id).update({ data: { status: 'activityCancelled', updatedAt: now } })
          return queueInTx(t, [activityNotice(s.userId, 'cancelled', act, `活动取消：${reason}`)], now)
        })),
      )
    }
    const notified = await deliver(ctx.db, queued)
    return { id: act._id, status: 'cancelled' as const, notified }
  },
})

/** Activities of the caller's communities (admins: all), newest start first. */
export const listManaged = defineAction('volunteer', 'listManaged', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const now = ctx.now()
    const _ = ctx.db.command
    const scope = staffListFilter(ctx, input.communityId)
    if (!scope) return { items: [] }
    const where: Record<string, unknown> = { ...scope }
    if (!input.includePast) where.endAt = _.gt(now)
    const res = (await ctx.db.collection(ACTIVITIES).where(where).orderBy('startAt', 'desc').limit(100).get()) as unknown as { data: ActivityDoc[] }
    return { items: res.data.map((a) => toListItem(normaliseActivity(a), now, null)) }
  },
})

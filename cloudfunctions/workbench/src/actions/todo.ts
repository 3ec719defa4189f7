import { ACTIVITY_SOON_DAYS, TODO_OLDEST, type TodoView } from '../../../../domain/workbench/model'
import { OPEN_STATUSES } from '../../../../domain/suggestions/model'
import { REPORT_SINK_MS } from '../../../../domain/places/model'
import type { ActivityDoc } from '../../../../domain/volunteer/model'
import type { UserDoc } from '../../../../domain/user/model'
import { nextDay, dayKey, shanghaiMidnight, DAY_MS } from '../../../../domain/time'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS } from '../../../../server/scope'
import { ACTIVITIES, COMPOUND_FLAGS, MALL_ITEMS, MERCHANTS, PLACES, SUGGESTIONS, USERS } from '../../../../server/collections'
import type { Database } from '../../../../server/cloud'
import { inScope, scopeOf } from '../scope'

const HOUR = 3_600_000
const count = async (db: Database, collection: string, where: Record<string, unknown>): Promise<number> =>
  ((await db.collection(collection).where(where).count()) as unknown as { total: number }).total

/**
 * The to-do: one call, counts only (`count()` on indexed fields), plus the oldest verifications
 * waiting and the few activities starting soon (a week of one community's activities is a handful).
 */
export const todo = defineAction('workbench', 'todo', {
  access: STAFF_ACCESS,
  async handler(input, ctx): Promise<TodoView> {
    const db = ctx.db
    const _ = db.command
    const now = ctx.now()
    const scope = scopeOf(ctx, input.communityId)
    const empty = scope !== null && scope.length === 0
    const community = inScope(ctx, scope)
    const endOfToday = shanghaiMidnight(nextDay(dayKey(now)))
    const open = _.in([...OPEN_STATUSES])
    if (empty) {
      return {
        at: now.toISOString(),
        communityIds: [],
        verifications: { count: 0, oldest: [] },
        suggestions: { overdue: 0, dueToday: 0, unaccepted: 0 },
        merchants: { applications: 0, heldItems: 0 },
        activities: { count: 0, items: [] },
        places: { flagged: 0 },
        compounds: { flagged: 0 },
      }
    }
    const pending = { 'verification.status': 'pending', ...inScope(ctx, scope, 'verification.communityId') }
    const [verifications, oldest, overdue, dueToday, unaccepted, applications, heldItems, soon, flagged, compoundFlags] = await Promise.all([
      count(db, USERS, pending),
      db.collection(USERS).where(pending).orderBy('verification.submittedAt', 'asc').limit(TODO_OLDEST).field({ 'verification.riderId': true, 'verification.submittedAt': true }).get() as unknown as Promise<{ data: Pick<UserDoc, 'verification'>[] }>,
      count(db, SUGGESTIONS, { ...community, status: open, dueAt: _.lte(now) }),
      count(db, SUGGESTIONS, { ...community, status: open, dueAt: _.and(_.gt(now), _.lt(endOfToday)) }),
      count(db, SUGGESTIONS, { ...community, status: 'submitted' }),
      count(db, MERCHANTS, { status: 'pending', ...community }),
      count(db, MALL_ITEMS, { contentFlagged: true, ...community }),
      db
        .collection(ACTIVITIES)
        .where({ ...community, status: 'open', startAt: _.and(_.gte(now), _.lt(new Date(now.getTime() + ACTIVITY_SOON_DAYS * DAY_MS))) })
        .orderBy('startAt', 'asc')
        .limit(100)
        .field({ title: true, communityId: true, startAt: true, capacity: true, signedUp: true })
        .get() as unknown as Promise<{ data: Pick<ActivityDoc, '_id' | 'title' | 'communityId' | 'startAt' | 'capacity' | 'signedUp'>[] }>,
      count(db, PLACES, { ...community, status: 'active', 'recentReports.lastNegativeAt': _.gt(new Date(now.getTime() - REPORT_SINK_MS)) }),
      count(db, COMPOUND_FLAGS, { ...community, status: 'open' }),
    ])
    const withPlaces = soon.data.filter((a) => a.signedUp < a.capacity)
    return {
      at: now.toISOString(),
      communityIds: scope,
      verifications: {
        count: verifications,
        oldest: oldest.data.map((u) => {
          const at = new Date(u.verification.submittedAt ?? now)
          return { riderId: u.verification.riderId ?? null, submittedAt: at.toISOString(), ageHours: Math.max(0, Math.floor((now.getTime() - at.getTime()) / HOUR)) }
        }),
      },
      suggestions: { overdue, dueToday, unaccepted },
      merchants: { applications, heldItems },
      activities: {
        count: withPlaces.length,
        items: withPlaces.slice(0, 5).map((a) => ({ id: a._id, title: a.title, communityId: a.communityId, startAt: new Date(a.startAt).toISOString(), capacity: a.capacity, signedUp: a.signedUp })),
      },
      places: { flagged },
      compounds: { flagged: compoundFlags },
    }
  },
})

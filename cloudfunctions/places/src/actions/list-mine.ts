import type { ManagedPlaceItem, PlaceDoc } from '../../../../domain/places/model'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS, staffCommunityIds } from '../../../../server/scope'
import { alertOf, closureView, openState, recentReportViews } from '../views'
import { dayKey } from '../../../../domain/time'
import { CHECKINS, COMMUNITIES, PLACES } from '../../../../server/collections'

const MAX_PLACES = 200

/**
 * The places of the caller's communities (one, when `communityId` is given) with check-ins of the
 * last 7 and 30 days (one aggregate grouped by place and day) and recent live reports.
 * DB: user (router) + places + communities + aggregate = 4 reads.
 */
export const listMine = defineAction('places', 'listMine', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const _ = ctx.db.command
    const scope = staffCommunityIds(ctx.user)
    if (input.communityId) requireCommunityStaff(ctx, input.communityId)
    const communities = input.communityId ? [input.communityId] : scope
    if (communities !== 'all' && communities.length === 0)
      return { items: [], communities: [], totals: { places: 0, checkins7d: 0, checkins30d: 0, alerts: 0 } }

    const where: Record<string, unknown> = {}
    if (communities !== 'all') where.communityId = _.in(communities)
    if (input.kind) where.kind = input.kind
    const res = (await ctx.db
      .collection(PLACES)
      .where(where)
      .field({ hours: false, photos: false, contact: false, description: false })
      .orderBy('communityId', 'asc')
      .orderBy('name', 'asc')
      .limit(MAX_PLACES)
      .get()) as unknown as { data: PlaceDoc[] }

    // the names of the caller's communities, for the list headings and the create form (one read)
    const commRes = (await ctx.db
      .collection(COMMUNITIES)
      .where(communities === 'all' ? {} : { _id: _.in(communities) })
      .field({ name: true })
      .limit(100)
      .get()) as unknown as { data: { _id: string; name?: string }[] }
    const order = communities === 'all' ? null : communities
    const communityOptions = commRes.data
      .map((c) => ({ id: c._id, name: c.name || c._id }))
      .sort((a, b) => (order ? order.indexOf(a.id) - order.indexOf(b.id) : a.name.localeCompare(b.name, 'zh-CN')))

    const now = ctx.now()
    const day30 = dayKey(new Date(now.getTime() - 29 * 86_400_000))
    const day7 = dayKey(new Date(now.getTime() - 6 * 86_400_000))
    const counts = new Map<string, { d7: number; d30: number }>()
    if (res.data.length) {
      const match: Record<string, unknown> = { day: _.gte(day30) }
      if (communities !== 'all') match.communityId = _.in(communities)
      const agg = (await ctx.db
        .collection(CHECKINS)
        .aggregate()
        .match(match)
        .group({ _id: { p: '$placeId', d: '$day' }, n: ctx.db.command.aggregate.sum(1) })
        .limit(10_000)
        .end()) as unknown as { list: { _id: { p: string; d: string }; n: number }[] }
      for (const row of agg.list) {
        const c = counts.get(row._id.p) ?? { d7: 0, d30: 0 }
        c.d30 += row.n
        if (row._id.d >= day7) c.d7 += row.n
        counts.set(row._id.p, c)
      }
    }

    const items: ManagedPlaceItem[] = res.data.map((p) => {
      const { openNow, hoursLabel } = openState(p, now)
      const c = counts.get(p._id) ?? { d7: 0, d30: 0 }
      return {
        id: p._id,
        name: p.name,
        kind: p.kind,
        level: p.level ?? null,
        communityId: p.communityId,
        address: p.address,
        status: p.status,
        openNow,
        hoursLabel,
        ...closureView(p, now),
        checkins7d: c.d7,
        checkins30d: c.d30,
        recentReports: recentReportViews(p.recentReports?.items),
      }
    })
    return {
      items,
      communities: communityOptions,
      totals: {
        places: items.length,
        checkins7d: items.reduce((s, i) => s + i.checkins7d, 0),
        checkins30d: items.reduce((s, i) => s + i.checkins30d, 0),
        alerts: res.data.filter((p) => alertOf(p, now)).length,
      },
    }
  },
})

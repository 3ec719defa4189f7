import { REPORT_KIND_LABELS, type PlaceReportDoc } from '../../../../domain/entities/place'
import { defineAction } from '../../../../server/router'
import { requireCommunityStaff, STAFF_ACCESS } from '../../../../server/scope'
import { loadPlace } from '../place-store'
import { PLACE_REPORTS } from '../../../../server/collections'

/** Live reports of one place, newest first, for the staff of its community (no reporter identity). */
export const reports = defineAction('places', 'reports', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const place = await loadPlace(ctx, input.placeId, { includeRetired: true })
    requireCommunityStaff(ctx, place.communityId)
    const res = (await ctx.db
      .collection(PLACE_REPORTS)
      .where({ placeId: place._id })
      .orderBy('at', 'desc')
      .limit(input.limit)
      .get()) as unknown as { data: (PlaceReportDoc & { _id: string })[] }
    return res.data.map((r) => ({
      id: r._id,
      kind: r.kind,
      label: REPORT_KIND_LABELS[r.kind],
      note: r.note ?? null,
      at: new Date(r.at).toISOString(),
    }))
  },
})

import {
  NEGATIVE_REPORTS,
  RECENT_REPORTS_KEPT,
  REPORT_INTERVAL_MS,
  type PlaceReportDoc,
  type RecentReport,
} from '../../../../domain/entities/place'
import { AppError } from '../../../../domain/errors'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { loadPlace } from '../place-store'
import { recentReportViews } from '../views'
import { PLACES, PLACE_REPORTS } from '../../../../server/collections'

const tooOften = () => new AppError('RATE_LIMITED', '你刚反馈过这个地点，30 分钟后可再次反馈')

/**
 * One-tap live status. Rate-limited per rider and place: a recent report by the same rider refuses,
 * and a unique key per 30-minute window makes concurrent double taps count once. The place keeps a
 * small summary (last 5 reports, last negative one) so nearby and detail stay one read each.
 * The optional note is seen by community staff only (it has not passed a content check).
 *
 * DB: user (router) + place + recent report = 3 reads; 2 writes.
 */
export const reportStatus = defineAction('places', 'reportStatus', {
  access: 'rider',
  async handler(input, ctx) {
    const now = ctx.now()
    const _ = ctx.db.command
    const place = await loadPlace(ctx, input.placeId)

    const recent = (await ctx.db
      .collection(PLACE_REPORTS)
      .where({ userId: ctx.openid, placeId: place._id, at: _.gt(new Date(now.getTime() - REPORT_INTERVAL_MS)) })
      .limit(1)
      .get()) as unknown as { data: PlaceReportDoc[] }
    if (recent.data.length) throw tooOften()

    const doc: PlaceReportDoc = {
      placeId: place._id,
      communityId: place.communityId,
      userId: ctx.openid,
      kind: input.kind,
      note: input.note ?? null,
      at: now,
      rateKey: `${ctx.openid}|${place._id}|${Math.floor(now.getTime() / REPORT_INTERVAL_MS)}`,
    }
    try {
      await ctx.db.collection(PLACE_REPORTS).add({ data: doc })
    } catch (err) {
      if (isDuplicateWrite(err)) throw tooOften()
      throw err
    }

    const item: RecentReport = { kind: input.kind, at: now }
    const negative = NEGATIVE_REPORTS.includes(input.kind)
    await ctx.db
      .collection(PLACES)
      .doc(place._id)
      .update({
        data: {
          'recentReports.items': _.push({ each: [item], slice: -RECENT_REPORTS_KEPT }),
          ...(negative ? { 'recentReports.lastNegativeAt': now, 'recentReports.lastNegativeKind': input.kind } : {}),
        },
      })
    const items = [...(place.recentReports?.items ?? []), item].slice(-RECENT_REPORTS_KEPT)
    return { recentReports: recentReportViews(items) }
  },
})

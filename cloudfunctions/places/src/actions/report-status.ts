import {
  NEGATIVE_REPORTS,
  RECENT_REPORTS_KEPT,
  REPORT_INTERVAL_MS,
  type PlaceReportDoc,
  type RecentReport,
} from '../../../../domain/places/model'
import { AppError } from '../../../../domain/errors'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { runTx, txGet } from '../../../../server/tx'
import { createHash } from 'node:crypto'
import type { PlaceDoc } from '../../../../domain/places/model'
import { defineAction } from '../../../../server/router'
import { loadPlace } from '../place-store'
import { recentReportViews } from '../views'
import { PLACES, PLACE_REPORTS } from '../../../../server/collections'

/** one report per rider, place and window: its id is its rate key's hash (the key carries the openid) */
const reportIdOf = (rateKey: string) => `pr-${createHash('sha256').update(rateKey).digest('base64url').slice(0, 24)}`

const tooOften = () => new AppError('RATE_LIMITED', '你刚反馈过这个地点，30 分钟后可再次反馈')

/**
 * One-tap live status. Rate-limited per rider and place: a recent report by the same rider refuses,
 * and a unique key per 30-minute window makes concurrent double taps count once. The place keeps a
 * small summary (last 5 reports, last negative one) so nearby and detail stay one read each.
 * The optional note is seen by community staff only (it has not passed a content check).
 *
 * DB: user (router) + place + recent report + place in the transaction = 4 reads; 2 writes.
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
    const item: RecentReport = { kind: input.kind, at: now }
    const negative = NEGATIVE_REPORTS.includes(input.kind)
    let items: RecentReport[]
    try {
      // the report and the place's summary in ONE transaction (issue 14: a crash between the two
      // writes left the summary without the report, and the retry was refused as too often)
      items = await runTx(ctx.db, async (t) => {
        const cur = await txGet<PlaceDoc>(t, PLACES, place._id)
        if (!cur) throw new AppError('NOT_FOUND', '找不到这个地点，可能已被撤销')
        await t.collection(PLACE_REPORTS).add({ data: { _id: reportIdOf(doc.rateKey), ...doc } as unknown as Record<string, unknown> })
        const kept = [...(cur.recentReports?.items ?? []), item].slice(-RECENT_REPORTS_KEPT)
        const summary = negative ? { ...cur.recentReports, items: kept, lastNegativeAt: now, lastNegativeKind: input.kind } : { ...cur.recentReports, items: kept }
        await t.collection(PLACES).doc(place._id).update({ data: { recentReports: _.set(summary) } })
        return kept
      })
    } catch (err) {
      if (isDuplicateWrite(err)) throw tooOften()
      throw err
    }
    return { recentReports: recentReportViews(items) }
  },
})

import { DAILY_LIMIT, DERIVE_RADIUS_M, type SuggestionDoc } from '../../../../domain/entities/suggestion'
import { AppError } from '../../../../domain/errors'
import { dueAtFor } from '../../../../domain/suggestions/deadlines'
import type { ActionContext } from '../../../../server/context'
import { isDuplicateWrite } from '../../../../server/db-errors'
import { defineAction } from '../../../../server/router'
import { ownsUpload } from '../upload'
import { event, newSuggestionId, passText, requireCommunity, requireVerifiedRider, viewFor } from '../store'
import { dayKey } from '../../../../domain/time'
import { PLACES, SUGGESTIONS } from '../../../../server/collections'

const limited = () => new AppError('RATE_LIMITED', `每天最多反映 ${DAILY_LIMIT} 条，明天再来吧`)

/**
 * The community a location falls in: the community of the nearest active place within 3 km (the
 * places of a community are where its workers work). No place near → null, and the rider chooses.
 * A documented, simple rule; the rider (and later a worker, by transfer) can override it.
 */
export async function deriveCommunity(ctx: ActionContext, longitude: number, latitude: number): Promise<string | null> {
  const _ = ctx.db.command
  const res = (await ctx.db
    .collection(PLACES)
    .where({ location: _.geoNear({ geometry: ctx.db.Geo.Point(longitude, latitude), maxDistance: DERIVE_RADIUS_M }), status: 'active' })
    .field({ communityId: true })
    .limit(1)
    .get()) as unknown as { data: { communityId: string }[] }
  return res.data[0]?.communityId ?? null
}

/** The number of reports the rider filed today (Asia/Shanghai), up to the limit. */
async function usedToday(ctx: ActionContext, day: string): Promise<number> {
  const res = (await ctx.db.collection(SUGGESTIONS).where({ reporterId: ctx.openid, day }).field({ _id: true }).limit(DAILY_LIMIT).get()) as unknown as {
    data: unknown[]
  }
  return res.data.length
}

/**
 * A verified rider reports a problem. Reads: user (router), today's count, nearest place (when the
 * community is not given); ONE write. The daily quota is a unique `quotaKey` per (rider, day, n):
 * two concurrent reports cannot take the same slot, so the 11th of a day is refused even in a race.
 * The text passes msgSecCheck first: risky → CONTENT_REJECTED and nothing is written; review → held
 * (only the reporter and staff see it until a worker accepts the report). Photos must be files the
 * caller uploaded under `suggestions/<openid>/`; they stay private until a worker has reviewed them.
 */
export const create = defineAction('suggestions', 'create', {
  access: 'rider',
  async handler(input, ctx) {
    const user = requireVerifiedRider(ctx)
    input.photos.forEach((p, i) => {
      if (!ownsUpload(p, ctx.openid, ctx.now())) throw new AppError('VALIDATION', '照片需由你本人在小程序内上传', { field: `photos.${i}` })
    })
    const now = ctx.now()
    const day = dayKey(now)
    const { longitude, latitude } = input.location

    const derived = await deriveCommunity(ctx, longitude, latitude)
    const communityId = input.communityId ?? derived
    if (!communityId) throw new AppError('VALIDATION', '附近没有已登记的社区，请选择问题所在的社区', { field: 'communityId' })
    await requireCommunity(ctx, communityId)

    let used = await usedToday(ctx, day)
    if (used >= DAILY_LIMIT) throw limited()

    const held = await passText([input.text, input.address ?? ''].join('\n'), ctx.openid, '反映内容')

    const id = newSuggestionId()
    const submitted = event(ctx, 'submitted', 'reporter', { to: 'submitted', note: null, photos: [] })
    const doc: SuggestionDoc = {
      _id: id,
      category: input.category,
      text: input.text,
      textHeld: held,
      photos: input.photos,
      photosReviewed: false,
      location: { type: 'Point', coordinates: [longitude, latitude] },
      address: input.address ?? null,
      communityId,
      derivedCommunityId: derived,
      reporterId: ctx.openid,
      reporterName: user.nickname ?? null,
      anonymous: input.anonymous,
      status: 'submitted',
      joiners: [],
      joinCount: 0,
      createdAt: now,
      updatedAt: now,
      dueAt: dueAtFor(input.category, now),
      acceptedAt: null,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      duplicateOf: null,
      rating: null,
      reopenCount: 0,
      day,
      quotaKey: '',
      points: null,
      timeline: [submitted],
    }
    for (let attempt = 0; ; attempt++) {
      doc.quotaKey = `${ctx.openid}|${day}|${used + 1}`
      try {
        await ctx.db.collection(SUGGESTIONS).add({ data: { ...doc, location: ctx.db.Geo.Point(longitude, latitude) } as unknown as Record<string, unknown> })
        break
      } catch (err) {
        if (!isDuplicateWrite(err) || attempt >= 2) throw isDuplicateWrite(err) ? limited() : err
        // a concurrent report took this slot: count again
        used = await usedToday(ctx, day)
        if (used >= DAILY_LIMIT) throw limited()
      }
    }
    return viewFor(ctx, doc, 'reporter')
  },
})

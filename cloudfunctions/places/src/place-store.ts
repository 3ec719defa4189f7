import { AppError } from '../../../domain/errors'
import type { PlaceDoc } from '../../../domain/entities/place'
import type { ActionContext } from '../../../server/context'
import { findById } from '../../../server/db'
import { PLACES } from '../../../server/collections'


/** A place that riders can see (not retired), or NOT_FOUND. */
export async function loadPlace(ctx: ActionContext, id: string, opts: { includeRetired?: boolean } = {}): Promise<PlaceDoc> {
  const place = await findById<PlaceDoc>(ctx.db, PLACES, id)
  if (!place || (!opts.includeRetired && place.status !== 'active')) throw new AppError('NOT_FOUND', '找不到这个地点，可能已被撤销')
  return place
}

/** A GeoJSON point written through the SDK's Geo type, so CloudBase indexes it. */
export const geoPoint = (ctx: ActionContext, longitude: number, latitude: number) => ctx.db.Geo.Point(longitude, latitude)

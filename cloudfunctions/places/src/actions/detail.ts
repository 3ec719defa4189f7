import { tempUrls } from '../../../../server/files'
import { defineAction } from '../../../../server/router'
import { loadPlace } from '../place-store'
import { toDetail } from '../views'

/**
 * One place with hours, contact and its recent live reports (kept on the place: one read). Photos
 * are cloud fileIDs: they come back with 1-hour temporary URLs (one storage call, only when there
 * are photos), so h5 and weapp show them alike.
 */
export const detail = defineAction('places', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    const d = toDetail(await loadPlace(ctx, input.id), ctx.now())
    if (!d.photos.length) return d
    const urls = await tempUrls(d.photos, 3600)
    return { ...d, photoUrls: d.photos.map((id) => urls.get(id) ?? '') }
  },
})

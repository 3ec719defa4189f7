import { getCloud } from '../../../../server/cloud'
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
    try {
      const res = (await getCloud().getTempFileURL({ fileList: d.photos.map((fileID) => ({ fileID, maxAge: 3600 })) } as never)) as unknown as {
        fileList?: { fileID: string; tempFileURL?: string }[]
      }
      const urls = new Map((res.fileList ?? []).map((f) => [f.fileID, f.tempFileURL ?? '']))
      return { ...d, photoUrls: d.photos.map((id) => urls.get(id) ?? '') }
    } catch {
      // storage unavailable: the page still works without pictures
      return { ...d, photoUrls: d.photos.map(() => '') }
    }
  },
})

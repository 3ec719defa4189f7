import { defineAction } from '../../../../server/router'
import { loadPlace } from '../place-store'
import { toDetail } from '../views'

/** One place with hours, contact and its recent live reports (kept on the place: one read). */
export const detail = defineAction('places', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    return toDetail(await loadPlace(ctx, input.id), ctx.now())
  },
})

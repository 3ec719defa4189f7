import type { CompoundFlagDoc } from '../../../../domain/compounds/model'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS, staffListFilter } from '../../../../server/scope'
import { COMPOUND_FLAGS } from '../../../../server/collections'
import { flagView } from '../store'

/** The flag queue of the caller's communities (or one), by status, newest first; no reporter identity. */
export const flags = defineAction('compounds', 'flags', {
  access: STAFF_ACCESS,
  async handler(input, ctx) {
    const filter = staffListFilter(ctx, input.communityId)
    if (!filter) return []
    const res = (await ctx.db
      .collection(COMPOUND_FLAGS)
      .where({ ...filter, status: input.status })
      .orderBy('at', 'desc')
      .limit(input.limit)
      .get()) as unknown as { data: (CompoundFlagDoc & { _id: string })[] }
    return res.data.map(flagView)
  },
})

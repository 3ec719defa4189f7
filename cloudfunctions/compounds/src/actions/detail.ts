import { compoundView } from '../../../../domain/compounds/rules'
import { defineAction } from '../../../../server/router'
import { loadCompound } from '../store'

/** One compound with its schematic: one read. */
export const detail = defineAction('compounds', 'detail', {
  access: 'any',
  async handler(input, ctx) {
    const doc = await loadCompound(ctx, input.id)
    return compoundView(doc, doc.communityName, ctx.now())
  },
})

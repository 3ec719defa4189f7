import type { LedgerEntryDoc } from '../../../../domain/entities/points'
import { toEntryView } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { LEDGER } from '../../../../server/collections'

/** The caller's entries, newest first (1 read a page; the cursor is the last entry's id + time). */
export const history = defineAction('points', 'history', {
  access: 'any',
  async handler(input, ctx) {
    const _ = ctx.db.command
    let where: Record<string, unknown> = { userId: ctx.openid }
    if (input.before) {
      const [at, id] = [Number(input.before.split('_')[0]), input.before.split('_').slice(1).join('_')]
      // `at ≤ cursor` beside the $or bounds the user_at_id index walk to the older entries
      if (Number.isFinite(at) && id) where = _.and([{ userId: ctx.openid, at: _.lte(new Date(at)) }, _.or([{ at: _.lt(new Date(at)) }, { at: new Date(at), _id: _.lt(id) }])]) as never
    }
    const res = (await ctx.db.collection(LEDGER).where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(input.limit + 1).get()) as unknown as { data: LedgerEntryDoc[] }
    const page = res.data.slice(0, input.limit)
    const last = page[page.length - 1]
    return { items: page.map(toEntryView), next: res.data.length > input.limit && last ? `${new Date(last.at).getTime()}_${last._id}` : null }
  },
})

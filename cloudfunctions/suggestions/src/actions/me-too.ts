import { MAX_JOINERS, OPEN_STATUSES } from '../../../../domain/entities/suggestion'
import { AppError } from '../../../../domain/errors'
import { defineAction } from '../../../../server/router'
import { loadSuggestion, requireVerifiedRider } from '../store'
import { SUGGESTIONS } from '../../../../server/collections'

/**
 * "Me too": a verified rider joins an open report (not their own) instead of filing a duplicate.
 * One conditional update (open, not yet joined, under the cap), so double taps join once.
 * Joiners get the same progress notifications as the reporter.
 */
export const meToo = defineAction('suggestions', 'meToo', {
  access: 'rider',
  async handler(input, ctx) {
    requireVerifiedRider(ctx)
    const d = await loadSuggestion(ctx, input.id)
    if (d.reporterId === ctx.openid) throw new AppError('CONFLICT', '这是你自己提交的反映')
    if (!OPEN_STATUSES.includes(d.status)) throw new AppError('CONFLICT', '这条反映已经办结，不能再附议')
    if (d.joiners.includes(ctx.openid)) return { joinCount: d.joinCount }
    const _ = ctx.db.command
    const res = (await ctx.db
      .collection(SUGGESTIONS)
      .where({ _id: d._id, status: _.in([...OPEN_STATUSES]), joiners: _.nin([ctx.openid]), joinCount: _.lt(MAX_JOINERS) })
      .update({ data: { joiners: _.push(ctx.openid), joinCount: _.inc(1) } })) as unknown as { stats?: { updated?: number } }
    if (!res.stats?.updated) {
      const again = await loadSuggestion(ctx, input.id)
      if (again.joiners.includes(ctx.openid)) return { joinCount: again.joinCount }
      throw new AppError('CONFLICT', '暂时无法附议这条反映，请刷新后再试')
    }
    return { joinCount: d.joinCount + 1 }
  },
})

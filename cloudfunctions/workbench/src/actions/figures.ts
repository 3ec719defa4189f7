import type { FiguresView, StatsDailyDoc } from '../../../../domain/workbench/model'
import { figuresOf } from '../../../../domain/workbench/rollup'
import { addDays, dayKey } from '../../../../domain/time'
import { defineAction } from '../../../../server/router'
import { STAFF_ACCESS } from '../../../../server/scope'
import { allCommunities } from '../../../../server/communities'
import { STATS_DAILY } from '../../../../server/collections'
import { readAll } from '../read-all'
import { inScope, scopeOf } from '../scope'

/**
 * Figures of the last `days` complete days from the roll-ups: O(days × communities) documents and
 * the community list, never an event.
 */
export const figures = defineAction('workbench', 'figures', {
  access: STAFF_ACCESS,
  async handler(input, ctx): Promise<FiguresView> {
    const _ = ctx.db.command
    const scope = scopeOf(ctx, input.communityId)
    const to = addDays(dayKey(ctx.now()), -1)
    const from = addDays(to, -(input.days - 1))
    const [docs, all] = await Promise.all([
      scope !== null && !scope.length
        ? Promise.resolve([] as StatsDailyDoc[])
        : readAll<StatsDailyDoc>(ctx.db, STATS_DAILY, { ...inScope(ctx, scope), day: _.and(_.gte(from), _.lte(to)) }, 'day', { computedAt: false }),
      allCommunities(ctx.db),
    ])
    const communities = all.filter((c) => scope === null || scope.includes(c._id)).map((c) => ({ id: c._id, name: c.name }))
    return { ...figuresOf(docs, { from, to, communityId: input.communityId ?? null }, communities), docsRead: docs.length + all.length }
  },
})

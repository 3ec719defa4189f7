import { AppError } from '../../../../domain/errors'
import { dueAtFor } from '../../../../domain/suggestions/deadlines'
import { canReopenAt } from '../../../../domain/suggestions/workflow'
import { defineAction } from '../../../../server/router'
import { event, loadSuggestion, passText, requireReporter, requireTransition, viewFor, writeTransition } from '../store'

/** The reporter confirms the fix and rates it (回访 → 评价): resolved → closed. */
export const confirm = defineAction('suggestions', 'confirm', {
  access: 'rider',
  async handler(input, ctx) {
    const d = await loadSuggestion(ctx, input.id)
    requireReporter(ctx, d)
    const to = requireTransition(d, 'confirm', 'reporter')
    const held = input.comment ? await passText(input.comment, ctx.openid, '评价内容') : false
    const e = event(ctx, 'confirmed', 'reporter', { from: d.status, to, note: input.comment ?? null, held, rating: input.rating })
    const next = await writeTransition(ctx, d, to, e, { rating: input.rating, closedAt: e.at }, { notice: `评价 ${input.rating} 星` })
    return viewFor(ctx, next, 'reporter')
  },
})

/**
 * The reporter reopens an answered report (办结 / 非本社区职责 / 重复) within 7 days, with a reason
 * (through msgSecCheck): resolved → accepted, the others → submitted; a new deadline starts.
 */
export const reopen = defineAction('suggestions', 'reopen', {
  access: 'rider',
  async handler(input, ctx) {
    const d = await loadSuggestion(ctx, input.id)
    requireReporter(ctx, d)
    const to = requireTransition(d, 'reopen', 'reporter')
    const now = ctx.now()
    if (!canReopenAt(d.status, d.resolvedAt, now)) throw new AppError('EXPIRED', '办结超过 7 天，不能再重新打开；可以提交一条新的反映')
    const held = await passText(input.reason, ctx.openid, '重新打开的理由')
    const e = event(ctx, 'reopened', 'reporter', { from: d.status, to, note: input.reason, held })
    const next = await writeTransition(
      ctx,
      d,
      to,
      e,
      {
        reopenCount: d.reopenCount + 1,
        dueAt: dueAtFor(d.category, now),
        resolvedAt: null,
        duplicateOf: null,
      },
      { notice: '反映人认为问题仍未解决' },
    )
    return viewFor(ctx, next, 'reporter')
  },
})

import { adjust as adjustLedger, reconcile as reconcileLedger, toEntryView } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'

export const adjust = defineAction('points', 'adjust', {
  access: 'admin',
  async handler(input, ctx) {
    return toEntryView(await adjustLedger(ctx.db, { ...input, by: ctx.openid }, ctx.now()))
  },
})

export const reconcile = defineAction('points', 'reconcile', {
  access: 'admin',
  handler: (_input, ctx) => reconcileLedger(ctx.db),
})

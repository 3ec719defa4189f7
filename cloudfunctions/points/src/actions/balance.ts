import type { BalanceDoc } from '../../../../domain/entities/points'
import { findById } from '../../../../server/db'
import { toBalanceView } from '../../../../server/ledger'
import { defineAction } from '../../../../server/router'
import { BALANCES } from '../../../../server/collections'

/** The caller's balance (1 read). Anyone who has a balance may see their own; never another's. */
export const balance = defineAction('points', 'balance', {
  access: 'any',
  async handler(_input, ctx) {
    return toBalanceView(await findById<BalanceDoc>(ctx.db, BALANCES, ctx.openid), ctx.now())
  },
})

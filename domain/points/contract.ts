import * as z from 'zod/mini'
import type { BalanceView, HistoryPage, LedgerEntryView, ReconciliationReport } from './model'
import { MAX_ADJUSTMENT } from './rules'
import { docId, emptyInput, idempotencyKey, plainText } from '../schemas'
import { action } from '../action'

export const openidRef = docId('用户')
const entryId = docId('记录')

/** The points function's one timer trigger, named in its config.json; it runs every job. */
export const DAILY_TRIGGER = 'daily'

export const pointsContract = {
  /** The caller's balance, lots and what expires soon. */
  balance: action<BalanceView>()(emptyInput),
  /** The caller's entries, newest first, 20 a page. */
  history: action<HistoryPage>()(z.strictObject({ before: z.optional(entryId), limit: z._default(z.int().check(z.gte(1), z.lte(50)), 20) })),
  // ---- admins ----
  /** A correcting entry (either sign) with a reason; idempotent by key. */
  adjust: action<LedgerEntryView>()(
    z.strictObject({
      userId: openidRef,
      delta: z.int().check(z.gte(-MAX_ADJUSTMENT), z.lte(MAX_ADJUSTMENT), z.refine((n) => n !== 0, { error: '调整值不能为 0' })),
      note: plainText(2, 100).check(z.describe('调整说明')),
      key: idempotencyKey,
    }),
  ),
  /** Checks the ledger invariants (balances = sums of entries, issued − spent = sum of balances, nothing negative). */
  reconcile: action<ReconciliationReport>()(emptyInput),
}

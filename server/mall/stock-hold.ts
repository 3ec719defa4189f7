import { createHash, randomBytes } from 'node:crypto'
import type { MallItemDoc, StockHold } from '../../domain/mall/model'
import type { LedgerEntryDoc } from '../../domain/points/model'
import type { Database } from '../cloud'
import { MALL_ITEMS } from '../collections'
import { findById } from '../db'
import { findEntryByKey } from '../ledger'

/**
 * A unit of an item's stock taken for one redemption before its transaction runs (issue 14: one
 * popular item). When every redemption wrote the item inside its transaction, concurrent ones
 * conflicted on it (CloudBase answers a write conflict at once, server/tx.ts) and retried: at 20
 * riders on one item p99 was 5.9 s, over the function timeout. Now the item is written only by
 * plain conditional updates, which the database applies one after another and never conflict:
 *
 *   where({ _id, status: 'on', stock: _.gt(0), 'holds.<h>': _.exists(false) })
 *     .update({ stock: _.inc(-1), 'holds.<h>': { key, token, at } })
 *
 * `stats.updated` 1 means taken: the condition and the decrement are one atomic single-document
 * write, so stock never goes below 0 (Command.inc: "原子自增 … 多个用户同时写 … 不会有后来者覆写前者的情况",
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.inc.html;
 * Collection.update answers stats.updated, 0 when nothing matched,
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.update.html;
 * MongoDB, which CloudBase runs on: "a write operation is atomic on the level of a single document",
 * https://www.mongodb.com/docs/manual/core/write-operations-atomicity/; the emulator's conformance
 * cases update.where-multi-and-stats and update.conditional-inc-concurrent).
 *
 * The hold is the pending record of a two-step write: the redemption's transaction (balance, ledger
 * entry with the voucher) names the hold's token in its voucher, so whoever finds the hold later
 * knows whether it was used — completeHold removes a used one, releaseHold gives an unused one's
 * unit back. The redemption itself completes its hold after its commit; a hold left by a crash is
 * completed by the same key's retry, or by the next redemption of the item once it is older than
 * HOLD_TTL_MS (longer than the mall function's timeout, so its call has surely ended).
 */
export const HOLD_TTL_MS = 60_000

/** The hold's field name in `holds`: the key itself carries the openid and dots. */
export const holdField = (idempotencyKey: string): string => createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)

export type TakenHold = { ok: true; token: string; mine: boolean } | { ok: false; item: MallItemDoc | null }

/**
 * Takes one unit for `idempotencyKey`, or finds the hold an earlier call with the same key took
 * (a retry after a crash: `mine` false, its token). Not taken: the item is off sale or sold out.
 */
export async function takeHold(db: Database, itemId: string, idempotencyKey: string, now: Date): Promise<TakenHold> {
  const _ = db.command
  const h = holdField(idempotencyKey)
  const token = randomBytes(9).toString('base64url')
  const hold: StockHold = { key: idempotencyKey, token, at: now }
  const res = (await db
    .collection(MALL_ITEMS)
    .where({ _id: itemId, status: 'on', contentFlagged: false, stock: _.gt(0), [`holds.${h}`]: _.exists(false) })
    .update({ data: { stock: _.inc(-1), [`holds.${h}`]: _.set(hold), updatedAt: now } })) as { stats: { updated: number } }
  if (res.stats.updated === 1) return { ok: true, token, mine: true }
  const item = await findById<MallItemDoc>(db, MALL_ITEMS, itemId)
  const earlier = item?.holds?.[h]
  if (earlier && earlier.key === idempotencyKey) return { ok: true, token: earlier.token, mine: false }
  return { ok: false, item }
}

/** The hold was used by a committed redemption: remove it (the unit stays taken). */
export async function completeHold(db: Database, itemId: string, idempotencyKey: string, token: string): Promise<void> {
  const h = holdField(idempotencyKey)
  await db.collection(MALL_ITEMS).where({ _id: itemId, [`holds.${h}.token`]: token }).update({ data: { [`holds.${h}`]: db.command.remove() } })
}

/** The hold was not used (refused, busy, replayed): give its unit back, once. */
export async function releaseHold(db: Database, itemId: string, idempotencyKey: string, token: string): Promise<void> {
  const _ = db.command
  const h = holdField(idempotencyKey)
  await db.collection(MALL_ITEMS).where({ _id: itemId, [`holds.${h}.token`]: token }).update({ data: { stock: _.inc(1), [`holds.${h}`]: _.remove() } })
}

/** Whether a redemption committed with this hold: its ledger entry names the token. */
export const usedHold = (entry: LedgerEntryDoc | null, hold: StockHold): boolean => entry?.voucher?.hold === hold.token

/** Completes or releases the item's holds older than HOLD_TTL_MS (their calls have ended). */
export async function settleStaleHolds(db: Database, item: MallItemDoc, now: Date): Promise<number> {
  let settled = 0
  for (const hold of Object.values(item.holds ?? {})) {
    if (now.getTime() - new Date(hold.at).getTime() < HOLD_TTL_MS) continue
    const entry = await findEntryByKey(db, hold.key)
    await (usedHold(entry, hold) ? completeHold : releaseHold)(db, item._id, hold.key, hold.token)
    settled++
  }
  return settled
}

/** Re-reads the item and settles its stale holds (a test's or a timer's entry point). */
export async function settleItemHolds(db: Database, itemId: string, now: Date): Promise<number> {
  const item = await findById<MallItemDoc>(db, MALL_ITEMS, itemId)
  return item ? settleStaleHolds(db, item, now) : 0
}

/**
 * The outbox of subscribe messages that announce a state change (issue 14): a waitlist promotion, a
 * reply to a 微事我言 report, a verification result, a cancelled activity. A message sent after the
 * commit was lost for good when the function died (crash, 3–10 s timeout) between the two; so the
 * pending record is written in the SAME transaction as the change, sent after the commit, and marked.
 * A record still pending `RESEND_AFTER_MS` after it was written belongs to a call that died: the
 * `resendMessages` timer (suggestions function) sends it.
 *
 * At most one message per record. WeChat's `subscribeMessage.send` takes no idempotency key and
 * deduplicates nothing: each call that succeeds is delivered and uses up one of the rider's one-time
 * subscriptions (sendMessage.html, and 订阅消息 overview: 一次性订阅消息「用户订阅一次，可下发一条」,
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html). So
 * the sender first CLAIMS the record (one conditional update pending → sending: of two senders at
 * once, the database lets one win) and only the winner calls WeChat. A crash after the claim and
 * before the mark leaves it `sending`: WeChat may or may not have delivered it, and sending again
 * could deliver it twice, so it is never resent (counted by the timer as `unknown`).
 *
 * The records name the recipient (openid) and what the message says: `domain/personal-data.ts`
 * exports them and 注销 deletes them; every record goes `OUTBOX_RETENTION_DAYS` after it was written.
 */
import { randomBytes } from 'node:crypto'
import { OUTBOX_RETENTION_DAYS } from '../domain/privacy'
import type { SubscriptionKind } from '../domain/user/settings'
import type { Database } from './cloud'
import { MESSAGE_OUTBOX } from './collections'
import { sendSubscribeMessage, type FieldValue, type MessageValues } from './subscribe-messages'
import type { Tx } from './tx'

/** A pending record older than this was left by a call that died (functions time out within 60 s). */
export const RESEND_AFTER_MS = 5 * 60_000
/** Records one timer run handles. */
export const RESEND_BATCH = 100

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'refused'

/** One message to send. */
export interface Notice {
  kind: SubscriptionKind
  /** the recipient's openid (`touser`) */
  userId: string
  page: string
  values: Record<string, FieldValue>
}

export interface OutboxDoc extends Notice {
  _id: string
  status: OutboxStatus
  createdAt: Date
  claimedAt: Date | null
  doneAt: Date | null
}

/** A typed Notice (the values are checked against the message's fields). */
export const notice = <K extends SubscriptionKind>(kind: K, touser: string, page: string, values: MessageValues<K>): Notice => ({
  kind,
  userId: touser,
  page,
  values: values as Record<string, FieldValue>,
})

/** Inside the transaction of the change: one pending record per notice. Answers them, for `deliver`. */
export async function queueInTx(t: Tx, notices: readonly Notice[], now: Date): Promise<OutboxDoc[]> {
  const docs: OutboxDoc[] = []
  for (const n of notices) {
    const doc: OutboxDoc = { _id: `ob-${randomBytes(12).toString('hex')}`, ...n, status: 'pending', createdAt: now, claimedAt: null, doneAt: null }
    await t.collection(MESSAGE_OUTBOX).add({ data: doc as unknown as Record<string, unknown> })
    docs.push(doc)
  }
  return docs
}

/**
 * Sends each record that is still pending, after the commit: claim, send, mark. Never throws (a
 * failure leaves the record to the timer or, once claimed, as it is). Answers how many WeChat took.
 */
export async function deliver(db: Database, docs: readonly OutboxDoc[], now: Date = new Date()): Promise<number> {
  let sent = 0
  for (const d of docs) {
    try {
      const claim = (await db
        .collection(MESSAGE_OUTBOX)
        .where({ _id: d._id, status: 'pending' })
        .update({ data: { status: 'sending', claimedAt: now } })) as unknown as { stats?: { updated?: number } }
      if (!claim.stats?.updated) continue
      const ok = await sendSubscribeMessage(d.kind, d.userId, d.page, d.values as MessageValues<typeof d.kind>)
      await db
        .collection(MESSAGE_OUTBOX)
        .doc(d._id)
        .update({ data: { status: ok ? 'sent' : 'refused', doneAt: new Date() } })
      if (ok) sent++
    } catch (err) {
      console.warn(JSON.stringify({ level: 'warn', where: 'outbox.deliver', id: d._id, error: String((err as Error)?.message ?? err) }))
    }
  }
  return sent
}

export interface ResendResult {
  /** pending records found old enough */
  due: number
  sent: number
  /** records written more than RESEND_AFTER_MS ago that were claimed and never marked */
  unknown: number
  purged: number
}

/** The timer's job: the pending records of calls that died are sent; old records go. */
export async function resendPending(db: Database, now: Date): Promise<ResendResult> {
  const _ = db.command
  const res = (await db
    .collection(MESSAGE_OUTBOX)
    .where({ status: 'pending', createdAt: _.lte(new Date(now.getTime() - RESEND_AFTER_MS)) })
    .orderBy('createdAt', 'asc')
    .limit(RESEND_BATCH)
    .get()) as unknown as { data: OutboxDoc[] }
  const sent = await deliver(db, res.data, now)
  const stuck = (await db
    .collection(MESSAGE_OUTBOX)
    .where({ status: 'sending', createdAt: _.lte(new Date(now.getTime() - RESEND_AFTER_MS)) })
    .count()) as unknown as { total: number }
  const removed = (await db
    .collection(MESSAGE_OUTBOX)
    .where({ createdAt: _.lte(new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000)) })
    .remove()) as unknown as { stats?: { removed?: number } }
  return { due: res.data.length, sent, unknown: stuck.total, purged: removed.stats?.removed ?? 0 }
}

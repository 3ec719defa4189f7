/**
 * Timer trigger `resendMessages` (config.json, every 10 minutes): the subscribe messages whose call
 * died between the commit and the send are sent from the outbox (server/outbox.ts), whichever
 * function queued them — this bundle carries every message's template settings, as all bundles that
 * include the messages table do. It lives here because a function takes one timer trigger and this
 * one had none; the suggestions function sends most of the messages.
 */
import { getCloud } from '../../../server/cloud'
import { resendPending } from '../../../server/outbox'
import type { TimerEvent } from '../../../server/router'

export async function runTimer(event: TimerEvent): Promise<unknown> {
  const parsed = event.Time ? new Date(event.Time) : new Date()
  const now = Number.isNaN(parsed.getTime()) ? new Date() : parsed
  if (event.TriggerName === 'resendMessages') return { ok: true, data: await resendPending(getCloud().database(), now) }
  return { ok: false, error: { code: 'VALIDATION', message: `未知的定时任务「${event.TriggerName}」` } }
}
